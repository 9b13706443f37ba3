"""Load a provider package without its trailing submodule imports; import each on first use.

Imported only when a provider package is. The spec comes from the rest of
``sys.meta_path``, as it would without the accelerator; its loader is replaced by
:class:`LazyPackageLoader`, which reads, parses and checks the very file it loads: a
package that resolves elsewhere later (``sys.path`` changed, a vendored copy, an upgrade
inside a long-lived process, ``importlib.reload``) is checked and run from its own file.
The file must be a package ``__init__.py`` that ends with one ``from . import <name>``
per name of its one ``__all__ = [...]``, and has none before; anything else loads that
package the ordinary way and turns the accelerator off (see _activation).

The package then runs as usual (the jsii assembly load, ``__all__``,
``publication.publish()``) without those imports, and a submodule is imported when it is
first used:

- ``from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket`` imports it as usual;
- ``cdktf_cdktf_provider_aws.s3_bucket`` (attribute access) imports it on demand
  (PEP 562 ``__getattr__``), and ``from ... import *`` still gets every name;
- when the jsii kernel hands back an object whose class was never imported, the jsii
  runtime imports its submodule through the map registered here (its own lazy-loading
  support), instead of failing with "Unknown type".
"""

from __future__ import annotations

import ast
import importlib
import importlib.machinery
import sys
import threading
from typing import TYPE_CHECKING

from cognito_access_accelerator import _activation
from cognito_access_accelerator._activation import JSII_REFERENCE_MAP_MODULE, Mismatch

if TYPE_CHECKING:
    from collections.abc import Sequence
    from importlib.machinery import ModuleSpec
    from types import CodeType, ModuleType

    from cognito_access_accelerator import _Finder

_finding = threading.local()  # the names this thread is finding: no recursion through meta_path


def find_spec(
    finder: _Finder, fullname: str, path: Sequence[str] | None, target: ModuleType | None
) -> ModuleSpec | None:
    """The spec the rest of ``sys.meta_path`` finds for ``fullname``, with the lazy loader."""
    if _activation.ACTIVATION.failure is not None:
        return None
    busy: set[str] = getattr(_finding, "names", set())
    if fullname in busy:
        return None
    _finding.names = busy | {fullname}
    try:
        spec = _spec_from_other_finders(finder, fullname, path, target)
    finally:
        _finding.names = busy
    if spec is None:
        return None  # not installed: the import fails as it would have
    origin = spec.origin or ""
    if (
        type(spec.loader) is not importlib.machinery.SourceFileLoader
        or spec.submodule_search_locations is None
        or not origin.endswith("__init__.py")
    ):
        _activation.ACTIVATION.fall_back(
            f"{fullname} is not a package loaded from its __init__.py source "
            f"(found {origin or spec!r})"
        )
        return spec
    spec.loader = LazyPackageLoader(fullname, origin, finder.providers[fullname])
    return spec


def _spec_from_other_finders(
    finder: _Finder, fullname: str, path: Sequence[str] | None, target: ModuleType | None
) -> ModuleSpec | None:
    """Ask the finders after ``finder`` on ``sys.meta_path``, as the import system would."""
    for other in list(sys.meta_path):
        if other is finder or type(other) is type(finder):
            continue
        find = getattr(other, "find_spec", None)
        if find is None:
            continue
        spec: ModuleSpec | None = find(fullname, path, target)
        if spec is not None:
            return spec
    return None


class LazyPackageLoader(importlib.machinery.SourceFileLoader):
    """Runs a provider package's ``__init__.py`` without its trailing submodule imports."""

    def __init__(self, fullname: str, path: str, assembly: str) -> None:
        """The loader for ``fullname`` at ``path``, whose jsii assembly is ``assembly``."""
        super().__init__(fullname, path)
        self.assembly = assembly
        self._submodules: list[str] | None = None

    def get_code(self, fullname: str) -> CodeType:
        """The file's code without its submodule imports, once checked; else its whole code."""
        self._submodules = None
        if not _activation.ACTIVATION.is_active():
            return self._ordinary_code(fullname)
        path = self.get_filename(fullname)
        try:
            source = self.get_data(path)
            tree, submodules = without_submodule_imports(fullname, path, source)
            code = compile(tree, path, "exec", dont_inherit=True)
        except Mismatch as mismatch:
            _activation.ACTIVATION.fall_back(str(mismatch))
            return self._ordinary_code(fullname)
        except Exception as error:  # noqa: BLE001 - then the ordinary code
            _activation.ACTIVATION.fall_back(
                f"reading {fullname} without its submodule imports failed: {error!r}"
            )
            return self._ordinary_code(fullname)
        self._submodules = submodules
        return code

    def _ordinary_code(self, fullname: str) -> CodeType:
        code = super().get_code(fullname)
        if code is None:  # pragma: no cover - a source file always has code
            msg = f"no code for {fullname}"
            raise ImportError(msg, name=fullname)
        return code

    def exec_module(self, module: ModuleType) -> None:
        """Run the package, then make its submodules load on first use."""
        # A reload runs in the module of the last load: without the lazy hooks of that
        # load, publication.publish() copies the submodules loaded so far, not all.
        namespace = vars(module)
        for name, hook in (("__getattr__", LazySubmodules), ("__dir__", LazyDir)):
            if isinstance(namespace.get(name), hook):
                del namespace[name]
        super().exec_module(module)
        # publication.publish() has replaced the module in sys.modules with a public copy.
        package = sys.modules.get(module.__name__, module)
        if self._submodules is None:
            return
        if _activation.ACTIVATION.failure is None:
            try:
                make_submodules_lazy(package, self.assembly, self._submodules)
            except Exception as error:  # noqa: BLE001 - then the ordinary way
                _activation.ACTIVATION.fall_back(
                    f"making {module.__name__}'s submodules lazy failed: {error!r}"
                )
        if _activation.ACTIVATION.failure is not None:
            import_submodules(package, self._submodules)


def _is_submodule_import(node: ast.stmt) -> bool:
    """Whether ``node`` is a top-level ``from . import <name>``."""
    return isinstance(node, ast.ImportFrom) and node.level == 1 and node.module is None


def _declared_all(body: list[ast.stmt]) -> list[str] | None:
    """The strings of the one ``__all__ = [...]`` in ``body``, or None if not exactly that."""
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


def without_submodule_imports(
    package: str, path: str, source: bytes
) -> tuple[ast.Module, list[str]]:
    """Parse ``source``; check it ends with one ``from . import`` per name of ``__all__``."""
    tree = ast.parse(source, path)
    split = len(tree.body)
    while split and _is_submodule_import(tree.body[split - 1]):
        split -= 1
    head, tail = tree.body[:split], tree.body[split:]
    where = f"{package}/__init__.py ({path})"
    if not tail:
        msg = f"{where} does not end with `from . import <submodule>` lines"
        raise Mismatch(msg)
    if any(_is_submodule_import(node) for node in head):
        msg = f"{where} has a `from . import` before its trailing submodule imports"
        raise Mismatch(msg)
    aliases = [alias for node in tail for alias in node.names]  # type: ignore[attr-defined]  # ImportFrom, checked
    submodules = [alias.name for alias in aliases]
    declared = _declared_all(head)
    if any(alias.asname for alias in aliases) or declared is None:
        msg = f"{where} has no `__all__ = [...]` of strings, or renames a submodule import"
        raise Mismatch(msg)
    if sorted(declared) != sorted(submodules):
        msg = f"{where}: __all__ does not list exactly the submodules imported at its end"
        raise Mismatch(msg)
    tree.body = head
    return tree, submodules


def _camel_case(snake: str) -> str:
    """The jsii submodule name of a Python submodule: ``s3_bucket`` -> ``s3Bucket``."""
    first, *rest = snake.split("_")
    return first + "".join(part[:1].upper() + part[1:] for part in rest)


class LazySubmodules:
    """A provider package's PEP 562 ``__getattr__``: imports a submodule on first use."""

    def __init__(self, package: str, submodules: frozenset[str]) -> None:
        """For ``package``, whose submodules are ``submodules``."""
        self.package = package
        self.submodules = submodules

    def __call__(self, attribute: str) -> object:
        """The submodule named ``attribute``, imported now; AttributeError for other names."""
        if attribute in self.submodules:
            return importlib.import_module(f"{self.package}.{attribute}")
        msg = f"module {self.package!r} has no attribute {attribute!r}"
        raise AttributeError(msg)


class LazyDir:
    """A provider package's PEP 562 ``__dir__``: its names and every submodule's."""

    def __init__(self, package: ModuleType, submodules: frozenset[str]) -> None:
        """For ``package``, whose submodules are ``submodules``."""
        self.package = package
        self.submodules = submodules

    def __call__(self) -> list[str]:
        """The package's names and its submodules', sorted."""
        return sorted({*vars(self.package), *self.submodules})


def make_submodules_lazy(package: ModuleType, assembly: str, submodules: list[str]) -> None:
    """Import ``package``'s submodules on attribute access and let jsii find them by type."""
    name = package.__name__
    known = frozenset(submodules)
    reference_map = importlib.import_module(JSII_REFERENCE_MAP_MODULE)
    registry = reference_map._submodule_fqn_map  # noqa: SLF001 - jsii's lazy-loading registry
    registry.update({f"{assembly}.{_camel_case(sub)}": f"{name}.{sub}" for sub in known})
    package.__getattr__ = LazySubmodules(name, known)  # type: ignore[method-assign]  # PEP 562 module hook
    package.__dir__ = LazyDir(package, known)  # type: ignore[method-assign]  # PEP 562 module hook


def import_submodules(package: ModuleType, submodules: list[str]) -> None:
    """What the package's own ``__init__`` would have done: import every submodule."""
    for sub in submodules:
        importlib.import_module(f"{package.__name__}.{sub}")
