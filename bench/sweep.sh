#!/usr/bin/env bash
# Throughput and p99 latency of im-server against the number of clients (4 messages in flight
# each), one freshly started server per point, drawn as docs/performance-clients.png.
#
#   bench/sweep.sh                    # 10 100 1000 5000 clients, 10 s each
#   CLIENTS="10 100" bench/sweep.sh
#
# It installs gnuplot from Debian's packages (apt-get, with sudo when not root) if it is missing,
# and says so before it does.
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS=${CLIENTS:-10 100 1000 5000}
DURATION=${DURATION:-10s}
OUT=${OUT:-$(mktemp -d)}
PORT=${PORT:-15002}
CHART=${CHART:-docs/performance-clients.png}
JAVA_SERVER=${JAVA_SERVER:-$( (ls /usr/lib/jvm/*-2[5-9]*/bin/java /usr/lib/jvm/*-2[1-4]*/bin/java 2>/dev/null || true) | head -1)}
JAVA_SERVER=${JAVA_SERVER:-java}
[ -f target/im-server.jar ] || ./mvnw -q package -DskipTests
if ! command -v gnuplot >/dev/null; then
  echo "sweep.sh: installing gnuplot from Debian's packages" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq gnuplot-nox >/dev/null; else sudo apt-get install -y -qq gnuplot-nox >/dev/null; fi
fi

echo "# clients msgs_per_s p99_ms" > "$OUT/sweep.dat"
for n in $CLIENTS; do
  rm -rf "$OUT/users.txt" "$OUT/data"
  "$JAVA_SERVER" -Xms512m -Xmx2g -jar target/im-server.jar --im.throttle.enabled=false --im.tcp.port="$PORT" --server.port=0 --management.server.port=0 \
    --im.users.file="$OUT/users.txt" --im.auth.pbkdf2-iterations=1000 \
    --spring.datasource.url="jdbc:sqlite:$OUT/data/im.db" > "$OUT/server-$n.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.25; done
  json=$(java -jar target/im-server.jar bench --port "$PORT" --pid "$pid" --clients "$n" --window 4 \
    --warmup 5s --duration "$DURATION" --json)
  kill -TERM "$pid"; wait "$pid" || true
  echo "$n $json" >&2
  python3 -c 'import json,sys; d=json.loads(sys.argv[2]); print(sys.argv[1], round(d["msgs_per_s"]), d["p99_us"]/1000)' \
    "$n" "$json" >> "$OUT/sweep.dat"
done

gnuplot <<PLOT
set terminal pngcairo size 900,500 font ",11"
set output "$CHART"
set title "im-server: 4 messages in flight per client, 64-byte texts ($("$JAVA_SERVER" -version 2>&1 | head -1 | cut -d'"' -f2))"
set logscale x
set xlabel "clients"
set ylabel "delivered msgs/s"
set y2label "p99 latency (ms)"
set ytics nomirror
set y2tics
set yrange [0:*]
set y2range [0:*]
set key top left
plot "$OUT/sweep.dat" using 1:2 with linespoints lw 2 title "msgs/s", \
     "" using 1:3 axes x1y2 with linespoints lw 2 title "p99 ms"
PLOT
cat "$OUT/sweep.dat"
echo "chart: $CHART"
