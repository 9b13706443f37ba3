"""The test tiers, by cost, and how a test falls into one (tests/conftest.py applies them).

- ``fast``: needs no Terraform, no emulator and no command-line process (jsii's own
  Node.js process, started on import, is fine). ``make test-fast`` runs these.
- ``process``: starts a command-line process (Python, Node.js, bash, pip) or the emulator,
  but no Terraform apply. ``make unit`` runs these and the fast ones.
- ``terraform``: the integration tests: real Terraform against the AWS emulator
  (``make integration``; ``make test`` runs every tier).

A test is marked by where it is (``tests/integration/`` is ``terraform``), by the fixtures
it uses (a synthesis in a fresh process, the emulator, a Terraform workspace), or by a
marker its module sets. Every other test is ``fast``, and the fast tests run with process
starts refused (``refuse_processes``), so a test that starts one unmarked fails at once.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Collection

FAST, PROCESS, TERRAFORM = "fast", "process", "terraform"

INTEGRATION = Path(__file__).resolve().parent / "integration"

# Fixtures whose setup starts a process, the emulator or Terraform: a test that uses one
# (directly or through another fixture) is not fast.
SLOW_FIXTURES = frozenset(
    {
        # A synthesis in a fresh Python process: tests/conftest.py.
        "eager_main",
        "switch_synths",
        "switch_stacks",
        # The AWS emulator (moto in server mode), and what is built on it.
        "moto_endpoint",
        "cognito",
        "s3",
        "fetch",
        "fake_cloudflare",
        # Terraform: tests/integration/conftest.py.
        "aws_version",
        "cli_config",
        "workspace",
        # The built and installed distributions: tests/test_wheel.py.
        "dists",
        "library",
    }
)


# Modules whose tests share no module-scoped fixture (each test makes its own Terraform
# apply): make test's workers take their tests one by one instead of the whole module, so
# one long module does not keep a worker busy while the other idles.
SPREAD_MODULES = frozenset({"tests/integration/test_stacks.py"})


# The modules whose tests take longest, longest first (bench/README.md): tests/conftest.py
# collects them first, and make test runs pytest-xdist with --no-loadscope-reorder (which
# would order the modules by their number of tests), so that no long module starts last
# and keeps one worker busy after the other has run out of tests.
LONGEST_FIRST = (
    "tests/integration/test_lifecycle.py",
    "tests/integration/test_stacks.py",
    "tests/integration/test_terraform.py",
    "tests/integration/test_offboarding.py",
    "tests/integration/test_access_application.py",
    "tests/integration/test_review.py",
    "tests/integration/test_login_page.py",
    "tests/test_switch.py",
    "tests/integration/test_switch.py",
    "tests/test_accelerator_synth.py",
    "tests/test_accelerator_fallback.py",
    "tests/integration/test_config_gate.py",
    "tests/integration/test_provider_facts.py",
)


def start_rank(nodeid: str) -> int:
    """Where ``nodeid``'s module starts: its place in LONGEST_FIRST, every other one after."""
    module = nodeid.split("::", 1)[0]
    return LONGEST_FIRST.index(module) if module in LONGEST_FIRST else len(LONGEST_FIRST)


# Modules that share a costly session fixture (a synthesis in a fresh process,
# tests/conftest.py): each group is one pytest-xdist scope, so one worker makes the
# fixture once instead of each worker making its own.
SHARED_SCOPES = {
    "tests/test_accelerator_synth.py": "eager_main",
    "tests/test_wheel.py": "eager_main",
    "tests/test_switch.py": "switch_synths",
    "tests/test_upgrade.py": "switch_synths",
    "tests/integration/test_switch.py": "switch_synths",
}


def scope_of(nodeid: str, module_scope: str) -> str:
    """The pytest-xdist scope of ``nodeid``.

    Itself in SPREAD_MODULES, its group's in SHARED_SCOPES, else ``module_scope``.
    """
    module = nodeid.split("::", 1)[0]
    if module in SPREAD_MODULES:
        return nodeid
    return SHARED_SCOPES.get(module, module_scope)


class TierError(Exception):
    """A test marked ``fast`` that cannot be."""


def tier_of(path: Path, fixtures: Collection[str], markers: Collection[str]) -> str:
    """The tier of a test at ``path`` that uses ``fixtures`` and carries ``markers``.

    Raises ``TierError`` for a test marked ``fast`` that is in another tier by its place
    or its fixtures.
    """
    slow = sorted(SLOW_FIXTURES.intersection(fixtures))
    if path.resolve().is_relative_to(INTEGRATION) or TERRAFORM in markers:
        found = TERRAFORM
    elif slow or PROCESS in markers:
        found = PROCESS
    else:
        return FAST
    if FAST in markers:
        why = f"uses {', '.join(slow)}" if slow else f"is a {found} test"
        msg = f"{path.name}: a fast test needs no process, emulator or Terraform, but it {why}"
        raise TierError(msg)
    return found


def _started_by_jsii(module: str) -> bool:
    """Whether the module that starts a process is jsii's (its Node.js runtime, allowed)."""
    return module == "jsii" or module.startswith("jsii.")


class RefusedProcessError(AssertionError):
    """A fast test tried to start a process."""


class _Refusing(subprocess.Popen):  # type: ignore[type-arg] # replaces Popen for any text mode
    def __init__(self, args: Any, *rest: Any, **options: Any) -> None:  # noqa: ANN401 - Popen's
        if not _started_by_jsii(sys._getframe(1).f_globals.get("__name__", "")):
            msg = (
                f"a fast test started a process ({args!r}): mark its module or test "
                "@pytest.mark.process (see tests/tiers.py)"
            )
            raise RefusedProcessError(msg)
        super().__init__(args, *rest, **options)


def refuse_processes(monkeypatch: Any) -> None:  # noqa: ANN401 - pytest.MonkeyPatch, not imported here
    """Make starting any process but jsii's runtime fail the test (subprocess, os)."""
    monkeypatch.setattr(subprocess, "Popen", _Refusing)
    for name in ("system", "popen", "posix_spawn", "posix_spawnp"):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, _refused(name))


def _refused(name: str) -> Any:  # noqa: ANN401 - stands in for os functions of any signature
    def refuse(*args: object, **_options: object) -> None:
        msg = f"a fast test called os.{name}{args!r}: mark it @pytest.mark.process"
        raise RefusedProcessError(msg)

    return refuse
