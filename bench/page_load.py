#!/usr/bin/env python3
"""Loads the web client in Debian's headless Chromium, driven through Debian's chromedriver over
its WebDriver HTTP API (no Selenium needed), each time with a new, empty profile (nothing
cached), and prints what the page cost: bytes transferred, and when the login form was first
painted, as medians of the runs.

    python3 bench/page_load.py http://127.0.0.1:8080/ [runs]
"""
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1100,750"]
MEASURE = """
const nav = performance.getEntriesByType('navigation')[0];
const resources = performance.getEntriesByType('resource');
const paint = performance.getEntriesByType('paint').find(p => p.name === 'first-contentful-paint');
return {
  transferred: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
  files: 1 + resources.length,
  first_paint_ms: paint ? paint.startTime : null,
  dom_ready_ms: nav.domContentLoadedEventEnd,
  loaded_ms: nav.loadEventEnd,
  form_shown: !document.getElementById('login-view').hidden,
};
"""


def call(port, method, path, body=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())["value"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_once(driver_port, url):
    with tempfile.TemporaryDirectory() as profile:
        session = call(driver_port, "POST", "/session", {"capabilities": {"alwaysMatch": {
            "goog:chromeOptions": {"binary": CHROMIUM, "args": FLAGS + ["--user-data-dir=" + profile]}}}})
        sid = session["sessionId"]
        try:
            call(driver_port, "POST", f"/session/{sid}/url", {"url": url})
            time.sleep(0.5)  # let loadEventEnd be set
            return call(driver_port, "POST", f"/session/{sid}/execute/sync", {"script": MEASURE, "args": []})
        finally:
            call(driver_port, "DELETE", f"/session/{sid}")


def main():
    url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080/"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    port = free_port()
    driver = subprocess.Popen([CHROMEDRIVER, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                call(port, "GET", "/status")
                break
            except OSError:
                time.sleep(0.1)
        results = [load_once(port, url) for _ in range(runs)]
    finally:
        driver.terminate()
    for r in results:
        print(json.dumps(r))
    print(json.dumps({
        "runs": runs,
        "median_transferred_bytes": statistics.median(r["transferred"] for r in results),
        "median_first_paint_ms": round(statistics.median(r["first_paint_ms"] for r in results), 1),
        "median_dom_ready_ms": round(statistics.median(r["dom_ready_ms"] for r in results), 1),
        "login_form_shown": all(r["form_shown"] for r in results),
    }))


if __name__ == "__main__":
    main()
