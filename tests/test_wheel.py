"""Both distributions as users get them: built, then installed into fresh virtualenvs.

``cognito-access`` (the library) and ``cognito-access-accelerator`` (accelerator/, the
``fast`` extra) are each built as an sdist and a wheel from that sdist, once per session.
Their wheels are installed with ``--no-deps`` into fresh venvs that reach the other
dependencies through a ``.pth`` naming a directory of links to the project venv's
packages, without this project's own and without any start-up file: the library alone,
the library with the accelerator, and the accelerator in a ``pip install --target``
directory.
"""

from __future__ import annotations

import email
import email.message
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT, StartedSynth, start_synth

# Starts command-line processes: not in the fast tier (tests/tiers.py).
pytestmark = pytest.mark.process

ACCELERATOR = ROOT / "accelerator"
STARTUP_FILES = ("cognito_access_accelerator.pth", "cognito_access_accelerator.start")
OURS = ("cognito_access", "cognito-access")  # every name of ours starts with one of these
USER_APP = str(ROOT / "tests" / "apps" / "user_app.py")
LOADED_MODULES = (
    "import json, sys; "
    "print(json.dumps(sorted(m for m in sys.modules if m.startswith('cognito_access'))))"
)


@dataclass(frozen=True)
class Dists:
    """The sdist and the wheel of each distribution."""

    library_sdist: Path
    library_wheel: Path
    accelerator_sdist: Path
    accelerator_wheel: Path


@dataclass(frozen=True)
class Installed:
    """A fresh venv, and where its files went."""

    python: Path
    scripts: Path
    site_packages: Path


def _run(
    *command: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(  # noqa: S603 - the tests' own build, install and probe commands
        [str(part) for part in command], capture_output=True, text=True, check=False, env=env
    )
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result


def _clean_environ(**extra: str) -> dict[str, str]:
    """This environment without PYTHONPATH or the opt-out, with ``extra``."""
    names = {"PYTHONPATH", "COGNITO_ACCESS_EAGER_PROVIDERS"}
    return {**{k: v for k, v in os.environ.items() if k not in names}, **extra}


@pytest.fixture(scope="session")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Dists:
    """Both distributions built side by side, as a release would build them."""
    out = tmp_path_factory.mktemp("dist")
    builds = {
        name: subprocess.Popen(  # noqa: S603 - the tests' own build
            [sys.executable, "-m", "build", "--no-isolation", "--outdir", out / name, source],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for name, source in (("library", ROOT), ("accelerator", ACCELERATOR))
    }
    for name, build in builds.items():
        output, _ = build.communicate(timeout=600)
        assert build.returncode == 0, f"building {name} failed:\n{output}"
    (library_sdist,) = (out / "library").glob("*.tar.gz")
    (library_wheel,) = (out / "library").glob("*.whl")
    (accelerator_sdist,) = (out / "accelerator").glob("*.tar.gz")
    (accelerator_wheel,) = (out / "accelerator").glob("*.whl")
    return Dists(library_sdist, library_wheel, accelerator_sdist, accelerator_wheel)


@pytest.fixture(scope="session")
def dependencies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Links to the project venv's packages, without ours and without start-up files."""
    links = tmp_path_factory.mktemp("dependencies")
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        if entry.name.startswith(OURS) or entry.suffix in {".pth", ".start"}:
            continue
        (links / entry.name).symlink_to(entry)
    return links


def _venv(root: Path, dependencies: Path | None, *wheels: Path) -> Installed:
    """A fresh venv with ``wheels`` installed, reaching ``dependencies`` through a .pth."""
    venv.create(root, with_pip=False)
    paths = sysconfig.get_paths(vars={"base": str(root), "platbase": str(root)})
    site_packages = Path(paths["purelib"])
    python = Path(paths["scripts"]) / "python"
    if wheels:
        install: list[str | Path] = [sys.executable, "-m", "pip", "--python", python, "install"]
        _run(*install, "--quiet", "--no-deps", *wheels)
    if dependencies is not None:  # after pip, which would otherwise see the project venv's
        (site_packages / "zz_dependencies.pth").write_text(f"{dependencies}\n", encoding="utf-8")
    return Installed(python, Path(paths["scripts"]), site_packages)


@pytest.fixture(scope="session")
def library(
    dists: Dists, dependencies: Path, tmp_path_factory: pytest.TempPathFactory
) -> Installed:
    """``pip install 'cognito-access[cdktf]'``: the library without the accelerator."""
    return _venv(tmp_path_factory.mktemp("library-venv"), dependencies, dists.library_wheel)


@pytest.fixture(scope="session")
def fast(dists: Dists, dependencies: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """``pip install 'cognito-access[cdktf,fast]'``: the library and the accelerator."""
    root = tmp_path_factory.mktemp("fast-venv")
    return _venv(root, dependencies, dists.library_wheel, dists.accelerator_wheel)


@pytest.fixture(scope="module")
def user_app(fast: Installed, tmp_path_factory: pytest.TempPathFactory) -> StartedSynth:
    """tests/apps/user_app.py run by the fast venv's Python, no source directory on its path."""
    outdir = tmp_path_factory.mktemp("wheel-user")
    return start_synth(
        [USER_APP, str(outdir)], outdir, python=str(fast.python), python_path=(ROOT,)
    )


def _sdist_names(sdist: Path) -> set[str]:
    with tarfile.open(sdist) as archive:
        return {Path(name).name for name in archive.getnames()}


def _wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def _metadata(wheel: Path) -> email.message.Message:
    with zipfile.ZipFile(wheel) as archive:
        (name,) = (name for name in archive.namelist() if name.endswith(".dist-info/METADATA"))
        return email.message_from_bytes(archive.read(name))


def _version(wheel: Path) -> str:
    return str(_metadata(wheel)["Version"])


def test_the_library_sdist_carries_the_licence_and_no_start_up_file(dists: Dists) -> None:
    names = _sdist_names(dists.library_sdist)
    assert {"LICENSE", "CHANGELOG.md", "pyproject.toml"} <= names
    assert not [name for name in names if name.endswith((".pth", ".start"))]


def test_the_library_wheel_holds_only_the_library(dists: Dists) -> None:
    top = {name.split("/")[0] for name in _wheel_names(dists.library_wheel)}
    assert top == {"cognito_access", f"cognito_access-{_version(dists.library_wheel)}.dist-info"}


def test_the_accelerator_sdist_carries_what_its_wheel_is_built_from(dists: Dists) -> None:
    names = _sdist_names(dists.accelerator_sdist)
    assert {*STARTUP_FILES, "preload.cjs", "setup.py", "LICENSE", "README.md"} <= names


def test_the_accelerator_wheel_puts_its_start_up_files_at_the_top(dists: Dists) -> None:
    names = _wheel_names(dists.accelerator_wheel)
    assert set(STARTUP_FILES) <= names
    assert "cognito_access_accelerator/preload.jsii.tgz" in names


def test_the_fast_extra_pins_the_accelerator_at_the_librarys_version(dists: Dists) -> None:
    requires = _metadata(dists.library_wheel).get_all("Requires-Dist") or []
    fast = [line for line in requires if re.search(r"extra\s*==\s*['\"]fast['\"]", line)]
    pin = f"cognito-access-accelerator=={_version(dists.library_wheel)}"
    assert [line.split(";")[0].replace(" ", "") for line in fast] == [pin]
    assert _version(dists.accelerator_wheel) == _version(dists.library_wheel)


def test_without_the_accelerator_site_packages_has_no_start_up_file_of_ours(
    library: Installed,
) -> None:
    ours = [path.name for path in library.site_packages.iterdir() if path.name.startswith(OURS)]
    assert sorted(ours) == [
        "cognito_access",
        f"cognito_access-{_installed_version(library)}.dist-info",
    ]
    startup = [
        path.name for path in library.site_packages.glob("*") if path.suffix in {".pth", ".start"}
    ]
    assert startup == ["zz_dependencies.pth"]  # the test's own


def _installed_version(installed: Installed) -> str:
    code = "import importlib.metadata as m; print(m.version('cognito-access'))"
    return _run(installed.python, "-c", code, env=_clean_environ()).stdout.strip()


def test_without_the_accelerator_importing_constructs_loads_nothing_of_ours(
    library: Installed,
) -> None:
    result = _run(
        library.python, "-c", "import constructs; " + LOADED_MODULES, env=_clean_environ()
    )
    assert (json.loads(result.stdout), result.stderr.count("Warning")) == ([], 0)


def test_without_the_accelerator_the_library_imports_silently_from_the_wheel(
    library: Installed,
) -> None:
    code = "import cognito_access; print(cognito_access.__file__); " + LOADED_MODULES
    result = _run(library.python, "-W", "default", "-c", code, env=_clean_environ())
    path, loaded = result.stdout.splitlines()
    assert Path(path).is_relative_to(library.site_packages)
    assert (json.loads(loaded), result.stderr) == (["cognito_access"], "")


@pytest.mark.parametrize("name", STARTUP_FILES)
def test_the_accelerators_start_up_files_are_the_source_ones_at_the_top_of_site_packages(
    fast: Installed, name: str
) -> None:
    assert (fast.site_packages / name).read_bytes() == (ACCELERATOR / name).read_bytes()


def test_with_the_accelerator_importing_constructs_loads_only_its_start_up_module(
    fast: Installed,
) -> None:
    result = _run(fast.python, "-c", "import constructs; " + LOADED_MODULES, env=_clean_environ())
    assert json.loads(result.stdout) == ["cognito_access_accelerator"]


def test_an_app_importing_the_providers_first_synthesizes_the_same_as_eager(
    user_app: StartedSynth, eager_main: StartedSynth
) -> None:
    assert user_app.result().stack_json == eager_main.result().stack_json


def test_an_app_importing_the_providers_first_loads_them_lazily(user_app: StartedSynth) -> None:
    loaded = json.loads(user_app.result().stdout)["loaded_before"]
    assert "cdktf_cdktf_provider_aws.cognito_user_pool_client" in loaded
    assert len(loaded) < 50  # eagerly: over 4,000


def _start_entries() -> list[str]:
    text = (ACCELERATOR / "cognito_access_accelerator.start").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_the_start_file_names_an_importable_callable_in_the_pep_829_form(fast: Installed) -> None:
    (entry,) = _start_entries()
    assert re.fullmatch(r"[\w.]+:[\w.]+", entry)  # pkg.mod:callable, as resolve_name(strict=True)
    code = f"import pkgutil; print(callable(pkgutil.resolve_name({entry!r})))"
    assert _run(fast.python, "-c", code, env=_clean_environ()).stdout.strip() == "True"


def test_the_start_file_entry_point_activates_the_accelerator(fast: Installed) -> None:
    """As Python 3.15+ does: no .pth import line run (-S: no site), the entry point called."""
    (entry,) = _start_entries()
    code = (
        f"import pkgutil, sys; sys.path += [{str(fast.site_packages)!r}, "
        f"{(fast.site_packages / 'zz_dependencies.pth').read_text().strip()!r}]; "
        f"pkgutil.resolve_name({entry!r})(); "
        "import cdktf_cdktf_provider_cloudflare; "
        "print(len([m for m in sys.modules if m.startswith('cdktf_cdktf_provider_cloudflare')]))"
    )
    result = _run(fast.python, "-S", "-c", code, env=_clean_environ())
    assert int(result.stdout) < 20  # eagerly: over 1,100
    assert "Warning" not in result.stderr.replace("Node 20 is end-of-life", "")


@pytest.mark.parametrize("left_behind", ["nothing", "an empty package directory"])
def test_a_start_up_line_left_without_its_module_prints_nothing(
    tmp_path: Path, left_behind: str
) -> None:
    """The module is gone; a directory of its name (say, a stray __pycache__) may remain."""
    orphan = _venv(tmp_path / "venv", None)
    shutil.copy(ACCELERATOR / "cognito_access_accelerator.pth", orphan.site_packages)
    if left_behind != "nothing":  # imports as a namespace package, without start()
        (orphan.site_packages / "cognito_access_accelerator" / "__pycache__").mkdir(parents=True)
    result = _run(orphan.python, "-c", "pass", env=_clean_environ())
    assert (result.stdout, result.stderr) == ("", "")


def test_an_install_that_skips_start_up_files_says_so_once_on_import(
    dists: Dists, library: Installed, tmp_path: Path
) -> None:
    target = tmp_path / "target"
    install: list[str | Path] = [sys.executable, "-m", "pip", "--python", library.python]
    _run(*install, "install", "--quiet", "--no-deps", "--target", target, dists.accelerator_wheel)
    code = "import importlib, cognito_access; importlib.reload(cognito_access)"
    result = _run(library.python, "-c", code, env=_clean_environ(PYTHONPATH=str(target)))
    assert result.stderr.count("AcceleratorWarning: ") == 1
    assert "did not start: its start-up file" in result.stderr
    assert "pip install --target" in result.stderr


def test_the_console_script_summarizes_a_plan(library: Installed, tmp_path: Path) -> None:
    """The installed entry point reads a plan's JSON and prints its summary."""
    address = "aws_cognito_user_pool_client.Sso_AppClient_1A2B3C4D"
    created = {
        "address": address,
        "mode": "managed",
        "type": "aws_cognito_user_pool_client",
        "name": "Sso_AppClient_1A2B3C4D",
        "change": {"actions": ["create"], "before": None, "after": {"name": "acme"}},
    }
    plan_json = tmp_path / "plan.json"
    plan_json.write_text(
        json.dumps({"format_version": "1.2", "resource_changes": [created]}), "utf-8"
    )
    script = library.scripts / "cognito-access-plan-summary"
    summary = _run(script, plan_json, env=_clean_environ()).stdout
    assert "**Plan:** 0 to import, 1 to add, 0 to change, 0 to replace, 0 to destroy" in summary
    assert f"- **create** `{address}`" in summary
