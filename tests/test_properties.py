"""Property-based: any value of any public parameter builds a well-wired stack or is refused.

For every parameter of ``CognitoAccessIdentityProvider`` (the package's public construct),
and every field of the login page's classes (``LoginDomain``, ``ManagedLogin``,
``ManagedLoginAsset``), random values, well-formed and not, either synthesize a stack that
passes the wiring checks or raise ``TypeError`` (a value of the wrong type) or
``ValueError`` (a wrong value) naming that parameter or field, with nothing declared.
Nothing else: no other exception, no hang (each example has a deadline). The examples
each test ran are printed at the session's end.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import strategies as st

from cognito_access import (
    CognitoAccessIdentityProvider,
    LoginDomain,
    ManagedLogin,
    ManagedLoginAsset,
)
from tests.framework import (
    AwsProvider,
    CloudflareProvider,
    CognitoIdentityProvider,
    CognitoResourceServer,
    CognitoUserPoolDomain,
    TerraformStack,
    Testing,
)
from tests.support import EXAMPLE, assert_follows_provider_facts, run_examples

if TYPE_CHECKING:
    from collections.abc import Callable

CLIENT = "aws_cognito_user_pool_client"
DOMAIN = "aws_cognito_user_pool_domain"
BRANDING = "aws_cognito_managed_login_branding"
DNS_RECORD = "cloudflare_dns_record"
IDP = "cloudflare_zero_trust_access_identity_provider"
# Resource types only ``materialize`` declares (stand-ins for the user's own resources).
DECLARED_BY_MATERIALIZE = ("aws_cognito_identity_provider", "aws_cognito_resource_server")
REFERENCE = re.compile(r"\$\{aws_cognito_user_pool_client\.(\w+)\.(id|client_secret)\}")

# Text near the rules (DNS-ish labels, scope- and claim-like words) and anything at all.
label = st.from_regex(r"[a-z0-9][a-z0-9.-]{0,20}", fullmatch=True)
words = st.sampled_from(
    [
        "openid",
        "email",
        "profile",
        "phone",
        "aws.cognito.signin.user.admin",
        "api.example.com/read",
        "sub",
        "name",
        "custom:dept",
        "cognito:groups",
        "COGNITO",
        "Google",
        "https://acme.example/bye",
        "http://localhost:3000/",
        "",
    ]
)
text = st.one_of(label, words, st.text(max_size=30))
durations = st.one_of(
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=4000)),
    st.builds(timedelta, minutes=st.integers(0, 2000)),
    st.builds(timedelta, hours=st.integers(0, 48)),
)
anything = st.one_of(
    st.none(), st.booleans(), st.integers(), text, st.lists(text, max_size=5), durations
)
sequences = st.one_of(
    st.lists(st.one_of(words, label, st.text(max_size=12)), max_size=6, unique=True),
    st.lists(words, max_size=4).map(tuple),
)

hosts = st.from_regex(r"[a-z0-9-]{1,8}(\.[a-z0-9-]{1,8}){1,3}", fullmatch=True)
certificate_arns = st.from_regex(
    r"arn:aws(-us-gov)?:acm:(us-east-1|eu-west-1):[0-9]{11,12}:certificate/[a-f0-9-]{1,36}",
    fullmatch=True,
)
settings_documents = st.dictionaries(st.text(max_size=8), st.integers() | st.text(max_size=8)).map(
    json.dumps
)
PNG = "iVBORw0KGgo="
assets = st.one_of(
    st.lists(
        st.builds(
            ManagedLoginAsset,
            category=st.sampled_from(["FORM_LOGO", "PAGE_BACKGROUND", "FAVICON_ICO"]),
            color_mode=st.sampled_from(["LIGHT", "DARK", "DYNAMIC"]),
            extension=st.sampled_from(["PNG", "SVG", "ICO"]),
            bytes_base64=st.sampled_from(["aGVsbG8=", PNG]),
        ),
        max_size=3,
    ),
    st.lists(st.just(PNG), max_size=2),
)
CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d"
zone_ids = st.one_of(st.from_regex(r"[0-9a-f]{30,33}", fullmatch=True), anything)
LOGO = {"category": "FORM_LOGO", "color_mode": "LIGHT", "extension": "PNG"}

# (parameter, values to try): each parameter's own kind of value and anything else.
PARAMETERS: dict[str, st.SearchStrategy[Any]] = {
    "user_pool_id": st.one_of(
        st.from_regex(r"[a-z]{2,5}(-[a-z]{2,6}){1,2}-[0-9]_[A-Za-z0-9]{1,8}", fullmatch=True),
        anything,
    ),
    "domain": st.one_of(
        st.builds(LoginDomain.prefix, st.sampled_from(["acme-login", "acme-2"])),
        st.just("declared domain"),
        anything,
    ),
    "managed_login": st.one_of(
        st.just(ManagedLogin()), st.builds(ManagedLogin, settings=settings_documents), anything
    ),
    "team_name": st.one_of(label, anything),
    "cloudflare_account_id": st.one_of(st.from_regex(r"[0-9a-f]{30,33}", fullmatch=True), anything),
    "name": st.one_of(text, anything),
    "scopes": st.one_of(sequences.map(lambda s: ("openid", *s)), sequences, anything),
    "resource_servers": st.one_of(st.just("servers"), anything),
    "claims": st.one_of(sequences, anything),
    "email_claim_name": st.one_of(words, text, anything),
    "issuer": st.one_of(st.sampled_from(["original", "updated", "UPDATED"]), anything),
    "pkce": anything,
    "identity_providers": st.one_of(sequences, st.just("declared provider"), anything),
    "access_token_validity": st.one_of(durations, anything),
    "id_token_validity": st.one_of(durations, anything),
    "refresh_token_validity": st.one_of(durations, anything),
    "read_attributes": st.one_of(sequences.map(lambda s: ("email", *s)), sequences, anything),
    "logout_urls": st.one_of(sequences, anything),
    "prevent_destroy": anything,
    "ignore_client_secret_changes": anything,
    "aws_provider": st.one_of(st.just("provider"), anything),
    "cloudflare_provider": st.one_of(st.just("provider"), anything),
}


def _with_asset_field(field: str) -> Callable[[Any], dict[str, Any]]:
    """The construct's arguments with one asset whose ``field`` is the value tried."""

    def arguments(value: Any) -> dict[str, Any]:  # noqa: ANN401 - any value at all
        asset = ManagedLoginAsset(**{**LOGO, "bytes_base64": PNG, field: value})
        return {"managed_login": ManagedLogin(assets=[asset])}

    return arguments


# The fields of the login page's own classes: (values to try, the construct's arguments made
# with the value, the names an error may give: the field's, or the construct's parameter's).
FIELDS: dict[
    str, tuple[st.SearchStrategy[Any], Callable[[Any], dict[str, Any]], tuple[str, ...]]
] = {
    "LoginDomain.prefix(prefix)": (
        st.one_of(label, anything),
        lambda value: {"domain": LoginDomain.prefix(value)},
        ("prefix",),
    ),
    "LoginDomain.custom(host)": (
        st.one_of(hosts, label, anything),
        lambda value: {"domain": LoginDomain.custom(value, certificate_arn=CERTIFICATE)},
        ("host", "domain"),
    ),
    "LoginDomain.custom(certificate_arn)": (
        st.one_of(certificate_arns, anything),
        lambda value: {"domain": LoginDomain.custom("login.example.com", certificate_arn=value)},
        ("certificate_arn",),
    ),
    "LoginDomain.custom(cloudflare_zone_id)": (
        zone_ids,
        lambda value: {
            "domain": LoginDomain.custom(
                "login.example.com", certificate_arn=CERTIFICATE, cloudflare_zone_id=value
            )
        },
        ("cloudflare_zone_id",),
    ),
    "LoginDomain.shared(domain)": (
        st.one_of(label, hosts, anything),
        lambda value: {"domain": LoginDomain.shared(value)},
        ("domain",),
    ),
    "ManagedLogin(settings)": (
        st.one_of(settings_documents, text, anything),
        lambda value: {"managed_login": ManagedLogin(settings=value)},
        ("settings",),
    ),
    "ManagedLogin(assets)": (
        st.one_of(assets, anything),
        lambda value: {"managed_login": ManagedLogin(assets=value)},
        ("assets",),
    ),
    **{
        f"ManagedLoginAsset({field})": (
            st.one_of(st.sampled_from(values), text, anything),
            _with_asset_field(field),
            (field,),
        )
        for field, values in (
            ("category", ["FORM_LOGO", "PAGE_BACKGROUND", "IDP_BUTTON_ICON", "LOGO"]),
            ("color_mode", ["LIGHT", "DARK", "DYNAMIC", "light"]),
            ("extension", ["PNG", "SVG", "ICO", "GIF"]),
            ("bytes_base64", [PNG, "aGVsbG8=", "not base64!", ""]),
            ("resource_id", ["Google", ""]),
        )
    },
}


def test_every_parameter_of_the_construct_is_covered() -> None:
    import inspect  # noqa: PLC0415 - only this test needs it

    signature = inspect.signature(CognitoAccessIdentityProvider.__init__)
    keyword_only = {name for name, p in signature.parameters.items() if p.kind is p.KEYWORD_ONLY}
    assert keyword_only == set(PARAMETERS)


def materialize(stack: TerraformStack, parameter: str, value: object) -> object:
    """Stand-ins for the parameters that take constructs: real ones in the stack."""
    if value == "declared domain" and parameter == "domain":
        return LoginDomain.shared(
            CognitoUserPoolDomain(stack, "Shared", domain="shared", user_pool_id="eu-west-1_AbC123")
        )
    if value == "declared provider" and parameter == "identity_providers":
        return [
            "COGNITO",
            CognitoIdentityProvider(
                stack,
                "Google",
                user_pool_id="eu-west-1_AbC123",
                provider_name="Google",
                provider_type="Google",
                provider_details={"client_id": "x", "client_secret": "y"},
            ),
        ]
    if value == "servers" and parameter == "resource_servers":
        return [
            CognitoResourceServer(
                stack,
                "Api",
                identifier="https://api.example",
                name="api",
                user_pool_id="eu-west-1_AbC123",
            )
        ]
    if value == "provider" and parameter == "aws_provider":
        return AwsProvider(stack, "aws", region="eu-west-1", alias="other")
    if value == "provider" and parameter == "cloudflare_provider":
        return CloudflareProvider(stack, "cloudflare", alias="other")
    return value


def assert_well_wired(synth: dict[str, Any]) -> None:
    """The wiring every stack of the construct must have, and the providers' rules kept."""
    assert_follows_provider_facts(synth, skip=DECLARED_BY_MATERIALIZE)
    (client_name,) = synth["resource"][CLIENT]
    (idp,) = synth["resource"][IDP].values()
    config = idp["config"]
    secret = REFERENCE.fullmatch(config["client_secret"])
    client_id = REFERENCE.fullmatch(config["client_id"])
    assert secret is not None
    assert client_id is not None
    assert secret.groups() == (client_name, "client_secret")
    assert client_id.groups() == (client_name, "id")
    for url in ("auth_url", "token_url", "certs_url"):
        assert config[url].startswith(("https://", "${")), (url, config[url])
    assert config["certs_url"].endswith("/.well-known/jwks.json")
    client = synth["resource"][CLIENT][client_name]
    assert client["allowed_oauth_flows"] == ["code"]
    assert client["callback_urls"][0].endswith(".cloudflareaccess.com/cdn-cgi/access/callback")
    assert "client_secret" not in json.dumps(synth.get("output", {}))
    for branding in synth["resource"].get(BRANDING, {}).values():
        assert branding["client_id"] == f"${{{CLIENT}.{client_name}.id}}"
        assert branding["user_pool_id"] == f"${{{CLIENT}.{client_name}.user_pool_id}}"
    for record in synth["resource"].get(DNS_RECORD, {}).values():
        (domain_name,) = synth["resource"][DOMAIN]
        assert record["content"] == f"${{{DOMAIN}.{domain_name}.cloudfront_distribution}}"
        assert (record["type"], record["proxied"]) == ("CNAME", False)


@pytest.mark.parametrize("parameter", sorted(PARAMETERS))
def test_any_value_builds_a_well_wired_stack_or_is_refused_naming_the_parameter(
    parameter: str, record_property: Callable[[str, object], None]
) -> None:
    def check(value: object) -> None:
        stack = TerraformStack(Testing.app(), "test")
        settings_: dict[str, Any] = {**EXAMPLE, parameter: materialize(stack, parameter, value)}
        try:
            CognitoAccessIdentityProvider(stack, "Sso", **settings_)
        except (TypeError, ValueError) as error:
            assert parameter in str(error), str(error)  # noqa: PT017 - the property itself
            assert "Sso" not in [child.node.id for child in stack.node.children]
            return
        assert_well_wired(json.loads(Testing.synth(stack)))

    run_examples(PARAMETERS[parameter], check, record_property)


@pytest.mark.parametrize("field", sorted(FIELDS))
def test_any_value_of_a_login_page_field_builds_a_well_wired_stack_or_is_refused_naming_it(
    field: str, record_property: Callable[[str, object], None]
) -> None:
    values, arguments, names = FIELDS[field]

    def check(value: object) -> None:
        stack = TerraformStack(Testing.app(), "test")
        try:
            CognitoAccessIdentityProvider(stack, "Sso", **{**EXAMPLE, **arguments(value)})
        except (TypeError, ValueError) as error:
            assert str(error).startswith(names), str(error)  # noqa: PT017 - the property itself
            assert stack.node.children == []
            return
        assert_well_wired(json.loads(Testing.synth(stack)))

    run_examples(values, check, record_property)
