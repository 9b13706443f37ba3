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

It is installed at interpreter start-up by ``cognito_access_lazy_providers.pth``
(shipped with the package, so it holds however an app orders its imports) and again,
idempotently, by ``import cognito_access``. A package imported before the hook is
left as it is. Set ``COGNITO_ACCESS_EAGER_PROVIDERS=1`` to turn the hook off.

This module imports nothing heavy: it runs in every interpreter start of the venv.
"""

from __future__ import annotations

import ast
import importlib
import importlib.abc
import importlib.machinery
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence
    from types import CodeType, ModuleType

# The packages whose __init__ imports every submodule, and their jsii assembly names.
LAZY_PACKAGES = {
    "cdktf_cdktf_provider_aws": "@cdktf/provider-aws",
    "cdktf_cdktf_provider_cloudflare": "@cdktf/provider-cloudflare",
}
OPT_OUT_ENV = "COGNITO_ACCESS_EAGER_PROVIDERS"
# The module of jsii (pinned in pyproject.toml) whose _NodeProcess starts the kernel.
JSII_PROCESS_MODULE = "jsii._kernel.providers.process"
NODE_PRELOAD = Path(__file__).with_suffix(".cjs")


def _is_submodule_import(node: ast.stmt) -> bool:
    """Whether ``node`` is a top-level ``from . import <name>``."""
    return isinstance(node, ast.ImportFrom) and node.level == 1 and node.module is None


def _camel_case(snake: str) -> str:
    """The jsii submodule name of a Python submodule: ``s3_bucket`` -> ``s3Bucket``."""
    first, *rest = snake.split("_")
    return first + "".join(part[:1].upper() + part[1:] for part in rest)


class _LazyPackageLoader(importlib.machinery.SourceFileLoader):
    """Runs a provider package's ``__init__.py`` without its trailing submodule imports."""

    def get_code(self, fullname: str) -> CodeType:
        """Compile the package's source with every ``from . import <name>`` removed."""
        path = self.get_filename(fullname)
        tree = ast.parse(self.get_data(path), path)
        tree.body = [node for node in tree.body if not _is_submodule_import(node)]
        return compile(tree, path, "exec", dont_inherit=True)

    def exec_module(self, module: ModuleType) -> None:
        """Run the package, then make its submodules load on first use."""
        super().exec_module(module)
        # publication.publish() has replaced the module in sys.modules with a public copy.
        package = sys.modules[module.__name__]
        _make_submodules_lazy(package, LAZY_PACKAGES[module.__name__])


def _make_submodules_lazy(package: ModuleType, assembly: str) -> None:
    """Import ``package``'s submodules on attribute access and let jsii find them by type."""
    name = package.__name__
    submodules = frozenset(package.__all__)

    def __getattr__(attribute: str) -> Any:  # noqa: ANN401, N807 - PEP 562 hook
        if attribute in submodules:
            return importlib.import_module(f"{name}.{attribute}")
        msg = f"module {name!r} has no attribute {attribute!r}"
        raise AttributeError(msg)

    def __dir__() -> list[str]:  # noqa: N807 - PEP 562 hook
        return sorted({*vars(package), *submodules})

    package.__getattr__ = __getattr__  # type: ignore[method-assign]  # PEP 562 module hook
    package.__dir__ = __dir__  # type: ignore[method-assign]  # PEP 562 module hook

    from jsii import _reference_map  # noqa: PLC0415 - jsii is loaded by now; not at start-up

    _reference_map._submodule_fqn_map.update(  # noqa: SLF001 - jsii's lazy-loading registry
        {f"{assembly}.{_camel_case(sub)}": f"{name}.{sub}" for sub in submodules}
    )


def preload_in_jsii_kernel(process_module: ModuleType) -> None:
    """Make jsii start its Node.js kernel with NODE_PRELOAD required, once per process."""
    node_process = getattr(process_module, "_NodeProcess", None)
    start = getattr(node_process, "start", None)
    if start is None or getattr(start, "preloads", None) == NODE_PRELOAD:
        return
    option = f'--require "{NODE_PRELOAD}"'

    def start_with_preload(self: object) -> None:
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


class _PatchingLoader(importlib.abc.Loader):
    """Loads jsii's process module as usual, then adds the Node.js preload to it."""

    def __init__(self, loader: importlib.abc.Loader) -> None:
        self._loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        """Whatever the usual loader creates."""
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        """Run the module, then patch it."""
        self._loader.exec_module(module)
        preload_in_jsii_kernel(module)


class _LazyProviderFinder(importlib.abc.MetaPathFinder):
    """Finds the provider packages and jsii's process module as usual, with other loaders."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        """Return the usual spec of a provider package with the lazy loader, else None."""
        del target
        if fullname == JSII_PROCESS_MODULE:
            spec = importlib.machinery.PathFinder.find_spec(fullname, path)
            if spec is not None and spec.loader is not None:
                spec.loader = _PatchingLoader(spec.loader)
            return spec
        if fullname not in LAZY_PACKAGES:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.origin is None or not spec.origin.endswith("__init__.py"):
            return None
        spec.loader = _LazyPackageLoader(fullname, spec.origin)
        return spec


def is_installed() -> bool:
    """Whether the hook is on ``sys.meta_path``."""
    return any(isinstance(finder, _LazyProviderFinder) for finder in sys.meta_path)


def install() -> None:
    """Put the hook first on ``sys.meta_path``, once, unless COGNITO_ACCESS_EAGER_PROVIDERS=1."""
    if os.environ.get(OPT_OUT_ENV) == "1" or is_installed():
        return
    sys.meta_path.insert(0, _LazyProviderFinder())
    if JSII_PROCESS_MODULE in sys.modules:  # jsii came first; its kernel may not be started yet
        preload_in_jsii_kernel(sys.modules[JSII_PROCESS_MODULE])
