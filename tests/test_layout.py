"""The source root `constructs/` must not shadow the real `constructs` library."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_the_source_root_is_not_a_package() -> None:
    assert not (ROOT / "constructs" / "__init__.py").exists()


@pytest.mark.process
def test_import_constructs_from_the_repository_root_gives_the_real_library() -> None:
    probe = "import constructs; print(constructs.__file__); print(constructs.Construct.__name__)"
    result = subprocess.run(  # noqa: S603 - a fixed probe run by this interpreter
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    module_file, construct_class = result.stdout.split()
    assert Path(module_file).parent.parent != ROOT
    assert "site-packages" in module_file
    assert construct_class == "Construct"


# The longest a function of the package may be, in lines of code: its signature and body,
# without its docstring (a constructor's documents every parameter).
MAX_FUNCTION_LINES = 80


def _code_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    lines = (node.end_lineno or node.lineno) - node.lineno + 1
    first = node.body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
        lines -= (first.end_lineno or first.lineno) - first.lineno + 1
    return lines


def _long_functions(path: Path, root: Path = ROOT) -> list[str]:
    """``<file>:<line> <name> (<lines>)`` of each function of ``path`` over the limit."""
    tree = ast.parse(path.read_text("utf-8"))
    return [
        f"{path.relative_to(root)}:{node.lineno} {node.name} ({_code_lines(node)})"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and _code_lines(node) > MAX_FUNCTION_LINES
    ]


def test_no_function_of_the_package_is_longer_than_80_lines() -> None:
    modules = sorted((ROOT / "constructs").rglob("*.py"))
    assert modules
    assert [found for path in modules for found in _long_functions(path)] == []


def test_a_long_function_is_found(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text("def f() -> None:\n" + "    pass\n" * MAX_FUNCTION_LINES, "utf-8")
    assert _long_functions(module, tmp_path) == [f"module.py:1 f ({MAX_FUNCTION_LINES + 1})"]
