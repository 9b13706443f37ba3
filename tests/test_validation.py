"""Bad input is refused at construction with a clear error, and nothing is declared."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from cognito_access import CognitoAccessIdentityProvider, ManagedLoginAsset
from tests.framework import TerraformStack, TerraformVariable, Testing
from tests.support import EXAMPLE, synth_stack

# (parameter, bad value, a phrase of the rule the message must state). The message must
# also name the parameter and show the value received (the offending item of a sequence).
BAD_INPUTS: list[tuple[str, object, str]] = [
    ("team_name", "Acme", "lowercase"),
    ("team_name", "acme_corp", "DNS label"),
    ("team_name", "-acme", "inner hyphens"),
    ("team_name", "acme-", "inner hyphens"),
    ("team_name", "", "DNS label"),
    ("team_name", "a" * 64, "1-63"),
    ("team_name", "acme.example", "DNS label"),
    ("domain_prefix", "", "1-63"),
    ("domain_prefix", "Acme-Login", "a-z"),
    ("domain_prefix", "acme_login", "a-z"),
    ("domain_prefix", "-acme", "inner hyphens"),
    ("domain_prefix", "acme-", "inner hyphens"),
    ("domain_prefix", "a" * 64, "1-63"),
    ("domain_prefix", "acme-aws-login", "'aws'"),
    ("domain_prefix", "amazonians", "'amazon'"),
    ("domain_prefix", "acme-cognito", "'cognito'"),
    ("cloudflare_account_id", "0123456789abcdef", "32"),
    ("cloudflare_account_id", "0123456789ABCDEF0123456789ABCDEF", "lowercase hexadecimal"),
    ("cloudflare_account_id", "0123456789abcdef0123456789abcdeg", "hexadecimal"),
    ("user_pool_id", "AbC123", "<region>_<id>"),
    ("user_pool_id", "eu-west-1-AbC123", "<region>_<id>"),
    ("user_pool_id", "eu-west-1_", "<region>_<id>"),
    ("user_pool_id", "europe_AbC123", "<region>_<id>"),
    ("user_pool_id", "eu-west-1_AbC-123", "<region>_<id>"),
    ("scopes", ("email", "profile"), "'openid'"),
    ("scopes", ("openid", "offline_access"), "identifier/scope'; got 'offline_access'"),
    ("scopes", ("openid", "read"), "identifier/scope'; got 'read'"),
    ("scopes", (), "empty"),
    ("scopes", ("openid", "openid"), "repeat"),
    ("scopes", ("openid", ""), "empty string"),
    ("scopes", "openid", "not one string"),
    ("claims", ("sub", ""), "empty string"),
    ("claims", ("sub", "sub"), "repeat"),
    ("name", "", "empty"),
    ("name", "   ", "blank"),
    ("email_claim_name", "", "empty"),
    ("identity_providers", (), "empty"),
    ("issuer", "UPDATED", "'original', 'updated'"),
    ("issuer", "v2", "IssuerConfiguration"),
    ("access_token_validity", timedelta(minutes=4, seconds=59), "from 5 minutes to 1 day"),
    ("access_token_validity", timedelta(days=1, seconds=1), "from 5 minutes to 1 day"),
    ("access_token_validity", 3600, "datetime.timedelta"),
    ("id_token_validity", timedelta(minutes=2), "from 5 minutes to 1 day"),
    ("id_token_validity", timedelta(hours=25), "from 5 minutes to 1 day"),
    ("id_token_validity", timedelta(minutes=30, microseconds=1), "whole number of seconds"),
    ("refresh_token_validity", timedelta(minutes=59), "from 60 minutes to 10 years (3650 days)"),
    ("refresh_token_validity", timedelta(days=3651), "from 60 minutes to 10 years (3650 days)"),
    ("refresh_token_validity", timedelta(hours=1), "longer than access_token_validity (1 hour)"),
    ("read_attributes", ("name",), "must include 'email'"),
    ("read_attributes", ("email", "password"), "'custom:<name>'; got 'password'"),
    ("read_attributes", ("email", "email"), "repeat"),
    ("read_attributes", "email", "not one string"),
    (
        "logout_urls",
        ("http://example.com/bye",),
        "HTTPS URLs (or http://localhost) of at most 1024 characters, without a fragment; got 'http://example.com/bye'",
    ),
    (
        "logout_urls",
        ("https://example.com/#top",),
        "without a fragment; got 'https://example.com/#top'",
    ),
    ("logout_urls", ("https://a.example/", "https://a.example/"), "repeat"),
    (
        "logout_urls",
        ("https://a.example/" + "x" * 1007,),
        "at most 1024 characters, without a fragment; got 'https://a.example/xxx",
    ),
]


CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
CUSTOM: dict[str, Any] = {
    "domain_prefix": None,
    "custom_domain": "login.example.com",
    "certificate_arn": CERTIFICATE,
}
MANAGED: dict[str, Any] = {"managed_login": True}


def asset(**fields: str) -> ManagedLoginAsset:
    return ManagedLoginAsset(
        **{"category": "FORM_LOGO", "color_mode": "LIGHT", "extension": "PNG"}
        | {"bytes_base64": "iVBORw0KGgo="}
        | fields
    )


# The login page's rules: (the settings around it, parameter, bad value, phrase).
BAD_LOGIN_PAGE_INPUTS: list[tuple[dict[str, Any], str, object, str]] = [
    (CUSTOM, "custom_domain", "example.com", "below a domain of yours"),
    (CUSTOM, "custom_domain", "Login.Example.com", "lowercase host name"),
    (CUSTOM, "custom_domain", "login..example.com", "such as 'login.example.com'"),
    (CUSTOM, "custom_domain", "acme.auth.eu-west-1.amazoncognito.com", "amazoncognito.com"),
    (CUSTOM, "custom_domain", 42, "must be a string"),
    (CUSTOM, "certificate_arn", None, "required with custom_domain"),
    (CUSTOM, "certificate_arn", CERTIFICATE.replace("us-east-1", "eu-west-1"), "in us-east-1"),
    (CUSTOM, "certificate_arn", CERTIFICATE.replace("acm", "iam"), "ACM certificate"),
    (CUSTOM, "certificate_arn", CERTIFICATE.replace(":aws:", ":aws-us-gov:"), "arn:aws:acm:"),
    (CUSTOM, "certificate_arn", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "<account>"),
    ({}, "certificate_arn", CERTIFICATE, "needs custom_domain"),
    (CUSTOM, "cloudflare_zone_id", "0123456789abcdef", "32 lowercase hexadecimal"),
    (CUSTOM, "cloudflare_zone_id", "0123456789ABCDEF0123456789ABCDEF", "hexadecimal"),
    ({}, "cloudflare_zone_id", "0123456789abcdef0123456789abcdef", "needs custom_domain"),
    ({}, "managed_login", "yes", "True or False"),
    ({}, "managed_login_branding_settings", "{}", "needs managed_login=True"),
    ({}, "managed_login_assets", (asset(),), "needs managed_login=True"),
    (MANAGED, "managed_login_branding_settings", "not json", "a JSON object"),
    (MANAGED, "managed_login_branding_settings", "[1, 2]", "a JSON object"),
    (MANAGED, "managed_login_assets", ("logo.png",), "sequence of ManagedLoginAsset"),
    (MANAGED, "managed_login_assets", (asset(category="LOGO"),), "category must be one of"),
    (MANAGED, "managed_login_assets", (asset(color_mode="light"),), "LIGHT, DARK, DYNAMIC"),
    (MANAGED, "managed_login_assets", (asset(extension="GIF"),), "ICO, JPEG, PNG, SVG, WEBP"),
    (MANAGED, "managed_login_assets", (asset(bytes_base64="a logo"),), "base64-encoded"),
    (MANAGED, "managed_login_assets", (asset(bytes_base64=""),), "1 to 1,000,000 bytes"),
    (MANAGED, "managed_login_assets", (asset(bytes_base64="A" * 1_333_336),), "1,000,000 bytes"),
    (MANAGED, "managed_login_assets", (asset(),) * 41, "at most 40"),
]


@pytest.mark.parametrize(("context", "parameter", "value", "phrase"), BAD_LOGIN_PAGE_INPUTS)
def test_a_bad_login_page_input_is_refused_with_a_message_naming_it(
    context: dict[str, Any], parameter: str, value: object, phrase: str
) -> None:
    stack = TerraformStack(Testing.app(), "test")
    with pytest.raises(ValueError, match=f"^{parameter}") as raised:
        CognitoAccessIdentityProvider(stack, "Sso", **{**EXAMPLE, **context, parameter: value})
    assert phrase in str(raised.value)
    assert stack.node.children == []


@pytest.mark.parametrize(
    ("context", "parameter", "value"),
    [
        (CUSTOM, "custom_domain", "sso.corp.example.co.uk"),
        (CUSTOM, "custom_domain", f"{'a' * 63}.example.com"),
        (CUSTOM, "certificate_arn", "arn:aws:acm:us-east-1:000000000000:certificate/ABC-123"),
        (CUSTOM, "cloudflare_zone_id", "0123456789abcdef0123456789abcdef"),
        ({}, "managed_login", True),
        (MANAGED, "managed_login_branding_settings", "{}"),
        (MANAGED, "managed_login_assets", (asset(),) * 40),
        (MANAGED, "managed_login_assets", (asset(bytes_base64="A" * 1_333_332),)),
        (
            MANAGED,
            "managed_login_assets",
            (asset(category="IDP_BUTTON_ICON", resource_id="Google"),),
        ),
    ],
)
def test_login_page_edge_values_within_the_rules_are_accepted(
    context: dict[str, Any], parameter: str, value: object
) -> None:
    synth = synth_stack(
        lambda stack: CognitoAccessIdentityProvider(
            stack, "Sso", **{**EXAMPLE, **context, parameter: value}
        )
    )
    assert "cloudflare_zero_trust_access_identity_provider" in synth["resource"]


@pytest.mark.parametrize("pool", ["us-gov-west-1_AbC123", "us-gov-east-1_AbC123"])
def test_a_custom_domain_in_govcloud_is_refused_naming_custom_domain(pool: str) -> None:
    stack = TerraformStack(Testing.app(), "test")
    with pytest.raises(ValueError, match=r"^custom_domain is not available .*aws-us-gov"):
        CognitoAccessIdentityProvider(stack, "Sso", **{**EXAMPLE, **CUSTOM, "user_pool_id": pool})
    assert stack.node.children == []


@pytest.mark.parametrize(
    "given",
    [
        {"custom_domain": "login.example.com", "certificate_arn": CERTIFICATE},
        {"user_pool_domain": "acme-login", "custom_domain": "login.example.com"},
    ],
)
def test_two_domains_at_once_are_refused(given: dict[str, Any]) -> None:
    stack = TerraformStack(Testing.app(), "test")
    with pytest.raises(ValueError, match="exactly one of domain_prefix") as raised:
        CognitoAccessIdentityProvider(
            stack, "Sso", **{**EXAMPLE, "certificate_arn": CERTIFICATE, **given}
        )
    assert "custom_domain" in str(raised.value)
    assert stack.node.children == []


@pytest.mark.parametrize(("parameter", "value", "phrase"), BAD_INPUTS)
def test_a_bad_input_is_refused_with_a_message_naming_it(
    parameter: str, value: object, phrase: str
) -> None:
    stack = TerraformStack(Testing.app(), "test")
    with pytest.raises(ValueError, match=parameter) as raised:
        CognitoAccessIdentityProvider(stack, "Sso", **{**EXAMPLE, parameter: value})
    message = str(raised.value)
    assert phrase in message
    shows_the_item = "; got " in phrase  # a bad item of a sequence is shown on its own
    assert shows_the_item or f"; got {value!r}" in message


@pytest.mark.parametrize(("parameter", "value", "phrase"), BAD_INPUTS[:3])
def test_a_refused_input_declares_nothing(parameter: str, value: object, phrase: str) -> None:
    stack = TerraformStack(Testing.app(), "test")
    with pytest.raises(ValueError, match=phrase):
        CognitoAccessIdentityProvider(stack, "Sso", **{**EXAMPLE, parameter: value})
    assert stack.node.children == []


def test_nothing_is_declared_when_a_late_parameter_is_bad() -> None:
    stack = TerraformStack(Testing.app(), "test")
    with pytest.raises(ValueError, match="identity_providers"):
        CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE, identity_providers=())
    assert stack.node.children == []


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("team_name", "a"),
        ("team_name", "a" * 63),
        ("team_name", "acme-corp-2"),
        ("domain_prefix", "0"),
        ("domain_prefix", "a" * 63),
        ("user_pool_id", "ap-southeast-5_x"),
        ("scopes", ("openid",)),
        ("scopes", ("openid", "phone", "aws.cognito.signin.user.admin", "https://api.acme/read")),
        ("claims", ()),
        ("issuer", "updated"),
        ("access_token_validity", timedelta(minutes=5)),
        ("id_token_validity", timedelta(days=1)),
        ("refresh_token_validity", timedelta(days=3650)),
        ("read_attributes", ("email",)),
        ("logout_urls", ("https://acme.example/signed-out", "http://localhost:8080/bye")),
    ],
)
def test_edge_values_within_the_rules_are_accepted(parameter: str, value: object) -> None:
    synth = synth_stack(
        lambda stack: CognitoAccessIdentityProvider(stack, "Sso", **{**EXAMPLE, parameter: value})
    )
    assert len(synth["resource"]) == 3


def test_tokens_are_accepted_for_every_validated_parameter() -> None:
    def build(stack: TerraformStack) -> None:
        def var(name: str) -> str:
            return TerraformVariable(stack, name, type="string").string_value

        def var_list(name: str) -> Any:  # noqa: ANN401 - a list token is typed list[str] by cdktf
            return TerraformVariable(stack, name, type="list(string)").list_value

        CognitoAccessIdentityProvider(
            stack,
            "Sso",
            user_pool_id=var("pool"),
            domain_prefix=var("prefix"),
            team_name=var("team"),
            cloudflare_account_id=var("account"),
            name=var("name"),
            scopes=[var("scope"), "email"],
            claims=var_list("claims"),
            email_claim_name=var("email_claim"),
            identity_providers=var_list("idps"),
        )

    synth = synth_stack(build)
    client = next(iter(synth["resource"]["aws_cognito_user_pool_client"].values()))
    assert client["callback_urls"] == [
        "https://${var.team}.cloudflareaccess.com/cdn-cgi/access/callback"
    ]
    assert client["allowed_oauth_scopes"] == ["${var.scope}", "email"]


def test_a_domain_to_create_and_one_to_share_are_refused_together() -> None:
    stack = TerraformStack(Testing.app(), "test")
    first = CognitoAccessIdentityProvider(stack, "First", **EXAMPLE)
    with pytest.raises(ValueError, match="exactly one of domain_prefix"):
        CognitoAccessIdentityProvider(
            stack, "Second", **EXAMPLE, user_pool_domain=first.user_pool_domain
        )
    assert [child.node.id for child in stack.node.children] == ["First"]


def test_no_domain_at_all_is_refused() -> None:
    stack = TerraformStack(Testing.app(), "test")
    with pytest.raises(ValueError, match="exactly one of domain_prefix"):
        CognitoAccessIdentityProvider(stack, "Sso", **{**EXAMPLE, "domain_prefix": None})
    assert stack.node.children == []


@pytest.mark.parametrize(
    ("value", "phrase"),
    [
        ("Acme", "as a prefix, must be 1-63 characters"),
        ("acme_login", "as a prefix"),
        ("", "as a prefix"),
        ("Auth.Example.com", "as a custom domain, must be a lowercase host name"),
        ("auth..example.com", "as a custom domain"),
        ("acme.auth.eu-west-1.amazoncognito.com", "not the hosted UI's amazoncognito.com host"),
    ],
)
def test_a_bad_domain_to_share_by_name_is_refused(value: str, phrase: str) -> None:
    stack = TerraformStack(Testing.app(), "test")
    with pytest.raises(ValueError, match=r"^user_pool_domain") as raised:
        CognitoAccessIdentityProvider(
            stack, "Sso", **{**EXAMPLE, "domain_prefix": None}, user_pool_domain=value
        )
    assert phrase in str(raised.value)
    assert f"; got {value!r}" in str(raised.value)
    assert stack.node.children == []


def test_a_bad_token_validity_declares_nothing() -> None:
    stack = TerraformStack(Testing.app(), "test")
    with pytest.raises(ValueError, match="refresh_token_validity"):
        CognitoAccessIdentityProvider(
            stack, "Sso", **EXAMPLE, refresh_token_validity=timedelta(minutes=10)
        )
    assert stack.node.children == []
