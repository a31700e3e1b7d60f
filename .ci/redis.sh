#!/usr/bin/env bash
# Starts a throw-away Redis on 127.0.0.1 for the cluster tests and prints its URL, which they
# read from IM_TEST_REDIS_URL. Installs redis-server from the distribution's packages if missing.
# Usage: url=$(.ci/redis.sh start DIR); .ci/redis.sh stop DIR
set -euo pipefail
action=$1
dir=$2
port=${IM_TEST_REDIS_PORT:-56379}

# The first free port from there (a developer's own Redis may hold the first).
free_port() {
  local p=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

case "$action" in
  start)
    if ! command -v redis-server >/dev/null; then
      echo "installing Redis from the distribution's packages" >&2
      apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >&2
    fi
    port=$(free_port "$port")
    mkdir -p "$dir"
    # No persistence: the tests restart it on purpose and expect it empty.
    redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --save '' --appendonly no \
      --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/log" >&2
    for _ in $(seq 1 50); do
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
      sleep 0.1
    done
    echo "redis://127.0.0.1:$port"
    ;;
  stop)
    if [ -f "$dir/redis.pid" ]; then
      pid=$(cat "$dir/redis.pid")
      kill "$pid" 2>/dev/null || true
      # Redis opens its log file for each line, so one written while it exits would outlive the rm.
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$dir"
    ;;
esac
