#!/usr/bin/env bash
# Runs the same workloads against ngIRCd, InspIRCd and im-server, one after the other, in one
# run, and prints a table with ratios (docs/PERFORMANCE.md explains the workloads and the method).
#
#   bench/compare.sh                 # all workloads, 15 s each after 20 s of warm-up
#   DURATION=5s bench/compare.sh W1  # some workloads, shorter
#
# It installs ngIRCd and InspIRCd from Debian's packages (apt-get, with sudo when not root) if
# they are missing, and says so before it does. im-server runs as the README starts it, on the
# JDK a user gets from `java`, and again on the newest JDK under /usr/lib/jvm when that is a
# newer one (NEWEST_JAVA= to leave it out). Results go to $OUT (default: a temp folder).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-15s}
# Twenty seconds: five seconds into W1 the JIT was still compiling, 15 % of the server's CPU in
# the window (docs/PERFORMANCE.md). The C servers compile nothing.
WARMUP=${WARMUP:-20s}
WORKLOADS=${*:-W1 W2 W3 W3q W4 W4t W5 W6}
OUT=${OUT:-$(mktemp -d)}
W4_CONNECTIONS=${W4_CONNECTIONS:-10000}
W6_CONNECTIONS=${W6_CONNECTIONS:-50000}
IDLE_SETTLE=${IDLE_SETTLE:-15}
NGIRCD_PORT=${NGIRCD_PORT:-16667}
INSPIRCD_PORT=${INSPIRCD_PORT:-16668}
IM_PORT=${IM_PORT:-15001}
IM_TLS_PORT=${IM_TLS_PORT:-15002}
# No JVM options by default: what a user who follows the README gets.
IM_JVM_FLAGS=${IM_JVM_FLAGS:-}

major() { "$1" -version 2>&1 | sed -nE '1s/.*version "([0-9]+).*/\1/p'; }
USER_JAVA=$(command -v java)
NEWEST_JAVA=${NEWEST_JAVA-$( (ls -d /usr/lib/jvm/*/bin/java 2>/dev/null || true) | while read -r j; do
  echo "$(major "$j") $j"; done | sort -n | tail -1 | cut -d' ' -f2)}
if [ -n "$NEWEST_JAVA" ] && [ "$(major "$NEWEST_JAVA")" -le "$(major "$USER_JAVA")" ]; then NEWEST_JAVA=; fi
IM_SERVERS="im-$(major "$USER_JAVA")"
[ -n "$NEWEST_JAVA" ] && IM_SERVERS="$IM_SERVERS im-$(major "$NEWEST_JAVA")"
java_of() { if [ "$1" = "im-$(major "$USER_JAVA")" ]; then echo "$USER_JAVA"; else echo "$NEWEST_JAVA"; fi; }

install() { # package
  echo "compare.sh: installing $1 from Debian's packages" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq "$1" >/dev/null; else sudo apt-get install -y -qq "$1" >/dev/null; fi
}
command -v ngircd >/dev/null || install ngircd
command -v inspircd >/dev/null || install inspircd
[ -f target/im-server.jar ] || ./mvnw -q package -DskipTests
JAR=$(realpath target/im-server.jar)
# 50,000 connections need more descriptors than the usual 20,000: raised as far as the hard
# limit lets (a process needs CAP_SYS_RESOURCE to go past it).
ulimit -n 200000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# Fair IRC servers: flood control and connection limits off, no DNS or ident look-ups.
cat > "$OUT/ngircd.conf" <<CONF
[Global]
Name = bench.irc.local
Info = bench
Listen = 127.0.0.1
Ports = $NGIRCD_PORT
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
cat > "$OUT/inspircd.conf" <<CONF
<server name="bench.irc.local" description="bench" network="bench">
<admin name="bench" nick="bench" email="bench@localhost">
<bind address="127.0.0.1" port="$INSPIRCD_PORT" type="clients">
<connect name="bench" allow="*" timeout="60" pingfreq="600" threshold="1000000" commandrate="1000000000"
         fakelag="no" hardsendq="67108864" softsendq="67108864" recvq="1048576" localmax="1000000"
         globalmax="1000000" limit="1000000">
<limits maxnick="30">
<performance softlimit="1000000" somaxconn="4096" clonesonconnect="no">
<pid file="$OUT/inspircd.pid">
<log method="file" type="* -USERINPUT -USEROUTPUT" level="default" target="$OUT/inspircd.log">
CONF

server_pid=
wait_port() {
  for _ in $(seq 1 240); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.25
  done
  echo "compare.sh: nothing listens on port $1" >&2; exit 1
}
# $1: server (ngircd, inspircd, im-NN), $2: password hashing iterations for im-server (1000 to
# set up bench users quickly; the default for the login storm)
start() {
  case $1 in
    ngircd) ngircd -n -f "$OUT/ngircd.conf" > "$OUT/ngircd.out" 2>&1 & server_pid=$!; wait_port "$NGIRCD_PORT" ;;
    inspircd) inspircd --nofork --runasroot --config="$OUT/inspircd.conf" > "$OUT/inspircd.out" 2>&1 &
      server_pid=$!; wait_port "$INSPIRCD_PORT" ;;
    im-*)
      rm -rf "$OUT/users.txt" "$OUT/data"
      # shellcheck disable=SC2086
      # shellcheck disable=SC2086
      (cd "$OUT" && exec "$(java_of "$1")" $IM_JVM_FLAGS -jar "$JAR" \
        --im.throttle.enabled=false --im.auth.pbkdf2-iterations="$2" --im.tcp.port="$IM_PORT" \
        --server.port=0 --management.server.port=0 ${IM_EXTRA:-} > "$OUT/im-server.log" 2>&1) &
      server_pid=$!; wait_port "$IM_PORT" ;;
  esac
}
stop_server() {
  kill -TERM "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
}
# $1: label, $2: server, rest: bench options
bench() {
  local label=$1 server=$2 protocol=im port=${BENCH_PORT:-$IM_PORT}; shift 2
  case $server in ngircd) protocol=irc port=$NGIRCD_PORT ;; inspircd) protocol=irc port=$INSPIRCD_PORT ;; esac
  echo "== $label" >&2
  java -jar "$JAR" bench --protocol "$protocol" --port "$port" --pid "$server_pid" \
    --warmup "$WARMUP" --json "$@" | tee -a "$OUT/results.jsonl" | sed "s/^/$label /" >&2 || true
  tail -1 "$OUT/results.jsonl" | sed "s/^{/{\"label\":\"$label\",/" >> "$OUT/labelled.jsonl"
}
# $1: workload, $2: servers, rest: bench options; each server freshly started
each() {
  local w=$1 servers=$2 s; shift 2
  for s in $servers; do
    start "$s" 1000
    # The idle runs compare memory with the memory before: first let the server settle, as a
    # server that has run for a while has (im-server gives back its startup's leftovers).
    case $w in W4|W6) sleep "$IDLE_SETTLE" ;; esac
    bench "$w $s" "$s" "$@"; stop_server
  done
}

# W4t: a key for the TLS listener, made for this run only (self-signed; the bench trusts any).
tls_args() {
  [ -f "$OUT/tls.p12" ] || keytool -genkeypair -alias im -keyalg EC -groupname secp256r1 -dname CN=localhost \
    -validity 2 -keystore "$OUT/tls.p12" -storetype PKCS12 -storepass bench-only >/dev/null 2>&1
  echo "--im.tcp.tls.enabled=true --im.tcp.tls.port=$IM_TLS_PORT --spring.ssl.bundle.jks.im.keystore.type=PKCS12" \
    "--spring.ssl.bundle.jks.im.keystore.location=file:$OUT/tls.p12 --spring.ssl.bundle.jks.im.keystore.password=bench-only"
}

for w in $WORKLOADS; do
  case $w in
    W1) each W1 "ngircd inspircd $IM_SERVERS" --clients 100 --window 16 --size 64 --duration "$DURATION" ;;
    W2) each W2 "ngircd inspircd $IM_SERVERS" --clients 2000 --window 4 --size 64 --duration "$DURATION" ;;
    W3) each W3 "ngircd inspircd $IM_SERVERS" --clients 200 --rate 20000 --size 64 --duration "$DURATION" ;;
    W3q) each W3q "ngircd inspircd $IM_SERVERS" --clients 200 --rate 20000 --size 64 --quickack --duration "$DURATION" ;;
    W4) each W4 "ngircd inspircd $IM_SERVERS" --idle "$W4_CONNECTIONS" --duration 60s ;;
    W4t) for s in $IM_SERVERS; do
          IM_EXTRA=$(tls_args) start "$s" 1000; sleep "$IDLE_SETTLE"
          BENCH_PORT=$IM_TLS_PORT bench "W4t $s" "$s" --tls --idle "$W4_CONNECTIONS" --duration 60s; stop_server
        done ;;
    W5) for s in $IM_SERVERS; do
          start "$s" 310000; bench "W5 $s" "$s" --clients 200 --rate 20000 --size 64 --logins 500 \
            --duration "$DURATION"; stop_server
        done ;;
    W6) if [ "$(ulimit -n)" -lt $((W6_CONNECTIONS + 1000)) ]; then
          echo "compare.sh: W6 needs $((W6_CONNECTIONS + 1000)) open files (ulimit -n), skipped" >&2
        else
          each W6 "$IM_SERVERS" --idle "$W6_CONNECTIONS" --duration 60s
        fi ;;
    *) echo "compare.sh: no workload $w (W1 W2 W3 W3q W4 W4t W5 W6)" >&2; exit 2 ;;
  esac
done

for s in $IM_SERVERS; do echo "$s: $("$(java_of "$s")" -version 2>&1 | head -1)"; done
[ -s "$OUT/labelled.jsonl" ] || { echo "compare.sh: no results"; exit 1; }
python3 "$(dirname "$0")/table.py" "$OUT/labelled.jsonl"
echo "raw results: $OUT/labelled.jsonl"
