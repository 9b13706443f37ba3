"""Every Cognito and Cloudflare fact is written once, in ``cognito_access._facts``.

The facts module imports only the standard library, so ``review/`` and ``verify/`` can
use it; every other shipped module (and the example app) takes the facts from it. A test
lists the facts and fails when one of their literals is written again in another module,
plainly or in regular-expression form (docstrings and comments aside).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cognito_access import _facts

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "constructs" / "cognito_access"
# The shipped modules besides the facts, and the example app that imports them.
MODULES = sorted(
    [path for path in PACKAGE.rglob("*.py") if path.name != "_facts.py"]
    + [ROOT / "main.py", ROOT / "settings.py"]
)
# Text of a fact that means something else where it stands, with why (module, text).
OTHER_MEANINGS = {
    # Cloudflare's config.client_id field and import_existing's parameters, not the outputs.
    ("review/_plan.py", "client_id"),
    ("_identity_provider.py", "client_id"),
    ("_identity_provider.py", "identity_provider_id"),
    ("verify/_checks.py", "client_id"),
    # boto3's service name and the IAM actions' prefix, not the API host's label.
    ("verify/_cognito.py", "cognito-idp"),
    ("offboarding.py", "cognito-idp"),
    # The offboarding role's IAM actions and pool ARN, and the AWS service principals.
    ("_offboarding.py", "cognito-idp"),
    ("_offboarding.py", "amazonaws.com"),
    # The example app's and cognito-access-verify's own settings, named like the offboarding
    # function's variables by the same convention.
    ("settings.py", "CLOUDFLARE_ACCOUNT_ID"),
    ("settings.py", "COGNITO_USER_POOL_ID"),
    ("verify/_cli.py", "CLOUDFLARE_ACCOUNT_ID"),
    ("verify/_cli.py", "CLOUDFLARE_BASE_URL"),
    ("verify/_cloudflare.py", "CLOUDFLARE_BASE_URL"),
}


def _literals(value: object) -> list[str]:
    if isinstance(value, _facts.StackOutput):
        return [value.name]
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in _literals(key) + _literals(item)]
    if isinstance(value, tuple | list | frozenset | set):
        return [text for item in value for text in _literals(item)]
    if isinstance(value, _facts.Partition):
        labels = [value.hosted_ui_label, value.api_label, value.dns_suffix]
        return [text for text in labels if text] + [label for _, label in value.issuer_labels]
    return []


OUTPUT_NAMES = frozenset(
    value.name for value in vars(_facts).values() if isinstance(value, _facts.StackOutput)
)


def _specific(text: str) -> bool:
    """Whether ``text`` is specific enough to look for elsewhere.

    Paths, hosts, claim names and scopes (punctuation other than ``_``), Cognito's enum
    names (``ALLOW_REFRESH_TOKEN_AUTH``, ``FORM_LOGO``, ``ACTIVE``: upper case, of four
    characters or more), resource types and output names.
    Plain words ("email", "openid", "code") and the parameter names some tables are keyed
    by stand in other modules with other meanings.
    """
    return (
        (bool(re.search(r"[/:.-]", text)) and len(text) >= 6)
        or bool(re.fullmatch(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z][A-Z0-9]{3,}", text))
        or text.startswith(("aws_", "cloudflare_"))
        or text in OUTPUT_NAMES
    )


def facts() -> list[str]:
    """The literals of every public fact that are specific enough to look for elsewhere."""
    found = {
        text
        for name, value in vars(_facts).items()
        if not name.startswith("_") and name.isupper()
        for text in _literals(value)
    }
    return sorted(text for text in found if _specific(text))


def _constants(path: Path) -> list[str]:
    """The string constants of a module, its docstrings aside (f-string parts included)."""
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def _written(fact: str, constant: str) -> bool:
    """Whether ``constant`` holds ``fact`` plainly or as a pattern would write it.

    A name (letters, digits and ``_``) counts only as a whole word: ``callback_urls`` does
    not hold the output name ``callback_url``.
    """
    forms = {fact, re.escape(fact), fact.replace(".", r"\.")}
    if re.fullmatch(r"\w+", fact):
        return re.search(rf"(?<!\w){fact}(?!\w)", constant) is not None
    return any(form in constant for form in forms)


def test_the_facts_listed_cover_paths_claims_flows_hosts_types_and_outputs() -> None:
    listed = facts()
    for expected in (
        "/oauth2/authorize",
        "/.well-known/jwks.json",
        "cognito:groups",
        "ALLOW_REFRESH_TOKEN_AUTH",
        "ACTIVE",
        "amazoncognito.com",
        "cloudflareaccess.com",
        "/cdn-cgi/access/callback",
        "aws_cognito_user_pool_client",
        "identity_provider_id",
    ):
        assert expected in listed


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_fact_is_written_again_outside_the_facts_module(path: Path) -> None:
    where = str(path.relative_to(PACKAGE)) if path.is_relative_to(PACKAGE) else path.name
    repeated = sorted(
        {
            fact
            for constant in _constants(path)
            for fact in facts()
            if _written(fact, constant) and (where, fact) not in OTHER_MEANINGS
        }
    )
    assert repeated == []


def test_a_fact_written_again_is_found(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        '"""Docstrings may name /oauth2/token."""\n'
        'PATTERN = r"https://[a-z]+\\.cloudflareaccess\\.com/cdn-cgi/access/callback"\n'
        'CLAIM = f"{0}cognito:groups"\n',
        "utf-8",
    )
    found = {
        fact for constant in _constants(module) for fact in facts() if _written(fact, constant)
    }
    assert found == {"cloudflareaccess.com", "/cdn-cgi/access/callback", "cognito:groups"}


@pytest.mark.process
def test_the_facts_module_imports_only_the_standard_library() -> None:
    """Loaded by path in an isolated interpreter (no site-packages, no PYTHONPATH).

    Importing it as ``cognito_access._facts`` would run the package's ``__init__`` first,
    and hide whatever that imports.
    """
    probe = (
        "import importlib.util, sys; "
        f"spec = importlib.util.spec_from_file_location('facts', {str(PACKAGE / '_facts.py')!r}); "
        "module = importlib.util.module_from_spec(spec); sys.modules['facts'] = module; "
        "before = set(sys.modules); spec.loader.exec_module(module); "
        "print(sorted({m.split('.')[0] for m in set(sys.modules) - before}))"
    )
    result = subprocess.run(  # noqa: S603 - a fixed probe run by this interpreter
        [sys.executable, "-I", "-S", "-c", probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert set(ast.literal_eval(result.stdout)) <= set(sys.stdlib_module_names)
