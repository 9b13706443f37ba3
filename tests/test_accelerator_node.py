"""The accelerator's Node.js half: a provider index loads only the submodules used.

Run by ``node`` on provider packages laid out as the real ones (tests/fake_providers.py),
and read from the tarball the installed accelerator hands the jsii kernel.
"""

from __future__ import annotations

import json
import tarfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from cognito_access_accelerator import __version__, _activation
from tests.fake_providers import run_node, write_node_provider

if TYPE_CHECKING:
    import subprocess

# Starts command-line processes: not in the fast tier (tests/tiers.py).
pytestmark = pytest.mark.process

PRELOAD = Path(_activation.PRELOAD).with_name("preload.cjs")
SOURCE = Path(__file__).resolve().parent.parent / "accelerator" / "src"
SOURCE_PRELOAD = SOURCE / "cognito_access_accelerator" / "preload.cjs"


def _output(result: subprocess.CompletedProcess[str]) -> dict[str, object]:
    assert result.returncode == 0, result.stderr
    parsed: dict[str, object] = json.loads(result.stdout)
    return parsed


def test_a_provider_index_loads_only_the_submodule_used(tmp_path: Path) -> None:
    result = run_node(write_node_provider(tmp_path), preloads=[PRELOAD])
    assert _output(result) == {"used": 42, "names": ["broken", "working"], "loaded": ["working"]}


def test_a_provider_index_loads_nothing_until_a_submodule_is_used(tmp_path: Path) -> None:
    result = run_node(write_node_provider(tmp_path), preloads=[PRELOAD], use="0")
    assert _output(result)["loaded"] == []
    assert "AcceleratorWarning" not in result.stderr


def test_without_the_preload_every_submodule_loads(tmp_path: Path) -> None:
    result = run_node(write_node_provider(tmp_path), preloads=[])
    assert result.returncode != 0
    assert "broken was loaded" in result.stderr


def test_the_preload_leaves_other_packages_as_they_are(tmp_path: Path) -> None:
    result = run_node(write_node_provider(tmp_path, "provider-google"), preloads=[PRELOAD])
    assert result.returncode != 0
    assert "broken was loaded" in result.stderr


def test_requiring_the_preload_twice_changes_nothing(tmp_path: Path) -> None:
    copy = tmp_path / "copy" / "preload.cjs"
    copy.parent.mkdir()
    copy.write_bytes(PRELOAD.read_bytes())
    result = run_node(write_node_provider(tmp_path), preloads=[PRELOAD, copy])
    assert _output(result)["loaded"] == ["working"]


@pytest.mark.parametrize(
    "extra",
    [
        "exports.VERSION = '1.0.0';\n",
        'Object.defineProperty(exports, "third", { get: () => 3 });\n',
        "exports.third = void 0;\n",
    ],
)
def test_an_index_of_another_shape_loads_the_ordinary_way_with_one_warning(
    tmp_path: Path, extra: str
) -> None:
    provider = write_node_provider(tmp_path, extra=extra, throwing=False)
    result = run_node(provider, preloads=[PRELOAD])
    assert _output(result)["loaded"] == ["broken", "working"]
    assert result.stderr.count("AcceleratorWarning: ") == 1
    assert "COGNITO_ACCESS_EAGER_PROVIDERS=1" in result.stderr


def test_the_installed_preload_is_the_source_one() -> None:
    assert PRELOAD.read_bytes() == SOURCE_PRELOAD.read_bytes()


def _tarball_members() -> dict[str, bytes]:
    with tarfile.open(_activation.PRELOAD) as tarball:
        members = {}
        for member in tarball.getmembers():
            extracted = tarball.extractfile(member)
            assert extracted is not None
            members[member.name] = extracted.read()
        return members


def test_the_tarball_jsii_loads_requires_the_preload() -> None:
    members = _tarball_members()
    package = json.loads(members["package/package.json"])
    assert members[f"package/{package['main']}"] == SOURCE_PRELOAD.read_bytes()


def test_the_tarball_is_a_jsii_assembly_named_and_versioned_as_jsii_loads_it() -> None:
    assembly = json.loads(_tarball_members()["package/.jsii"])
    assert assembly["schema"] == "jsii/0.10.0"
    assert (assembly["name"], assembly["version"]) == (_activation.PRELOAD_ASSEMBLY, __version__)
