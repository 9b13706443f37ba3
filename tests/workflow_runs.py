"""Running the workflows' scripts and steps in the tests, with stand-ins for the runner's tools.

``script`` runs a ``.github/scripts/`` Python script as a workflow does; ``bash`` runs a
workflow's shell step as GitHub does (``bash --noprofile --norc -eo pipefail``);
``stand_in`` puts a small shell script in place of ``aws``, ``gh`` or ``terraform``;
``fake_github`` runs a github-script module in Node.js against a fake client
(tests/fake_github.cjs).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING, Any

from tests.workflows import ROOT, SCRIPTS, steps

if TYPE_CHECKING:
    from pathlib import Path

NODE = shutil.which("node")


def script(
    name: str, *arguments: str, env: dict[str, str], cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - the repository's own script, by this interpreter
        [sys.executable, str(SCRIPTS / name), *arguments],
        env={"PATH": os.environ["PATH"], **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def stand_in(directory: Path, name: str, body: str) -> None:
    """Put an executable shell script called ``name`` in ``directory``."""
    path = directory / name
    path.write_text(f"#!/usr/bin/env bash\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


def step_run(job: dict[str, Any], name: str) -> str:
    (found,) = [step["run"] for step in steps(job) if step.get("name") == name]
    return str(found)


def bash(command: str, *, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a workflow's shell step as GitHub does: bash --noprofile --norc -eo pipefail."""
    return subprocess.run(  # noqa: S603 - a step of the repository's own workflow
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command],  # noqa: S607 - bash
        env={"PATH": os.environ["PATH"], **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def fake_github(module: str, scenario: dict[str, Any]) -> dict[str, Any]:
    assert NODE is not None
    result = subprocess.run(  # noqa: S603 - Node.js on the repository's own harness
        [
            NODE,
            str(ROOT / "tests" / "fake_github.cjs"),
            str(SCRIPTS / module),
            json.dumps(scenario),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed
