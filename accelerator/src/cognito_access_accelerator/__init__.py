"""Fast synthesis, by choice: the cdktf AWS and Cloudflare provider packages, loaded lazily.

``pip install 'cognito-access[cdktf,fast]'`` installs it (docs/guides/fast-synth.md in the
cognito-access repository says what it does and how to turn it off).

``cdktf_cdktf_provider_aws/__init__.py`` ends with ``from . import <submodule>`` for each
of its ~2,200 resource types (the Cloudflare package: ~560), so importing one class costs
seconds of Python imports, and the jsii kernel's Node.js process requires all of their
JavaScript too. The accelerator loads the two packages without those submodules, in
Python and in Node.js, and each submodule when it is first used. The synthesized output
is unchanged.

How it is scoped:

- At interpreter start-up, its start-up file (``cognito_access_accelerator.pth``; on
  Python 3.15 and later ``cognito_access_accelerator.start``, PEP 829) calls
  :func:`start`, which puts one finder on ``sys.meta_path`` and imports nothing beyond
  ``os`` and ``sys``.
- That finder looks only at the name being imported. For anything but the two provider
  packages it returns at once: a program that never imports them (one importing only
  ``constructs``, another jsii library, or none) gets nothing parsed, nothing checked
  and nothing loaded into its jsii kernel.
- When a provider package is imported, :mod:`cognito_access_accelerator._activation`
  checks, once per process and under a lock, what it relies on, and loads the Node.js
  half (``preload.cjs``) into the jsii kernel as a jsii assembly of its own, through
  jsii's ``load``: no environment variable of the process or of the kernel is changed.
  :mod:`cognito_access_accelerator._loader` then parses and checks the very file being
  loaded and runs it without its trailing submodule imports.

Anything unexpected (see those modules) turns the accelerator off for the process: the
provider packages load the ordinary way, and one :class:`AcceleratorWarning` says why.
It also says so, once, when it is installed but does not act: a provider package was
imported before :func:`start`, or its start-up file was not read (see
:func:`warn_not_started`). ``COGNITO_ACCESS_EAGER_PROVIDERS=1`` turns it off, silently.
"""

from __future__ import annotations

import _thread
import os
import sys

TYPE_CHECKING = False  # typing itself costs milliseconds at every interpreter start
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from importlib.abc import Loader
    from importlib.machinery import ModuleSpec
    from types import ModuleType

__version__ = "0.1.0"  # the one place it is written; cognito-access[fast] pins the same

__all__ = [
    "OPT_OUT_ENV",
    "PROVIDERS",
    "AcceleratorWarning",
    "is_started",
    "start",
    "warn_not_started",
]

# The packages the accelerator loads lazily, and their jsii assembly names.
PROVIDERS = {
    "cdktf_cdktf_provider_aws": "@cdktf/provider-aws",
    "cdktf_cdktf_provider_cloudflare": "@cdktf/provider-cloudflare",
}
OPT_OUT_ENV = "COGNITO_ACCESS_EAGER_PROVIDERS"
# The Node.js half as setup.py packs it next to the modules; a source tree lacks it.
PRELOAD_TARBALL = "preload.jsii.tgz"
_ORDINARY = (
    "the cdktf provider packages load the ordinary way instead (the same output, only slower)"
)
_SILENCE = f"set {OPT_OUT_ENV}=1 to turn the accelerator off and silence this"


class AcceleratorWarning(UserWarning):
    """The accelerator does not act: the provider packages load the ordinary way.

    The synthesized output is the same; only the time is not. Each message says why and
    what to do; ``COGNITO_ACCESS_EAGER_PROVIDERS=1`` or a warnings filter for this
    category silences it.
    """


_warned: set[str] = set()
_warned_lock = _thread.allocate_lock()  # _thread is built in: no import cost


def warn_once(kind: str, message: str) -> None:
    """Warn with ``message`` unless a warning of this ``kind`` was already given."""
    with _warned_lock:
        if kind in _warned:
            return
        _warned.add(kind)
    import warnings  # noqa: PLC0415 - only when needed

    try:
        warnings.warn(message, AcceleratorWarning, stacklevel=3)
    except Exception:  # noqa: BLE001 - a filter set to "error" must not make an import fail
        sys.stderr.write(f"{AcceleratorWarning.__name__}: {message}\n")


# The provider names this thread is finding (no recursion); threading.local, built in.
_finding = _thread._local()  # noqa: SLF001 - threading imports more at every start-up


class _ProviderLoader:
    """A provider package's loader: the one found as usual, run by _loader when executed.

    Nothing of the accelerator beyond this module is imported, and no lock of its own is
    taken, until the package is executed: ``find_spec`` runs under the interpreter's
    global import lock, where waiting for another thread could deadlock.
    """

    def __init__(self, original: Loader, assembly: str) -> None:
        self.original = original
        self.assembly = assembly

    def __getattr__(self, name: str) -> object:
        """Everything else (get_source, get_filename, resources) from the original loader."""
        return getattr(self.original, name)

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        """Whatever the original loader creates (for a source package: the default)."""
        create = getattr(self.original, "create_module", None)
        return None if create is None else create(spec)

    def exec_module(self, module: ModuleType) -> None:
        """Run the package through _loader: lazily if it may, else the ordinary way."""
        try:
            from cognito_access_accelerator import _loader  # noqa: PLC0415 - only when needed
        except Exception as error:  # noqa: BLE001 - then the ordinary way
            warn_once("fallback", f"cognito_access_accelerator: {error!r}; {_ORDINARY}")
            self.original.exec_module(module)
            return
        _loader.exec_provider(self.original, module, self.assembly)


class _Finder:
    """On ``sys.meta_path``: gives a provider package the accelerator's loader, nothing else."""

    is_cognito_access_accelerator = True  # also marks a finder of another copy of this module

    def __init__(self, providers: Mapping[str, str]) -> None:
        self.providers = dict(providers)

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        """None for every other module (the only work done for them); else the usual spec.

        The spec is the one the rest of ``sys.meta_path`` finds, as it would be without the
        accelerator, with a :class:`_ProviderLoader` around its loader.
        """
        if fullname not in self.providers:
            return None
        busy: frozenset[str] = getattr(_finding, "names", frozenset())
        if fullname in busy:
            return None
        _finding.names = busy | {fullname}
        try:
            spec = self._find_elsewhere(fullname, path, target)
        finally:
            _finding.names = busy
        if spec is not None and spec.loader is not None:
            spec.loader = _ProviderLoader(spec.loader, self.providers[fullname])  # type: ignore[assignment]  # a Loader
        return spec

    @staticmethod
    def _find_elsewhere(
        fullname: str, path: Sequence[str] | None, target: ModuleType | None
    ) -> ModuleSpec | None:
        for finder in list(sys.meta_path):
            if getattr(finder, "is_cognito_access_accelerator", False):
                continue
            find = getattr(finder, "find_spec", None)
            spec: ModuleSpec | None = None if find is None else find(fullname, path, target)
            if spec is not None:
                return spec
        return None


def is_started() -> bool:
    """Whether the accelerator's finder is on ``sys.meta_path``."""
    return any(getattr(finder, "is_cognito_access_accelerator", False) for finder in sys.meta_path)


def start() -> None:
    """Put the accelerator's finder first on ``sys.meta_path``, once.

    The start-up files call this at interpreter start-up; call it yourself, before any
    provider package is imported, where they are not read. Nothing happens with
    ``COGNITO_ACCESS_EAGER_PROVIDERS=1``. A provider package imported before is left as
    it is, and a warning says so.
    """
    try:
        if os.environ.get(OPT_OUT_ENV) == "1" or is_started():
            return
        sys.meta_path.insert(0, _Finder(PROVIDERS))
        early = [name for name in PROVIDERS if name in sys.modules]
        if early:
            warn_once(
                "imported-before-start",
                f"cognito_access_accelerator: {' and '.join(early)} "
                f"{'was' if len(early) == 1 else 'were'} imported before the accelerator "
                "started, so it loaded the ordinary way (the same output, only "
                "slower). Start it first: install cognito-access-accelerator into "
                "site-packages, where its start-up file runs before any import, or call "
                f"cognito_access_accelerator.start() before importing a provider package; "
                f"{_SILENCE}.",
            )
    except Exception as error:  # noqa: BLE001 - never an exception at interpreter start
        sys.stderr.write(f"cognito_access_accelerator: starting failed: {error!r}\n")


def warn_not_started() -> None:
    """Say once that the accelerator is installed but was not started.

    ``import cognito_access`` calls this when it finds the accelerator installed but not
    imported: its start-up file was not read, as happens with an editable install,
    ``pip install --target``, a zipapp or ``python -S``. The advice depends on the copy:
    a source tree (an editable install) lacks the built Node.js half, and jsii cannot
    load one from inside a zipapp, so calling :func:`start` helps in neither.
    """
    if os.environ.get(OPT_OUT_ENV) == "1" or is_started():
        return
    here = os.path.dirname(os.path.abspath(__file__))  # noqa: PTH100, PTH120 - no pathlib at start-up
    if not os.path.isdir(here):  # noqa: PTH112 - as above
        why = "and it is imported from an archive (a zipapp), where it cannot act"
        fix = "Nothing to do for speed there: provider packages in an archive load eagerly"
    elif os.path.isfile(os.path.join(here, PRELOAD_TARBALL)):  # noqa: PTH113, PTH118 - as above
        why = (
            "as with pip install --target, python -S, or an install made after this "
            "interpreter started (restart it, say a Jupyter kernel)"
        )
        fix = (
            "Install it into site-packages (pip install 'cognito-access[fast]'), or call "
            "cognito_access_accelerator.start() before your app imports a provider package"
        )
    else:  # a source tree: start() would only find its Node.js half missing
        why = (
            f"and this copy is a source tree without the built Node.js half ({PRELOAD_TARBALL}), "
            "as with an editable install (pip install -e) or a checkout on sys.path"
        )
        fix = "Install it from its wheel, without -e (pip install 'cognito-access[fast]')"
    warn_once(
        "not-started",
        f"cognito_access_accelerator is installed ({here}) but did not start: its start-up "
        "file (cognito_access_accelerator.pth, or .start on Python 3.15 and later) was not "
        f"read, {why}. The cdktf provider packages load the ordinary way (the same output, "
        f"only slower). {fix}; {_SILENCE}.",
    )
