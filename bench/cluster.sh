#!/usr/bin/env bash
# W1 and W3 on one node (the default store), on one cluster node (PostgreSQL and Redis), and on
# two cluster nodes with every message crossing from one node to the other (bench --hosts), in
# one run; ROUNDS rounds, alternating. Also samples the CPU of PostgreSQL's and Redis's
# processes over each run. docs/CLUSTER.md reports the figures.
#
#   PG_URL=jdbc:postgresql://127.0.0.1:55432/im?user=im REDIS_URL=redis://127.0.0.1:56379 bench/cluster.sh
#
# PG_URL and REDIS_URL name a PostgreSQL and a Redis of this machine (.ci/postgres.sh and
# .ci/redis.sh start throw-away ones); each run gets a fresh schema and an empty Redis.
# CONFIGS and WORKLOADS pick a part of the run (default: all of it); JAR another build.
# Results: one JSON line per run in $OUT (default: a temp folder), and a table.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${PG_URL:?give PG_URL}" "${REDIS_URL:?give REDIS_URL}"
JAVA=${JAVA:-java}
JAR=${JAR:-target/im-server.jar}
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-15s}
CONFIGS=${CONFIGS:-single cluster1 cluster2}
WORKLOADS=${WORKLOADS:-W1 W3}
OUT=${OUT:-$(mktemp -d)}
[ -f "$JAR" ] || ./mvnw -q package -DskipTests
JAR=$(realpath "$JAR")
pg_port=$(sed -E 's|.*://[^:]+:([0-9]+)/.*|\1|' <<<"$PG_URL")
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
redis_port=${REDIS_URL##*:}

# CPU seconds of every process whose command line mentions $1 (utime + stime of /proc/<pid>/stat).
cpu_of() {
  local total=0 pid
  for pid in $(pgrep -f -- "$1" || true); do
    total=$(awk -v t="$total" '{ s = $0; sub(/.*\) /, "", s); split(s, f, " "); print t + (f[12] + f[13]) / 100 }' \
      "/proc/$pid/stat" 2>/dev/null || echo "$total")
  done
  echo "$total"
}

start_node() { # folder tcp-port web-port mgmt-port extra-args...
  local dir=$1 port=$2 web=$3 mgmt=$4; shift 4
  mkdir -p "$dir"
  (cd "$dir" && exec "$JAVA" -Xms512m -Xmx2g -jar "$JAR" --im.throttle.enabled=false \
    --im.auth.pbkdf2-iterations=1000 --im.tcp.port="$port" --server.port="$web" --management.server.port="$mgmt" \
    "$@" >server.log 2>&1) &
  for _ in $(seq 1 120); do grep -q "Ready:" "$dir/server.log" 2>/dev/null && return; sleep 0.5; done
  echo "node in $dir did not start" >&2; tail -20 "$dir/server.log" >&2; exit 1
}

run() { # config workload
  local config=$1 w=$2 d; d=$(mktemp -d)
  local args
  if [ "$w" = W1 ]; then args="--clients 100 --window 16 --size 64"; else args="--clients 200 --rate 20000 --size 64"; fi
  local schema="bench_$(date +%s%N)"
  local cluster=(--im.cluster.enabled=true "--spring.datasource.url=$PG_URL&currentSchema=$schema"
    "--spring.data.redis.url=$REDIS_URL")
  "$pg_bin/psql" -q -h 127.0.0.1 -p "$pg_port" -U im im -c "create schema $schema" >/dev/null
  redis-cli -p "$redis_port" flushall >/dev/null
  case $config in
    single) start_node "$d/a" 15101 18101 18201; hosts="--port 15101" ;;
    cluster1) start_node "$d/a" 15101 18101 18201 "${cluster[@]}" --im.cluster.node-id=a; hosts="--port 15101" ;;
    cluster2) start_node "$d/a" 15101 18101 18201 "${cluster[@]}" --im.cluster.node-id=a
              start_node "$d/b" 15102 18102 18202 "${cluster[@]}" --im.cluster.node-id=b
              hosts="--hosts 127.0.0.1:15101,127.0.0.1:15102" ;;
  esac
  local pids; pids=$(pgrep -d, -f "im.tcp.port=1510[12]")
  local pg_before redis_before; pg_before=$(cpu_of "postgres: ") redis_before=$(cpu_of "redis-server.*:$redis_port")
  local res; res=$("$JAVA" -jar "$JAR" bench $hosts $args --warmup "$WARMUP" --duration "$DURATION" \
    --pid "$pids" --json 2>/dev/null | tail -1)
  local pg_after redis_after; pg_after=$(cpu_of "postgres: ") redis_after=$(cpu_of "redis-server.*:$redis_port")
  echo "{\"config\":\"$config\",\"w\":\"$w\",\"postgres_cpu_s\":$(awk -v a="$pg_after" -v b="$pg_before" 'BEGIN{print a-b}'),\"redis_cpu_s\":$(awk -v a="$redis_after" -v b="$redis_before" 'BEGIN{print a-b}'),\"r\":$res}" | tee -a "$OUT/cluster.jsonl"
  pkill -f "im.tcp.port=1510[12]" || true
  while pgrep -f "im.tcp.port=1510[12]" >/dev/null; do sleep 0.2; done
  "$pg_bin/psql" -q -h 127.0.0.1 -p "$pg_port" -U im im -c "drop schema $schema cascade" >/dev/null
  rm -rf "$d"
}

for _ in $(seq 1 "$ROUNDS"); do
  for w in $WORKLOADS; do
    for config in $CONFIGS; do run "$config" "$w"; done
  done
done
python3 - "$OUT/cluster.jsonl" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
print(f"{'':10} {'':3} {'msgs/s':>9} {'p50 µs':>8} {'p99 µs':>8} {'server CPU-s':>13} {'PG CPU-s':>9} {'Redis CPU-s':>12}")
for w in ("W1", "W3"):
    for config in ("single", "cluster1", "cluster2"):
        runs = [r for r in rows if r["w"] == w and r["config"] == config]
        if not runs:
            continue
        med = lambda f: statistics.median(f(r) for r in runs)
        print(f"{config:10} {w:3} {med(lambda r: r['r']['msgs_per_s']):>9.0f} {med(lambda r: r['r']['p50_us']):>8.0f}"
              f" {med(lambda r: r['r']['p99_us']):>8.0f} {med(lambda r: r['r']['server_cpu_s']):>13.2f}"
              f" {med(lambda r: r['postgres_cpu_s']):>9.2f} {med(lambda r: r['redis_cpu_s']):>12.2f}")
PY
echo "runs: $OUT/cluster.jsonl"
