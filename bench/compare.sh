#!/usr/bin/env bash
# Runs the same workloads against ngIRCd and im-server, one after the other, in one run, and
# prints a table with ratios (docs/PERFORMANCE.md explains the workloads and the method).
#
#   bench/compare.sh                 # all workloads, 15 s each after 20 s of warm-up
#   DURATION=5s bench/compare.sh W1  # some workloads, shorter
#
# It installs ngIRCd from Debian's packages (apt-get, with sudo when not root) if it is missing,
# and says so before it does. JAVA_SERVER picks the JVM for im-server (default: a Java 21+ under /usr/lib/jvm if there is
# one, for virtual threads; else `java`). Results go to $OUT (default: a temp folder).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-15s}
# Twenty seconds: five seconds into W1 the JIT was still compiling, 15 % of the server's CPU in
# the window (docs/PERFORMANCE.md, the eleventh look). ngIRCd compiles nothing.
WARMUP=${WARMUP:-20s}
WORKLOADS=${*:-W1 W2 W3 W4 W5}
OUT=${OUT:-$(mktemp -d)}
# ngIRCd accepts about 11 connections a second from one address here, so 10,000 would spend a
# quarter of an hour setting up; per-connection memory is measured at the same count for both.
W4_CONNECTIONS=${W4_CONNECTIONS:-2000}
IRC_PORT=${IRC_PORT:-16667}
IM_PORT=${IM_PORT:-15001}
JAVA_SERVER=${JAVA_SERVER:-$( (ls /usr/lib/jvm/*-2[5-9]*/bin/java /usr/lib/jvm/*-2[1-4]*/bin/java 2>/dev/null || true) | head -1)}
JAVA_SERVER=${JAVA_SERVER:-java}
# A fixed heap, so that figures compare run to run.
IM_JVM_FLAGS=${IM_JVM_FLAGS:--Xms512m -Xmx2g}
# For the idle run: G1 (the default) collects every second when idle and gives back what it
# does not need, so that the memory of an idle server is its live data, not garbage from setup.
IM_IDLE_JVM_FLAGS=${IM_IDLE_JVM_FLAGS:--Xms32m -Xmx2g -XX:G1PeriodicGCInterval=1000 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20}

if ! command -v ngircd >/dev/null; then
  echo "compare.sh: installing ngIRCd from Debian's packages" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq ngircd >/dev/null; else sudo apt-get install -y -qq ngircd >/dev/null; fi
fi
[ -f target/im-server.jar ] || ./mvnw -q package -DskipTests
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# A fair ngIRCd: penalties (its flood control) off, no connection limits, no DNS or ident look-ups.
cat > "$OUT/ngircd.conf" <<CONF
[Global]
Name = bench.irc.local
Info = bench
Listen = 127.0.0.1
Ports = $IRC_PORT
MotdPhrase = bench
PidFile = $OUT/ngircd.pid
[Limits]
MaxConnections = 0
MaxConnectionsIP = 0
MaxNickLength = 30
MaxPenaltyTime = 0
PingTimeout = 600
PongTimeout = 600
[Options]
DNS = no
Ident = no
PAM = no
CONF

server_pid=
start_ngircd() {
  ngircd -n -f "$OUT/ngircd.conf" > "$OUT/ngircd.log" 2>&1 &
  server_pid=$!
  wait_port "$IRC_PORT"
}
# $1: password hashing iterations (1000 for bench users; the default for the login storm),
# $2: JVM flags (default $IM_JVM_FLAGS)
start_im() {
  rm -rf "$OUT/users.txt" "$OUT/data"
  # shellcheck disable=SC2086
  "$JAVA_SERVER" ${2:-$IM_JVM_FLAGS} -jar target/im-server.jar --im.throttle.enabled=false \
    --im.tcp.port="$IM_PORT" --server.port=0 --management.server.port=0 --spring.datasource.url="${IM_STORE_URL:-jdbc:sqlite:$OUT/data/im.db}" \
    --im.users.file="$OUT/users.txt" --im.auth.pbkdf2-iterations="$1" > "$OUT/im-server.log" 2>&1 &
  server_pid=$!
  wait_port "$IM_PORT"
}
wait_port() {
  for _ in $(seq 1 240); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.25
  done
  echo "compare.sh: nothing listens on port $1" >&2; exit 1
}
stop_server() {
  kill -TERM "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
}
# $1: label, $2: irc|im, rest: bench options
bench() {
  local label=$1 protocol=$2; shift 2
  local port=$IM_PORT; [ "$protocol" = irc ] && port=$IRC_PORT
  echo "== $label" >&2
  java -jar target/im-server.jar bench --protocol "$protocol" --port "$port" --pid "$server_pid" \
    --warmup "$WARMUP" --json "$@" | tee -a "$OUT/results.jsonl" | sed "s/^/$label /" >&2 || true
  tail -1 "$OUT/results.jsonl" | sed "s/^{/{\"label\":\"$label\",/" >> "$OUT/labelled.jsonl"
}
# $1: workload, $2: im-server JVM flags, rest: bench options; runs ngIRCd, then im-server,
# each freshly started
both() {
  local w=$1 flags=$2; shift 2
  start_ngircd; bench "$w ngircd" irc "$@"; stop_server
  start_im 1000 "$flags"; bench "$w im-server" im "$@"; stop_server
}

for w in $WORKLOADS; do
  case $w in
    W1) both W1 "$IM_JVM_FLAGS" --clients 100 --window 16 --size 64 --duration "$DURATION" ;;
    W2) both W2 "$IM_JVM_FLAGS" --clients 2000 --window 4 --size 64 --duration "$DURATION" ;;
    W3) both W3 "$IM_JVM_FLAGS" --clients 200 --rate 20000 --size 64 --duration "$DURATION" ;;
    W4) both W4 "$IM_IDLE_JVM_FLAGS" --idle "$W4_CONNECTIONS" --duration 10s ;;
    W5) start_im 310000; bench "W5 im-server" im --clients 200 --rate 20000 --size 64 --logins 500 \
          --duration "$DURATION"; stop_server ;;
    *) echo "compare.sh: no workload $w (W1..W5)" >&2; exit 2 ;;
  esac
done

"$JAVA_SERVER" -version 2>&1 | head -1 | sed 's/^/im-server JVM: /'
python3 "$(dirname "$0")/table.py" "$OUT/labelled.jsonl"
echo "raw results: $OUT/labelled.jsonl"
