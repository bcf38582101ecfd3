#!/usr/bin/env bash
# LibreOffice for the old-format tests (.doc/.wps/.et are converted by headless
# soffice, see src/extract/load/office.py) and for the page-break PDFs they make:
# installs Debian's libreoffice-writer and libreoffice-calc when soffice is
# missing. Idempotent and quiet; exits non-zero (with a line on stderr) if it
# cannot be had, and those tests then skip saying why.
set -euo pipefail
say() { echo "office.sh: $*" >&2; }
command -v soffice >/dev/null 2>&1 && exit 0
if [ "$(id -u)" -ne 0 ]; then
  say "soffice is missing and not root: install Debian's libreoffice-writer libreoffice-calc"
  exit 1
fi
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
say "installing Debian's libreoffice-writer libreoffice-calc"
if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
       && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
          libreoffice-writer libreoffice-calc; } >"$log" 2>&1; then
  tail -n 5 "$log" >&2
  say "could not install LibreOffice"
fi
command -v soffice >/dev/null 2>&1 || { say "soffice is missing"; exit 1; }
