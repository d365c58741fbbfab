#!/usr/bin/env bash
# The whole suite (`make test`, and CI through .ci/run), on a fresh machine too:
# - installs Debian's chromium (browser tests) and postgresql (the PostgreSQL store's tests)
#   when missing, as root or through sudo;
# - starts a throwaway PostgreSQL on loopback for the run (scripts/test_postgres.sh) unless
#   SPENDLINE_TEST_PG_URL already names one, and stops it whatever happens;
# - runs the unit, view and page tests on both cores, on the suite's pinned day
#   (tests/conftest.py), then their fast part again with the clock on a day that stresses
#   the calendar (SPENDLINE_STRESS_DAY, default 2026-12-31: the last day of a fiscal year),
#   then the browser tests (each starts a real app server and Chromium), then ruff.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

missing=()
[ -x /usr/bin/chromium ] || [ -n "${SPENDLINE_CHROMIUM:-}" ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "Installing ${missing[*]} (Debian packages) for the tests..."
    $sudo apt-get update
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

if [ -z "${SPENDLINE_TEST_PG_URL:-}" ]; then
    eval "$(bash scripts/test_postgres.sh start)"
    trap 'bash scripts/test_postgres.sh stop "$SPENDLINE_TEST_PG_DIR"' EXIT
fi

"$PY" -m pytest -n 2 --ignore=tests/browser
# No test may depend on the day it runs: the fast part again on another day. Left out there:
# the PostgreSQL twins of the DuckDB tests (the same SQL) and the file-reading tests that
# have no day in them (hostile files, the parse worker, generated sheets, crashes).
echo "The unit, view and page tests again, as of ${SPENDLINE_STRESS_DAY:-2026-12-31}:"
SPENDLINE_TODAY=${SPENDLINE_STRESS_DAY:-2026-12-31} "$PY" -m pytest -n 2 --ignore=tests/browser \
    -k "not postgres" --ignore=tests/test_hostile_files.py \
    --ignore=tests/test_plain_failures.py --ignore=tests/test_intake_properties.py \
    --ignore=tests/test_fast_intake.py --ignore=tests/test_crash_and_concurrency.py
"$PY" -m pytest tests/browser
"$PY" -m ruff check .
