"""Load the prebuilt cdktf provider packages lazily: pay only for the resource types used.

``cdktf_cdktf_provider_aws/__init__.py`` ends with ``from . import <submodule>`` for
every one of its ~2,200 resource types (the Cloudflare package: ~560), so importing
one class costs seconds of Python imports, and the interpreter pays again at exit.
This module installs an import hook for exactly those two packages that runs their
``__init__.py`` without those trailing submodule imports; everything else in it (the
jsii assembly load, ``__all__``, ``publication.publish()``) runs unchanged. A
submodule is then imported when it is first used:

- ``from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket`` imports it as usual;
- ``cdktf_cdktf_provider_aws.s3_bucket`` (attribute access) imports it on demand
  (PEP 562 ``__getattr__``), and ``from ... import *`` still gets every name;
- when the jsii kernel hands back an object whose class was never imported, the jsii
  runtime imports its submodule through the map registered here (the runtime's own
  lazy-loading support), instead of failing with "Unknown type".

The jsii kernel's Node.js process does the same for the provider packages' JavaScript
(``cognito_access_lazy_providers.cjs``, preloaded with ``--require`` into that process
alone: ``NODE_OPTIONS`` is set only while jsii starts it, then restored), so Node.js
loads only the resource types used, instead of all of them.

The synthesized output is unchanged; the test suite compares it byte for byte.

Fail-safe: the hook relies on private internals of jsii and on the layout of the
provider packages. The first time it is needed (when jsii starts its kernel, or a
provider package is first imported), it checks all of them: the jsii attributes, the
``.cjs`` file and each provider package's ``__init__.py``. On any mismatch, or any
exception inside the hook, it turns itself off for the process: the provider packages
load the ordinary (eager) way, the Node.js preload is not added (if the kernel has
not started yet), and one :class:`LazyProvidersWarning` says what was missing. The
``.cjs`` falls back on its own in the same way for an index of another shape.

It is installed at interpreter start-up by ``cognito_access_lazy_providers.pth``
(shipped with the package, so it holds however an app orders its imports) and again,
idempotently, by ``import cognito_access``. A package imported before the hook is
left as it is. Set ``COGNITO_ACCESS_EAGER_PROVIDERS=1`` to turn the hook off.

This module imports nothing at import time beyond ``os`` and ``sys``: it runs in every
interpreter start of the venv, including those that never use cdktf.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing itself costs milliseconds at every interpreter start
if TYPE_CHECKING:
    import ast
    from collections.abc import Callable, Sequence
    from importlib.machinery import ModuleSpec
    from types import CodeType, ModuleType

# The packages whose __init__ imports every submodule, and their jsii assembly names.
LAZY_PACKAGES = {
    "cdktf_cdktf_provider_aws": "@cdktf/provider-aws",
    "cdktf_cdktf_provider_cloudflare": "@cdktf/provider-cloudflare",
}
OPT_OUT_ENV = "COGNITO_ACCESS_EAGER_PROVIDERS"
# The modules of jsii whose private names the hook relies on (jsii >= 1.137, < 2).
JSII_PROCESS_MODULE = "jsii._kernel.providers.process"
JSII_REFERENCE_MAP_MODULE = "jsii._reference_map"
JSII_REFERENCE_MAP_FUNCTIONS = ("_try_import_type_module", "_obtain_interface")
# The Node.js half of the hook, next to this file.
NODE_PRELOAD = os.path.splitext(os.path.abspath(__file__))[0] + ".cjs"  # noqa: PTH100, PTH122 - pathlib costs start-up time


class LazyProvidersWarning(UserWarning):
    """The hook found something it did not expect and loads the provider packages eagerly.

    The synthesized output is the same; only the start-up time is not. Silence it with
    ``COGNITO_ACCESS_EAGER_PROVIDERS=1`` or a warnings filter for this category.
    """


class _Mismatch(Exception):  # noqa: N818 - an internal signal, never raised to users
    """Something the hook relies on is missing or has another shape."""


class _State:
    """This process's decision, made once: may the hook act?"""

    checked = False
    failure: str | None = None
    warned = False
    # A provider package's __init__ code without its trailing submodule imports.
    lazy_code: dict[str, tuple[ast.Module, list[str]]] = {}  # noqa: RUF012 - one per process


def _fall_back(reason: str) -> None:
    """Turn the hook off for the rest of the process, and warn once."""
    _State.checked = True
    if _State.failure is None:
        _State.failure = reason
    if _State.warned:
        return
    _State.warned = True
    import warnings  # noqa: PLC0415 - only when needed

    message = (
        f"cognito_access_lazy_providers: {reason}; the cdktf provider packages load the "
        "ordinary way instead (the same output, only slower). To silence this, set "
        f"{OPT_OUT_ENV}=1 or add a warnings filter for the LazyProvidersWarning category."
    )
    try:
        warnings.warn(message, LazyProvidersWarning, stacklevel=2)
    except Exception:  # noqa: BLE001 - a filter set to "error" must not make the import fail
        sys.stderr.write(f"{LazyProvidersWarning.__name__}: {message}\n")


def is_active() -> bool:
    """Whether the hook may act: everything it relies on checked, once per process."""
    if not _State.checked:
        _State.checked = True
        try:
            _check_jsii()
            _check_node_preload()
            for package in LAZY_PACKAGES:
                _check_package(package)
        except _Mismatch as mismatch:
            _fall_back(str(mismatch))
        except Exception as error:  # noqa: BLE001 - never an exception in the user's import
            _fall_back(f"checking what the hook relies on failed: {error!r}")
    return _State.failure is None


def _check_jsii() -> None:
    """Check jsii has the lazy-loading registry, its users and the kernel start to patch."""
    import importlib  # noqa: PLC0415 - only when needed

    reference_map = importlib.import_module(JSII_REFERENCE_MAP_MODULE)
    if not isinstance(getattr(reference_map, "_submodule_fqn_map", None), dict):
        msg = f"{JSII_REFERENCE_MAP_MODULE}._submodule_fqn_map is missing or not a dict"
        raise _Mismatch(msg)
    for name in JSII_REFERENCE_MAP_FUNCTIONS:
        if not callable(getattr(reference_map, name, None)):
            msg = f"{JSII_REFERENCE_MAP_MODULE}.{name} is missing"
            raise _Mismatch(msg)
    process = importlib.import_module(JSII_PROCESS_MODULE)
    if not callable(getattr(getattr(process, "_NodeProcess", None), "start", None)):
        msg = f"{JSII_PROCESS_MODULE}._NodeProcess.start is missing"
        raise _Mismatch(msg)


def _check_node_preload() -> None:
    """The Node.js half of the hook is where it should be."""
    if not os.path.isfile(NODE_PRELOAD):  # noqa: PTH113 - pathlib costs start-up time
        msg = f"the Node.js half of the hook, {NODE_PRELOAD}, is missing"
        raise _Mismatch(msg)


def _check_package(package: str) -> None:
    """An installed provider package's ``__init__.py`` has the layout the hook expects."""
    import importlib.machinery  # noqa: PLC0415 - only when needed

    spec = importlib.machinery.PathFinder.find_spec(package)
    if spec is None:
        return  # not installed: nothing to load lazily
    origin = spec.origin or ""
    if not origin.endswith("__init__.py"):
        msg = f"{package} is not a package with an __init__.py (found {origin or spec!r})"
        raise _Mismatch(msg)
    _State.lazy_code[package] = _without_submodule_imports(package, origin)


def _is_submodule_import(node: ast.stmt) -> bool:
    """Whether ``node`` is a top-level ``from . import <name>``."""
    import ast  # noqa: PLC0415 - only when needed

    return isinstance(node, ast.ImportFrom) and node.level == 1 and node.module is None


def _declared_all(body: list[ast.stmt]) -> list[str] | None:
    """The strings of the one ``__all__ = [...]`` in ``body``, or None if not exactly that."""
    import ast  # noqa: PLC0415 - only when needed

    found = [
        node.value
        for node in body
        if isinstance(node, ast.Assign)
        and any(isinstance(target, ast.Name) and target.id == "__all__" for target in node.targets)
    ]
    if len(found) != 1 or not isinstance(found[0], ast.List | ast.Tuple):
        return None
    names = [item.value for item in found[0].elts if isinstance(item, ast.Constant)]
    strings = [name for name in names if isinstance(name, str)]
    return strings if len(strings) == len(found[0].elts) else None


def _without_submodule_imports(package: str, path: str) -> tuple[ast.Module, list[str]]:
    """Parse ``path``; check it ends with one ``from . import`` per name of ``__all__``."""
    import ast  # noqa: PLC0415 - only when needed

    with open(path, "rb") as source:  # noqa: PTH123 - pathlib costs start-up time
        tree = ast.parse(source.read(), path)
    split = len(tree.body)
    while split and _is_submodule_import(tree.body[split - 1]):
        split -= 1
    head, tail = tree.body[:split], tree.body[split:]
    where = f"{package}/__init__.py"
    if not tail:
        msg = f"{where} does not end with `from . import <submodule>` lines"
        raise _Mismatch(msg)
    if any(_is_submodule_import(node) for node in head):
        msg = f"{where} has a `from . import` before its trailing submodule imports"
        raise _Mismatch(msg)
    aliases = [alias for node in tail for alias in node.names]  # type: ignore[attr-defined]  # ImportFrom, checked
    submodules = [alias.name for alias in aliases]
    declared = _declared_all(head)
    if any(alias.asname for alias in aliases) or declared is None:
        msg = f"{where} has no `__all__ = [...]` of strings, or renames a submodule import"
        raise _Mismatch(msg)
    if sorted(declared) != sorted(submodules):
        msg = f"{where}: __all__ does not list exactly the submodules imported at its end"
        raise _Mismatch(msg)
    tree.body = head
    return tree, submodules


def _camel_case(snake: str) -> str:
    """The jsii submodule name of a Python submodule: ``s3_bucket`` -> ``s3Bucket``."""
    first, *rest = snake.split("_")
    return first + "".join(part[:1].upper() + part[1:] for part in rest)


def _make_submodules_lazy(package: ModuleType, assembly: str, submodules: list[str]) -> None:
    """Import ``package``'s submodules on attribute access and let jsii find them by type."""
    import importlib  # noqa: PLC0415 - only when needed

    name = package.__name__
    known = frozenset(submodules)

    def __getattr__(attribute: str) -> object:  # noqa: N807 - PEP 562 hook
        if attribute in known:
            return importlib.import_module(f"{name}.{attribute}")
        msg = f"module {name!r} has no attribute {attribute!r}"
        raise AttributeError(msg)

    def __dir__() -> list[str]:  # noqa: N807 - PEP 562 hook
        return sorted({*vars(package), *known})

    reference_map = importlib.import_module(JSII_REFERENCE_MAP_MODULE)
    registry = reference_map._submodule_fqn_map  # noqa: SLF001 - jsii's lazy-loading registry
    registry.update({f"{assembly}.{_camel_case(sub)}": f"{name}.{sub}" for sub in known})
    package.__getattr__ = __getattr__  # type: ignore[method-assign]  # PEP 562 module hook
    package.__dir__ = __dir__  # type: ignore[method-assign]  # PEP 562 module hook


def _import_submodules(package: ModuleType) -> None:
    """What the package's own ``__init__`` would have done: import every submodule."""
    import importlib  # noqa: PLC0415 - only when needed

    for sub in getattr(package, "__all__", ()):
        importlib.import_module(f"{package.__name__}.{sub}")


def node_require_option(path: str) -> str:
    """``--require "<path>"`` quoted as Node.js parses NODE_OPTIONS (backslash escapes)."""
    escaped = path.replace("\\", "\\\\").replace('"', '\\"')
    return f'--require "{escaped}"'


def preload_in_jsii_kernel(process_module: ModuleType) -> None:
    """Make jsii start its Node.js kernel with NODE_PRELOAD required, once per process.

    When the kernel starts, the hook's checks run first; if one fails, the kernel
    starts as usual, without the preload.
    """
    node_process = getattr(process_module, "_NodeProcess", None)
    start: Callable[[object], None] | None = getattr(node_process, "start", None)
    if start is None or getattr(start, "preloads", None) == NODE_PRELOAD:
        return

    def start_with_preload(self: object) -> None:
        try:
            option = node_require_option(NODE_PRELOAD) if is_active() else None
        except Exception as error:  # noqa: BLE001 - the kernel must start whatever happens here
            _fall_back(f"adding the Node.js preload failed: {error!r}")
            option = None
        if option is None:
            start(self)
            return
        previous = os.environ.get("NODE_OPTIONS")
        os.environ["NODE_OPTIONS"] = f"{previous} {option}" if previous else option
        try:
            start(self)
        finally:
            if previous is None:
                del os.environ["NODE_OPTIONS"]
            else:
                os.environ["NODE_OPTIONS"] = previous

    start_with_preload.preloads = NODE_PRELOAD  # type: ignore[attr-defined]  # marks the patch
    node_process.start = start_with_preload  # type: ignore[union-attr]  # checked above


def _lazy_package_loader(fullname: str, path: str) -> object:
    """A loader for a provider package that runs its ``__init__`` without the submodule imports."""
    import importlib.machinery  # noqa: PLC0415 - only when needed

    class LazyPackageLoader(importlib.machinery.SourceFileLoader):
        """Runs a provider package's ``__init__.py`` without its trailing submodule imports."""

        def get_code(self, fullname: str) -> CodeType:
            """The checked, parsed source with every ``from . import <name>`` removed."""
            try:
                tree, _ = _State.lazy_code[fullname]
                return compile(tree, self.get_filename(fullname), "exec", dont_inherit=True)
            except Exception as error:  # noqa: BLE001 - then the ordinary code
                _fall_back(f"compiling {fullname} without its submodule imports failed: {error!r}")
                code = super().get_code(fullname)
                assert code is not None  # noqa: S101 - a source file always has code
                return code

        def exec_module(self, module: ModuleType) -> None:
            """Run the package, then make its submodules load on first use."""
            super().exec_module(module)
            # publication.publish() has replaced the module in sys.modules with a public copy.
            package = sys.modules[module.__name__]
            if _State.failure is None:
                try:
                    _, submodules = _State.lazy_code[module.__name__]
                    _make_submodules_lazy(package, LAZY_PACKAGES[module.__name__], submodules)
                except Exception as error:  # noqa: BLE001 - then the ordinary way
                    _fall_back(f"making {module.__name__}'s submodules lazy failed: {error!r}")
            if _State.failure is not None:
                _import_submodules(package)

    return LazyPackageLoader(fullname, path)


class _PatchingLoader:
    """Loads jsii's process module as usual, then adds the Node.js preload to it."""

    def __init__(self, loader: object) -> None:
        self._loader = loader

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        """Whatever the usual loader creates."""
        return self._loader.create_module(spec)  # type: ignore[attr-defined, no-any-return]  # a Loader

    def exec_module(self, module: ModuleType) -> None:
        """Run the module, then patch it."""
        self._loader.exec_module(module)  # type: ignore[attr-defined]  # a Loader
        try:
            preload_in_jsii_kernel(module)
        except Exception as error:  # noqa: BLE001 - never an exception in the user's import
            _fall_back(f"patching {JSII_PROCESS_MODULE} failed: {error!r}")


class _LazyProviderFinder:
    """Finds the provider packages and jsii's process module as usual, with other loaders."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        """The usual spec with another loader, for the modules the hook handles; else None."""
        del target
        if fullname != JSII_PROCESS_MODULE and fullname not in LAZY_PACKAGES:
            return None
        try:
            return self._find_spec(fullname, path)
        except Exception as error:  # noqa: BLE001 - never an exception in the user's import
            _fall_back(f"finding {fullname} failed: {error!r}")
            return None

    @staticmethod
    def _find_spec(fullname: str, path: Sequence[str] | None) -> ModuleSpec | None:
        if _State.failure is not None:
            return None
        import importlib.machinery  # noqa: PLC0415 - only when needed

        if fullname == JSII_PROCESS_MODULE:
            spec = importlib.machinery.PathFinder.find_spec(fullname, path)
            if spec is not None and spec.loader is not None:
                spec.loader = _PatchingLoader(spec.loader)  # type: ignore[assignment]  # a Loader
            return spec
        if not is_active():
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.origin is None or fullname not in _State.lazy_code:
            return None
        spec.loader = _lazy_package_loader(fullname, spec.origin)  # type: ignore[assignment]  # a Loader
        return spec


def is_installed() -> bool:
    """Whether the hook is on ``sys.meta_path``."""
    return any(isinstance(finder, _LazyProviderFinder) for finder in sys.meta_path)


def install() -> None:
    """Put the hook first on ``sys.meta_path``, once, unless COGNITO_ACCESS_EAGER_PROVIDERS=1."""
    try:
        if os.environ.get(OPT_OUT_ENV) == "1" or is_installed():
            return
        sys.meta_path.insert(0, _LazyProviderFinder())
        if JSII_PROCESS_MODULE in sys.modules:  # jsii came first; its kernel may not have started
            preload_in_jsii_kernel(sys.modules[JSII_PROCESS_MODULE])
    except Exception as error:  # noqa: BLE001 - never an exception at interpreter start
        _fall_back(f"installing the hook failed: {error!r}")
