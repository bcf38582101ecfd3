#!/usr/bin/env bash
# Create .venv (once) and install extract with the given extras into it.
# Usage: scripts/setup.sh [EXTRAS]   e.g. scripts/setup.sh test
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
fi
spec="."
[ -n "$extras" ] && spec=".[$extras]"
# Reinstall only when the project metadata changed since the last install.
stamp=".venv/.extract-installed-$extras"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec"
  touch "$stamp"
fi
# EXTRACT_OFFICE=1: also install LibreOffice, which reads .doc/.wps/.et (Debian, needs root)
if [ "${EXTRACT_OFFICE:-}" = 1 ]; then
  scripts/office.sh
fi
