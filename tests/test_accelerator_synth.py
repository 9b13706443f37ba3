"""With the accelerator, apps synthesize the same, faster; programs without providers are untouched.

Everything runs in fresh processes of the project venv, where the accelerator is
installed (make setup) and started by its start-up file, all started at once in one
module fixture: main.py (lazily, and eagerly from conftest), a user's app that imports
the provider packages first, tests/apps/accelerator_probe.py, and programs that import
``constructs``, or cdktf without a provider package. jsii's own debug log
(``JSII_DEBUG=1``, every request to the kernel) shows what each kernel was asked to load.
"""

from __future__ import annotations

import gzip
import importlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from jsii import _reference_map

from cognito_access_accelerator import _activation
from tests.conftest import MAIN, OPT_OUT_ENV, ROOT, StartedSynth, Synth, start_synth

# Starts command-line processes: not in the fast tier (tests/tiers.py).
pytestmark = pytest.mark.process

USER_APP = str(ROOT / "tests" / "apps" / "user_app.py")
PROBE_APP = str(ROOT / "tests" / "apps" / "accelerator_probe.py")
NODE_OPTIONS = "--max-old-space-size=3072"
OURS = "cognito_access"  # the prefix of every module of the library and of the accelerator
LOADED_MODULES = (
    f"import json, sys; print(json.dumps(sorted(m for m in sys.modules if m.startswith({OURS!r}))))"
)
# Two threads import the two provider packages at once. A deadlock (the interpreter's
# import lock against the accelerator's) ends the process, with every thread's stack.
THREADS = """
import faulthandler, importlib, json, sys, threading
faulthandler.dump_traceback_later(240, exit=True)
barrier, errors = threading.Barrier(2), []
def load(name):
    barrier.wait()
    try:
        importlib.import_module(name)
    except Exception as error:
        errors.append(repr(error))
threads = [threading.Thread(target=load, args=(name,)) for name in sys.argv[1:]]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
loaded = [m for m in sys.modules if m.startswith("cdktf_cdktf_provider_")]
print(json.dumps({"errors": errors, "loaded": len(loaded)}))
"""
PROGRAMS = {
    "constructs": "import constructs; constructs.RootConstruct('root'); " + LOADED_MODULES,
    "cdktf": "import sys, cdktf; app = cdktf.App(outdir=sys.argv[1]); "
    "cdktf.TerraformStack(app, 'empty'); app.synth(); " + LOADED_MODULES,
}


@dataclass(frozen=True)
class Run:
    """What a program in a fresh process printed, and what its jsii kernel was asked to load."""

    stdout: str
    stderr: str
    loads: list[str]

    def json(self) -> Any:  # noqa: ANN401 - whatever the program printed
        """The program's output, parsed."""
        return json.loads(self.stdout)


def _start(command: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    environment = {key: value for key, value in os.environ.items() if key != OPT_OUT_ENV}
    environment.update(JSII_DEBUG="1", PYTHONPATH=f"{ROOT / 'constructs'}{os.pathsep}{ROOT}")
    environment.update(env)
    return subprocess.Popen(  # noqa: S603 - this interpreter running the tests' own code
        [sys.executable, *command],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(process: subprocess.Popen[str]) -> Run:
    stdout, stderr = process.communicate(timeout=600)
    assert process.returncode == 0, stderr[-5000:]
    requests = [line[2:] for line in stderr.splitlines() if line.startswith("> {")]
    loads = [json.loads(line)["name"] for line in requests if '"api":"load"' in line]
    return Run(stdout, stderr, loads)


def _without_preload(root: Path) -> Path:
    """A copy of the installed accelerator without its Node.js half (a half-copied vendoring)."""
    installed = Path(_activation.__file__).parent
    shutil.copytree(installed, root / installed.name, ignore=shutil.ignore_patterns("*.tgz"))
    return root


@pytest.fixture(scope="module")
def synths(tmp_path_factory: pytest.TempPathFactory, eager_main: StartedSynth) -> dict[str, Synth]:
    """Side by side, in fresh processes: main.py lazily, main.py eagerly, a user's app."""
    outdirs = {name: tmp_path_factory.mktemp(name) for name in ("lazy", "user")}
    started = {
        "lazy": start_synth(["-c", MAIN], outdirs["lazy"]),
        "eager": eager_main,
        "user": start_synth([USER_APP, str(outdirs["user"])], outdirs["user"]),
    }
    return {name: synth.result() for name, synth in started.items()}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """The probe app and the programs without a provider package, all at once."""
    tmp = tmp_path_factory.mktemp("programs")
    broken = _without_preload(tmp / "broken")
    started = {
        "probe": _start([PROBE_APP, str(tmp / "probe")], {"NODE_OPTIONS": NODE_OPTIONS}),
        **{name: _start(["-c", code, str(tmp / name)], {}) for name, code in PROGRAMS.items()},
        "threads": _start(
            ["-c", THREADS, "cdktf_cdktf_provider_aws", "cdktf_cdktf_provider_cloudflare"], {}
        ),
        "constructs_preload_missing": _start(
            ["-c", PROGRAMS["constructs"]],
            {"PYTHONPATH": os.pathsep.join(map(str, (broken, ROOT / "constructs", ROOT)))},
        ),
    }
    return {name: _finish(process) for name, process in started.items()}


def test_the_lazy_synthesis_is_byte_identical_to_the_eager_one(synths: dict[str, Synth]) -> None:
    assert synths["lazy"].stack_json == synths["eager"].stack_json


def test_an_app_importing_the_providers_first_synthesizes_the_same(
    synths: dict[str, Synth],
) -> None:
    assert synths["user"].stack_json == synths["eager"].stack_json


def test_an_app_importing_the_providers_first_still_loads_them_lazily(
    synths: dict[str, Synth],
) -> None:
    loaded = json.loads(synths["user"].stdout)["loaded_before"]
    assert "cdktf_cdktf_provider_aws.cognito_user_pool_client" in loaded
    assert "cdktf_cdktf_provider_aws.s3_bucket" not in loaded
    assert len(loaded) < 50  # eagerly: over 4,000


def test_a_resource_type_the_construct_does_not_use_imports_normally_afterwards(
    synths: dict[str, Synth],
) -> None:
    assert json.loads(synths["user"].stdout)["same_class"] is True


def test_node_options_is_never_changed_in_the_process_environment(runs: dict[str, Run]) -> None:
    probe = runs["probe"].json()
    assert (probe["node_options_changes"], probe["node_options"]) == ([], NODE_OPTIONS)


def test_the_kernel_loads_the_node_half_before_the_provider_package(
    runs: dict[str, Run],
) -> None:
    loads = runs["probe"].loads
    assert loads.index(_activation.PRELOAD_ASSEMBLY) < loads.index("@cdktf/provider-cloudflare")


def test_a_provider_package_loads_lazily_when_the_app_imports_it_first(
    runs: dict[str, Run],
) -> None:
    loaded = runs["probe"].json()["loaded_before_reload"]
    assert "cdktf_cdktf_provider_cloudflare.dns_record" in loaded
    assert len(loaded) < 20  # eagerly: over 1,100


def test_a_reloaded_provider_package_declares_a_type_never_imported(runs: dict[str, Run]) -> None:
    assert runs["probe"].json()["buckets_after_reload"] == ["Bucket"]


def test_a_reloaded_provider_package_stays_lazy(runs: dict[str, Run]) -> None:
    assert runs["probe"].json()["access_rule_loaded"] is False


def test_two_threads_importing_both_provider_packages_at_once_load_them_lazily(
    runs: dict[str, Run],
) -> None:
    assert runs["threads"].json() == {"errors": [], "loaded": 8}  # eagerly: over 5,500


@pytest.mark.parametrize("program", [*PROGRAMS, "constructs_preload_missing"])
def test_a_program_without_provider_packages_loads_nothing_but_the_start_up_module(
    runs: dict[str, Run], program: str
) -> None:
    assert runs[program].json() == ["cognito_access_accelerator"]


@pytest.mark.parametrize("program", [*PROGRAMS, "constructs_preload_missing"])
def test_a_program_without_provider_packages_gets_nothing_in_its_kernel(
    runs: dict[str, Run], program: str
) -> None:
    assert runs[program].loads
    assert _activation.PRELOAD_ASSEMBLY not in runs[program].loads


@pytest.mark.parametrize("program", [*PROGRAMS, "constructs_preload_missing"])
def test_a_program_without_provider_packages_gets_no_warning(
    runs: dict[str, Run], program: str
) -> None:
    assert "Warning" not in runs[program].stderr.replace("Node 20 is end-of-life", "")


def test_jsii_can_find_the_submodule_of_a_type_never_imported() -> None:
    import cdktf_cdktf_provider_aws  # noqa: F401, PLC0415 - loaded lazily by the accelerator

    assert "cdktf_cdktf_provider_aws.sqs_queue" not in sys.modules
    assert _reference_map._try_import_type_module("@cdktf/provider-aws.sqsQueue.SqsQueue")
    assert "@cdktf/provider-aws.sqsQueue.SqsQueue" in _reference_map._types


def test_attribute_access_imports_a_submodule_on_demand() -> None:
    import cdktf_cdktf_provider_cloudflare  # noqa: PLC0415 - loaded lazily by the accelerator

    assert "cdktf_cdktf_provider_cloudflare.r2_bucket" not in sys.modules
    bucket_class = cdktf_cdktf_provider_cloudflare.r2_bucket.R2Bucket
    assert bucket_class.__name__ == "R2Bucket"
    assert "r2_bucket" in dir(cdktf_cdktf_provider_cloudflare)


def test_the_kernel_accepts_the_node_half_as_a_valid_jsii_assembly() -> None:
    code = (
        "import jsii, sys; from cognito_access_accelerator import __version__, _activation as a;"
        "jsii.load(a.PRELOAD_ASSEMBLY, __version__, a.PRELOAD)"
    )
    run = _finish(_start(["-c", code], {"JSII_VALIDATE_ASSEMBLIES": "1"}))
    assert '< {"ok":{"assembly":"cognito-access-accelerator","types":0}}' in run.stderr


def _declared_submodules(package: str) -> set[str]:
    """The submodule names the package's own jsii assembly declares (in its _jsii tarball)."""
    module = importlib.import_module(package)
    (tarball,) = (Path(module.__file__ or "").parent / "_jsii").glob("*.jsii.tgz")
    with tarfile.open(tarball) as archive:
        member = archive.extractfile("package/.jsii")
        assert member is not None
        assembly = json.loads(member.read())
        if assembly.get("schema") == "jsii/file-redirect":  # the real one, compressed
            member = archive.extractfile(f"package/{assembly['filename']}")
            assert member is not None
            assembly = json.loads(gzip.decompress(member.read()))
    return set(assembly["submodules"])


@pytest.mark.parametrize("package", ["cdktf_cdktf_provider_aws", "cdktf_cdktf_provider_cloudflare"])
def test_jsii_is_told_each_submodule_by_the_name_its_assembly_declares(package: str) -> None:
    """The registry's keys are derived from Python names: each must be a jsii submodule name."""
    declared = _declared_submodules(package)
    registered = {
        fqn for fqn, name in _reference_map._submodule_fqn_map.items() if name.startswith(package)
    }
    assert registered == declared
