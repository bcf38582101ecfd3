#!/usr/bin/env bash
# Headless Chromium for the browser tests (tests/test_review_browser.py):
# installs Debian's chromium package if /usr/bin/chromium is missing, and a
# Chinese font (fonts-noto-cjk) if the machine has none, so screenshots show
# the text. Idempotent and quiet; exits non-zero (with a line on stderr) if the
# browser cannot be had, and the browser tests then skip saying why.
# Playwright drives this browser through its executable path: no browser is
# ever downloaded.
set -euo pipefail
chromium="${EXTRACT_CHROMIUM:-/usr/bin/chromium}"
say() { echo "browser.sh: $*" >&2; }
need=()
[ -x "$chromium" ] || need+=(chromium)
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ]; then
  need+=(fonts-noto-cjk)
fi
[ "${#need[@]}" -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  say "missing ${need[*]} and not root: install Debian's packages ${need[*]}"
  [ -x "$chromium" ] && exit 0
  exit 1
fi
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
say "installing Debian's ${need[*]}"
if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
       && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"; } >"$log" 2>&1; then
  tail -n 5 "$log" >&2
  say "could not install ${need[*]}"
fi
[ -x "$chromium" ] || { say "$chromium is missing"; exit 1; }
