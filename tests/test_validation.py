"""Bad input is refused at construction with a clear error, and nothing is declared.

A value of the wrong type is a ``TypeError``, a wrong value a ``ValueError``; each names
the parameter, what was received and what is allowed. The login page's own inputs
(``LoginDomain``, ``ManagedLogin``) are in test_login_domain.py.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any, cast

import pytest

from cognito_access import CognitoAccessIdentityProvider, LoginDomain
from tests.framework import AwsProvider, TerraformStack, TerraformVariable, Testing
from tests.support import EXAMPLE, Items, only, synth_stack

if TYPE_CHECKING:
    from collections.abc import Callable

CLIENT = "aws_cognito_user_pool_client"
IDP = "cloudflare_zero_trust_access_identity_provider"

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
    ("claims", ("sub", ""), "empty string"),
    ("claims", ("sub", "sub"), "repeat"),
    ("name", "", "empty"),
    ("name", "   ", "blank"),
    ("email_claim_name", "", "empty"),
    ("identity_providers", (), "empty"),
    (
        "identity_providers",
        ("COGNITO", "\r"),
        "control characters (Cognito's provider names); got '\\r'",
    ),
    (
        "identity_providers",
        ("Google Workspace",),
        "without spaces or control characters (Cognito's provider names); got 'Google Workspace'",
    ),
    ("identity_providers", ("G" * 33,), "provider names); got 'GGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGG'"),
    ("issuer", "UPDATED", "'original', 'updated'"),
    ("issuer", "v2", "IssuerConfiguration"),
    ("access_token_validity", timedelta(minutes=4, seconds=59), "from 5 minutes to 1 day"),
    ("access_token_validity", timedelta(days=1, seconds=1), "from 5 minutes to 1 day"),
    ("id_token_validity", timedelta(minutes=2), "from 5 minutes to 1 day"),
    ("id_token_validity", timedelta(hours=25), "from 5 minutes to 1 day"),
    ("id_token_validity", timedelta(minutes=30, microseconds=1), "whole number of seconds"),
    ("refresh_token_validity", timedelta(minutes=59), "from 60 minutes to 10 years (3650 days)"),
    ("refresh_token_validity", timedelta(days=3651), "from 60 minutes to 10 years (3650 days)"),
    ("refresh_token_validity", timedelta(hours=1), "longer than access_token_validity (1 hour)"),
    ("read_attributes", ("name",), "must include 'email'"),
    ("read_attributes", ("email", "password"), "'custom:<name>'; got 'password'"),
    ("read_attributes", ("email", "email"), "repeat"),
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
def test_a_bad_value_is_a_value_error_naming_the_parameter(
    parameter: str, value: object, phrase: str
) -> None:
    stack = TerraformStack(Testing.app(), "test")
    with pytest.raises(ValueError, match=parameter) as raised:
        CognitoAccessIdentityProvider(stack, "Sso", **{**EXAMPLE, parameter: value})
    message = str(raised.value)
    assert phrase in message
    shows_the_item = "; got " in phrase  # a bad item of a sequence is shown on its own
    shown = repr(list(value) if isinstance(value, tuple) else value)
    assert shows_the_item or f"; got {shown}" in message


# (parameter, a value of the wrong type, the start of the message: parameter and what is allowed).
WRONG_TYPES: list[tuple[str, object, str]] = [
    ("user_pool_id", 5, "user_pool_id must be a str; got int 5"),
    ("team_name", None, "team_name must be a str; got NoneType None"),
    ("cloudflare_account_id", b"0123", "cloudflare_account_id must be a str; got bytes"),
    ("name", 3.5, "name must be a str; got float 3.5"),
    ("email_claim_name", ["email"], "email_claim_name must be a str; got list"),
    ("domain", "acme-login", "domain must be a LoginDomain (LoginDomain.prefix(...)"),
    ("domain", None, "domain must be a LoginDomain"),
    ("managed_login", True, "managed_login must be a ManagedLogin (ManagedLogin() for"),
    ("scopes", "openid", "scopes must be a sequence of strings (a list or a tuple), not one"),
    ("scopes", ("openid", 5), "scopes must hold only strings; got int 5"),
    ("claims", {"sub"}, "claims must be a sequence of strings"),
    ("read_attributes", "email", "read_attributes must be a sequence of strings"),
    ("logout_urls", None, "logout_urls must be a sequence of strings"),
    ("identity_providers", "COGNITO", "identity_providers must be a sequence of identity"),
    ("identity_providers", ("COGNITO", 1), "identity_providers must hold only identity"),
    ("resource_servers", ("api",), "resource_servers must hold only CognitoResourceServer"),
    ("issuer", 1, "issuer must be a str; got int 1"),
    ("pkce", 1, "pkce must be a bool (True or False); got int 1"),
    ("prevent_destroy", "yes", "prevent_destroy must be a bool"),
    ("ignore_client_secret_changes", None, "ignore_client_secret_changes must be a bool"),
    ("access_token_validity", 3600, "access_token_validity must be a datetime.timedelta; got int"),
    ("refresh_token_validity", "30d", "refresh_token_validity must be a datetime.timedelta"),
    ("aws_provider", "aws", "aws_provider must be a TerraformProvider or None; got str 'aws'"),
    ("cloudflare_provider", 0, "cloudflare_provider must be a TerraformProvider or None"),
]


@pytest.mark.parametrize(("parameter", "value", "message"), WRONG_TYPES)
def test_a_value_of_the_wrong_type_is_a_type_error_naming_the_parameter(
    parameter: str, value: object, message: str
) -> None:
    stack = TerraformStack(Testing.app(), "test")
    with pytest.raises(TypeError, match=f"^{re.escape(message)}"):
        CognitoAccessIdentityProvider(stack, "Sso", **{**EXAMPLE, parameter: value})
    assert stack.node.children == []


@pytest.mark.parametrize(
    "parameter",
    [
        "domain_prefix",
        "custom_domain",
        "certificate_arn",
        "user_pool_domain",
        "cloudflare_zone_id",
        "managed_login_branding_settings",
        "managed_login_assets",
    ],
)
def test_every_argument_of_before_1_0_is_refused_as_unexpected(parameter: str) -> None:
    stack = TerraformStack(Testing.app(), "test")
    with pytest.raises(TypeError, match=f"unexpected keyword argument '{parameter}'"):
        CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE, **cast("Any", {parameter: "x"}))
    assert stack.node.children == []


@pytest.mark.parametrize(("parameter", "value", "phrase"), BAD_INPUTS[:3])
def test_a_refused_input_declares_nothing(parameter: str, value: object, phrase: str) -> None:
    stack = TerraformStack(Testing.app(), "test")
    with pytest.raises(ValueError, match=phrase):
        CognitoAccessIdentityProvider(stack, "Sso", **{**EXAMPLE, parameter: value})
    assert stack.node.children == []


def test_an_id_already_taken_in_the_scope_is_a_value_error_naming_id() -> None:
    stack = TerraformStack(Testing.app(), "test")
    CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE)
    with pytest.raises(ValueError, match=r"^id_ must be unique in its scope.*; got 'Sso'"):
        CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE)


@pytest.mark.parametrize(("id_", "error"), [(5, TypeError), ("", ValueError)])
def test_an_id_that_is_not_a_name_is_refused_naming_id(id_: object, error: type) -> None:
    stack = TerraformStack(Testing.app(), "test")
    with pytest.raises(error, match=r"^id_ must be "):
        CognitoAccessIdentityProvider(stack, cast("str", id_), **EXAMPLE)
    assert stack.node.children == []


def test_nothing_is_declared_when_a_late_parameter_is_bad() -> None:
    stack = TerraformStack(Testing.app(), "test")
    with pytest.raises(ValueError, match="identity_providers"):
        CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE, identity_providers=())
    assert stack.node.children == []


def test_a_bad_token_validity_declares_nothing() -> None:
    stack = TerraformStack(Testing.app(), "test")
    with pytest.raises(ValueError, match="refresh_token_validity"):
        CognitoAccessIdentityProvider(
            stack, "Sso", **EXAMPLE, refresh_token_validity=timedelta(minutes=10)
        )
    assert stack.node.children == []


def _client(synth: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = only(synth["resource"][CLIENT])
    return found


def _config(synth: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = only(synth["resource"][IDP])["config"]
    return found


# (parameter, edge value within the rules, where the value arrives in the synthesized JSON).
EDGES: list[tuple[str, object, Callable[[dict[str, Any]], object], object]] = [
    ("team_name", "a", lambda s: _client(s)["name"], "cloudflare-access-a"),
    ("team_name", "a" * 63, lambda s: _client(s)["name"], f"cloudflare-access-{'a' * 63}"),
    ("team_name", "acme-corp-2", lambda s: _client(s)["name"], "cloudflare-access-acme-corp-2"),
    ("user_pool_id", "ap-southeast-5_x", lambda s: _client(s)["user_pool_id"], "ap-southeast-5_x"),
    ("scopes", ("openid",), lambda s: _config(s)["scopes"], ["openid"]),
    (
        "scopes",
        ("openid", "phone", "aws.cognito.signin.user.admin", "https://api.acme/read"),
        lambda s: _client(s)["allowed_oauth_scopes"],
        ["openid", "phone", "aws.cognito.signin.user.admin", "https://api.acme/read"],
    ),
    ("scopes", Items(["openid", "email"]), lambda s: _config(s)["scopes"], ["openid", "email"]),
    ("claims", (), lambda s: _config(s)["claims"], []),
    ("claims", Items(["sub"]), lambda s: _config(s)["claims"], ["sub"]),
    (
        "issuer",
        "updated",
        lambda s: _config(s)["certs_url"].split("/")[2],
        "issuer-cognito-idp.eu-west-1.amazonaws.com",
    ),
    (
        "access_token_validity",
        timedelta(minutes=5),
        lambda s: _client(s)["access_token_validity"],
        5,
    ),
    ("id_token_validity", timedelta(days=1), lambda s: _client(s)["id_token_validity"], 1),
    (
        "refresh_token_validity",
        timedelta(days=3650),
        lambda s: _client(s)["refresh_token_validity"],
        3650,
    ),
    ("read_attributes", ("email",), lambda s: _client(s)["read_attributes"], ["email"]),
    (
        "logout_urls",
        ("https://acme.example/signed-out", "http://localhost:8080/bye"),
        lambda s: _client(s)["logout_urls"],
        ["https://acme.example/signed-out", "http://localhost:8080/bye"],
    ),
    (
        "identity_providers",
        Items(["Google"]),
        lambda s: _client(s)["supported_identity_providers"],
        ["Google"],
    ),
]


@pytest.mark.parametrize(("parameter", "value", "where", "expected"), EDGES)
def test_edge_values_within_the_rules_are_accepted_and_arrive(
    parameter: str, value: object, where: Callable[[dict[str, Any]], object], expected: object
) -> None:
    synth = synth_stack(
        lambda stack: CognitoAccessIdentityProvider(stack, "Sso", **{**EXAMPLE, parameter: value})
    )
    assert where(synth) == expected


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
            domain=LoginDomain.prefix(var("prefix")),
            team_name=var("team"),
            cloudflare_account_id=var("account"),
            name=var("name"),
            scopes=[var("scope"), "email"],
            claims=var_list("claims"),
            email_claim_name=var("email_claim"),
            identity_providers=var_list("idps"),
            read_attributes=["email"],
        )

    synth = synth_stack(build)
    client = _client(synth)
    assert client["callback_urls"] == [
        "https://${var.team}.cloudflareaccess.com/cdn-cgi/access/callback"
    ]
    assert client["allowed_oauth_scopes"] == ["${var.scope}", "email"]
    assert client["supported_identity_providers"] == "${var.idps}"
    assert _config(synth)["claims"] == "${var.claims}"
    assert only(synth["resource"]["aws_cognito_user_pool_domain"])["domain"] == "${var.prefix}"


# --- Whole lists known only to Terraform (issue 18, finding 6) -----------------------------------


def _with_lists(**lists: str) -> dict[str, Any]:
    """Synthesize the construct with each named parameter a ``list(string)`` variable's value.

    ``lists`` maps a parameter to its variable's name; ``read_attributes`` is given as a
    literal unless it is among them.
    """

    def build(stack: TerraformStack) -> None:
        values: dict[str, Any] = {
            parameter: TerraformVariable(stack, name, type="list(string)").list_value
            for parameter, name in lists.items()
        }  # Any: each parameter takes its own type
        values.setdefault("read_attributes", ["email"])
        CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE, **values)

    return synth_stack(build)


@pytest.mark.parametrize(
    ("parameter", "where"),
    [
        ("scopes", lambda synth: _client(synth)["allowed_oauth_scopes"]),
        ("logout_urls", lambda synth: _client(synth)["logout_urls"]),
        ("claims", lambda synth: _config(synth)["claims"]),
        ("read_attributes", lambda synth: _client(synth)["read_attributes"]),
    ],
)
def test_a_whole_list_reference_is_accepted_and_passed_on(
    parameter: str, where: Callable[[dict[str, Any]], object]
) -> None:
    assert where(_with_lists(**{parameter: "given"})) == "${var.given}"


def test_whole_list_scopes_reach_cloudflare_by_reference() -> None:
    assert _config(_with_lists(scopes="scopes"))["scopes"] == "${var.scopes}"


def test_whole_list_scopes_are_checked_for_openid_at_plan() -> None:
    """The rule the construct cannot check at synth becomes a precondition on the client."""
    (check,) = _client(_with_lists(scopes="scopes"))["lifecycle"]["precondition"]
    assert check["condition"] == '${contains(var.scopes, "openid")}'
    assert "openid" in check["error_message"]


def test_scopes_with_a_token_among_literals_are_checked_for_openid_at_plan() -> None:
    def build(stack: TerraformStack) -> None:
        scope = TerraformVariable(stack, "scope", type="string").string_value
        CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE, scopes=[scope, "email"])

    (check,) = _client(synth_stack(build))["lifecycle"]["precondition"]
    assert check["condition"] == '${contains([var.scope, "email"], "openid")}'


def test_literal_scopes_need_no_plan_time_check() -> None:
    assert (
        "precondition"
        not in _client(
            synth_stack(lambda stack: CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE))
        )["lifecycle"]
    )


@pytest.mark.parametrize("parameter", ["scopes", "claims"])
def test_read_attributes_are_required_when_they_would_be_guessed_from_a_whole_list(
    parameter: str,
) -> None:
    def build(stack: TerraformStack) -> None:
        values: dict[str, Any] = {
            parameter: TerraformVariable(stack, "given", type="list(string)").list_value
        }
        CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE, **values)

    with pytest.raises(
        ValueError, match=f"^read_attributes must be given when {parameter} is a whole list"
    ):
        synth_stack(build)


# --- The pool's region and the AWS provider's (issue 18, finding 8) ------------------------------


def _in_stack_with_provider(
    region: str, *, alias: str | None = None, pass_it: bool = False
) -> None:
    stack = TerraformStack(Testing.app(), "test")
    provider = AwsProvider(stack, "aws", region=region, alias=alias)
    extra: dict[str, Any] = {"aws_provider": provider} if pass_it else {}
    CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE, **extra)


def test_a_pool_in_another_region_than_the_stacks_aws_provider_is_refused() -> None:
    with pytest.raises(
        ValueError,
        match=r"^user_pool_id must be a pool in the region of the stack's AWS provider "
        r"\('us-east-1'\).*got a pool in 'eu-west-1'",
    ):
        _in_stack_with_provider("us-east-1")


def test_a_pool_in_another_region_than_the_given_aws_provider_is_refused() -> None:
    with pytest.raises(
        ValueError, match=r"^user_pool_id must be a pool in the region of aws_provider"
    ):
        _in_stack_with_provider("us-east-1", alias="virginia", pass_it=True)


def test_a_pool_in_the_providers_region_is_accepted() -> None:
    _in_stack_with_provider("eu-west-1")


def test_an_aliased_provider_not_passed_is_not_the_stacks_default() -> None:
    _in_stack_with_provider("us-east-1", alias="virginia")


def test_a_provider_region_known_only_to_terraform_is_left_to_terraform() -> None:
    stack = TerraformStack(Testing.app(), "test")
    region = TerraformVariable(stack, "region", type="string").string_value
    AwsProvider(stack, "aws", region=region)
    CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE)
