"""Benchmark: what the accelerator's start-up file costs an interpreter that never uses cdktf.

    .venv/bin/python bench/startup.py [--runs 40]

Builds both wheels and installs them with ``--no-deps`` into two fresh venvs: the
library alone (``cognito-access``: no start-up file) and the library with the
accelerator (``cognito-access[fast]``: ``cognito_access_accelerator.pth``). Runs
``python -X importtime -c pass`` in each, interleaved, and prints the median time of
``site`` (which runs the .pth files), of the accelerator's module, and the number of
modules imported at start-up.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULE = "cognito_access_accelerator"


def importtime(python: Path) -> tuple[int, int, int]:
    """Microseconds in ``site`` and in the accelerator, and how many modules were imported."""
    stderr = subprocess.run(  # noqa: S603 - a fixed command
        [python, "-X", "importtime", "-c", "pass"], capture_output=True, text=True, check=True
    ).stderr
    rows = [line.split("|") for line in stderr.splitlines() if line.startswith("import time:")]
    cumulative = {row[2].strip(): int(row[1]) for row in rows[1:]}
    return cumulative.get("site", 0), cumulative.get(MODULE, 0), len(rows) - 1


def install(root: Path, wheels: list[Path]) -> Path:
    """A fresh venv at ``root`` with ``wheels``; its Python."""
    venv.create(root, with_pip=False)
    paths = sysconfig.get_paths(vars={"base": str(root), "platbase": str(root)})
    python = Path(paths["scripts"]) / "python"
    command: list[str | Path] = [sys.executable, "-m", "pip", "--python", python, "install"]
    subprocess.run([*command, "--quiet", "--no-deps", *wheels], check=True)  # noqa: S603
    return python


def main() -> None:
    """Build, install, measure both ways, print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=40, help="runs each way (default 40)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        wheels = {}
        for name, source in (("library", ROOT), ("accelerator", ROOT / "accelerator")):
            dist = Path(scratch, "dist", name)
            build: list[str | Path] = [sys.executable, "-m", "build", "--no-isolation", "--wheel"]
            subprocess.run([*build, "--outdir", dist, source], check=True, capture_output=True)  # noqa: S603
            (wheels[name],) = dist.glob("*.whl")
        pythons = {
            "cognito-access": install(Path(scratch, "library"), [wheels["library"]]),
            "cognito-access[fast]": install(Path(scratch, "fast"), [*wheels.values()]),
        }
        results: dict[str, list[tuple[int, int, int]]] = {label: [] for label in pythons}
        for _ in range(args.runs):
            for label, python in pythons.items():
                results[label].append(importtime(python))
    print(f"python -X importtime -c pass, median of {args.runs} interleaved runs each")
    print("| installed            | site (ms) | accelerator (ms) | modules imported |")
    print("|----------------------|----------:|-----------------:|-----------------:|")
    for label, runs in results.items():
        site, module, modules = (statistics.median(run[i] for run in runs) for i in range(3))
        print(f"| {label:20} | {site / 1000:9.2f} | {module / 1000:16.2f} | {modules:16.0f} |")


if __name__ == "__main__":
    main()
