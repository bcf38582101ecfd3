#!/usr/bin/env bash
# Quickstart 2: set up with the test extras, then run the test suite.
# Extra arguments go to pytest. Exit 5 (no tests collected) counts as failure:
# a suite that ran nothing proves nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
# PostgreSQL for the database tests: started here (installed if missing) and
# stopped at the end if this run started it; without it those tests skip.
if [ -z "${EXTRACT_TEST_PG_URL:-}" ]; then
  pg_was_running=0
  scripts/postgres.sh status >/dev/null 2>&1 && pg_was_running=1
  if EXTRACT_TEST_PG_URL="$(scripts/postgres.sh start)"; then
    export EXTRACT_TEST_PG_URL
    [ "$pg_was_running" -eq 0 ] && trap 'scripts/postgres.sh stop' EXIT
  else
    unset EXTRACT_TEST_PG_URL
    echo "test.sh: PostgreSQL could not be started: the PostgreSQL tests will be skipped" >&2
  fi
fi
# Headless Chromium for the review-page browser tests (installed if missing);
# without it those tests skip, saying why.
scripts/browser.sh || echo "test.sh: Chromium could not be installed: the browser tests will be skipped" >&2
# LibreOffice for the .doc/.wps tests (installed if missing); without it they skip.
scripts/office.sh || echo "test.sh: LibreOffice could not be installed: the .doc/.wps tests will be skipped" >&2
set +e
.venv/bin/python -m pytest "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "test.sh: pytest collected no tests" >&2
  exit 1
fi
exit "$rc"
