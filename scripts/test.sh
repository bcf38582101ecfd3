#!/usr/bin/env bash
# Quickstart 2: set up with the test extras, then run the test suite.
# Extra arguments go to pytest. Exit 5 (no tests collected) counts as failure:
# a suite that ran nothing proves nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
set +e
.venv/bin/python -m pytest "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "test.sh: pytest collected no tests" >&2
  exit 1
fi
exit "$rc"
