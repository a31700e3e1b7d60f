"""A login storm against a running im-server, with a real user's login timed while it runs.

Usage: python3 bench/login_storm.py PORT [CONNECTIONS_PER_ADDRESS] [ADDRESSES]
Registers a user from 127.0.0.1, then opens CONNECTIONS_PER_ADDRESS (default 480) connections
from each of ADDRESSES loopback addresses (default 4: 127.0.2.1 ...), each sending one LOGIN of
an unknown user, all at once; meanwhile the registered user logs in from 127.0.0.1 five times,
one after another. Prints how the storm was answered and the real logins' times. The server
runs with its defaults (abuse limits on, full hashing cost): that is what is measured.
"""
import socket
import sys
import threading
import time

port = int(sys.argv[1])
per_address = int(sys.argv[2]) if len(sys.argv) > 2 else 480
addresses = [f"127.0.2.{i + 1}" for i in range(int(sys.argv[3]) if len(sys.argv) > 3 else 4)]


def connect(source="127.0.0.1"):
    s = socket.create_connection(("127.0.0.1", port), timeout=300, source_address=(source, 0))
    reader = s.makefile("r", encoding="utf-8", newline="\n")
    reader.readline()  # HELLO
    return s, reader


def command(s, reader, line):
    s.sendall((line + "\n").encode())
    while True:
        reply = reader.readline().rstrip("\n")
        if reply.startswith(("OK", "ERR")) or reply == "":
            return reply


s, r = connect()
user = f"real{int(time.time())}"
print(command(s, r, f"REGISTER {user} s3cretpass1"))
s.close()

storm = []
for address in addresses:
    for _ in range(per_address):
        storm.append(connect(address))
replies = []
lock = threading.Lock()


def storm_login(conn):
    s, r = conn
    reply = command(s, r, "LOGIN nobody wrongpassword1")
    with lock:
        replies.append(reply.split(" ")[1] if reply else "closed")


threads = [threading.Thread(target=storm_login, args=(c,)) for c in storm]
started = time.monotonic()
for t in threads:
    t.start()
times = []
for _ in range(5):
    s, r = connect()
    t0 = time.monotonic()
    reply = command(s, r, f"LOGIN {user} s3cretpass1")
    times.append(time.monotonic() - t0)
    s.close()
    assert reply.startswith("OK LOGGED_IN"), reply
for t in threads:
    t.join()
took = time.monotonic() - started
counts = {}
for reply in replies:
    counts[reply] = counts.get(reply, 0) + 1
print(f"storm: {len(storm)} LOGINs from {len(addresses)} addresses, answered in {took:.1f} s: {counts}")
print("real logins during the storm (s): " + " ".join(f"{t:.3f}" for t in times))
