"""Bad input is refused at construction with a clear error, and nothing is declared."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from cognito_access import CognitoAccessIdentityProvider
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
