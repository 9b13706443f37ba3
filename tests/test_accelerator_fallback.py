"""When the accelerator meets something it does not expect, the app synthesizes the same, eagerly.

Each failure mode is simulated in a fresh process without touching the shared venv: a
prelude, a copy of the accelerator first on sys.path (without its Node.js half, or with
one the kernel refuses), a Node.js preload of the test's own that reshapes a provider
index, or a copy of a provider package first on sys.path. The app is Cloudflare only
(tests/apps/cloudflare_app.py): eagerly it costs seconds, where the AWS package costs
tens. All runs start at once, in one module fixture.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from cognito_access_accelerator import _activation
from tests.conftest import OPT_OUT_ENV

# Starts command-line processes: not in the fast tier (tests/tiers.py).
pytestmark = pytest.mark.process

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "tests" / "apps" / "cloudflare_app.py"
STACK = Path("stacks", "cloudflare", "cdk.tf.json")
PACKAGE = "cdktf_cdktf_provider_cloudflare"
WARNING = re.compile(r"\bAcceleratorWarning: ")
FAILURE_MODES = (
    "jsii_attribute_deleted",
    "preload_missing",
    "preload_refused",
    "index_unexpected",
    "init_unexpected",
)

# Moves every provider index.js the Node.js process reads into another shape: one more
# (harmless) statement at the end, as a new code generator might write.
RESHAPE_INDEX = """
const fs = require('fs');
const read = fs.readFileSync;
fs.readFileSync = function (file, ...rest) {
  const content = read.call(this, file, ...rest);
  if (typeof content === 'string' && /provider-cloudflare[\\\\/]lib[\\\\/]index\\.js$/.test(file)) {
    return content + '\\nObject.defineProperty(exports, "reshaped", { value: true });\\n';
  }
  return content;
};
"""


@dataclass(frozen=True)
class Synth:
    """What a synthesis in a fresh process wrote, and how many warnings it printed."""

    stack_json: bytes
    warnings: int
    stderr: str


def _prelude(code: str, outdir: Path) -> list[str]:
    """Run ``code``, then the app, in one interpreter."""
    run = f"import runpy, sys; sys.argv = [{str(APP)!r}, {str(outdir)!r}]; "
    return ["-c", f"{code}; {run}runpy.run_path(sys.argv[0], run_name='__main__')"]


def _accelerator_copy(root: Path, *, preload: bytes | None) -> Path:
    """A directory holding a copy of the installed accelerator whose Node.js half is ``preload``.

    None: without it (vendored, half-copied).
    """
    installed = Path(_activation.PRELOAD).parent
    shutil.copytree(installed, root / installed.name, ignore=shutil.ignore_patterns("*.tgz"))
    if preload is not None:
        (root / installed.name / Path(_activation.PRELOAD).name).write_bytes(preload)
    return root


def _reshaping_preload(root: Path) -> str:
    """NODE_OPTIONS that preload the test's own script into every Node.js process."""
    root.mkdir()
    script = root / "reshape.cjs"
    script.write_text(RESHAPE_INDEX, encoding="utf-8")
    return f"--require {json.dumps(str(script))}"


def _package_with_another_init(root: Path) -> Path:
    """The Cloudflare package, linked file by file, with one more line at the end of __init__."""
    import importlib.util  # noqa: PLC0415 - only to locate the installed package

    spec = importlib.util.find_spec(PACKAGE)
    assert spec is not None
    assert spec.origin is not None
    real = Path(spec.origin).parent
    copy = root / PACKAGE
    copy.mkdir(parents=True)
    for entry in real.iterdir():
        if entry.name not in {"__init__.py", "__pycache__"}:
            (copy / entry.name).symlink_to(entry)
    init = (real / "__init__.py").read_text(encoding="utf-8")
    (copy / "__init__.py").write_text(init + '\n__version__ = "0"\n', encoding="utf-8")
    return root


def _start(
    name: str,
    tmp: Path,
    *,
    python_path: list[Path] | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.Popen[str]:
    outdir = tmp / f"{name}.out"
    command = [str(APP), str(outdir)]
    environment = {k: v for k, v in os.environ.items() if k not in {OPT_OUT_ENV, "NODE_OPTIONS"}}
    paths = [*(python_path or []), ROOT / "constructs", ROOT]
    environment["PYTHONPATH"] = os.pathsep.join(str(path) for path in paths)
    environment.update(env or {})
    if name == "jsii_attribute_deleted":
        command = _prelude("import jsii._reference_map as m; del m._submodule_fqn_map", outdir)
    return subprocess.Popen(  # noqa: S603 - this interpreter running the tests' own app
        [sys.executable, *command],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="module")
def synths(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Synth]:
    """The app eagerly, lazily, and in each failure mode, all at once in fresh processes."""
    tmp = tmp_path_factory.mktemp("fallback")
    started = {
        "eager": _start("eager", tmp, env={OPT_OUT_ENV: "1"}),
        "lazy": _start("lazy", tmp),
        "jsii_attribute_deleted": _start("jsii_attribute_deleted", tmp),
        "preload_missing": _start(
            "preload_missing", tmp, python_path=[_accelerator_copy(tmp / "missing", preload=None)]
        ),
        "preload_refused": _start(
            "preload_refused",
            tmp,
            python_path=[_accelerator_copy(tmp / "refused", preload=b"not a tarball")],
        ),
        "index_unexpected": _start(
            "index_unexpected", tmp, env={"NODE_OPTIONS": _reshaping_preload(tmp / "reshape")}
        ),
        "init_unexpected": _start(
            "init_unexpected", tmp, python_path=[_package_with_another_init(tmp / "packages")]
        ),
    }
    results = {}
    for name, process in started.items():
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, f"the {name} synthesis failed:\n{stderr}"
        stack_json = (tmp / f"{name}.out" / STACK).read_bytes()
        results[name] = Synth(stack_json, len(WARNING.findall(stderr)), stderr)
    return results


def test_the_lazy_synthesis_warns_of_nothing(synths: dict[str, Synth]) -> None:
    assert synths["lazy"].warnings == 0, synths["lazy"].stderr
    assert synths["lazy"].stack_json == synths["eager"].stack_json


@pytest.mark.parametrize("mode", FAILURE_MODES)
def test_a_failure_mode_synthesizes_byte_identical_to_the_eager_run(
    synths: dict[str, Synth], mode: str
) -> None:
    assert json.loads(synths[mode].stack_json)["resource"]["cloudflare_dns_record"]
    assert synths[mode].stack_json == synths["eager"].stack_json


@pytest.mark.parametrize("mode", FAILURE_MODES)
def test_a_failure_mode_warns_exactly_once(synths: dict[str, Synth], mode: str) -> None:
    assert synths[mode].warnings == 1, synths[mode].stderr


@pytest.mark.parametrize(
    ("mode", "named"),
    [
        ("jsii_attribute_deleted", "jsii._reference_map._submodule_fqn_map is missing"),
        ("preload_missing", "preload.jsii.tgz, is missing"),
        ("preload_refused", "the jsii kernel did not load the Node.js half of the accelerator"),
        ("index_unexpected", "unexpected statement"),
        ("init_unexpected", "does not end with `from . import <submodule>` lines"),
    ],
)
def test_the_warning_says_what_was_missing_and_how_to_silence_it(
    synths: dict[str, Synth], mode: str, named: str
) -> None:
    assert named in synths[mode].stderr
    assert f"{OPT_OUT_ENV}=1" in synths[mode].stderr
