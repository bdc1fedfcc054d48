#!/usr/bin/env python3
"""Start-up time and idle memory of the desktop app (issue 8), results in docs/benchmarks.md.

Starts the release build on the bundled sample portfolio RUNS times under the current X display (run it with
`xvfb-run -a`, inside `dbus-run-session` so that GTK finds a session bus as on a desktop), each time with fresh
settings and data folders, and measures:
- ready: from the process's start to the first view drawn with the portfolio's data (the app prints it when
  the UI says it is ready, with SAMORDNA_REPORT_READY set);
- idle memory: 5 s after that, the resident memory of the app and every process it started (WebKit's web and
  network processes), summed.

    cargo build --release -p samordna-app --bins --examples
    dbus-run-session -- xvfb-run -a python3 benches/app_start.py
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release"
APP = TARGET / "samordna-app"
# The floor under the app: a Tauri window with the same web view settings showing an empty page
# (src-tauri/examples/bare_window.rs).
BARE = TARGET / "examples" / "bare_window"
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


def memory_kib(pid, field):
    """`field` ("Rss" or "Pss") of a process from /proc/PID/smaps_rollup, in KiB. PSS shares each shared page
    among the processes that map it, so PSS adds up across processes; RSS counts shared libraries in each."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def name(pid):
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "?"


def run_once(folder, program=APP):
    """One start of `program` with settings and data in `folder`: (ready ms, {process: (rss, pss) MiB})."""
    env = {
        **os.environ,
        "SAMORDNA_SETTINGS": f"{folder}/settings.json",
        "SAMORDNA_DATA_DIR": f"{folder}/data",
        "SAMORDNA_REPORT_READY": "1",
    }
    process = subprocess.Popen([str(program)], env=env, stdout=subprocess.PIPE, text=True)
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
        processes = {}
        for pid in [process.pid, *children(process.pid)]:
            rss, pss = memory_kib(pid, "Rss") / 1024, memory_kib(pid, "Pss") / 1024
            old = processes.get(name(pid), (0, 0))
            processes[name(pid)] = (old[0] + rss, old[1] + pss)
        return ready, processes
    finally:
        for pid in children(process.pid):
            try:
                os.kill(pid, 9)
            except OSError:
                pass
        process.kill()
        process.wait()


def report_memory(label, results):
    """Prints the median idle memory over `results` and the last run's per-process figures."""
    totals = [(sum(r for r, _ in p.values()), sum(q for _, q in p.values())) for _, p in results]
    print(f"{label}: idle memory, MiB: PSS median {statistics.median(t[1] for t in totals):.0f}, "
          f"RSS median {statistics.median(t[0] for t in totals):.0f}")
    for process, (rss, pss) in sorted(results[-1][1].items()):
        print(f"  {process}: PSS {pss:.0f}, RSS {rss:.0f}")


def report_ready(label, results):
    ready = [r for r, _ in results]
    print(f"{label}: ready in ms: median {statistics.median(ready)}, min {min(ready)}, max {max(ready)}")


def main():
    for program in [APP, BARE]:
        if not program.exists():
            sys.exit(f"build it first: cargo build --release -p samordna-app --bins --examples ({program})")
    first, later, bare = [], [], []
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as folder:
            # The very first start makes the sample portfolio; the next one opens it, as every later start does.
            first.append(run_once(folder))
            later.append(run_once(folder))
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as folder:
            bare.append(run_once(folder, BARE))
    print(f"runs: {RUNS} (each: a first start that creates the sample, then a normal start)")
    report_ready("first start", first)
    report_ready("normal start", later)
    report_memory("app + WebKit processes (normal start)", later)
    floor = "the floor, an empty Tauri window with the same web view"
    report_ready(floor, bare)
    report_memory(floor, bare)


if __name__ == "__main__":
    main()
