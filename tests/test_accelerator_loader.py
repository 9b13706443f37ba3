"""The accelerator's Python half, in this process, on a provider package written per test.

Each test gets its own finder for ``cdktf_cdktf_provider_fake`` (tests/fake_providers.py)
first on ``sys.meta_path``, its own activation (whose checks pass, or as the test says),
a fresh jsii lazy-loading registry and fresh "warned once" records.
"""

from __future__ import annotations

import importlib
import py_compile
import subprocess
import sys
import threading
import types
import warnings
from typing import TYPE_CHECKING

import pytest
from jsii import _reference_map

import cognito_access
import cognito_access_accelerator as accelerator
from cognito_access_accelerator import OPT_OUT_ENV, AcceleratorWarning, _activation
from cognito_access_accelerator._activation import Activation, Mismatch
from tests.conftest import OPT_OUT_ENV as CONFTEST_OPT_OUT_ENV
from tests.fake_providers import (
    FAKE_ASSEMBLY,
    FAKE_PACKAGE,
    forget_python_provider,
    write_python_provider,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path


def _passing_checks() -> None:
    """Checks with nothing to check: the fake package needs no jsii kernel."""


def _both(first: Callable[[], None], second: Callable[[], None]) -> None:
    """Call ``first``, then ``second``."""
    first()
    second()


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A fresh jsii lazy-loading registry."""
    fresh: dict[str, str] = {}
    monkeypatch.setattr(_reference_map, "_submodule_fqn_map", fresh)
    return fresh


@pytest.fixture
def activation(monkeypatch: pytest.MonkeyPatch) -> Activation:
    """This test's activation (checks that pass) and fresh warning records."""
    fresh = Activation(_passing_checks)
    monkeypatch.setattr(_activation, "ACTIVATION", fresh)
    monkeypatch.setattr(accelerator, "_warned", set())
    return fresh


@pytest.fixture
def finder(
    monkeypatch: pytest.MonkeyPatch, activation: Activation, registry: dict[str, str]
) -> Iterator[accelerator._Finder]:
    """A finder for the fake package first on sys.meta_path; sys.path restored afterwards."""
    del activation, registry  # set up for the test; used through the module globals
    fake = accelerator._Finder({FAKE_PACKAGE: FAKE_ASSEMBLY})
    monkeypatch.setattr(sys, "meta_path", [fake, *sys.meta_path])
    monkeypatch.setattr(sys, "path", list(sys.path))
    forget_python_provider()
    yield fake
    forget_python_provider()


def _mark(package: types.ModuleType, name: str = "MARK") -> object:
    """A name the package defines but does not publish (publication keeps it in _private)."""
    return getattr(package._private, name)


def _import_from(root: Path) -> types.ModuleType:
    """Import the fake package with ``root`` first on sys.path, as if it had just moved there."""
    forget_python_provider()
    sys.path.insert(0, str(root))
    importlib.invalidate_caches()
    return importlib.import_module(FAKE_PACKAGE)


@pytest.mark.usefixtures("finder")
def test_a_provider_package_loads_without_its_submodules(tmp_path: Path) -> None:
    package = _import_from(write_python_provider(tmp_path, mark="here"))
    assert _mark(package) == "here"
    assert f"{FAKE_PACKAGE}.one" not in sys.modules


@pytest.mark.usefixtures("finder")
def test_a_submodule_is_imported_on_attribute_access(tmp_path: Path) -> None:
    package = _import_from(write_python_provider(tmp_path, mark="here"))
    assert package.one.MARK == "here"
    assert f"{FAKE_PACKAGE}.one" in sys.modules


@pytest.mark.usefixtures("finder")
def test_dir_lists_the_submodules_not_yet_imported(tmp_path: Path) -> None:
    package = _import_from(write_python_provider(tmp_path, mark="here"))
    assert {"one", "broken", "_private"} <= set(dir(package))


@pytest.mark.usefixtures("finder")
def test_an_unknown_attribute_is_an_attribute_error(tmp_path: Path) -> None:
    package = _import_from(write_python_provider(tmp_path, mark="here"))
    with pytest.raises(AttributeError, match="has no attribute 'not_a_resource'"):
        _ = package.not_a_resource


@pytest.mark.usefixtures("finder")
def test_jsii_can_find_each_submodule_by_its_type_name(
    tmp_path: Path, registry: dict[str, str]
) -> None:
    _import_from(write_python_provider(tmp_path, mark="here", submodules=["s3_bucket"]))
    assert registry == {f"{FAKE_ASSEMBLY}.s3Bucket": f"{FAKE_PACKAGE}.s3_bucket"}


@pytest.mark.usefixtures("finder")
def test_a_package_resolving_elsewhere_later_runs_the_code_of_its_new_file(
    tmp_path: Path,
) -> None:
    _import_from(write_python_provider(tmp_path / "old", mark="old", submodules=["one"]))
    package = _import_from(
        write_python_provider(tmp_path / "new", mark="new", submodules=["one", "two"])
    )
    assert (_mark(package), package.two.MARK) == ("new", "new")


@pytest.mark.usefixtures("finder")
def test_a_package_resolving_elsewhere_later_is_checked_from_its_new_file(
    tmp_path: Path, activation: Activation
) -> None:
    _import_from(write_python_provider(tmp_path / "old", mark="old", submodules=["one"]))
    moved = write_python_provider(
        tmp_path / "new", mark="new", submodules=["one"], tail="__version__ = '2'\n"
    )
    with pytest.warns(AcceleratorWarning, match="does not end with `from . import"):
        package = _import_from(moved)
    assert (_mark(package), f"{FAKE_PACKAGE}.one" in sys.modules) == ("new", True)
    assert activation.failure is not None


@pytest.mark.usefixtures("finder")
def test_reload_reruns_the_package_and_keeps_it_lazy(tmp_path: Path) -> None:
    package = _import_from(write_python_provider(tmp_path, mark="before"))
    assert package.one.MARK == "before"
    (tmp_path / FAKE_PACKAGE / "__init__.py").write_text(
        (tmp_path / FAKE_PACKAGE / "__init__.py")
        .read_text(encoding="utf-8")
        .replace("MARK = 'before'", "MARK = 'after'"),
        encoding="utf-8",
    )
    importlib.invalidate_caches()
    reloaded = importlib.reload(package)
    assert _mark(reloaded) == "after"
    assert f"{FAKE_PACKAGE}.broken" not in sys.modules


@pytest.mark.usefixtures("finder")
def test_a_reloaded_package_still_imports_submodules_on_attribute_access(tmp_path: Path) -> None:
    package = _import_from(write_python_provider(tmp_path, mark="here", submodules=["one", "two"]))
    reloaded = importlib.reload(package)
    assert reloaded.two.MARK == "here"


@pytest.mark.usefixtures("finder")
def test_a_package_of_another_shape_loads_the_ordinary_way_with_a_warning(tmp_path: Path) -> None:
    root = write_python_provider(tmp_path, mark="here", submodules=["one"], tail="X = 1\n")
    with pytest.warns(AcceleratorWarning, match=r"does not end with `from \. import"):
        package = _import_from(root)
    assert f"{FAKE_PACKAGE}.one" in sys.modules
    assert _mark(package, "X") == 1


@pytest.mark.usefixtures("finder")
def test_a_package_without_its_source_loads_the_ordinary_way_with_a_warning(
    tmp_path: Path,
) -> None:
    root = write_python_provider(tmp_path, mark="here", submodules=["one"])
    init = root / FAKE_PACKAGE / "__init__.py"
    py_compile.compile(str(init), cfile=str(init.with_suffix(".pyc")), doraise=True)
    init.unlink()
    with pytest.warns(AcceleratorWarning, match="is not a package loaded from its __init__.py"):
        _import_from(root)
    assert f"{FAKE_PACKAGE}.one" in sys.modules


@pytest.mark.usefixtures("finder")
def test_after_a_failed_check_the_package_loads_the_ordinary_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_checks() -> None:
        msg = "jsii._reference_map._submodule_fqn_map is missing or not a dict"
        raise Mismatch(msg)

    monkeypatch.setattr(_activation, "ACTIVATION", Activation(failing_checks))
    root = write_python_provider(tmp_path, mark="here", submodules=["one"])
    with pytest.warns(AcceleratorWarning, match="_submodule_fqn_map is missing"):
        _import_from(root)
    assert f"{FAKE_PACKAGE}.one" in sys.modules


def test_other_modules_are_not_looked_at(activation: Activation) -> None:
    finder = accelerator._Finder({FAKE_PACKAGE: FAKE_ASSEMBLY})
    assert finder.find_spec("constructs", None) is None
    assert finder.find_spec(f"{FAKE_PACKAGE}_extra", None) is None
    assert (activation._decided, activation.failure) == (False, None)


def _blocking_checks(
    entered: threading.Event, release: threading.Event, calls: list[str]
) -> Activation:
    """An activation whose checks wait for ``release``, then fail."""

    def checks() -> None:
        calls.append(threading.current_thread().name)
        entered.set()
        release.wait(10)
        msg = "jsii.load is missing"
        raise Mismatch(msg)

    return Activation(checks)


# Thread "first" imports one provider package; its checks, holding the activation lock,
# wait until thread "second" is importing another one, then import a module themselves.
# Finders run under the interpreter's import lock (Python 3.11), so a finder that waited
# for the activation lock would hold that lock forever: the process ends after 30 s.
DEADLOCK = """
import faulthandler, importlib, sys, threading, time
faulthandler.dump_traceback_later(30, exit=True)
import cognito_access_accelerator as accelerator
from cognito_access_accelerator import _activation
second_importing = threading.Event()
def checks():
    second_importing.wait(10)
    time.sleep(0.3)
    importlib.import_module("json.tool")
_activation.ACTIVATION = _activation.Activation(checks)
sys.path.insert(0, sys.argv[1])
sys.meta_path.insert(0, accelerator._Finder(dict.fromkeys(sys.argv[2:], "@cdktf/provider-fake")))
def second():
    second_importing.set()
    importlib.import_module(sys.argv[3])
threads = [
    threading.Thread(target=importlib.import_module, args=(sys.argv[2],)),
    threading.Thread(target=second),
]
threads[0].start()
time.sleep(0.2)
threads[1].start()
for thread in threads:
    thread.join()
print(sorted(name for name in sys.modules if name.startswith(tuple(sys.argv[2:]))))
"""


@pytest.mark.process
def test_a_thread_importing_during_the_checks_cannot_deadlock_them(tmp_path: Path) -> None:
    names = [FAKE_PACKAGE, f"{FAKE_PACKAGE}_too"]
    for name in names:
        write_python_provider(tmp_path, mark=name, name=name)
    result = subprocess.run(  # noqa: S603 - this interpreter running the test's own script
        [sys.executable, "-c", DEADLOCK, str(tmp_path), *names],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == repr(sorted([*names, *(f"{name}._private" for name in names)]))


@pytest.mark.filterwarnings("ignore::cognito_access_accelerator.AcceleratorWarning")
@pytest.mark.usefixtures("activation")
def test_a_thread_asking_during_the_checks_waits_for_their_outcome() -> None:
    entered, release, calls = threading.Event(), threading.Event(), list[str]()
    activation = _blocking_checks(entered, release, calls)
    answers: dict[str, bool] = {}

    def ask(name: str) -> None:
        answers[name] = activation.is_active()

    first = threading.Thread(target=ask, args=("first",), name="first")
    first.start()
    assert entered.wait(10)
    second = threading.Thread(target=ask, args=("second",), name="second")
    second.start()
    second.join(0.2)
    waited = second.is_alive()
    release.set()
    first.join(10)
    second.join(10)
    assert (waited, answers) == (True, {"first": False, "second": False})


@pytest.mark.filterwarnings("ignore::cognito_access_accelerator.AcceleratorWarning")
@pytest.mark.usefixtures("activation")
def test_the_checks_run_once_whatever_the_threads() -> None:
    entered, release, calls = threading.Event(), threading.Event(), list[str]()
    activation = _blocking_checks(entered, release, calls)
    threads = [threading.Thread(target=activation.is_active) for _ in range(8)]
    for thread in threads:
        thread.start()
    assert entered.wait(10)
    release.set()
    for thread in threads:
        thread.join(10)
    assert len(calls) == 1


@pytest.mark.usefixtures("activation")
def test_the_fallback_warns_once() -> None:
    activation = Activation(_passing_checks)
    with pytest.warns(AcceleratorWarning) as record:
        _both(
            lambda: activation.fall_back("one thing is missing"),
            lambda: activation.fall_back("another thing is missing"),
        )
    assert [str(warning.message).split(";")[0] for warning in record] == [
        "cognito_access_accelerator: one thing is missing"
    ]


@pytest.mark.usefixtures("activation")
def test_a_warnings_filter_set_to_error_does_not_make_the_fallback_fail(
    capsys: pytest.CaptureFixture[str],
) -> None:
    activation = Activation(_passing_checks)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        activation.fall_back("something is missing")
    assert "AcceleratorWarning: " in capsys.readouterr().err
    assert activation.failure == "something is missing"


@pytest.fixture
def not_started(monkeypatch: pytest.MonkeyPatch) -> None:
    """No accelerator finder on sys.meta_path, no opt-out, fresh warning records."""
    meta_path = [finder for finder in sys.meta_path if not isinstance(finder, accelerator._Finder)]
    monkeypatch.setattr(sys, "meta_path", meta_path)
    monkeypatch.delenv(OPT_OUT_ENV, raising=False)
    monkeypatch.setattr(accelerator, "_warned", set())
    for name in accelerator.PROVIDERS:
        monkeypatch.delitem(sys.modules, name, raising=False)


@pytest.mark.usefixtures("not_started")
def test_start_puts_one_finder_first_however_often_it_is_called() -> None:
    accelerator.start()
    accelerator.start()
    finders = [finder for finder in sys.meta_path if isinstance(finder, accelerator._Finder)]
    assert len(finders) == 1
    assert sys.meta_path[0] is finders[0]


@pytest.mark.usefixtures("not_started")
def test_start_does_nothing_when_opted_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(OPT_OUT_ENV, "1")
    accelerator.start()
    assert not accelerator.is_started()


@pytest.mark.usefixtures("not_started")
def test_starting_after_a_provider_package_was_imported_says_so_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    name = "cdktf_cdktf_provider_cloudflare"
    monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))

    def start_again() -> None:
        monkeypatch.setattr(sys, "meta_path", sys.meta_path[1:])
        accelerator.start()

    with pytest.warns(AcceleratorWarning) as record:
        _both(accelerator.start, start_again)
    assert len(record) == 1
    message = str(record[0].message)
    assert f"{name} was imported before the accelerator started" in message
    assert "call cognito_access_accelerator.start() before importing" in message


@pytest.mark.usefixtures("not_started")
def test_installed_but_not_started_says_so_once_with_what_to_do() -> None:
    with pytest.warns(AcceleratorWarning) as record:
        _both(accelerator.warn_not_started, accelerator.warn_not_started)
    assert len(record) == 1
    message = str(record[0].message)
    assert "did not start: its start-up file" in message
    assert "Install it into site-packages (pip install 'cognito-access[fast]')" in message


@pytest.mark.usefixtures("not_started")
def test_a_source_tree_not_started_says_to_install_it_from_its_wheel(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An editable install: start() would only find the Node.js half missing, so not that."""
    monkeypatch.setattr(accelerator, "__file__", str(tmp_path / "__init__.py"))
    with pytest.warns(AcceleratorWarning) as record:
        accelerator.warn_not_started()
    message = str(record[0].message)
    assert "source tree without the built Node.js half (preload.jsii.tgz)" in message
    assert "Install it from its wheel, without -e" in message
    assert "call cognito_access_accelerator.start()" not in message


@pytest.mark.usefixtures("not_started")
def test_a_copy_in_a_zipapp_not_started_does_not_advise_calling_start(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The Node.js half cannot be loaded by jsii from inside an archive: start() cannot help."""
    archive = tmp_path / "app.pyz"
    archive.write_bytes(b"PK")
    monkeypatch.setattr(accelerator, "__file__", str(archive / FAKE_PACKAGE / "__init__.py"))
    with pytest.warns(AcceleratorWarning) as record:
        accelerator.warn_not_started()
    message = str(record[0].message)
    assert "imported from an archive (a zipapp), where it cannot act" in message
    assert "call cognito_access_accelerator.start()" not in message


@pytest.mark.usefixtures("not_started")
def test_importing_the_library_says_so_when_the_accelerator_was_imported_but_not_started() -> None:
    """As after ``from cognito_access_accelerator import AcceleratorWarning``, with --target."""
    assert "cognito_access_accelerator" in sys.modules
    with pytest.warns(AcceleratorWarning) as record:
        importlib.reload(cognito_access)
    assert "did not start: its start-up file" in str(record[0].message)


@pytest.mark.usefixtures("not_started")
def test_installed_but_not_started_is_silent_when_opted_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(OPT_OUT_ENV, "1")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        accelerator.warn_not_started()


def test_the_tests_opt_out_variable_is_the_accelerators() -> None:
    assert CONFTEST_OPT_OUT_ENV == OPT_OUT_ENV
