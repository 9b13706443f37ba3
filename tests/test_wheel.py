"""The package as users get it: a wheel and an sdist, installed into a fresh virtualenv.

The wheel is installed with ``--no-deps`` into a new venv whose own site-packages has a
``.pth`` naming the project venv's site-packages, so cdktf and the provider packages are
reached there rather than installed twice; the wheel's own files come first.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import tarfile
import venv
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT, StartedSynth, start_synth

HOOK_FILES = ("cognito_access_lazy_providers.pth", "cognito_access_lazy_providers.cjs")
USER_APP = str(ROOT / "tests" / "apps" / "user_app.py")


@dataclass(frozen=True)
class Installed:
    """A fresh venv with the wheel installed, and where its files went."""

    python: Path
    scripts: Path
    site_packages: Path


def _run(*command: str | Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(  # noqa: S603 - the tests' own build and install commands
        [str(part) for part in command], capture_output=True, text=True, check=False, env=env
    )
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel, built once per session as a release would build them."""
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, ROOT)
    return out


@pytest.fixture(scope="session")
def installed(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """A fresh venv with only the wheel installed, reaching the dependencies through a .pth."""
    root = tmp_path_factory.mktemp("venv")
    venv.create(root, with_pip=False)
    paths = sysconfig.get_paths(vars={"base": str(root), "platbase": str(root)})
    site_packages = Path(paths["purelib"])
    python = Path(paths["scripts"]) / "python"
    (wheel,) = dist.glob("*.whl")
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", wheel)
    # Only now: pip would see the project venv's cognito-access through it and skip the wheel.
    # Named to sort after the wheel's own .pth; its directory comes after the venv's own.
    project = sysconfig.get_paths()["purelib"]
    (site_packages / "zz_project_venv.pth").write_text(project + "\n", encoding="utf-8")
    return Installed(python, Path(paths["scripts"]), site_packages)


@pytest.fixture(scope="module")
def user_app(installed: Installed, tmp_path_factory: pytest.TempPathFactory) -> StartedSynth:
    """tests/apps/user_app.py run by the venv's Python, with no source directory on its path."""
    outdir = tmp_path_factory.mktemp("wheel-user")
    return start_synth(
        [USER_APP, str(outdir)], outdir, python=str(installed.python), python_path=(ROOT,)
    )


def test_the_sdist_carries_the_hook_files_and_the_licence(dist: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {Path(name).name for name in archive.getnames()}
    assert {*HOOK_FILES, "LICENSE", "CHANGELOG.md", "setup.py"} <= names


@pytest.mark.parametrize("name", HOOK_FILES)
def test_the_hook_files_are_at_the_top_of_site_packages(installed: Installed, name: str) -> None:
    assert (installed.site_packages / name).is_file()


def test_the_installed_package_imports_from_the_wheel(installed: Installed) -> None:
    code = (
        "import json, importlib.metadata, cognito_access, cognito_access_lazy_providers as hook;"
        "print(json.dumps([cognito_access.__file__, cognito_access.__version__,"
        " importlib.metadata.version('cognito-access'), hook.is_installed()]))"
    )
    env = {**os.environ, "PYTHONPATH": ""}
    output = _run(installed.python, "-c", code, env=env)
    path, version, metadata_version, hooked = json.loads(output)
    assert Path(path).is_relative_to(installed.site_packages)
    assert version == metadata_version
    assert hooked is True  # by the .pth, at interpreter start-up


def test_an_app_importing_the_providers_first_synthesizes_the_same_as_eager(
    user_app: StartedSynth, eager_main: StartedSynth
) -> None:
    assert user_app.result().stack_json == eager_main.result().stack_json


def test_an_app_importing_the_providers_first_loads_them_lazily(user_app: StartedSynth) -> None:
    loaded = json.loads(user_app.result().stdout)["loaded_before"]
    assert "cdktf_cdktf_provider_aws.cognito_user_pool_client" in loaded
    assert len(loaded) < 50  # eagerly: over 4,000


def test_the_console_script_runs(installed: Installed) -> None:
    usage = _run(installed.scripts / "cognito-access-plan-summary", "--help")
    assert "usage:" in usage
