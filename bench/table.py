"""Prints bench/compare.sh results (one JSON object a line) as a table, with im-server's ratios to
each IRC server of the same run."""
import json
import sys

runs = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
by_label = {run["label"]: run for run in runs}
servers = list(dict.fromkeys(run["label"].split(" ", 1)[1] for run in runs))
ours = [s for s in servers if s.startswith("im-")]
theirs = [s for s in servers if not s.startswith("im-")]


def ratio(a, b):
    return f"{a / b:.2f}x" if b else "-"


def worst_second(run):
    """The second of the window with the highest p99, as "p99 ms @ second", or "" without a timeline."""
    seconds = run.get("timeline") or []
    if not seconds:
        return ""
    worst = max(seconds, key=lambda second: second["p99_us"])
    return f"{worst['p99_us'] / 1000:.1f} @ {worst['s']}"


print(f"{'load':<5} {'server':<9} {'msgs/s':>9} {'CPU-s':>6} {'msgs/CPU-s':>10} {'p50 µs':>7} {'p99 µs':>7} "
      f"{'p99.9 µs':>8} {'RSS MB':>7} {'errors':>6} {'lost':>5}  worst second (p99 ms @ s)")
idle = []
for run in runs:
    workload, server = run["label"].split(" ", 1)
    if run["mode"] == "idle":
        idle.append(run)
        continue
    print(f"{workload:<5} {server:<9} {run['msgs_per_s']:>9.0f} {run['server_cpu_s']:>6.2f} "
          f"{run['msgs_per_server_cpu_s']:>10.0f} {run['p50_us']:>7} {run['p99_us']:>7} {run['p999_us']:>8} "
          f"{run['server_rss'] / 2**20:>7.0f} {run['errors']:>6} {run['lost']:>5}  {worst_second(run)}")

if idle:
    print()
    print(f"{'load':<5} {'server':<9} {'conns':>6} {'setup s':>7} {'B/conn':>7} {'threads before/setup peak/idle':>31} "
          f"{'all LEFT s':>10} {'threads peak after':>18} {'errors':>6}")
    for run in idle:
        workload, server = run["label"].split(" ", 1)
        threads = f"{run.get('threads_before', 0)}/{run.get('threads_peak_setup', 0)}/{run.get('threads_idle', 0)}"
        left = run.get("all_left_s", -1)
        print(f"{workload:<5} {server:<9} {run['connections']:>6} {run['setup_s']:>7.1f} "
              f"{run['bytes_per_connection']:>7} {threads:>31} {left if left >= 0 else '-':>10} "
              f"{run.get('threads_peak_disconnect', 0) or '-':>18} {run['errors']:>6}")

for other in theirs:
    for server in ours:
        print()
        print(f"{server} / {other}:")
        for workload in ["W1", "W2", "W3", "W3q", "W4"]:
            a, b = by_label.get(f"{workload} {server}"), by_label.get(f"{workload} {other}")
            if not a or not b:
                continue
            if a["mode"] == "idle":
                print(f"  {workload}: bytes per idle connection {ratio(a['bytes_per_connection'], b['bytes_per_connection'])},"
                      f" setup {ratio(a['setup_s'], b['setup_s'])}")
            else:
                print(f"  {workload}: msgs/s {ratio(a['msgs_per_s'], b['msgs_per_s'])}, "
                      f"server CPU-s {ratio(a['server_cpu_s'], b['server_cpu_s'])}, "
                      f"p99 {ratio(a['p99_us'], b['p99_us'])}, p99.9 {ratio(a['p999_us'], b['p999_us'])}")
for server in ours:
    w5 = by_label.get(f"W5 {server}")
    if w5:
        storm = (f"storm took {w5['login_storm_s']:.1f} s" if w5['login_storm_s'] >= 0
                 else f"{w5.get('storm_logged_in', '?')} of them logged in by the end of the run")
        print(f"W5 {server}: messaging p99 {w5['p99_us'] / 1000:.1f} ms while {w5['logins']} users logged in ({storm})")
