#!/usr/bin/env python3
"""Start-up time and idle memory of the desktop app (issue 8), results in docs/benchmarks.md.

Starts the release build on the bundled sample portfolio RUNS times under the current X display (run it with
`xvfb-run -a`), each time with fresh settings and data folders, and measures:
- ready: from the process's start to the first view drawn with the portfolio's data (the app prints it when
  the UI says it is ready, with SAMORDNA_REPORT_READY set);
- idle memory: 5 s after that, the resident memory of the app and every process it started (WebKit's web and
  network processes), summed.

    cargo build --release -p samordna-app && xvfb-run -a python3 benches/app_start.py
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release" / "samordna-app"
RUNS = int(os.environ.get("RUNS", "5"))


def children(pid):
    """Every descendant of `pid`."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                parents.setdefault(int(fields[1]), []).append(int(entry.name))
            except OSError:
                pass
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        for child in parents.get(current, []):
            found.append(child)
            todo.append(child)
    return found


def rss_kib(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_once():
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "SAMORDNA_SETTINGS": f"{folder}/settings.json",
            "SAMORDNA_DATA_DIR": f"{folder}/data",
            "SAMORDNA_REPORT_READY": "1",
        }
        process = subprocess.Popen([str(APP)], env=env, stdout=subprocess.PIPE, text=True)
        try:
            ready = None
            deadline = time.time() + 60
            while time.time() < deadline:
                line = process.stdout.readline()
                if line.startswith("samordna-ready"):
                    ready = int(line.split()[1])
                    break
            if ready is None:
                raise RuntimeError("the app never said it was ready")
            time.sleep(5)
            memory = sum(rss_kib(p) for p in [process.pid, *children(process.pid)]) / 1024
            return ready, memory
        finally:
            for pid in children(process.pid):
                try:
                    os.kill(pid, 9)
                except OSError:
                    pass
            process.kill()
            process.wait()


def main():
    if not APP.exists():
        sys.exit(f"build it first: cargo build --release -p samordna-app ({APP})")
    results = [run_once() for _ in range(RUNS)]
    ready = [r for r, _ in results]
    memory = [m for _, m in results]
    print(f"runs: {RUNS}")
    print(f"ready (ms): first {ready[0]}, median {statistics.median(ready)}, max {max(ready)}")
    print(f"idle memory (MiB, app + WebKit processes): median {statistics.median(memory):.0f}, max {max(memory):.0f}")


if __name__ == "__main__":
    main()
