"""Upgrading to the 1.0 arguments changes no resource: an existing deployment re-plans empty.

The snapshots were synthesized with the arguments before 1.0 (``domain_prefix``,
``custom_domain``, ``certificate_arn``, ``user_pool_domain``, ``cloudflare_zone_id``,
``managed_login=True``, ``managed_login_branding_settings``, ``managed_login_assets``) at
commit b578c34, and are compared here with what the 1.0 arguments synthesize: the same
resources at the same addresses with the same arguments, and the same import blocks.
Later changes that do change a resource say so in their commit and update the snapshot.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import main
from cognito_access import (
    CognitoAccessIdentityProvider,
    LoginDomain,
    ManagedLogin,
    ManagedLoginAsset,
)
from tests.framework import CognitoUserPoolDomain, TerraformStack, TerraformVariable, Testing

if TYPE_CHECKING:
    from collections.abc import Callable

    from tests.conftest import Synths

SNAPSHOTS = Path(__file__).parent / "snapshots"
POOL = "eu-west-1_AbC123"
ACCOUNT = "0123456789abcdef0123456789abcdef"
CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
ZONE = "fedcba9876543210fedcba9876543210"
STYLE = '{"categories": {"global": {"colorSchemeMode": "DARK"}}}'
LOGO = ManagedLoginAsset(
    category="FORM_LOGO", color_mode="LIGHT", extension="PNG", bytes_base64="iVBORw0KGgo="
)
ICON = ManagedLoginAsset(
    category="IDP_BUTTON_ICON",
    color_mode="DARK",
    extension="SVG",
    bytes_base64="PHN2Zy8+",
    resource_id="Google",
)
PREFIX = LoginDomain.prefix("acme-login")
CUSTOM = LoginDomain.custom("login.example.com", certificate_arn=CERTIFICATE)
CUSTOM_WITH_ZONE = LoginDomain.custom(
    "login.example.com", certificate_arn=CERTIFICATE, cloudflare_zone_id=ZONE
)


def _declared(stack: TerraformStack, pool: str, **settings: Any) -> CognitoUserPoolDomain:  # noqa: ANN401 - the domain's arguments
    return CognitoUserPoolDomain(stack, "Existing", user_pool_id=pool, **settings)


# Each case of the snapshot: the 1.0 arguments, given the stack and the pool id.
KINDS: dict[str, Callable[[TerraformStack, str], dict[str, Any]]] = {
    "prefix": lambda _stack, _pool: {"domain": PREFIX},
    "prefix-token-pool": lambda _stack, _pool: {"domain": PREFIX},
    "custom": lambda _stack, _pool: {"domain": CUSTOM},
    "custom-with-zone": lambda _stack, _pool: {"domain": CUSTOM_WITH_ZONE},
    "shared-prefix-resource": lambda stack, pool: {
        "domain": LoginDomain.shared(_declared(stack, pool, domain="shared-login"))
    },
    "shared-custom-resource": lambda stack, pool: {
        "domain": LoginDomain.shared(
            _declared(stack, pool, domain="login.example.com", certificate_arn=CERTIFICATE)
        )
    },
    "shared-prefix-name": lambda _stack, _pool: {"domain": LoginDomain.shared("shared-login")},
    "shared-custom-name": lambda _stack, _pool: {"domain": LoginDomain.shared("login.example.com")},
    "shared-token-name": lambda stack, _pool: {
        "domain": LoginDomain.shared(TerraformVariable(stack, "domain", type="string").string_value)
    },
    "managed-login-cognito-style": lambda _stack, _pool: {
        "domain": PREFIX,
        "managed_login": ManagedLogin(),
    },
    "managed-login-settings": lambda _stack, _pool: {
        "domain": PREFIX,
        "managed_login": ManagedLogin(settings=STYLE),
    },
    "managed-login-assets": lambda _stack, _pool: {
        "domain": PREFIX,
        "managed_login": ManagedLogin(assets=[LOGO]),
    },
    "managed-login-settings-and-assets": lambda _stack, _pool: {
        "domain": PREFIX,
        "managed_login": ManagedLogin(settings=STYLE, assets=[LOGO, ICON]),
    },
    "managed-login-custom-with-zone": lambda _stack, _pool: {
        "domain": CUSTOM_WITH_ZONE,
        "managed_login": ManagedLogin(),
    },
    "managed-login-shared-v2": lambda stack, pool: {
        "domain": LoginDomain.shared(
            _declared(stack, pool, domain="shared-login", managed_login_version=2)
        ),
        "managed_login": ManagedLogin(),
    },
}
# The cases whose pool id is known only to Terraform, as in the snapshot.
POOL_BY_REFERENCE = ("prefix-token-pool", "shared-prefix-resource", "shared-custom-resource")


def without_metadata(node: object) -> object:
    """``node`` without cdktf's ``//`` metadata entries, which name no argument."""
    if isinstance(node, dict):
        return {key: without_metadata(value) for key, value in node.items() if key != "//"}
    if isinstance(node, list):
        return [without_metadata(item) for item in node]
    return node


def sections(synth: dict[str, Any]) -> object:
    """What a plan compares: the resources and the import blocks (and data sources)."""
    return without_metadata(
        {key: synth[key] for key in ("resource", "import", "data") if key in synth}
    )


@pytest.fixture(scope="module")
def before() -> dict[str, Any]:
    snapshot: dict[str, Any] = json.loads((SNAPSHOTS / "login-kinds-0.1.json").read_text("utf-8"))
    return snapshot


def test_every_kind_of_the_snapshot_is_declared_here(before: dict[str, Any]) -> None:
    assert set(KINDS) == set(before)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_login_domain_kind_and_managed_login_form_declares_what_the_old_arguments_did(
    kind: str, before: dict[str, Any]
) -> None:
    stack = TerraformStack(Testing.app(), "test")
    by_reference = kind in POOL_BY_REFERENCE or kind == "managed-login-shared-v2"
    pool = TerraformVariable(stack, "pool", type="string").string_value if by_reference else POOL
    CognitoAccessIdentityProvider(
        stack,
        "Sso",
        user_pool_id=pool,
        team_name="acme",
        cloudflare_account_id=ACCOUNT,
        **KINDS[kind](stack, pool),
    )
    assert sections(json.loads(Testing.synth(stack))) == without_metadata(before[kind])


@pytest.fixture(scope="module")
def stacks_before() -> dict[str, Any]:
    snapshot: dict[str, Any] = json.loads(
        (SNAPSHOTS / "upgrade-stacks-0.1.json").read_text("utf-8")
    )
    return snapshot


@pytest.mark.parametrize("stack", ["cognito-access", "library"])
def test_the_switch_apps_stacks_re_plan_with_no_change(
    stack: str, switch_synths: Synths, stacks_before: dict[str, Any]
) -> None:
    """The example app with its every-option settings, and the library stack of every option."""
    synthesized = switch_synths.stacks()["cdktf"][stack]
    assert sections(synthesized) == without_metadata(stacks_before[stack])


EXAMPLE_APP_SETTINGS = {
    "main-login": {
        "COGNITO_CUSTOM_DOMAIN": "login.example.com",
        "COGNITO_CERTIFICATE_ARN": "arn:aws:acm:us-east-1:123456789012:certificate/abc",
        "CLOUDFLARE_ZONE_ID": ZONE,
        "COGNITO_MANAGED_LOGIN": "1",
    },
    "main-adopt": {
        "COGNITO_USER_POOL_ID": POOL,
        "IMPORT_COGNITO_DOMAIN": "example-team-login",
        "IMPORT_COGNITO_CLIENT_ID": "client123",
        "IMPORT_CLOUDFLARE_IDP_ID": "idp123",
    },
}


@pytest.mark.parametrize("case", sorted(EXAMPLE_APP_SETTINGS))
def test_the_example_app_re_plans_with_no_change(case: str, stacks_before: dict[str, Any]) -> None:
    """With a custom domain, its DNS record and managed login; and adopting a setup."""
    stack = main.build(Testing.app(), EXAMPLE_APP_SETTINGS[case])
    assert sections(json.loads(Testing.synth(stack))) == without_metadata(stacks_before[case])
