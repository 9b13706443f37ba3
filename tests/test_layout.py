"""The source root `constructs/` must not shadow the real `constructs` library."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_source_root_is_not_a_package() -> None:
    assert not (ROOT / "constructs" / "__init__.py").exists()


def test_import_constructs_from_the_repository_root_gives_the_real_library() -> None:
    probe = "import constructs; print(constructs.__file__); print(constructs.Construct.__name__)"
    result = subprocess.run(  # noqa: S603 - a fixed probe run by this interpreter
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    module_file, construct_class = result.stdout.split()
    assert Path(module_file).parent.parent != ROOT
    assert "site-packages" in module_file
    assert construct_class == "Construct"
