#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL server.
#
#   scripts/with_postgres.sh CMD [ARGS...]
#
# Starts a fresh cluster in a temporary directory on a free loopback port,
# creates the database "matchmaker_test", exports
#
#   TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:PORT/matchmaker_test
#   PGHOST=127.0.0.1 PGPORT=PORT PGUSER=postgres PGDATABASE=matchmaker_test
#
# runs CMD, then stops the server and deletes the directory, whatever happens
# (success, failure, Ctrl-C). Exits with CMD's exit status.
#
# The file can also be sourced (scripts/run_tests.sh does): it then only
# defines pg_start / pg_stop and the PG_* variables, and runs nothing.
#
# As root, initdb/postgres run as the "postgres" user via runuser (they refuse
# to run as root); as any other user they run as that user.

PG_DBNAME=${PG_DBNAME:-matchmaker_test}
PG_TMPDIR=""
PG_PORT=""
PG_BINDIR=""
PG_VERSION=""

_pg_log() { echo "with_postgres: $*" >&2; }

_pg_find_bindir() {
    local dir
    if command -v pg_config >/dev/null 2>&1; then
        dir=$(pg_config --bindir 2>/dev/null || true)
        if [[ -n $dir && -x $dir/initdb && -x $dir/pg_ctl ]]; then
            PG_BINDIR=$dir
            return 0
        fi
    fi
    # Highest installed major version first.
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -V -r); do
        if [[ -x $dir/initdb && -x $dir/pg_ctl ]]; then
            PG_BINDIR=$dir
            return 0
        fi
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        PG_BINDIR=$(dirname "$(command -v initdb)")
        return 0
    fi
    _pg_log "no PostgreSQL server binaries found (initdb/pg_ctl)." \
        "Install them with 'apt-get install postgresql' or run 'make setup'."
    return 1
}

# Run a server-side command as the cluster owner.
_pg_as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        (cd "$PG_TMPDIR" && runuser -u postgres -- "$@")
    else
        (cd "$PG_TMPDIR" && "$@")
    fi
}

_pg_free_port() {
    local py
    py=$(command -v python3 || command -v python)
    "$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

pg_start() {
    _pg_find_bindir || return 1
    PG_VERSION=$("$PG_BINDIR/postgres" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)*.*/\1/')

    PG_TMPDIR=$(mktemp -d "${TMPDIR:-/tmp}/matchmaker-pg.XXXXXX")
    # Clean up from here on, whatever happens.
    trap pg_stop EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    trap 'exit 129' HUP

    mkdir -p "$PG_TMPDIR/sock"
    if [[ $(id -u) -eq 0 ]]; then
        chown -R postgres: "$PG_TMPDIR"
    fi

    local initdb_log="$PG_TMPDIR/initdb.log"
    if ! _pg_as_owner "$PG_BINDIR/initdb" -D "$PG_TMPDIR/data" -U postgres --auth=trust \
            -E UTF8 --locale=C.UTF-8 >"$initdb_log" 2>&1; then
        # Fall back to the C locale where C.UTF-8 is not available.
        rm -rf "$PG_TMPDIR/data"
        if ! _pg_as_owner "$PG_BINDIR/initdb" -D "$PG_TMPDIR/data" -U postgres --auth=trust \
                -E UTF8 --no-locale >"$initdb_log" 2>&1; then
            cat "$initdb_log" >&2
            _pg_log "initdb failed"
            return 1
        fi
    fi

    # A port picked this way may be taken by someone else before postgres binds
    # it: try a few times.
    local attempt
    for attempt in 1 2 3 4 5; do
        PG_PORT=$(_pg_free_port)
        if _pg_as_owner "$PG_BINDIR/pg_ctl" -D "$PG_TMPDIR/data" -l "$PG_TMPDIR/server.log" -w -t 60 \
                -o "-k $PG_TMPDIR/sock -c listen_addresses=127.0.0.1 -p $PG_PORT -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
                start >/dev/null; then
            break
        fi
        if [[ $attempt -eq 5 ]]; then
            cat "$PG_TMPDIR/server.log" >&2 || true
            _pg_log "could not start PostgreSQL"
            return 1
        fi
        _pg_log "start on port $PG_PORT failed, retrying"
    done

    "$PG_BINDIR/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$PG_DBNAME"

    export TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/$PG_DBNAME"
    export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=postgres PGDATABASE=$PG_DBNAME
}

pg_stop() {
    local rc=$?
    trap - EXIT INT TERM HUP
    if [[ -n $PG_TMPDIR && -d $PG_TMPDIR ]]; then
        if [[ -f $PG_TMPDIR/data/postmaster.pid ]]; then
            if ! _pg_as_owner "$PG_BINDIR/pg_ctl" -D "$PG_TMPDIR/data" -m fast -w -t 30 stop >/dev/null 2>&1; then
                # Last resort: kill the postmaster (its children follow).
                local pid
                pid=$(head -n 1 "$PG_TMPDIR/data/postmaster.pid" 2>/dev/null || true)
                if [[ -n $pid ]]; then
                    _pg_log "pg_ctl stop failed; killing postmaster $pid"
                    kill -QUIT "$pid" 2>/dev/null || true
                    sleep 1
                    kill -KILL "$pid" 2>/dev/null || true
                fi
            fi
        fi
        rm -rf "$PG_TMPDIR"
    fi
    PG_TMPDIR=""
    return $rc
}

# Executed (not sourced): run the given command against a fresh server.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    set -euo pipefail
    if [[ $# -eq 0 ]]; then
        echo "usage: $0 CMD [ARGS...]" >&2
        exit 2
    fi
    pg_start
    _pg_log "PostgreSQL $PG_VERSION at 127.0.0.1:$PG_PORT, TEST_DATABASE_URL=$TEST_DATABASE_URL"
    set +e
    "$@"
    rc=$?
    set -e
    exit $rc
fi
