"""Benchmark: what the start-up hook costs an interpreter that never uses cdktf.

    .venv/bin/python bench/startup.py [--runs 40]

Builds the wheel, installs it with ``--no-deps`` into a fresh venv, and runs
``python -X importtime -c pass`` there, interleaved: with the package's
``cognito_access_lazy_providers.pth`` in site-packages, and with it moved away.
Prints the median time of ``site`` (which runs the .pth files), of the hook module,
and the number of modules imported at start-up, each way.
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
PTH = "cognito_access_lazy_providers.pth"


def importtime(python: Path) -> tuple[int, int, int]:
    """Microseconds in ``site`` and in the hook module, and how many modules were imported."""
    stderr = subprocess.run(  # noqa: S603 - a fixed command
        [python, "-X", "importtime", "-c", "pass"], capture_output=True, text=True, check=True
    ).stderr
    rows = [line.split("|") for line in stderr.splitlines() if line.startswith("import time:")]
    cumulative = {row[2].strip(): int(row[1]) for row in rows[1:]}
    return cumulative.get("site", 0), cumulative.get(PTH.removesuffix(".pth"), 0), len(rows) - 1


def main() -> None:
    """Build, install, measure both ways, print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=40, help="runs each way (default 40)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        dist, root = Path(scratch, "dist"), Path(scratch, "venv")
        build: list[str | Path] = [sys.executable, "-m", "build", "--no-isolation", "--wheel"]
        build += ["--outdir", dist]
        subprocess.run([*build, ROOT], check=True, capture_output=True)  # noqa: S603
        venv.create(root, with_pip=False)
        paths = sysconfig.get_paths(vars={"base": str(root), "platbase": str(root)})
        python = Path(paths["scripts"]) / "python"
        (wheel,) = dist.glob("*.whl")
        install: list[str | Path] = [sys.executable, "-m", "pip", "--python", python, "install"]
        install += ["--no-deps"]
        subprocess.run([*install, "--quiet", wheel], check=True)  # noqa: S603
        pth, away = Path(paths["purelib"]) / PTH, Path(scratch) / PTH
        results: dict[str, list[tuple[int, int, int]]] = {"with .pth": [], "without": []}
        for _ in range(args.runs):
            results["with .pth"].append(importtime(python))
            pth.rename(away)
            results["without"].append(importtime(python))
            away.rename(pth)
    print(f"python -X importtime -c pass, median of {args.runs} interleaved runs each")
    print("| installed | site (ms) | hook module (ms) | modules imported |")
    print("|-----------|----------:|-----------------:|-----------------:|")
    for label, runs in results.items():
        site, hook, modules = (statistics.median(run[i] for run in runs) for i in range(3))
        print(f"| {label:9} | {site / 1000:9.2f} | {hook / 1000:16.2f} | {modules:16.0f} |")


if __name__ == "__main__":
    main()
