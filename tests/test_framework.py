"""The framework each construct declares its resources with: the one its scope belongs to.

Runs on either framework (``make unit`` on cdktf, ``make unit-cdktn`` on CDK Terrain).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cognito_access import AccessApplication, CognitoAccessIdentityProvider
from cognito_access._framework import _SOURCES, PACKAGES, Framework, framework_of, get
from cognito_access._validate import is_token
from constructs import Construct
from tests.framework import NAME, App, TerraformStack, TerraformVariable, Testing
from tests.support import EXAMPLE

ROOT = Path(__file__).resolve().parent.parent
PREFIXES = PACKAGES[NAME].jsii_prefixes


def jsii_type(value: object) -> str:
    return str(type(value).__jsii_type__)  # type: ignore[attr-defined] # every jsii class has it


@pytest.mark.parametrize(
    "make_scope",
    [
        lambda: TerraformStack(Testing.app(), "test"),
        lambda: TerraformStack(App(), "test"),
        lambda: Construct(TerraformStack(Testing.app(), "test"), "Nested"),
    ],
    ids=["stack in Testing.app()", "stack in App()", "construct in a stack"],
)
def test_a_scope_gives_the_framework_it_belongs_to(make_scope: Any) -> None:  # noqa: ANN401
    assert framework_of(make_scope()).name == NAME


def test_the_constructs_declare_resources_of_the_scopes_framework() -> None:
    stack = TerraformStack(Testing.app(), "test")
    sso = CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE)
    app = AccessApplication(stack, "App", idp=sso, domain="app.example.com", allowed_groups=["a"])
    declared = [
        sso.user_pool_domain,
        sso.user_pool_client,
        sso.identity_provider,
        app.application,
        app.policy,
    ]
    assert all(jsii_type(resource).startswith(PREFIXES) for resource in declared)


@pytest.mark.parametrize("name", sorted(_SOURCES))
def test_every_class_the_constructs_use_comes_from_the_framework_under_test(name: str) -> None:
    packages = PACKAGES[NAME]
    module = getattr(get(NAME), name).__module__
    assert module.partition(".")[0] in {packages.core, packages.aws, packages.cloudflare}


def test_every_class_framework_annotates_has_a_source() -> None:
    assert set(Framework.__annotations__) == set(_SOURCES)


def test_a_token_of_the_framework_under_test_is_unresolved() -> None:
    stack = TerraformStack(Testing.app(), "test")
    variable = TerraformVariable(stack, "Pool", type="string")
    assert is_token(variable.string_value)
    assert is_token(variable.list_value)
    assert is_token(variable.number_value)


@pytest.mark.parametrize("value", ["eu-west-1_AbC123", "${not a token}", "", ["a"], 3])
def test_a_literal_is_not_a_token(value: object) -> None:
    assert not is_token(value)


def test_the_answer_without_the_kernel_is_the_frameworks_own() -> None:
    """Literal strings and lists are answered in Python: exactly as Token.is_unresolved."""
    stack = TerraformStack(Testing.app(), "test")
    text = TerraformVariable(stack, "Text", type="string").string_value
    items = TerraformVariable(stack, "Items", type="list(string)").list_value
    values: list[object] = [
        "eu-west-1_AbC123",
        "TfToken",
        "${TfToken[",
        f"prefix-{text}-suffix",
        text,
        items,
        [],
        ["a", "b"],
        ["a", text],
        [text],
        ["a", 1],
        [["a"]],
        "",
    ]
    for value in values:
        assert is_token(value) == get(NAME).Token.is_unresolved(value), value


# Both frameworks hidden as if not installed: `import cdktf` fails and find_spec finds nothing.
HIDDEN = [
    module
    for packages in PACKAGES.values()
    for module in (packages.core, packages.aws, packages.cloudflare)
]
HIDE = f"import sys; sys.modules.update(dict.fromkeys({HIDDEN!r}))"


def run_without_framework(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - this interpreter with a fixed probe
        [sys.executable, "-c", f"{HIDE}; {code}"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "constructs")},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.process
def test_without_a_framework_importing_a_construct_names_both_extras() -> None:
    result = run_without_framework("from cognito_access import CognitoAccessIdentityProvider")
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("ImportError:")
    assert "cognito-access[cdktf]" in last_line
    assert "cognito-access[cdktn]" in last_line


@pytest.mark.process
def test_without_a_framework_the_package_and_its_tools_import() -> None:
    result = run_without_framework(
        "import cognito_access, cognito_access.review, cognito_access.verify; print('ok')"
    )
    assert result.stdout.strip() == "ok", result.stderr
