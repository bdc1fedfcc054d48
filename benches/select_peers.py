#!/usr/bin/env python3
"""Selection under budget frames, side by side with the peers (issue 18); results in docs/benchmarks.md.

Solves the same `samordna select` input files with
- `samordna select FILE --json` (the release build; the time includes starting the process, reading the file and
  the ranking-by-ratio pick next to the optimum) on two cores (`taskset -c 0,1`; a second worker joins a search
  that takes longer than 50 ms, issue 29),
- CBC through PuLP (`PULP_CBC_CMD`, CBC_THREADS threads, default 1; relative gap 0),
- HiGHS through its own Python binding `highspy` (one thread, relative gap 0),
each to proven optimality, and checks that all three find the same value. Prints one row per file and the median
per family (the file name without `-sN`) with the ratio CBC/ours.

    cargo build --release --bin samordna --example select_instances
    target/release/examples/select_instances target/select-instances
    python3 -m venv target/bench-venv && target/bench-venv/bin/pip install pulp highspy
    target/bench-venv/bin/python benches/select_peers.py target/select-instances/*.json

Options through the environment: RUNS (default 1: the time is the best of RUNS runs), ONLY (a family prefix such
as `n200`), SAMORDNA (the binary), HIGHS=0 (leave highspy out), CORES (the cores `samordna` may use, default `0,1`), CBC_THREADS (default 1).
Families ending in `-w` have values as the app makes them (weighted sums of members' mean scores, unrounded).
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMORDNA = Path(os.environ.get("SAMORDNA", ROOT / "target" / "release" / "samordna"))
RUNS = int(os.environ.get("RUNS", "1"))
CORES = os.environ.get("CORES", "0,1")
CBC_THREADS = int(os.environ.get("CBC_THREADS", "1"))
WITH_HIGHS = os.environ.get("HIGHS", "1") != "0"
ONLY = os.environ.get("ONLY", "")
TOLERANCE = 1e-6


def pinned(command):
    """The command pinned to CORES when `taskset` is there."""
    return (["taskset", "-c", CORES] + command) if shutil.which("taskset") else command


def load(path):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    frames = {name: float(amount) for name, amount in data["frames"].items()}
    candidates = data["candidates"]
    return frames, candidates


def ours(path):
    start = time.perf_counter()
    done = subprocess.run(pinned([str(SAMORDNA), "select", str(path), "--json"]), capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"samordna select {path}: {done.stderr.strip()}")
    result = json.loads(done.stdout)
    return elapsed, result["total_value"], result["proven_optimal"]


def cbc(frames, candidates):
    import pulp

    problem = pulp.LpProblem("selection", pulp.LpMaximize)
    x = {c["id"]: pulp.LpVariable(f"x{i}", cat="Binary") for i, c in enumerate(candidates)}
    problem += pulp.lpSum(c["value"] * x[c["id"]] for c in candidates)
    for frame, limit in frames.items():
        problem += pulp.lpSum(float(c["cost"][frame]) * x[c["id"]] for c in candidates if frame in c["cost"]) <= limit
    for c in candidates:
        if c.get("mandatory"):
            problem += x[c["id"]] == 1
        if c.get("excluded"):
            problem += x[c["id"]] == 0
        for other in c.get("requires", []):
            problem += x[c["id"]] <= x[other]
        for other in c.get("excludes", []):
            if c["id"] < other:
                problem += x[c["id"]] + x[other] <= 1
    solver = pulp.PULP_CBC_CMD(msg=False, threads=CBC_THREADS, gapRel=0)
    start = time.perf_counter()
    problem.solve(solver)
    elapsed = time.perf_counter() - start
    proven = pulp.LpStatus[problem.status] == "Optimal"
    return elapsed, pulp.value(problem.objective), proven


def highs(frames, candidates):
    import highspy
    import numpy as np

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 1e-9)
    n = len(candidates)
    index = {c["id"]: i for i, c in enumerate(candidates)}
    lower = np.array([1.0 if c.get("mandatory") else 0.0 for c in candidates])
    upper = np.array([0.0 if c.get("excluded") else 1.0 for c in candidates])
    h.addVars(n, lower, upper)
    h.changeColsIntegrality(n, np.arange(n, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * n))
    h.changeColsCost(n, np.arange(n, dtype=np.int32), np.array([-float(c["value"]) for c in candidates]))
    for frame, limit in frames.items():
        cols = [i for i, c in enumerate(candidates) if frame in c["cost"]]
        coefficients = [float(candidates[i]["cost"][frame]) for i in cols]
        h.addRow(-highspy.kHighsInf, limit, len(cols), np.array(cols, dtype=np.int32), np.array(coefficients))
    for c in candidates:
        i = index[c["id"]]
        for other in c.get("requires", []):
            h.addRow(-highspy.kHighsInf, 0.0, 2, np.array([i, index[other]], dtype=np.int32), np.array([1.0, -1.0]))
        for other in c.get("excludes", []):
            if c["id"] < other:
                h.addRow(-highspy.kHighsInf, 1.0, 2, np.array([i, index[other]], dtype=np.int32), np.array([1.0, 1.0]))
    start = time.perf_counter()
    h.run()
    elapsed = time.perf_counter() - start
    proven = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return elapsed, -h.getInfo().objective_function_value, proven


def best(runs, solve):
    results = [solve() for _ in range(runs)]
    return min(results, key=lambda r: r[0])


def main(paths):
    if not paths:
        sys.exit(__doc__)
    rows = []
    print(f"{'instance':<22} {'ours s':>8} {'CBC s':>8} {'HiGHS s':>8} {'CBC/ours':>9}  same optimum")
    for path in sorted(paths):
        name = Path(path).stem
        if ONLY and not name.startswith(ONLY):
            continue
        frames, candidates = load(path)
        t_ours, v_ours, p_ours = best(RUNS, lambda: ours(path))
        t_cbc, v_cbc, p_cbc = best(RUNS, lambda: cbc(frames, candidates))
        if WITH_HIGHS:
            t_highs, v_highs, p_highs = best(RUNS, lambda: highs(frames, candidates))
        else:
            t_highs, v_highs, p_highs = float("nan"), v_cbc, True
        same = abs(v_ours - v_cbc) <= TOLERANCE and abs(v_ours - v_highs) <= TOLERANCE
        proven = p_ours and p_cbc and p_highs
        note = "yes" if same else f"NO: ours {v_ours:.6f}, CBC {v_cbc:.6f}, HiGHS {v_highs:.6f}"
        if not proven:
            note += f" (proven: ours {p_ours}, CBC {p_cbc}, HiGHS {p_highs})"
        print(f"{name:<22} {t_ours:8.3f} {t_cbc:8.3f} {t_highs:8.3f} {t_cbc / t_ours:9.2f}  {note}", flush=True)
        rows.append((name.rsplit("-s", 1)[0], t_ours, t_cbc, t_highs, same and proven))
    families = defaultdict(list)
    for row in rows:
        families[row[0]].append(row)
    print()
    print("| family | seeds | ours (median s) | CBC (median s) | HiGHS/highspy (median s) | CBC / ours | same optimum |")
    print("|---|---|---|---|---|---|---|")
    for family, members in families.items():
        median = [statistics.median(r[i] for r in members) for i in (1, 2, 3)]
        agree = "all" if all(r[4] for r in members) else "NOT ALL"
        print(
            f"| {family} | {len(members)} | {median[0]:.3f} | {median[1]:.3f} | {median[2]:.3f} | "
            f"{median[1] / median[0]:.2f} | {agree} |"
        )
    if not all(r[4] for r in rows):
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
