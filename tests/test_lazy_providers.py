"""The provider packages load lazily, and nothing a user can see changes but the time."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import types
import warnings
from pathlib import Path
from typing import Any

import pytest
from jsii import _reference_map

import cognito_access_lazy_providers
from cognito_access_lazy_providers import NODE_PRELOAD, OPT_OUT_ENV
from tests.conftest import MAIN, StartedSynth, Synth, start_synth

ROOT = Path(__file__).resolve().parent.parent
USER_APP = str(ROOT / "tests" / "apps" / "user_app.py")


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


def _user_report(synths: dict[str, Synth]) -> dict[str, Any]:
    report: dict[str, Any] = json.loads(synths["user"].stdout)
    return report


def test_the_lazy_synthesis_is_byte_identical_to_the_eager_one(synths: dict[str, Synth]) -> None:
    assert synths["lazy"].stack_json == synths["eager"].stack_json


def test_an_app_importing_the_providers_first_synthesizes_the_same(
    synths: dict[str, Synth],
) -> None:
    assert synths["user"].stack_json == synths["eager"].stack_json


def test_an_app_importing_the_providers_first_still_loads_them_lazily(
    synths: dict[str, Synth],
) -> None:
    loaded = _user_report(synths)["loaded_before"]
    assert "cdktf_cdktf_provider_aws.cognito_user_pool_client" in loaded
    assert "cdktf_cdktf_provider_aws.s3_bucket" not in loaded
    assert len(loaded) < 50  # eagerly: over 4,000


def test_a_resource_type_the_construct_does_not_use_imports_normally_afterwards(
    synths: dict[str, Synth],
) -> None:
    assert _user_report(synths)["same_class"] is True


def test_the_hook_is_installed_by_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "meta_path", [])
    monkeypatch.delenv(OPT_OUT_ENV, raising=False)
    cognito_access_lazy_providers.install()
    cognito_access_lazy_providers.install()
    assert len(sys.meta_path) == 1
    assert cognito_access_lazy_providers.is_installed()


def test_the_hook_stays_off_when_opted_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "meta_path", [])
    monkeypatch.setenv(OPT_OUT_ENV, "1")
    cognito_access_lazy_providers.install()
    assert sys.meta_path == []


def test_jsii_can_find_the_submodule_of_a_type_never_imported() -> None:
    import cdktf_cdktf_provider_aws  # noqa: F401, PLC0415 - loaded lazily by the hook

    assert "cdktf_cdktf_provider_aws.sqs_queue" not in sys.modules
    assert _reference_map._try_import_type_module("@cdktf/provider-aws.sqsQueue.SqsQueue")
    assert "@cdktf/provider-aws.sqsQueue.SqsQueue" in _reference_map._types


def test_attribute_access_imports_a_submodule_on_demand() -> None:
    import cdktf_cdktf_provider_cloudflare  # noqa: PLC0415 - loaded lazily by the hook

    assert "cdktf_cdktf_provider_cloudflare.r2_bucket" not in sys.modules
    bucket_class = cdktf_cdktf_provider_cloudflare.r2_bucket.R2Bucket
    assert bucket_class.__name__ == "R2Bucket"
    assert "r2_bucket" in dir(cdktf_cdktf_provider_cloudflare)
    with pytest.raises(AttributeError, match="no attribute 'not_a_resource'"):
        _ = cdktf_cdktf_provider_cloudflare.not_a_resource


class _FakeNodeProcess:
    """Stands in for jsii's _NodeProcess: records NODE_OPTIONS when started."""

    seen: str | None = None

    def start(self) -> None:
        type(self).seen = os.environ.get("NODE_OPTIONS")


@pytest.mark.parametrize("previous", [None, "--max-old-space-size=2048"])
def test_the_kernel_starts_with_the_preload_and_the_environment_is_restored(
    monkeypatch: pytest.MonkeyPatch, previous: str | None
) -> None:
    node_process: type[_FakeNodeProcess] = type("_NodeProcess", (_FakeNodeProcess,), {})
    fake = types.ModuleType("fake_process")
    fake._NodeProcess = node_process  # type: ignore[attr-defined]  # a module built at run time
    if previous is None:
        monkeypatch.delenv("NODE_OPTIONS", raising=False)
    else:
        monkeypatch.setenv("NODE_OPTIONS", previous)
    cognito_access_lazy_providers.preload_in_jsii_kernel(fake)
    cognito_access_lazy_providers.preload_in_jsii_kernel(fake)  # a second call changes nothing
    node_process().start()
    preload = cognito_access_lazy_providers.node_require_option(NODE_PRELOAD)
    assert node_process.seen == (f"{previous} {preload}" if previous else preload)
    assert os.environ.get("NODE_OPTIONS") == previous


def test_jsii_in_this_process_starts_its_kernel_with_the_preload() -> None:
    import jsii._kernel.providers.process as jsii_process  # noqa: PLC0415 - loaded by now

    start = jsii_process._NodeProcess.start
    assert start.preloads == cognito_access_lazy_providers.NODE_PRELOAD  # type: ignore[attr-defined]  # set by the patch
    assert Path(cognito_access_lazy_providers.NODE_PRELOAD).is_file()


def _fake_provider(root: Path, package: str) -> Path:
    """A provider package laid out as the real ones, whose `broken` submodule throws."""
    lib = root / "node_modules" / "@cdktf" / package / "lib"
    for name, body in {
        "working": "exports.Thing = 42;",
        "broken": "throw new Error('loaded');",
    }.items():
        (lib / name).mkdir(parents=True)
        (lib / name / "index.js").write_text(body, encoding="utf-8")
    (lib / "index.js").write_text(
        '"use strict";\n'
        'Object.defineProperty(exports, "__esModule", { value: true });\n'
        "exports.working = exports.broken = void 0;\n"
        'exports.broken = require("./broken");\n'
        'exports.working = require("./working");\n',
        encoding="utf-8",
    )
    (lib.parent / "package.json").write_text('{"main": "lib/index.js"}', encoding="utf-8")
    return lib.parent


def _node(package: Path, *, preload: bool) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    assert node is not None, "node is not on PATH"
    script = (
        f"const p = require({json.dumps(str(package))});"
        "console.log(JSON.stringify({thing: p.working.Thing, names: Object.keys(p)}));"
    )
    options = ["--require", cognito_access_lazy_providers.NODE_PRELOAD] if preload else []
    return subprocess.run(  # noqa: S603 - node with the tests' own script
        [node, *options, "-e", script], capture_output=True, text=True, check=False
    )


def test_node_loads_only_the_provider_submodules_that_are_used(tmp_path: Path) -> None:
    result = _node(_fake_provider(tmp_path, "provider-aws"), preload=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"thing": 42, "names": ["broken", "working"]}


def test_without_the_preload_node_loads_every_provider_submodule(tmp_path: Path) -> None:
    result = _node(_fake_provider(tmp_path, "provider-aws"), preload=False)
    assert result.returncode != 0
    assert "Error: loaded" in result.stderr


def test_the_preload_leaves_other_packages_as_they_are(tmp_path: Path) -> None:
    result = _node(_fake_provider(tmp_path, "provider-google"), preload=True)
    assert result.returncode != 0
    assert "Error: loaded" in result.stderr


def _counting_provider(root: Path, extra: str = "") -> Path:
    """A provider package whose submodules record their loading; ``extra`` ends its index."""
    lib = root / "node_modules" / "@cdktf" / "provider-cloudflare" / "lib"
    for name in ("first", "second"):
        (lib / name).mkdir(parents=True)
        (lib / name / "index.js").write_text(
            f"globalThis.loaded = [...(globalThis.loaded || []), {name!r}];", encoding="utf-8"
        )
    (lib / "index.js").write_text(
        '"use strict";\n'
        "exports.second = exports.first = void 0;\n"
        'exports.first = require("./first");\n'
        'exports.second = require("./second");\n' + extra,
        encoding="utf-8",
    )
    (lib.parent / "package.json").write_text('{"main": "lib/index.js"}', encoding="utf-8")
    return lib.parent


def _loaded_at_exit(package: Path, node_options: str) -> subprocess.CompletedProcess[str]:
    """Node.js requiring ``package`` with NODE_OPTIONS; prints which submodules it loaded."""
    node = shutil.which("node")
    assert node is not None, "node is not on PATH"
    script = (
        f"const p = require({json.dumps(str(package))});"
        "console.log(JSON.stringify({names: Object.keys(p), loaded: globalThis.loaded || []}));"
    )
    return subprocess.run(  # noqa: S603 - node with the tests' own script
        [node, "-e", script],
        env={**os.environ, "NODE_OPTIONS": node_options},
        capture_output=True,
        text=True,
        check=False,
    )


def test_an_index_of_the_expected_shape_loads_nothing_until_used(tmp_path: Path) -> None:
    option = cognito_access_lazy_providers.node_require_option(NODE_PRELOAD)
    result = _loaded_at_exit(_counting_provider(tmp_path), option)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"names": ["first", "second"], "loaded": []}
    assert "LazyProvidersWarning" not in result.stderr


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
    option = cognito_access_lazy_providers.node_require_option(NODE_PRELOAD)
    result = _loaded_at_exit(_counting_provider(tmp_path, extra), option)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["loaded"] == ["first", "second"]
    assert result.stderr.count("LazyProvidersWarning: ") == 1


@pytest.mark.parametrize(
    "directory", ["with space", 'with"quote', "with\\backslash", 'all " of \\ them \\"']
)
def test_node_options_carries_the_preload_from_any_directory_name(
    tmp_path: Path, directory: str
) -> None:
    preload = tmp_path / directory / Path(NODE_PRELOAD).name
    preload.parent.mkdir()
    shutil.copy(NODE_PRELOAD, preload)
    option = cognito_access_lazy_providers.node_require_option(str(preload))
    result = _loaded_at_exit(_counting_provider(tmp_path), f"--no-deprecation {option}")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["loaded"] == []  # lazily: the preload ran


def test_a_warnings_filter_set_to_error_does_not_make_the_fallback_fail(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    state = cognito_access_lazy_providers._State
    for name, value in {"checked": True, "failure": None, "warned": False}.items():
        monkeypatch.setattr(state, name, value)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cognito_access_lazy_providers._fall_back("something is missing")
    assert "LazyProvidersWarning: " in capsys.readouterr().err
    assert state.failure == "something is missing"
