#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and benchmarks: no TCP port, a private Unix
# socket inside its own folder, trust authentication for the one superuser it makes.
#
#   scripts/pg_cluster.sh start DIR   # initdb into DIR (when new), start; prints the URL
#   scripts/pg_cluster.sh stop DIR    # stop it (the folder stays; rm -r it to forget it)
#
# Run as root (CI), the server runs as the `postgres` user, as Debian's own clusters do.
set -euo pipefail
action="${1:?start or stop}"
dir="$(mkdir -p "${2:?a folder}" && cd "$2" && pwd)"
user=secdesk_test

bindir=""
for candidate in "$(pg_config --bindir 2>/dev/null || true)" /usr/lib/postgresql/*/bin; do
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then bindir="$candidate"; fi
done
if [ -z "$bindir" ]; then
    echo "pg_cluster: no PostgreSQL server here (apt-get install postgresql)" >&2
    exit 1
fi

as_server() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
start)
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    chmod 0700 "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        as_server "$bindir/initdb" -D "$dir/data" -U "$user" --auth=trust -E UTF8 \
            --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
            cat "$dir/initdb.log" >&2
            exit 1
        }
    fi
    # Other users (root's tests) reach the socket through the folder.
    chmod 0711 "$dir"
    as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s \
        -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c max_connections=200" \
        start
    echo "postgresql://$user@/postgres?host=$dir"
    ;;
stop)
    as_server "$bindir/pg_ctl" -D "$dir/data" -m fast -w -s stop
    ;;
*)
    echo "pg_cluster: start or stop" >&2
    exit 2
    ;;
esac
