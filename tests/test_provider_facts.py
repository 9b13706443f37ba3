"""The provider facts table (tests/provider_facts.toml) is well-formed, true and obeyed.

- Well-formed: every row has a presence, ForceNew, Sensitive and a source file.
- True where a binding can tell: Required or not, for the Cloudflare resource types and
  for ``aws_cognito_managed_login_branding`` (which the mirror's hashicorp/aws 5.100.0 does
  not have), against the cdktf provider bindings (tests/provider_schema.py reads their
  Python sources: a data type's keyword argument without a default is required). Every
  argument the binding requires, in the objects the table covers, has a row. The AWS
  resource types in the mirror are checked against ``terraform providers schema -json``
  in tests/integration/test_provider_facts.py (presence, Sensitive, ForceNew by plan).
- Obeyed: the checker finds each kind of break in a resource made to break it, and the
  stacks the example app and the constructs synthesize, in every combination tried here
  (and every value the property tests try: they call ``assert_follows_provider_facts``),
  set only arguments the table covers and break none of its rules.

What is not checked here: Computed and Sensitive for Cloudflare (the bindings do not carry
them; the rows say what the provider's schema.go says) and the validators themselves
(read by hand from the files each row names).
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import main
from cognito_access import (
    AccessApplication,
    CognitoAccessIdentityProvider,
    LoginDomain,
    ManagedLogin,
    ManagedLoginAsset,
)
from tests.framework import TerraformStack, Testing
from tests.provider_facts import PRESENCES, Fact, load, objects_at, violations
from tests.provider_schema import CDKTF_PACKAGES, cdktf_site_packages, read_schema
from tests.support import EXAMPLE, assert_follows_provider_facts

if TYPE_CHECKING:
    from tests.provider_schema import Argument

FACTS = load()
# Resource types whose presence the bindings check (the mirror's AWS provider lacks them).
BINDING_CHECKED = (
    ("aws", "aws_cognito_managed_login_branding"),
    ("cloudflare", "cloudflare_zero_trust_access_identity_provider"),
    ("cloudflare", "cloudflare_zero_trust_access_application"),
    ("cloudflare", "cloudflare_zero_trust_access_policy"),
    ("cloudflare", "cloudflare_dns_record"),
)
CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
ZONE = "fedcba9876543210fedcba9876543210"
PNG = "iVBORw0KGgo="
LOGO = {"category": "FORM_LOGO", "color_mode": "LIGHT", "extension": "PNG"}


def rows_of(resource_type: str) -> dict[str, Fact]:
    return {path: fact for (kind, path), fact in FACTS.items() if kind == resource_type}


def test_every_row_says_presence_force_new_sensitive_and_its_source_file() -> None:
    for fact in FACTS.values():
        assert fact.presence in PRESENCES
        assert isinstance(fact.force_new, bool) or fact.force_new.startswith("when ")
        assert isinstance(fact.sensitive, bool)
        assert fact.source.startswith(
            ("hashicorp/terraform-provider-aws ", "cloudflare/terraform-provider-cloudflare@")
        ) or fact.source.startswith("hashicorp/aws 5.100.0 schema"), fact
        assert ".go" in fact.source or "schema" in fact.source, fact


def test_a_nested_rows_object_has_a_row_too() -> None:
    for resource_type, path in FACTS:
        parent = path.rpartition(".")[0]
        assert not parent or (resource_type, parent) in FACTS, (resource_type, path)


@pytest.fixture(scope="module")
def bindings() -> dict[str, dict[str, Argument]]:
    site = cdktf_site_packages()
    assert site is not None, "the cdktf provider bindings are not installed"
    found: dict[str, dict[str, Argument]] = {}
    for provider, resource_type in BINDING_CHECKED:
        schema = read_schema(site / CDKTF_PACKAGES[provider], provider, resource_type)
        assert schema is not None, resource_type
        found[resource_type] = schema
    return found


@pytest.mark.parametrize("resource_type", [kind for _, kind in BINDING_CHECKED])
def test_required_or_not_agrees_with_the_bindings(
    bindings: dict[str, dict[str, Argument]], resource_type: str
) -> None:
    schema = bindings[resource_type]
    for path, fact in rows_of(resource_type).items():
        assert path in schema, f"{resource_type}.{path} is not an argument of the binding"
        assert (fact.presence == "required") == schema[path].required, (resource_type, path)


@pytest.mark.parametrize("resource_type", [kind for _, kind in BINDING_CHECKED])
def test_every_argument_the_bindings_require_in_a_covered_object_has_a_row(
    bindings: dict[str, dict[str, Argument]], resource_type: str
) -> None:
    rows = rows_of(resource_type)
    objects = {""} | set(rows)
    required = {
        path
        for path, argument in bindings[resource_type].items()
        if argument.required and path.rpartition(".")[0] in objects
    }
    assert required <= set(rows), sorted(required - set(rows))


# A resource made to break one rule, and the words the checker must say about it.
BREAKS: dict[str, tuple[str, dict[str, Any], str]] = {
    "an argument the table does not cover": (
        "aws_cognito_user_pool_domain",
        {"domain": "acme", "user_pool_id": "x", "version": "1"},
        "version is set, but the table has no row",
    ),
    "a required argument missing": (
        "aws_cognito_user_pool_domain",
        {"domain": "acme"},
        "user_pool_id: required, but not set",
    ),
    "a required nested argument missing": (
        "cloudflare_zero_trust_access_policy",
        {
            "account_id": "a",
            "name": "n",
            "decision": "allow",
            "include": [{"oidc": {"claim_name": "cognito:groups", "claim_value": "g"}}],
        },
        "include.oidc.identity_provider_id: required, but not set",
    ),
    "neither of an ExactlyOneOf": (
        "aws_cognito_managed_login_branding",
        {"client_id": "c", "user_pool_id": "p", "asset": [{"bytes": PNG, **LOGO}]},
        "exactly one of ['use_cognito_provided_values', 'settings'] must be set; 0 are",
    ),
    "both of an ExactlyOneOf": (
        "aws_cognito_managed_login_branding",
        {
            "client_id": "c",
            "user_pool_id": "p",
            "settings": "{}",
            "use_cognito_provided_values": True,
        },
        "must be set; 2 are",
    ),
    "a ConflictsWith pair both set": (
        "cloudflare_dns_record",
        {"zone_id": "z", "name": "n", "type": "CNAME", "ttl": 1, "content": "c", "data": {}},
        "content: conflicts with data",
    ),
    "an argument needing another's value": (
        "cloudflare_zero_trust_access_identity_provider",
        {"name": "n", "type": "saml", "config": {"auth_url": "https://x"}},
        "config.auth_url: requires /type to be one of ['oidc']; got 'saml'",
    ),
    "a value out of the allowed ones": (
        "aws_cognito_user_pool_client",
        {"name": "n", "user_pool_id": "p", "allowed_oauth_flows": ["code", "password"]},
        "item 'password' is not one of",
    ),
    "a string too long": (
        "aws_cognito_user_pool_domain",
        {"domain": "a" * 64, "user_pool_id": "p"},
        "is 64 characters, not 1-63",
    ),
    "a token lifetime out of bounds in its unit": (
        "aws_cognito_user_pool_client",
        {
            "name": "n",
            "user_pool_id": "p",
            "access_token_validity": 2,
            "token_validity_units": [{"access_token": "days"}],
        },
        "2 days is 172800 s, not within 300-86400 s",
    ),
    "a number out of range": (
        "aws_cognito_user_pool",
        {"name": "n", "password_policy": {"minimum_length": 5}},
        "5 is not within 6-99",
    ),
    "two rules in one policy rule object": (
        "cloudflare_zero_trust_access_policy",
        {
            "account_id": "a",
            "name": "n",
            "decision": "allow",
            "include": [{"email": {"email": "a@b.c"}, "email_domain": {"domain": "b.c"}}],
        },
        "more than 1",
    ),
}


@pytest.mark.parametrize("case", sorted(BREAKS))
def test_the_checker_finds_each_kind_of_break(case: str) -> None:
    resource_type, resource, expected = BREAKS[case]
    found = violations({"resource": {resource_type: {"it": resource}}}, FACTS)
    assert any(expected in line for line in found), found


def test_references_and_whole_list_tokens_are_present_but_not_checked() -> None:
    client = {
        "name": "${var.name}",
        "user_pool_id": "${aws_cognito_user_pool.p.id}",
        "allowed_oauth_flows": "${var.flows}",
        "callback_urls": ["${var.url}"],
    }
    assert violations({"resource": {"aws_cognito_user_pool_client": {"it": client}}}, FACTS) == []


def test_a_resource_type_without_rows_is_reported() -> None:
    found = violations({"resource": {"aws_s3_bucket": {"it": {}}}}, FACTS)
    assert found == ["aws_s3_bucket: the table has no rows for this resource type"]


def test_objects_at_walks_lists_of_blocks_and_single_objects() -> None:
    resource = {"include": [{"oidc": {"a": 1}}, {"email": {"b": 2}}], "config": {"c": 3}}
    assert objects_at(resource, "include.oidc") == [{"a": 1}]
    assert objects_at(resource, "config") == [{"c": 3}]
    assert objects_at(resource, "") == [resource]


def synth_main(environ: dict[str, str]) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(Testing.synth(main.build(Testing.app(), environ)))
    return parsed


# The example app's settings, one per kind of login page and pool.
APP_SETTINGS = {
    "defaults": {},
    "managed login, protected app, created pool": {
        "COGNITO_MANAGED_LOGIN": "1",
        "PROTECTED_APP_DOMAIN": "app.acme.example",
        "PROTECTED_APP_GROUPS": "engineering,ops",
    },
    "custom domain with its DNS record, a given pool": {
        "COGNITO_CUSTOM_DOMAIN": "login.acme.example",
        "COGNITO_CERTIFICATE_ARN": CERTIFICATE,
        "COGNITO_CLOUDFLARE_ZONE_ID": ZONE,
        "COGNITO_USER_POOL_ID": "eu-west-1_AbC123",
        "PROTECTED_APP_DOMAIN": "app.acme.example",
        "PROTECTED_APP_GROUPS": "engineering",
    },
}


@pytest.mark.parametrize("name", sorted(APP_SETTINGS))
def test_the_example_app_follows_the_provider_facts(name: str) -> None:
    assert_follows_provider_facts(synth_main(APP_SETTINGS[name]))


# Whole stacks: the construct's options switched on and off together, and the application.
managed_logins = st.sampled_from(
    [
        None,
        ManagedLogin(),
        ManagedLogin(settings='{"components": {}}'),
        ManagedLogin(
            settings="{}",
            assets=[
                ManagedLoginAsset(
                    category="FORM_LOGO", color_mode="LIGHT", extension="PNG", bytes_base64=PNG
                )
            ],
        ),
    ]
)
domains = st.sampled_from(
    [
        LoginDomain.prefix("acme-login"),
        LoginDomain.custom("login.example.com", certificate_arn=CERTIFICATE),
        LoginDomain.custom(
            "login.example.com", certificate_arn=CERTIFICATE, cloudflare_zone_id=ZONE
        ),
        LoginDomain.shared("acme-shared"),
    ]
)
options = st.fixed_dictionaries(
    {
        "domain": domains,
        "managed_login": managed_logins,
        "logout_urls": st.sampled_from([(), ("https://acme.example/bye",)]),
        "claims": st.sampled_from([("sub", "email", "cognito:groups"), ("sub", "cognito:groups")]),
        "pkce": st.booleans(),
        "prevent_destroy": st.booleans(),
        "ignore_client_secret_changes": st.booleans(),
        "access_token_validity": st.sampled_from([timedelta(minutes=5), timedelta(hours=24)]),
        "refresh_token_validity": st.sampled_from([timedelta(hours=25), timedelta(days=3650)]),
    }
)
application = st.fixed_dictionaries(
    {
        "allowed_groups": st.sampled_from([["engineering"], []]),
        "allowed_emails": st.sampled_from([[], ["a@example.com"]]),
        "allowed_email_domains": st.sampled_from([[], ["example.com"]]),
        "session_duration": st.sampled_from(["24h", "2h45m"]),
        "auto_redirect": st.booleans(),
        "app_launcher_visible": st.booleans(),
    }
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(options=options, app=application)
def test_every_combination_of_options_follows_the_provider_facts(
    options: dict[str, Any], app: dict[str, Any]
) -> None:
    stack = TerraformStack(Testing.app(), "test")
    idp = CognitoAccessIdentityProvider(stack, "Sso", **{**EXAMPLE, **options})
    if app["allowed_groups"] or app["allowed_emails"] or app["allowed_email_domains"]:
        AccessApplication(stack, "App", idp=idp, domain="app.example.com", **app)
    assert_follows_provider_facts(json.loads(Testing.synth(stack)))
