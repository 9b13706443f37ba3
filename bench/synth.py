"""Benchmark: synthesis with the provider accelerator (cognito-access[fast]) against the eager path.

    .venv/bin/python bench/synth.py [--runs 5] [--scale 1,10,100]

Part 1 runs ``main.py``'s synthesis three ways in fresh processes, interleaved
(lazy, eager, fallback, lazy, ...), and prints the median wall time, CPU time and
peak memory of each, the ratios, and whether every ``cdk.tf.json`` is
byte-identical. "lazy" is .venv as installed, with the accelerator. "eager" imports
``cdktf_cdktf_provider_aws`` and ``cdktf_cdktf_provider_cloudflare`` whole before
synthesizing, with the accelerator off (COGNITO_ACCESS_EAGER_PROVIDERS=1), as an app
does without it. "fallback" is the accelerator finding something it does not expect
(see bench/synth_once.py): what a user pays when it turns itself off.

Part 2 synthesizes 1, 10 and 100 instances of the construct (teams on one user
pool), lazily, interleaved, and prints the cost of each extra instance.

Exits non-zero if an output differs; the ratios are reported, not asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ONCE = HERE / "synth_once.py"
STACK_FILES = {"main": "stacks/cognito-access/cdk.tf.json", "teams": "stacks/teams/cdk.tf.json"}


@dataclass(frozen=True)
class Run:
    """What one synthesis cost, and what it wrote."""

    wall_s: float
    cpu_s: float
    python_peak_mib: float
    node_peak_mib: float
    output: bytes

    @property
    def total_peak_mib(self) -> float:
        """Python's and Node.js's peaks added: an upper bound of the process tree's peak."""
        return self.python_peak_mib + self.node_peak_mib


def synth_once(mode: str, app: str, instances: int, scratch: Path) -> Run:
    """Run bench/synth_once.py in a fresh process; measure wall and CPU time from here."""
    outdir = Path(tempfile.mkdtemp(dir=scratch))
    report = outdir / "report.json"
    env = {**os.environ, "CDKTF_OUTDIR": str(outdir)}
    env.pop("COGNITO_ACCESS_EAGER_PROVIDERS", None)
    if mode == "eager":
        env["COGNITO_ACCESS_EAGER_PROVIDERS"] = "1"
    command = [sys.executable, str(ONCE), mode, app, str(instances), str(report)]
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # noqa: S603 - fixed command
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        msg = f"{mode} {app} synthesis failed ({process.returncode}):\n{stderr}"
        raise RuntimeError(msg)
    peaks = json.loads(report.read_text(encoding="utf-8"))
    return Run(
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        python_peak_mib=peaks["python_peak_mib"],
        node_peak_mib=peaks["node_peak_mib"],
        output=(outdir / STACK_FILES[app]).read_bytes(),
    )


def median(runs: list[Run], field: str) -> float:
    """The median of one field over ``runs``."""
    return statistics.median(float(getattr(run, field)) for run in runs)


def compare_paths(runs: int, scratch: Path) -> bool:
    """Part 1: lazy, eager and fallback on main.py. Returns whether all outputs were identical."""
    results: dict[str, list[Run]] = {"lazy": [], "eager": [], "fallback": []}
    for number in range(runs):
        for mode, mode_runs in results.items():
            run = synth_once(mode, "main", 0, scratch)
            mode_runs.append(run)
            print(f"  run {number + 1} {mode:8}: {run.wall_s:6.2f} s wall", flush=True)
    outputs = {run.output for mode_runs in results.values() for run in mode_runs}
    rows = [
        ("wall time (s)", "wall_s"),
        ("CPU time (s)", "cpu_s"),
        ("peak memory, Python (MiB)", "python_peak_mib"),
        ("peak memory, Node.js (MiB)", "node_peak_mib"),
        ("peak memory, both (MiB)", "total_peak_mib"),
    ]
    print(f"\nmain.py synthesis, median of {runs} interleaved runs each")
    header = f"| {'measure':28} | {'lazy':>8} | {'eager':>8} | {'fallback':>8} |"
    print(f"{header} {'lazy/eager':>10} | {'fallback/eager':>14} |")
    print(f"|{'-' * 30}|{'-' * 10}|{'-' * 10}|{'-' * 10}|{'-' * 12}|{'-' * 16}|")
    for label, field in rows:
        lazy, eager, fallback = (median(results[mode], field) for mode in results)
        row = f"| {label:28} | {lazy:8.2f} | {eager:8.2f} | {fallback:8.2f} |"
        print(f"{row} {lazy / eager:10.3f} | {fallback / eager:14.3f} |")
    identical = len(outputs) == 1
    print(f"\ncdk.tf.json byte-identical across all {3 * runs} runs: {identical}")
    return identical


def scale(counts: list[int], runs: int, scratch: Path) -> None:
    """Part 2: synthesis time for several instance counts, and the cost per extra instance."""
    walls: dict[int, list[float]] = {count: [] for count in counts}
    for _ in range(runs):
        for count in counts:
            walls[count].append(synth_once("lazy", "teams", count, scratch).wall_s)
    medians = {count: statistics.median(values) for count, values in walls.items()}
    print(f"\nteams on one pool, lazy, median of {runs} interleaved runs each")
    print("| instances | wall time (s) |")
    print("|----------:|--------------:|")
    for count, wall in medians.items():
        print(f"| {count:9} | {wall:13.2f} |")
    low, high = min(counts), max(counts)
    per_instance_ms = (medians[high] - medians[low]) / (high - low) * 1000
    print(f"\ncost per extra instance ({low} -> {high}): {per_instance_ms:.1f} ms")


def main() -> int:
    """Run both parts; exit 1 if the outputs differed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each path (default 5)")
    parser.add_argument("--scale", default="1,10,100", help="instance counts (default 1,10,100)")
    args = parser.parse_args()
    cpu = platform.processor() or platform.machine()
    print(f"machine: {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as scratch:
        identical = compare_paths(args.runs, Path(scratch))
        scale([int(count) for count in args.scale.split(",")], args.runs, Path(scratch))
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
