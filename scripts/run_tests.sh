#!/usr/bin/env bash
# Run the test suite twice: on SQLite, then on a throw-away PostgreSQL server.
#
#   scripts/run_tests.sh [PYTEST ARGS...]
#
# Both runs always happen (unless interrupted); the script exits non-zero if
# either of them failed. The PostgreSQL server is started by
# scripts/with_postgres.sh (sourced here) and removed afterwards, whatever
# happens.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."

PY=${PY:-.venv/bin/python}
if [[ ! -x $PY ]]; then
    echo "run_tests: $PY not found; run 'make setup' first" >&2
    exit 1
fi

# Ctrl-C stops everything (pytest itself exits 2 on Ctrl-C, which would
# otherwise let the script go on with the next run).
trap 'exit 130' INT
trap 'exit 143' TERM

# shellcheck source=scripts/with_postgres.sh
source "$here/with_postgres.sh"

unset TEST_DATABASE_URL

echo "== tests on SQLite =="
sqlite_rc=0
"$PY" -m pytest "$@" || sqlite_rc=$?

pg_start   # sets traps that stop the server and delete its directory on exit
echo "== tests on PostgreSQL $PG_VERSION at 127.0.0.1:$PG_PORT =="
pg_rc=0
"$PY" -m pytest "$@" || pg_rc=$?

# Nothing is printed after pytest's own closing line unless something failed.
if [[ $sqlite_rc -ne 0 || $pg_rc -ne 0 ]]; then
    echo "run_tests: FAILED (pytest exit status: SQLite $sqlite_rc, PostgreSQL $PG_VERSION $pg_rc)" >&2
    exit $(( sqlite_rc != 0 ? sqlite_rc : pg_rc ))
fi
