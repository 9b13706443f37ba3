"""Fixtures and reports shared by the test modules.

The AWS emulator (one moto server per session, emptied for each test module), the eager
synthesis of main.py, run once per session, and the session report of how many examples
the property-based tests ran.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests import emulator, tiers
from tests.framework import cdktn_source
from tests.support import EXAMPLES_PROPERTY

if TYPE_CHECKING:
    from collections.abc import Generator, Iterator, Mapping

ROOT = Path(__file__).resolve().parent.parent
# cognito_access_accelerator.OPT_OUT_ENV, written out: .venv-cdktn has no accelerator.
OPT_OUT_ENV = "COGNITO_ACCESS_EAGER_PROVIDERS"
STACK = Path("stacks", "cognito-access", "cdk.tf.json")
MAIN = "import runpy; runpy.run_path('main.py', run_name='__main__')"
EAGER_FIRST = "import cdktf_cdktf_provider_aws, cdktf_cdktf_provider_cloudflare; " + MAIN


@pytest.fixture(scope="session")
def moto_server() -> Iterator[str]:
    """The AWS emulator: moto in server mode on a free loopback port, for the whole session.

    It serves Cognito's discovery document (``tests.emulator``). Use ``moto_endpoint``,
    which empties it first.
    """
    with emulator.moto_server() as endpoint:
        yield endpoint


@pytest.fixture(scope="module")
def moto_endpoint(moto_server: str) -> str:
    """The AWS emulator's URL, emptied when a test module first asks for it.

    A module starts from an empty emulator, so nothing one module made can make another
    pass or fail; within a module, tests name what they make uniquely (or share it on
    purpose, as a module-scoped deployment does). pytest-xdist's ``--dist loadscope`` and
    pytest-randomly both keep a module's tests together.
    """
    emulator.reset(moto_server)
    return moto_server


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

    @property
    def outdir(self) -> Path:
        """Where the synthesis writes."""
        return self._outdir

    def result(self) -> Synth:
        """Wait for the process; fail the test if it failed."""
        if self._result is None:
            stdout, stderr = self._process.communicate(timeout=600)
            assert self._process.returncode == 0, (
                f"the synthesis into {self._outdir} failed:\n{stderr}"
            )
            self._result = Synth((self._outdir / STACK).read_bytes(), stdout)
        return self._result


def start_synth(  # noqa: PLR0913 - keyword-only options of one subprocess
    command: list[str],
    outdir: Path,
    *,
    eager: bool = False,
    python: str = sys.executable,
    python_path: tuple[Path, ...] = (ROOT / "constructs", ROOT),
    environ: Mapping[str, str] | None = None,
) -> StartedSynth:
    """Start ``python *command`` in the repository, writing to ``outdir``.

    ``environ`` replaces the environment (default: this process's).
    """
    source = os.environ if environ is None else environ
    env = {key: value for key, value in source.items() if key != OPT_OUT_ENV}
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
    """main.py synthesized without the accelerator: both provider packages whole, eagerly."""
    outdir = tmp_path_factory.mktemp("eager")
    return start_synth(["-c", EAGER_FIRST], outdir, eager=True)


SWITCH_APP = ROOT / "tests" / "apps" / "switch_app.py"
CDKTN_PYTHON = ROOT / ".venv-cdktn" / "bin" / "python"
SWITCH_STACKS = ("cognito-access", "library")
# The example stack with the options that declare the most: a user pool, groups, an
# Access application, remote state, a client secret Cloudflare keeps once adopted.
SETTINGS = {
    "PROTECTED_APP_DOMAIN": "app.example.com",
    "PROTECTED_APP_GROUPS": "staff,admins",
    "TF_STATE_BUCKET": "acme-state",
    "CLOUDFLARE_IGNORE_CLIENT_SECRET_CHANGES": "1",
}


def cdktn_python() -> Path:
    """.venv-cdktn's interpreter; skip (fail in CI) without it."""
    if not CDKTN_PYTHON.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CDKTN_PYTHON} is missing: run make setup")
        pytest.skip(f"{CDKTN_PYTHON} is missing: run make setup")
    return CDKTN_PYTHON


def app_environ() -> dict[str, str]:
    """This environment without the example app's settings, then SETTINGS."""
    import settings  # noqa: PLC0415 - the example app's settings: only where they are used

    names = {setting.env for setting in settings.SETTINGS}
    return {
        **{key: value for key, value in os.environ.items() if key not in names},
        "PATH": f"{ROOT / 'node_modules' / '.bin'}{os.pathsep}{os.environ['PATH']}",
        **SETTINGS,
    }


@dataclass(frozen=True)
class Synths:
    """The switch app synthesized by each framework, started together."""

    cdktf: StartedSynth
    cdktn: StartedSynth

    def stacks(self) -> dict[str, dict[str, dict[str, Any]]]:
        """Each framework's parsed stacks, by stack name."""
        parsed: dict[str, dict[str, dict[str, Any]]] = {}
        for name, started in (("cdktf", self.cdktf), ("cdktn", self.cdktn)):
            started.result()
            parsed[name] = {
                stack: json.loads(
                    (started.outdir / "stacks" / stack / "cdk.tf.json").read_text("utf-8")
                )
                for stack in SWITCH_STACKS
            }
        return parsed


@pytest.fixture(scope="session")
def switch_synths(tmp_path_factory: pytest.TempPathFactory) -> Synths:
    """switch_app.py synthesized with cdktf and, its imports renamed, with cdktn."""
    python = cdktn_python()
    renamed = tmp_path_factory.mktemp("cdktn-app")
    for source, target in ((SWITCH_APP, "switch_app.py"), (ROOT / "main.py", "main.py")):
        (renamed / target).write_text(cdktn_source(source.read_text("utf-8")), "utf-8")
    shutil.copy(ROOT / "settings.py", renamed / "settings.py")  # framework-free
    shutil.copy(ROOT / "cdktf.json", renamed / "cdktf.json")
    environ = app_environ()
    outdirs = {name: tmp_path_factory.mktemp(f"{name}.out") for name in ("cdktf", "cdktn")}
    return Synths(
        cdktf=start_synth(
            [str(SWITCH_APP), str(outdirs["cdktf"])], outdirs["cdktf"], environ=environ
        ),
        cdktn=start_synth(
            [str(renamed / "switch_app.py"), str(outdirs["cdktn"])],
            outdirs["cdktn"],
            python=str(python),
            python_path=(ROOT / "constructs",),
            environ=environ,
        ),
    )


@pytest.fixture(scope="session")
def switch_stacks(switch_synths: Synths) -> dict[str, dict[str, dict[str, Any]]]:
    """Each framework's parsed stacks."""
    return switch_synths.stacks()


@pytest.hookimpl(tryfirst=True)  # before -m deselects by the markers added here
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with its tier (tests/tiers.py); the longest modules go first.

    The tiers are fast, process and terraform; the longest modules are tiers.LONGEST_FIRST
    (the sort keeps every other test in its order).
    """
    for item in items:
        markers = {marker.name for marker in item.iter_markers()}
        fixtures = getattr(item, "fixturenames", ())
        try:
            found = tiers.tier_of(item.path, fixtures, markers)
        except tiers.TierError as error:
            msg = f"{item.nodeid}: {error}"
            raise pytest.UsageError(msg) from None
        if found not in markers:
            item.add_marker(found)
    items.sort(key=lambda item: tiers.start_rank(item.nodeid))


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook; .venv-cdktn has no pytest-xdist
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """--dist loadscope, with the tests of tiers.SPREAD_MODULES each a scope of its own."""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import (  # type: ignore[import-untyped] # noqa: PLC0415 - untyped; only under pytest-xdist
        LoadScopeScheduling,
    )

    class Scheduling(LoadScopeScheduling):  # type: ignore[misc] # pytest-xdist is untyped
        def _split_scope(self, nodeid: str) -> str:
            return tiers.scope_of(nodeid, super()._split_scope(nodeid))

    return Scheduling(config, log)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Generator[None, object, object]:
    """A fast test, its fixtures included, that starts a process fails: mark it."""
    if item.get_closest_marker(tiers.FAST) is None:
        return (yield)
    with pytest.MonkeyPatch.context() as monkeypatch:
        tiers.refuse_processes(monkeypatch)
        return (yield)


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
