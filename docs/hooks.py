"""MkDocs hook: the reference pages' tables, generated from the code that owns them.

A page asks for a generated block with a line of its own, ``<!-- generated: NAME -->``:

- ``cli``: each command of ``[project.scripts]`` in pyproject.toml, with the help its
  argument parser prints (``--help``, run in this process);
- ``settings``: the example app's settings, from ``settings.SETTINGS``;
- ``iam``: each IAM role's trusted subject and permissions, from ``iam/*.json``.

An unknown name, or a generator that fails, fails the build. Nothing is fetched.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import re
import sys
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"^<!-- generated: (?P<name>[a-z]+) -->$", re.MULTILINE)
# argparse wraps its help to $COLUMNS: one width, so the pages do not depend on the terminal.
HELP_COLUMNS = "88"


def _source_first() -> None:
    """Import the package and the example app's settings from this checkout."""
    for path in (ROOT / "constructs", ROOT):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))


def _help(target: str, name: str) -> str:
    """What ``name --help`` prints, calling the entry point ``module:function`` in process."""
    module_name, _, function = target.partition(":")
    main: Callable[[list[str]], object] = getattr(importlib.import_module(module_name), function)
    out = io.StringIO()
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = HELP_COLUMNS
    try:
        with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
            main(["--help"])
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous
    text = out.getvalue()
    if not text.startswith("usage:"):
        msg = f"{name} --help printed no usage: {text[:200]!r}"
        raise RuntimeError(msg)
    return text


def cli() -> str:
    """Each command-line tool: its name, its entry point and its help."""
    scripts: dict[str, str] = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))[
        "project"
    ]["scripts"]
    sections = [
        (f"## `{name}`\n\nEntry point: `{target}`.\n\n```text\n{_help(target, name)}```\n")
        for name, target in scripts.items()
    ]
    return "\n".join(sections)


def _cell(text: str | None) -> str:
    return "*(none)*" if text is None else text.replace("|", "\\|")


def settings() -> str:
    """The example app's settings table, from ``settings.SETTINGS``."""
    table: Any = importlib.import_module("settings").SETTINGS
    rows = [
        "| Environment variable | `cdktf.json` context key | Example value | Meaning |",
        "|---|---|---|---|",
    ]
    rows += [
        f"| `{s.env}` | `{s.context_key}` | "
        f"{'*(none)*' if s.example is None else f'`{s.example}`'} | {_cell(s.description)} |"
        for s in table
    ]
    return "\n".join(rows) + "\n"


def _listed(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else value


def iam() -> str:
    """Per role in iam/: whom it trusts, and each statement of its permissions."""
    sections = []
    for permissions in sorted((ROOT / "iam").glob("*-permissions.json")):
        role = permissions.name.removesuffix("-permissions.json")
        trust = json.loads(permissions.with_name(f"{role}-trust.json").read_text("utf-8"))
        subjects = [
            subject
            for statement in trust["Statement"]
            for condition in statement.get("Condition", {}).values()
            for key, subject in condition.items()
            if key.endswith(":sub")
        ]
        lines = [
            f"### `{role}`",
            "",
            (
                f"Trusts: `{'`, `'.join(subjects)}` (`iam/{role}-trust.json`). "
                f"Permissions: `iam/{role}-permissions.json`:"
            ),
            "",
            "| Statement | Actions | Resources |",
            "|---|---|---|",
        ]
        document = json.loads(permissions.read_text("utf-8"))
        lines += [
            f"| {statement['Sid']} | "
            f"{'<br>'.join(f'`{a}`' for a in _listed(statement['Action']))} | "
            f"{'<br>'.join(f'`{r}`' for r in _listed(statement['Resource']))} |"
            for statement in document["Statement"]
        ]
        sections.append("\n".join(lines) + "\n")
    return "\n".join(sections)


GENERATORS: dict[str, Callable[[], str]] = {"cli": cli, "settings": settings, "iam": iam}


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:  # noqa: ARG001 - MkDocs' hook signature
    """Replace each ``<!-- generated: NAME -->`` line with the generated block."""
    _source_first()

    def generate(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in GENERATORS:
            msg = f"{page.file.src_uri}: no generator {name!r}; known: {', '.join(GENERATORS)}"
            raise ValueError(msg)
        return GENERATORS[name]()

    return MARKER.sub(generate, markdown)
