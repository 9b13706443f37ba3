"""The URLs Cloudflare gets: per partition, per issuer type and per domain shape."""

from __future__ import annotations

from typing import Any

import pytest

from cognito_access import CognitoAccessIdentityProvider, LoginDomain
from tests.framework import CognitoUserPoolDomain, TerraformStack, TerraformVariable, Testing
from tests.support import EXAMPLE, only, synth_stack

CLIENT = "aws_cognito_user_pool_client"
DOMAIN = "aws_cognito_user_pool_domain"
IDP = "cloudflare_zero_trust_access_identity_provider"


def idp_config(**settings: Any) -> dict[str, Any]:  # noqa: ANN401 - keyword settings of any type
    resources = synth_stack(
        lambda stack: CognitoAccessIdentityProvider(stack, "Sso", **{**EXAMPLE, **settings})
    )["resource"]
    config: dict[str, Any] = only(resources[IDP])["config"]
    return config


@pytest.mark.parametrize(
    ("issuer", "certs_url"),
    [
        (
            "original",
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json",
        ),
        (
            "updated",
            "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json",
        ),
    ],
)
def test_the_certs_url_follows_the_issuer_type(issuer: str, certs_url: str) -> None:
    assert idp_config(issuer=issuer)["certs_url"] == certs_url


def test_the_issuer_url_follows_the_updated_issuer_type() -> None:
    urls: list[str] = []

    def build(stack: TerraformStack) -> None:
        sso = CognitoAccessIdentityProvider(
            stack, "Sso", **{**EXAMPLE, "user_pool_id": "ca-central-1_Xy9"}, issuer="updated"
        )
        urls.append(sso.issuer_url)

    synth_stack(build)
    assert urls == ["https://issuer-cognito-idp.ca-central-1.amazonaws.com/ca-central-1_Xy9"]


@pytest.mark.parametrize(
    ("pool", "reason"),
    [
        ("us-gov-west-1_AbC123", "aws-us-gov"),
        ("us-gov-east-1_AbC123", "aws-us-gov"),
        ("eusc-de-east-1_AbC123", "aws-eusc"),
        ("cn-north-1_AbC123", "China regions offer no Cognito user pools"),
        ("us-iso-east-1_AbC123", "no AWS partition"),
    ],
)
def test_a_pool_whose_endpoints_are_not_documented_is_refused(pool: str, reason: str) -> None:
    stack = TerraformStack(Testing.app(), "test")
    with pytest.raises(ValueError, match=rf"^user_pool_id must .*{pool}.*{reason}"):
        CognitoAccessIdentityProvider(stack, "Sso", **{**EXAMPLE, "user_pool_id": pool})
    assert stack.node.children == []


def test_a_pool_by_reference_is_checked_by_terraform_before_any_resource_is_made() -> None:
    def build(stack: TerraformStack) -> None:
        pool = TerraformVariable(stack, "pool_id", type="string")
        CognitoAccessIdentityProvider(
            stack, "Sso", **{**EXAMPLE, "user_pool_id": pool.string_value}
        )

    resources = synth_stack(build)["resource"]
    for resource in (only(resources[CLIENT]), only(resources[DOMAIN])):
        (check,) = resource["lifecycle"]["precondition"]
        assert check["condition"] == (
            '${can(regex("^(us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-[0-9]+$", '
            'element(split("_", var.pool_id), 0)))}'
        )
        assert (
            "not in a partition whose Cognito hosted UI and issuer hosts"
            in (check["error_message"])
        )


def test_a_literal_pool_needs_no_precondition() -> None:
    resources = synth_stack(lambda stack: CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE))[
        "resource"
    ]
    assert "precondition" not in only(resources[CLIENT])["lifecycle"]
    assert "lifecycle" not in only(resources[DOMAIN])


def shared(stack: TerraformStack, domain: CognitoUserPoolDomain | str) -> None:
    CognitoAccessIdentityProvider(stack, "Sso", **{**EXAMPLE, "domain": LoginDomain.shared(domain)})


def test_a_shared_custom_domain_gives_endpoints_on_its_own_host() -> None:
    def build(stack: TerraformStack) -> None:
        domain = CognitoUserPoolDomain(
            stack,
            "Custom",
            domain="auth.example.com",
            user_pool_id="eu-west-1_AbC123",
            certificate_arn="arn:aws:acm:us-east-1:123456789012:certificate/abc",
        )
        shared(stack, domain)

    config = only(synth_stack(build)["resource"][IDP])["config"]
    base = "https://${aws_cognito_user_pool_domain.Custom.domain}/oauth2"
    assert (config["auth_url"], config["token_url"]) == (f"{base}/authorize", f"{base}/token")


def test_a_custom_domain_with_a_certificate_by_reference_is_still_custom() -> None:
    def build(stack: TerraformStack) -> None:
        certificate = TerraformVariable(stack, "certificate", type="string")
        domain = CognitoUserPoolDomain(
            stack,
            "Custom",
            domain="login.example.org",
            user_pool_id="eu-west-1_AbC123",
            certificate_arn=certificate.string_value,
        )
        shared(stack, domain)

    config = only(synth_stack(build)["resource"][IDP])["config"]
    assert config["auth_url"].startswith("https://${aws_cognito_user_pool_domain.Custom.domain}/")


def test_a_shared_prefix_domain_gives_the_hosted_ui_endpoints() -> None:
    def build(stack: TerraformStack) -> None:
        shared(
            stack,
            CognitoUserPoolDomain(stack, "Prefix", domain="acme", user_pool_id="eu-west-1_AbC123"),
        )

    config = only(synth_stack(build)["resource"][IDP])["config"]
    assert config["auth_url"] == (
        "https://${aws_cognito_user_pool_domain.Prefix.domain}"
        ".auth.eu-west-1.amazoncognito.com/oauth2/authorize"
    )


@pytest.mark.parametrize(
    ("domain", "auth_url"),
    [
        ("acme-login", "https://acme-login.auth.eu-west-1.amazoncognito.com/oauth2/authorize"),
        ("auth.example.com", "https://auth.example.com/oauth2/authorize"),
        ("sso.corp.example.co.uk", "https://sso.corp.example.co.uk/oauth2/authorize"),
    ],
)
def test_a_domain_shared_by_name_gives_the_endpoints_of_its_shape(
    domain: str, auth_url: str
) -> None:
    resources = synth_stack(lambda stack: shared(stack, domain))["resource"]
    assert only(resources[IDP])["config"]["auth_url"] == auth_url
    assert DOMAIN not in resources


def test_a_domain_shared_by_reference_is_told_apart_by_terraform() -> None:
    def build(stack: TerraformStack) -> None:
        shared(stack, TerraformVariable(stack, "domain", type="string").string_value)

    config = only(synth_stack(build)["resource"][IDP])["config"]
    assert config["auth_url"] == (
        '${strcontains(var.domain, ".") ? "https://${var.domain}" : '
        '"https://${var.domain}.auth.eu-west-1.amazoncognito.com"}/oauth2/authorize'
    )


def test_a_shared_domain_of_another_literal_pool_is_refused() -> None:
    stack = TerraformStack(Testing.app(), "test")
    domain = CognitoUserPoolDomain(stack, "Other", domain="acme", user_pool_id="eu-west-1_Other1")
    with pytest.raises(
        ValueError,
        match=(
            r"domain must belong to user_pool_id \('eu-west-1_AbC123'\); "
            r"got a shared domain of the pool 'eu-west-1_Other1'"
        ),
    ):
        shared(stack, domain)
    assert [child.node.id for child in stack.node.children] == ["Other"]
