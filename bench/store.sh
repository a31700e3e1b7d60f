#!/usr/bin/env bash
# W1 (100 clients x 16 in flight x 64 B) with the messages in files beside a SQLite file (the default,
# durable), in that SQLite file's table (im.inbox.store=database, durable) and in SQLite in memory
# (nothing written to disk), alternating, RUNS times each; with BASELINE_JAR set,
# also that jar (say, a build from before the inbox) with its own bench. Prints one JSON line a run
# and a table of medians with the ratio to the in-memory store (and to the baseline).
#   bench/store.sh                          # 3 runs each, 15 s after 5 s of warm-up
#   RUNS=1 DURATION=10s BASELINE_JAR=/tmp/im-before.jar bench/store.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
JAVA_SERVER=${JAVA_SERVER:-$( (ls /usr/lib/jvm/*-2[5-9]*/bin/java /usr/lib/jvm/*-2[1-4]*/bin/java 2>/dev/null || true) | head -1)}
JAVA_SERVER=${JAVA_SERVER:-java}
PORT=${PORT:-5301}
OUT=$(mktemp -d)
[ -f target/im-server.jar ] || ./mvnw -q package -DskipTests

# $1 label, $2 jar, $3 datasource URL (empty: the jar's default, for a baseline without a store),
# rest: more server arguments
run() {
  local label=$1 jar=$2 url=$3 store=()
  shift 3
  rm -rf "$OUT/data" "$OUT/users.txt"
  [ -n "$url" ] && store=("--spring.datasource.url=$url" "$@")
  "$JAVA_SERVER" -Xms512m -Xmx2g -jar "$jar" --im.throttle.enabled=false --im.tcp.port="$PORT" --server.port=0 --management.server.port=0 \
    --im.users.file="$OUT/users.txt" --im.auth.pbkdf2-iterations=1000 "${store[@]}" > "$OUT/server.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 240); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.25; done
  java -jar "$jar" bench --port "$PORT" --pid "$pid" --clients 100 --window 16 --size 64 --duration "$DURATION" \
    --warmup "$WARMUP" --json | sed "s/^{/{\"label\":\"$label\",/" | tee -a "$OUT/results.jsonl"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
}

for i in $(seq 1 "$RUNS"); do
  run "files" target/im-server.jar "jdbc:sqlite:$OUT/data/im.db"
  run "sqlite-table" target/im-server.jar "jdbc:sqlite:$OUT/data/im.db" --im.inbox.store=database
  run "sqlite-memory" target/im-server.jar "jdbc:sqlite:file:im?mode=memory&cache=shared"
  [ -n "${BASELINE_JAR:-}" ] && run "baseline" "$BASELINE_JAR" ""
done
python3 - "$OUT/results.jsonl" <<'PY'
import json, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    runs.setdefault(r["label"], []).append(r)
med = lambda rs, k: statistics.median(r[k] for r in rs)
memory = med(runs["sqlite-memory"], "msgs_per_s")
base = med(runs["baseline"], "msgs_per_s") if "baseline" in runs else None
print("| store | runs | msgs/s (median) | msgs per server CPU-s | p99 ms | lost | x in-memory store |" + (" x baseline |" if base else ""))
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |" + (" ---: |" if base else ""))
for label, rs in runs.items():
    m = med(rs, "msgs_per_s")
    row = f"| {label} | {len(rs)} | {m:,.0f} | {med(rs, 'msgs_per_server_cpu_s'):,.0f} | {med(rs, 'p99_us') / 1000:.1f} | {sum(r['lost'] for r in rs)} | {m / memory:.2f} |"
    print(row + (f" {m / base:.2f} |" if base else ""))
PY
