"""Adoption in the construct: import blocks with the right ids, and the adopted client's secret."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cognito_access import CognitoAccessIdentityProvider, LoginDomain, ManagedLogin
from tests.framework import TerraformStack, TerraformVariable, Testing
from tests.support import EXAMPLE, only, synth_stack

CLIENT = "aws_cognito_user_pool_client"
BRANDING = "aws_cognito_managed_login_branding"
IDP_ID = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"


def adopted(**ids: str) -> dict[str, Any]:
    def build(stack: TerraformStack) -> None:
        CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE).import_existing(**ids)

    return synth_stack(build)


def imports_of(synth: dict[str, Any]) -> dict[str, str]:
    return {block["to"].split(".")[0]: block["id"] for block in synth.get("import", [])}


def test_each_id_becomes_an_import_block_with_the_providers_id_format() -> None:
    synth = adopted(
        domain="acme-login", client_id="4example0client0id", identity_provider_id=IDP_ID
    )
    assert imports_of(synth) == {
        "aws_cognito_user_pool_domain": "acme-login",
        "aws_cognito_user_pool_client": "eu-west-1_AbC123/4example0client0id",
        "cloudflare_zero_trust_access_identity_provider": (
            f"accounts/0123456789abcdef0123456789abcdef/{IDP_ID}"
        ),
    }


def test_the_import_blocks_point_at_the_constructs_resources() -> None:
    synth = adopted(domain="acme-login", client_id="c1", identity_provider_id=IDP_ID)
    adopted_types = (
        "aws_cognito_user_pool_domain",
        CLIENT,
        "cloudflare_zero_trust_access_identity_provider",
    )
    addresses = sorted(
        f"{kind}.{name}" for kind in adopted_types for name in synth["resource"][kind]
    )
    assert len(addresses) == len(adopted_types)
    assert sorted(block["to"] for block in synth["import"]) == addresses


def test_only_the_named_resources_are_imported() -> None:
    assert set(imports_of(adopted(identity_provider_id=IDP_ID))) == {
        "cloudflare_zero_trust_access_identity_provider"
    }


def test_the_client_differs_with_adoption_only_in_generate_secret_which_is_ignored() -> None:
    """Removing the call after the import plans nothing (issue 18, finding 1).

    generate_secret is not read back on import and forces a replacement. The adopted
    client leaves it out (declaring it true under ignore_changes fails the import's
    apply with hashicorp/aws 5.100), and every client ignores its changes, so the true
    that comes back with the call removed plans nothing (tests/integration/test_lifecycle.py).
    """
    with_call = only(adopted(client_id="c1")["resource"][CLIENT])
    without_call = only(adopted()["resource"][CLIENT])
    assert "generate_secret" not in with_call
    assert without_call.pop("generate_secret") is True
    assert with_call == without_call


@pytest.mark.parametrize("ids", [{}, {"client_id": "c1"}], ids=["created", "adopted"])
def test_the_clients_generate_secret_is_ignored_after_creation(ids: dict[str, str]) -> None:
    client = only(adopted(**ids)["resource"][CLIENT])
    assert client["lifecycle"]["ignore_changes"] == ["generate_secret"]


def test_a_client_that_is_not_adopted_generates_its_secret() -> None:
    assert only(adopted(domain="acme-login")["resource"][CLIENT])["generate_secret"] is True


def test_a_branding_style_is_imported_by_pool_and_branding_id() -> None:
    def build(stack: TerraformStack) -> None:
        sso = CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE, managed_login=ManagedLogin())
        sso.import_existing(client_id="c1", managed_login_branding_id="b-123")

    assert imports_of(synth_stack(build))[BRANDING] == "eu-west-1_AbC123,b-123"


def _warnings_of(**ids: str) -> list[str]:
    stack = TerraformStack(Testing.app(), "test")
    sso = CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE, managed_login=ManagedLogin())
    sso.import_existing(**ids)
    return [
        str(entry.data)
        for entry in sso.node.metadata
        if entry.type.endswith("/warn") and isinstance(entry.data, str)
    ]


def test_a_branding_style_adopted_without_its_client_warns_that_it_must_be_this_clients() -> None:
    """The provider reads the style's client back: another client's style is replaced."""
    (warning,) = _warnings_of(managed_login_branding_id="b-123")
    assert "managed_login_branding_id" in warning
    assert "client_id" in warning
    assert "replace" in warning


def test_a_branding_style_adopted_with_its_client_does_not_warn() -> None:
    assert _warnings_of(client_id="c1", managed_login_branding_id="b-123") == []


def test_a_branding_id_without_managed_login_is_refused() -> None:
    stack = TerraformStack(Testing.app(), "test")
    sso = CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE)
    with pytest.raises(
        ValueError, match=r"^managed_login_branding_id can be adopted only by a construct with"
    ):
        sso.import_existing(managed_login_branding_id="b-123")


CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
ZONE = "f0e1d2c3b4a5968778695a4b3c2d1e0f"
WITH_RECORD: dict[str, Any] = {
    **EXAMPLE,
    "domain": LoginDomain.custom(
        "login.example.com", certificate_arn=CERTIFICATE, cloudflare_zone_id=ZONE
    ),
}


def test_the_custom_domains_dns_record_is_imported_by_zone_and_record_id() -> None:
    """An adopted custom domain already has its CNAME: creating a second one fails."""

    def build(stack: TerraformStack) -> None:
        sso = CognitoAccessIdentityProvider(stack, "Sso", **WITH_RECORD)
        sso.import_existing(
            domain="login.example.com", dns_record_id="372e67954025e0ba6aaa6d586b9e0b59"
        )

    assert imports_of(synth_stack(build))["cloudflare_dns_record"] == (
        f"{ZONE}/372e67954025e0ba6aaa6d586b9e0b59"
    )


def test_a_dns_record_id_without_a_declared_record_is_refused() -> None:
    stack = TerraformStack(Testing.app(), "test")
    sso = CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE)
    with pytest.raises(
        ValueError, match=r"^dns_record_id can be adopted only by a construct that declares"
    ):
        sso.import_existing(dns_record_id="372e67954025e0ba6aaa6d586b9e0b59")
    assert "import" not in json.loads(Testing.synth(stack))


def test_nothing_to_adopt_adds_no_import_block() -> None:
    assert "import" not in adopted()


def test_a_pool_by_reference_gives_the_client_import_id_by_reference() -> None:
    def build(stack: TerraformStack) -> None:
        pool = TerraformVariable(stack, "pool", type="string").string_value
        sso = CognitoAccessIdentityProvider(stack, "Sso", **{**EXAMPLE, "user_pool_id": pool})
        sso.import_existing(client_id="c1")

    assert imports_of(synth_stack(build))["aws_cognito_user_pool_client"] == "${var.pool}/c1"


def test_a_domain_other_than_the_prefix_is_refused() -> None:
    stack = TerraformStack(Testing.app(), "test")
    sso = CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE)
    with pytest.raises(
        ValueError, match=r"^domain must be the domain the construct declares \('acme-login'"
    ):
        sso.import_existing(domain="other-login", client_id="c1")
    assert sso.user_pool_client.generate_secret_input is True  # the client was left as it was


def test_a_shared_domain_cannot_be_adopted_by_the_construct_sharing_it() -> None:
    stack = TerraformStack(Testing.app(), "test")
    sso = CognitoAccessIdentityProvider(
        stack, "Sso", **{**EXAMPLE, "domain": LoginDomain.shared("acme-login")}
    )
    with pytest.raises(
        ValueError, match="domain can be adopted only by a construct that creates its domain"
    ):
        sso.import_existing(domain="acme-login")


@pytest.mark.parametrize(
    "parameter",
    [
        "domain",
        "client_id",
        "identity_provider_id",
        "managed_login_branding_id",
        "dns_record_id",
    ],
)
def test_an_empty_id_is_refused(parameter: str) -> None:
    stack = TerraformStack(Testing.app(), "test")
    sso = CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE)
    with pytest.raises(ValueError, match=f"^{parameter} must not be empty"):
        sso.import_existing(**{parameter: " "})
