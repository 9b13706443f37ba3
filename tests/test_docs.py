"""The documentation site's sources agree with the code they describe.

``make docs`` (``mkdocs build --strict``) catches broken links, missing includes and
docstring references that do not resolve; these tests hold the pages to the lists they
must cover, without building the site.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import io
import re
import tomllib
from pathlib import Path

import pytest

import cognito_access

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def test_the_api_page_documents_every_public_name() -> None:
    page = (DOCS / "reference" / "api.md").read_text(encoding="utf-8")
    documented = re.findall(r"^::: cognito_access\.(\w+)$", page, flags=re.MULTILINE)
    assert sorted(documented) == sorted(cognito_access.__all__)


def test_every_example_app_is_included_in_the_docs() -> None:
    pages = "\n".join(path.read_text(encoding="utf-8") for path in DOCS.rglob("*.md"))
    included = set(re.findall(r'^--8<-- "examples/(\w+)\.py"$', pages, flags=re.MULTILINE))
    assert included == {path.stem for path in (ROOT / "examples").glob("*.py")}


def test_every_page_in_docs_is_in_the_navigation() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    in_nav = set(re.findall(r":\s+(\S+\.md)$", config, flags=re.MULTILINE))
    pages = {path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md")}
    assert pages <= in_nav, f"not in mkdocs.yml's nav: {sorted(pages - in_nav)}"


# What the user documentation (the README and docs/) names must exist in the code.
USER_DOCS = (ROOT / "README.md", *sorted(DOCS.rglob("*.md")))
COMMANDS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
    "scripts"
]
# The pages about one command: a bare `--flag` there is that command's.
PAGE_COMMAND = {
    "verifying.md": "cognito-access-verify",
    "configuration-gate.md": "cognito-access-check-config",
}


# Names of that shape that are distributions, not commands.
DISTRIBUTIONS = {"cognito-access-accelerator"}


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _with_includes(path: Path) -> str:
    """A page's text and the text of every file it includes (``--8<-- "file"``)."""
    text = _text(path)
    included = re.findall(r'^--8<-- "([^"]+)"$', text, flags=re.MULTILINE)
    return "\n".join([text, *(_text(ROOT / name) for name in included)])


def _flags(command: str) -> set[str]:
    """The options ``command``'s argument parser accepts, from its ``--help``."""
    module_name, _, function = COMMANDS[command].partition(":")
    main = getattr(importlib.import_module(module_name), function)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        main(["--help"])
    return set(re.findall(r"--[a-z][a-z-]*", out.getvalue()))


def _parameters(module: str, function: str) -> list[str]:
    """The keyword-only parameters of ``function`` (``Class.method``) in a package module."""
    tree = ast.parse((ROOT / "constructs" / "cognito_access" / module).read_text("utf-8"))
    class_name, _, method = function.partition(".")
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == method:
                    return [argument.arg for argument in item.args.kwonlyargs]
    msg = f"no {function} in {module}"
    raise LookupError(msg)


def test_every_make_target_the_user_docs_name_exists() -> None:
    targets = set(re.findall(r"^([a-z][a-z-]*):", _text(ROOT / "Makefile"), flags=re.MULTILINE))
    named = {
        (path.name, target)
        for path in USER_DOCS
        for target in re.findall(r"\bmake ([a-z][a-z-]*)", _text(path))
    }
    assert {(page, target) for page, target in named if target not in targets} == set()


def test_every_command_the_user_docs_name_is_installed() -> None:
    named = {
        (path.name, command)
        for path in USER_DOCS
        for command in re.findall(r"(?<![#/\w-])cognito-access-[a-z-]*[a-z]\b(?!-)", _text(path))
    }
    named -= {(page, name) for page, name in named if name in DISTRIBUTIONS}
    assert {(page, command) for page, command in named if command not in COMMANDS} == set()


def test_every_option_the_user_docs_give_a_command_exists() -> None:
    flags = {command: _flags(command) for command in COMMANDS}
    unknown = set()
    for path in USER_DOCS:
        for line in _text(path).splitlines():
            commands = [command for command in COMMANDS if command in line]
            if not commands and path.name in PAGE_COMMAND:
                commands = [PAGE_COMMAND[path.name]]
            for command in commands[:1]:
                unknown |= {
                    (path.name, command, flag)
                    for flag in re.findall(r"(?<![\w-])--[a-z][a-z-]*", line)
                    if flag not in flags[command]
                }
    assert unknown == set()


@pytest.mark.parametrize(
    ("page", "module", "function"),
    [
        ("guides/own-stack.md", "_identity_provider.py", "CognitoAccessIdentityProvider.__init__"),
        (
            "guides/adopting.md",
            "_identity_provider.py",
            "CognitoAccessIdentityProvider.import_existing",
        ),
        (
            "guides/protecting-an-application.md",
            "_access_application.py",
            "AccessApplication.__init__",
        ),
    ],
)
def test_the_guide_names_every_parameter(page: str, module: str, function: str) -> None:
    text = _with_includes(DOCS / page)
    named = [
        name for name in _parameters(module, function) if re.search(rf"`{name}\b|\b{name}=", text)
    ]
    assert named == _parameters(module, function)


def _section(text: str, heading: str) -> str:
    """The text of a page's ``## heading`` section, up to the next heading of that level."""
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : None if end == -1 else end]


def test_the_adopting_guide_tells_where_to_find_every_id_import_existing_takes() -> None:
    """Each ``import_existing`` argument has a row saying where to find its id."""
    table = _section(_text(DOCS / "guides" / "adopting.md"), "Where to find each id")
    rows = {row.split("|")[1].strip() for row in table.splitlines() if row.startswith("| `")}
    names = {row.split("`")[1] for row in rows}
    parameters = _parameters(
        "_identity_provider.py", "CognitoAccessIdentityProvider.import_existing"
    )
    assert set(parameters) - names == set()


def test_the_adopting_guide_no_longer_says_the_domains_version_is_left_as_it_is() -> None:
    """A declared (so also an adopted) domain states its version.

    The guide must not say otherwise, nor send users to delete a console-made branding
    style to adopt it.
    """
    text = _text(DOCS / "guides" / "adopting.md")
    flat = " ".join(text.split())
    assert "leaves the domain's version as it is" not in flat
    assert "delete that one first" not in flat


def test_the_handover_steps_say_to_let_the_new_clients_secret_reach_cloudflare() -> None:
    """Handing over to a hand-made client changes the client id Cloudflare signs in with.

    Under ``ignore_client_secret_changes`` the login method would keep the old client's
    secret with the new client's id, and sign-in would fail.
    """
    text = _text(DOCS / "guides" / "adopting.md")
    steps = _section(text, "Adopting into a stack that already deployed")
    assert "ignore_client_secret_changes" in steps
    assert "CLOUDFLARE_IGNORE_CLIENT_SECRET_CHANGES" in steps


def test_the_readmes_relative_links_resolve() -> None:
    links = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", _text(ROOT / "README.md"))
    assert [link for link in links if "://" not in link and not (ROOT / link).exists()] == []
