"""Fixtures and reports shared by the test modules.

The eager synthesis of main.py, run once per session, and the session report of how
many examples the property-based tests ran.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from cognito_access_lazy_providers import OPT_OUT_ENV
from tests.support import EXAMPLES_PROPERTY

ROOT = Path(__file__).resolve().parent.parent
STACK = Path("stacks", "cognito-access", "cdk.tf.json")
MAIN = "import runpy; runpy.run_path('main.py', run_name='__main__')"
EAGER_FIRST = "import cdktf_cdktf_provider_aws, cdktf_cdktf_provider_cloudflare; " + MAIN


@dataclass(frozen=True)
class Synth:
    """What a synthesis in a fresh process wrote and printed."""

    stack_json: bytes
    stdout: str


class StartedSynth:
    """A synthesis running in a fresh process; ``result()`` waits for it (once)."""

    def __init__(self, process: subprocess.Popen[str], outdir: Path) -> None:
        """Wrap ``process``, which writes to ``outdir``."""
        self._process, self._outdir = process, outdir
        self._result: Synth | None = None

    def result(self) -> Synth:
        """Wait for the process; fail the test if it failed."""
        if self._result is None:
            stdout, stderr = self._process.communicate(timeout=600)
            assert self._process.returncode == 0, (
                f"the synthesis into {self._outdir} failed:\n{stderr}"
            )
            self._result = Synth((self._outdir / STACK).read_bytes(), stdout)
        return self._result


def start_synth(
    command: list[str],
    outdir: Path,
    *,
    eager: bool = False,
    python: str = sys.executable,
    python_path: tuple[Path, ...] = (ROOT / "constructs", ROOT),
) -> StartedSynth:
    """Start ``python *command`` in the repository, writing to ``outdir``."""
    env = {key: value for key, value in os.environ.items() if key != OPT_OUT_ENV}
    env["CDKTF_OUTDIR"] = str(outdir)
    env["PYTHONPATH"] = os.pathsep.join(str(path) for path in python_path)
    if eager:
        env[OPT_OUT_ENV] = "1"
    process = subprocess.Popen(  # noqa: S603 - an interpreter running the tests' own code
        [python, *command],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return StartedSynth(process, outdir)


@pytest.fixture(scope="session")
def eager_main(tmp_path_factory: pytest.TempPathFactory) -> StartedSynth:
    """main.py synthesized the way apps did before the hook: both packages whole, eagerly."""
    outdir = tmp_path_factory.mktemp("eager")
    return start_synth(["-c", EAGER_FIRST], outdir, eager=True)


# Examples run by each property-based test, by test id; filled from the test reports, which
# pytest-xdist's workers send to the controlling process.
_EXAMPLES_RUN: dict[str, int] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Collect the examples a property-based test recorded."""
    for name, value in report.user_properties:
        if name == EXAMPLES_PROPERTY and report.when == "call" and isinstance(value, int):
            _EXAMPLES_RUN[report.nodeid] = value


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the examples each property-based test ran (shown with or without -s)."""
    if not _EXAMPLES_RUN:
        return
    terminalreporter.section("hypothesis examples")
    for test, count in sorted(_EXAMPLES_RUN.items()):
        module, _, name = test.rpartition("::")
        terminalreporter.write_line(f"{count:5d}  {Path(module).stem}: {name.split('[')[-1][:-1]}")
    terminalreporter.write_line(f"{sum(_EXAMPLES_RUN.values()):5d}  in total")
