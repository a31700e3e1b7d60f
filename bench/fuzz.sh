#!/usr/bin/env bash
# Fuzzes a freshly started im-server over real sockets: LINES random and mutated lines (default
# 1,000,000) from CONNECTIONS connections (default 8) while a probe checks every 200 ms that the
# server answers. Passes when the probe never failed and the heap after a full GC is back near
# where it was before the run (within 16 MB: the few accounts the fuzzer registers, caches).
# The server runs with --im.throttle.enabled=false (abuse limits off: otherwise the command
# rate limit would answer most lines) and cheap hashing. CI runs a short version (FuzzSmokeTest).
#   bench/fuzz.sh                  LINES=100000 bench/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
LINES=${LINES:-1000000}
CONNECTIONS=${CONNECTIONS:-8}
PORT=${PORT:-5401}
# shellcheck source=bench/server.sh
. bench/server.sh
start_server "$PORT"

open_files() { ls "/proc/$pid/fd" | wc -l; }
before=$(heap_after_gc_kb)
files_before=$(open_files)
echo "heap after GC before the run: $((before / 1024)) MB"
start=$(date +%s)
status=0
java -jar target/im-server.jar fuzz --port "$PORT" --lines "$LINES" --connections "$CONNECTIONS" || status=$?
echo "fuzzing took $(( $(date +%s) - start )) s"
# Closed connections first finish the commands they sent (docs/PROTOCOL.md, half-close): wait
# until their sockets are gone, so that what is measured is what stays, not work in flight.
for _ in $(seq 1 240); do [ "$(open_files)" -le $((files_before + 2)) ] && break; sleep 0.5; done
# Commands that closed connections had queued still run (a REGISTER or PASSWD costs a hash and
# an fsync), and Spring Integration's factory forgets closed connections when it accepts the
# next one: measure once the heap after GC has stopped falling.
after=$(heap_after_gc_kb)
for _ in $(seq 1 60); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null || true
  sleep 2
  now=$(heap_after_gc_kb)
  [ "$now" -ge $((after - 512)) ] && { after=$now; break; }
  after=$now
done
echo "heap after GC after the run:  $((after / 1024)) MB"
kill -0 "$pid" || { echo "FAIL: the server died; its log: $OUT/server.log"; exit 1; }
grep -c ' ERROR ' "$OUT/server.log" | sed 's/^/server log ERROR lines: /' || true
if [ "$status" -ne 0 ]; then echo "FAIL: the probe was not always answered"; exit 1; fi
if [ "$after" -gt $((before + 16 * 1024)) ]; then echo "FAIL: the heap grew by $(( (after - before) / 1024 )) MB"; exit 1; fi
echo "PASS"
