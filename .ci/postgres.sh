#!/usr/bin/env bash
# Starts a throw-away PostgreSQL on 127.0.0.1 for the store tests and prints the JDBC URL that
# they read from IM_TEST_POSTGRES_URL. Installs PostgreSQL from the distribution's packages if
# missing. Usage: url=$(.ci/postgres.sh start DIR); .ci/postgres.sh stop DIR
# A test that takes the database away and back: .ci/postgres.sh pause DIR, then resume DIR.
set -euo pipefail
action=$1
dir=$2
port=${IM_TEST_POSTGRES_PORT:-55432}

# The first free port from there (a developer's own test PostgreSQL may hold the first).
free_port() {
  local p=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

# A throw-away database: no fsync, and no zeroing of each new WAL segment, which holds up the
# insert that crosses into it (docs/CLUSTER.md); a long-running database recycles old segments
# instead, so the benchmark measures that steady state from its first second.
start_on() {
  as_owner "'$bin/pg_ctl' -D '$dir/data' -l '$dir/log' -w -o \"-p $1 -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off -c wal_init_zero=off\" start" >&2
}

case "$action" in
  start)
    if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
      echo "installing PostgreSQL from the distribution's packages" >&2
      apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    fi
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    port=$(free_port "$port")
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "'$bin/initdb' -D '$dir/data' -A trust -U im" >/dev/null
    start_on "$port"
    as_owner "'$bin/createdb' -h 127.0.0.1 -p $port -U im im"
    echo "$port" > "$dir/port"
    echo "jdbc:postgresql://127.0.0.1:$port/im?user=im"
    ;;
  pause)
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    as_owner "'$bin/pg_ctl' -D '$dir/data' -m immediate -w stop" >&2
    ;;
  resume)
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    start_on "$(cat "$dir/port")"
    ;;
  stop)
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    as_owner "'$bin/pg_ctl' -D '$dir/data' -m fast -w stop" >&2 || true
    rm -rf "$dir"
    ;;
esac
