"""Benchmark: the same tiny app synthesized with cdktf (.venv) and with CDK Terrain (.venv-cdktn).

    .venv/bin/python bench/frameworks.py [--runs 5]

The app is one AwsProvider and one CognitoUserPool, written once against whichever
framework's modules it is given. Each run is a fresh interpreter (as ``cdktf synth`` or
``cdktn synth`` starts one), the two frameworks interleaved; printed are the median
wall time of each and whether their ``resource`` sections are identical. cdktf runs
with the provider accelerator (cognito-access[fast], installed in .venv) and with it off
(COGNITO_ACCESS_EAGER_PROVIDERS=1); cdktn's packages have no such accelerator.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHONS = {"cdktf": ROOT / ".venv/bin/python", "cdktn": ROOT / ".venv-cdktn/bin/python"}
MODULES = {
    "cdktf": ("cdktf", "cdktf_cdktf_provider_aws"),
    "cdktn": ("cdktn", "cdktn_provider_aws"),
}


def tiny_app(framework: str, outdir: str) -> None:
    """Synthesize the tiny app with ``framework``'s modules into ``outdir``."""
    core_name, aws_name = MODULES[framework]
    core: Any = importlib.import_module(core_name)
    provider: Any = importlib.import_module(f"{aws_name}.provider")
    user_pool: Any = importlib.import_module(f"{aws_name}.cognito_user_pool")
    app = core.App(outdir=outdir)
    stack = core.TerraformStack(app, "tiny")
    provider.AwsProvider(stack, "aws", region="eu-west-1")
    user_pool.CognitoUserPool(stack, "UserPool", name="tiny", deletion_protection="ACTIVE")
    app.synth()


def run(framework: str, scratch: Path, *, eager: bool = False) -> tuple[float, dict[str, Any]]:
    """One synthesis in a fresh interpreter: its wall time and the parsed stack."""
    outdir = Path(tempfile.mkdtemp(dir=scratch))
    env = {**os.environ, "PATH": f"{ROOT / 'node_modules/.bin'}{os.pathsep}{os.environ['PATH']}"}
    env.pop("COGNITO_ACCESS_EAGER_PROVIDERS", None)
    if eager:
        env["COGNITO_ACCESS_EAGER_PROVIDERS"] = "1"
    command = [str(PYTHONS[framework]), __file__, "--app", framework, str(outdir)]
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env, stderr=subprocess.DEVNULL)  # noqa: S603
    wall = time.perf_counter() - started
    parsed: dict[str, Any] = json.loads((outdir / "stacks/tiny/cdk.tf.json").read_text())
    return wall, parsed


def main() -> int:
    """Run the frameworks interleaved and print the medians."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--app", choices=sorted(MODULES))
    parser.add_argument("outdir", nargs="?")
    args = parser.parse_args()
    if args.app:
        tiny_app(args.app, args.outdir)
        return 0
    missing = [str(python) for python in PYTHONS.values() if not python.exists()]
    if missing:
        print(f"missing {', '.join(missing)}: run `make setup`", file=sys.stderr)
        return 2
    cases = {"cdktf (accelerator)": ("cdktf", False), "cdktf (eager)": ("cdktf", True)}
    cases["cdktn"] = ("cdktn", False)
    walls: dict[str, list[float]] = {name: [] for name in cases}
    resources: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for _ in range(args.runs):
            for name, (framework, eager) in cases.items():
                wall, parsed = run(framework, Path(scratch), eager=eager)
                walls[name].append(wall)
                resources[framework] = parsed["resource"]
    for name, values in walls.items():
        print(f"{name:19} median {statistics.median(values):6.2f} s  runs {values}")
    same = resources["cdktf"] == resources["cdktn"]
    print(f"resource sections identical: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
