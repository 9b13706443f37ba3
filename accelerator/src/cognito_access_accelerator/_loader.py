"""Run a provider package without its trailing submodule imports; import each on first use.

Imported when a provider package is first executed (see ``_ProviderLoader`` in
``__init__``), never before. The package's spec and loader are the ones the rest of
``sys.meta_path`` found, as without the accelerator. :func:`exec_provider` reads, parses
and checks the very file that loader loads: a package that resolves elsewhere later
(``sys.path`` changed, a vendored copy, an upgrade inside a long-lived process,
``importlib.reload``) is checked and run from its own file. The file must be a package
``__init__.py`` loaded from source that ends with one ``from . import <name>`` per name of
its one ``__all__ = [...]``, and has none before; anything else loads that package the
ordinary way and turns the accelerator off (see _activation).

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
from typing import TYPE_CHECKING

from cognito_access_accelerator import _activation
from cognito_access_accelerator._activation import JSII_REFERENCE_MAP_MODULE, Mismatch

if TYPE_CHECKING:
    from importlib.abc import Loader
    from types import CodeType, ModuleType


def exec_provider(original: Loader, module: ModuleType, assembly: str) -> None:
    """Run the provider package ``module`` lazily if the accelerator may, else as ``original`` does.

    ``assembly`` is the package's jsii assembly name, for jsii's lazy-loading registry.
    """
    # A reload runs in the module of the last load: without the lazy hooks of that load,
    # publication.publish() copies the submodules loaded so far, not every one.
    namespace = vars(module)
    for name, hook in (("__getattr__", LazySubmodules), ("__dir__", LazyDir)):
        if isinstance(namespace.get(name), hook):
            del namespace[name]
    lazy = _lazy_code(original, module.__name__)
    if lazy is None:
        original.exec_module(module)
        return
    code, submodules = lazy
    exec(code, namespace)  # noqa: S102 - the package's own code, less its submodule imports
    # publication.publish() has replaced the module in sys.modules with a public copy.
    package = sys.modules.get(module.__name__, module)
    activation = _activation.ACTIVATION
    if activation.failure is None:
        try:
            make_submodules_lazy(package, assembly, submodules)
        except Exception as error:  # noqa: BLE001 - then the ordinary way
            activation.fall_back(f"making {module.__name__}'s submodules lazy failed: {error!r}")
    if activation.failure is not None:
        import_submodules(package, submodules)


def _lazy_code(original: Loader, fullname: str) -> tuple[CodeType, list[str]] | None:
    """The package's code without its submodule imports, and their names; None if it may not."""
    activation = _activation.ACTIVATION
    if activation.failure is not None:
        return None
    # Exactly the standard loader of a source file: another one may do more than read it.
    source = original if type(original) is importlib.machinery.SourceFileLoader else None
    if source is None or not source.path.endswith("__init__.py"):
        found = getattr(original, "path", None) or original
        activation.fall_back(
            f"{fullname} is not a package loaded from its __init__.py source "
            f"(found {found}, loaded by {type(original).__name__})"
        )
        return None
    path = source.path
    if not activation.is_active():
        return None
    try:
        tree, submodules = without_submodule_imports(fullname, path, source.get_data(path))
        code = compile(tree, path, "exec", dont_inherit=True)
    except Mismatch as mismatch:
        activation.fall_back(str(mismatch))
        return None
    except Exception as error:  # noqa: BLE001 - then the ordinary code
        activation.fall_back(f"reading {fullname} without its submodule imports failed: {error!r}")
        return None
    return code, submodules


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
