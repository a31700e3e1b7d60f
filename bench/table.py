"""Prints bench/compare.sh results (one JSON object a line) as a table with im-server/ngIRCd ratios."""
import json
import sys

runs = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
by_label = {run["label"]: run for run in runs}


def ratio(ours, theirs):
    return f"{ours / theirs:.2f}x" if theirs else "-"


def worst_second(run):
    """The second of the window with the highest p99, as "p99 ms @ second", or "" without a timeline."""
    seconds = run.get("timeline") or []
    if not seconds:
        return ""
    worst = max(seconds, key=lambda second: second["p99_us"])
    return f"{worst['p99_us'] / 1000:.1f} @ {worst['s']}"


print(f"{'workload':<6} {'server':<10} {'msgs/s':>9} {'msgs/CPU-s':>10} {'p50 ms':>7} {'p99 ms':>7} "
      f"{'p99.9 ms':>8} {'RSS MB':>7} {'B/conn':>7} {'errors':>6} {'lost':>5}  worst second (p99 ms @ s)")
for run in runs:
    workload, server = run["label"].split(" ", 1)
    if run["mode"] == "idle":
        print(f"{workload:<6} {server:<10} {'':>9} {'':>10} {'':>7} {'':>7} {'':>8} "
              f"{run['server_rss_after'] / 2**20:>7.0f} {run['bytes_per_connection']:>7} {run['errors']:>6} {'':>5}")
    else:
        print(f"{workload:<6} {server:<10} {run['msgs_per_s']:>9.0f} {run['msgs_per_server_cpu_s']:>10.0f} "
              f"{run['p50_us'] / 1000:>7.2f} {run['p99_us'] / 1000:>7.2f} {run['p999_us'] / 1000:>8.2f} "
              f"{run['server_rss'] / 2**20:>7.0f} {'':>7} {run['errors']:>6} {run['lost']:>5}  {worst_second(run)}")

print()
print("im-server / ngIRCd:")
for workload in ["W1", "W2", "W3", "W4"]:
    ours, theirs = by_label.get(workload + " im-server"), by_label.get(workload + " ngircd")
    if not ours or not theirs:
        continue
    if ours["mode"] == "idle":
        print(f"  {workload}: bytes per idle connection {ratio(ours['bytes_per_connection'], theirs['bytes_per_connection'])}")
    else:
        print(f"  {workload}: msgs/s {ratio(ours['msgs_per_s'], theirs['msgs_per_s'])}, "
              f"msgs per CPU-s {ratio(ours['msgs_per_server_cpu_s'], theirs['msgs_per_server_cpu_s'])}, "
              f"p99 {ratio(ours['p99_us'], theirs['p99_us'])}")
if "W5 im-server" in by_label:
    w5 = by_label["W5 im-server"]
    storm = (f"storm took {w5['login_storm_s']:.1f} s" if w5['login_storm_s'] >= 0
             else f"{w5.get('storm_logged_in', '?')} of them logged in by the end of the run")
    print(f"  W5: messaging p99 {w5['p99_us'] / 1000:.1f} ms while {w5['logins']} users logged in ({storm})")
