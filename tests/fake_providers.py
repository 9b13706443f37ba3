"""Provider packages laid out as the real ones, small enough to write in a test's tmp_path.

A Python package (``cdktf_cdktf_provider_fake``): an ``__init__.py`` that records a mark,
declares ``__all__``, calls ``publication.publish()`` as the generated bindings do, and
ends with one ``from . import <name>`` per submodule; a submodule named ``broken`` raises
when imported, so a test that loads it by mistake fails.

A Node.js package (``@cdktf/provider-<name>``): an ``index.js`` of
``exports.<name> = require("./<dir>");`` lines; its ``broken`` submodule throws, and each
submodule records its loading in ``globalThis.loaded``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

FAKE_PACKAGE = "cdktf_cdktf_provider_fake"
FAKE_ASSEMBLY = "@cdktf/provider-fake"


def write_python_provider(
    root: Path,
    *,
    mark: str,
    submodules: Sequence[str] = ("one", "broken"),
    tail: str = "",
    name: str = FAKE_PACKAGE,
) -> Path:
    """``root``, holding a fake provider package whose ``MARK`` is ``mark``; ``tail`` ends it."""
    package = root / name
    package.mkdir(parents=True)
    for submodule in submodules:
        body = "raise RuntimeError('broken was imported')\n" if submodule == "broken" else ""
        (package / f"{submodule}.py").write_text(f"{body}MARK = {mark!r}\n", encoding="utf-8")
    lines = [
        "import publication",
        f"MARK = {mark!r}",
        f"__all__ = {list(submodules)!r}",
        "publication.publish()",
        "",
        "# Loading modules to ensure their types are registered with the jsii runtime library",
        *(f"from . import {submodule}" for submodule in submodules),
    ]
    (package / "__init__.py").write_text("\n".join(lines) + "\n" + tail, encoding="utf-8")
    return root


def forget_python_provider() -> None:
    """Remove the fake package and its submodules from ``sys.modules``."""
    for name in [name for name in sys.modules if name.split(".")[0] == FAKE_PACKAGE]:
        del sys.modules[name]


def write_node_provider(
    root: Path, package: str = "provider-aws", extra: str = "", *, throwing: bool = True
) -> Path:
    """A Node.js provider package under ``root``; ``extra`` ends its index.

    Its ``broken`` submodule throws when loaded, unless ``throwing`` is false.
    """
    lib = root / "node_modules" / "@cdktf" / package / "lib"
    bodies = {
        "working": "exports.Thing = 42;",
        "broken": "throw new Error('broken was loaded');" if throwing else "",
    }
    for name, body in bodies.items():
        (lib / name).mkdir(parents=True)
        record = f"globalThis.loaded = [...(globalThis.loaded || []), {name!r}];\n"
        (lib / name / "index.js").write_text(record + body, encoding="utf-8")
    (lib / "index.js").write_text(
        '"use strict";\n'
        'Object.defineProperty(exports, "__esModule", { value: true });\n'
        "exports.working = exports.broken = void 0;\n"
        'exports.broken = require("./broken");\n'
        'exports.working = require("./working");\n' + extra,
        encoding="utf-8",
    )
    (lib.parent / "package.json").write_text('{"main": "lib/index.js"}', encoding="utf-8")
    return lib.parent


def run_node(
    package: Path, *, preloads: Sequence[Path] = (), use: str = "p.working.Thing"
) -> subprocess.CompletedProcess[str]:
    """Node.js requiring each of ``preloads``, then ``package``; prints what it saw as JSON."""
    node = shutil.which("node")
    assert node is not None, "node is not on PATH"
    script = (
        "".join(f"require({json.dumps(str(preload))});" for preload in preloads)
        + f"const p = require({json.dumps(str(package))});"
        + f"const used = {use};"
        + "console.log(JSON.stringify({used, names: Object.keys(p),"
        + " loaded: globalThis.loaded || []}));"
    )
    environment = {key: value for key, value in os.environ.items() if key != "NODE_OPTIONS"}
    return subprocess.run(  # noqa: S603 - node with the tests' own script
        [node, "-e", script], capture_output=True, text=True, check=False, env=environment
    )
