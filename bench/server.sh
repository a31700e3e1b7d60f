# Sourced by fuzz.sh and soak.sh: starts one im-server for a robustness run and measures its heap.
# The server: the newest JDK under /usr/lib/jvm (JAVA_SERVER to choose), a 512 MB heap, abuse
# limits off (one address sends everything) and cheap hashing, as in bench/compare.sh.
JAVA_SERVER=${JAVA_SERVER:-$( (ls /usr/lib/jvm/*-2[5-9]*/bin/java /usr/lib/jvm/*-2[1-4]*/bin/java 2>/dev/null || true) | head -1)}
JAVA_SERVER=${JAVA_SERVER:-java}
JCMD="$(dirname "$(readlink -f "$(command -v "$JAVA_SERVER")")")/jcmd"
OUT=$(mktemp -d)
[ -f target/im-server.jar ] || ./mvnw -q package -DskipTests

# $1: port. Sets $pid; the server is stopped when the script exits. SERVER_ARGS: more server options.
start_server() {
  "$JAVA_SERVER" -Xmx512m -jar target/im-server.jar --im.throttle.enabled=false --im.tcp.port="$1" \
    --server.port=0 --management.server.port=0 --im.users.file="$OUT/users.txt" --im.auth.pbkdf2-iterations=1000 \
    --spring.datasource.url="jdbc:sqlite:$OUT/data/im.db" ${SERVER_ARGS:-} > "$OUT/server.log" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.25; done
  echo "nothing listens on port $1; the server's log: $OUT/server.log" >&2; exit 1
}

# The server's heap in KB right after a full GC.
heap_after_gc_kb() {
  "$JCMD" "$pid" GC.run > /dev/null
  "$JCMD" "$pid" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | tr -dc '0-9'
}
