"""The login page's inputs: ``LoginDomain``, ``ManagedLogin`` and ``ManagedLoginAsset``.

Each checks its own fields when it is made (a wrong type is a ``TypeError``, a wrong value
a ``ValueError``, each naming the field); the rules that need the user pool are checked
by the construct, before it declares anything.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest

from cognito_access import (
    CognitoAccessIdentityProvider,
    LoginDomain,
    ManagedLogin,
    ManagedLoginAsset,
)
from tests.framework import CognitoUserPoolDomain, TerraformStack, TerraformVariable, Testing
from tests.support import EXAMPLE, Items, only, synth_stack

if TYPE_CHECKING:
    from collections.abc import Callable

CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
ZONE = "fedcba9876543210fedcba9876543210"
PNG = "iVBORw0KGgo="


def asset(**fields: str) -> ManagedLoginAsset:
    return ManagedLoginAsset(
        **{"category": "FORM_LOGO", "color_mode": "LIGHT", "extension": "PNG"}
        | {"bytes_base64": PNG}
        | fields
    )


def custom(host: str = "login.example.com", **fields: Any) -> LoginDomain:  # noqa: ANN401 - any field
    return LoginDomain.custom(host, **{"certificate_arn": CERTIFICATE, **fields})


# (how to make it, the field the message names first, a phrase of the rule).
BAD_VALUES: list[tuple[Callable[[], object], str, str]] = [
    (lambda: LoginDomain.prefix(""), "prefix", "1-63"),
    (lambda: LoginDomain.prefix("Acme-Login"), "prefix", "a-z"),
    (lambda: LoginDomain.prefix("acme_login"), "prefix", "a-z"),
    (lambda: LoginDomain.prefix("-acme"), "prefix", "inner hyphens"),
    (lambda: LoginDomain.prefix("acme-"), "prefix", "inner hyphens"),
    (lambda: LoginDomain.prefix("a" * 64), "prefix", "1-63"),
    (lambda: LoginDomain.prefix("acme-aws-login"), "prefix", "'aws'"),
    (lambda: LoginDomain.prefix("amazonians"), "prefix", "'amazon'"),
    (lambda: LoginDomain.prefix("acme-cognito"), "prefix", "'cognito'"),
    (lambda: custom("example.com"), "host", "below a domain of yours"),
    (lambda: custom("Login.Example.com"), "host", "lowercase host name"),
    (lambda: custom("login..example.com"), "host", "such as 'login.example.com'"),
    (lambda: custom("login.example.123"), "host", "host name"),
    (lambda: custom("acme.auth.eu-west-1.amazoncognito.com"), "host", "amazoncognito.com"),
    (
        lambda: custom(certificate_arn=CERTIFICATE.replace("us-east-1", "eu-west-1")),
        "certificate_arn",
        "in us-east-1",
    ),
    (
        lambda: custom(certificate_arn=CERTIFICATE.replace("acm", "iam")),
        "certificate_arn",
        "ACM certificate",
    ),
    (
        lambda: custom(certificate_arn=CERTIFICATE.replace(":aws:", ":aws-us-gov:")),
        "certificate_arn",
        "arn:aws:acm:",
    ),
    (lambda: custom(certificate_arn="0f1e2d3c-4b5a-6978"), "certificate_arn", "<account>"),
    (lambda: custom(cloudflare_zone_id="0123456789abcdef"), "cloudflare_zone_id", "32 lowercase"),
    (
        lambda: custom(cloudflare_zone_id="0123456789ABCDEF0123456789ABCDEF"),
        "cloudflare_zone_id",
        "hexadecimal",
    ),
    (lambda: LoginDomain.shared("Acme"), "domain", "as a prefix, must be 1-63 characters"),
    (lambda: LoginDomain.shared("acme_login"), "domain", "as a prefix"),
    (lambda: LoginDomain.shared(""), "domain", "as a prefix"),
    (
        lambda: LoginDomain.shared("Auth.Example.com"),
        "domain",
        "custom domain's host, must be a lowercase",
    ),
    (lambda: LoginDomain.shared("auth..example.com"), "domain", "custom domain's host"),
    (
        lambda: LoginDomain.shared("a.auth.eu-west-1.amazoncognito.com"),
        "domain",
        "amazoncognito.com host",
    ),
    (lambda: ManagedLogin(settings="not json"), "settings", "a JSON object"),
    (lambda: ManagedLogin(settings="[1, 2]"), "settings", "a JSON object"),
    (lambda: ManagedLogin(settings="[" * 100_000), "settings", "a JSON object"),
    (lambda: ManagedLogin(settings='{"a":' * 100_000), "settings", "a JSON object"),
    (lambda: ManagedLogin(assets=(asset(),) * 41), "assets", "at most 40"),
    (lambda: asset(category="LOGO"), "category", "one of FAVICON_ICO"),
    (lambda: asset(color_mode="light"), "color_mode", "LIGHT, DARK, DYNAMIC"),
    (lambda: asset(extension="GIF"), "extension", "ICO, JPEG, PNG, SVG, WEBP"),
    (lambda: asset(bytes_base64="a logo"), "bytes_base64", "base64-encoded"),
    (lambda: asset(bytes_base64=""), "bytes_base64", "1 to 1,000,000 bytes"),
    (lambda: asset(resource_id=""), "resource_id", "1-40"),
    (lambda: asset(resource_id="g" * 41), "resource_id", "1-40"),
    (lambda: asset(resource_id="Google/Workspace"), "resource_id", "letters, digits"),
    (lambda: asset(bytes_base64="A" * 1_333_336), "bytes_base64", "1,000,000 bytes"),
]


@pytest.mark.parametrize(("make", "field", "phrase"), BAD_VALUES)
def test_a_bad_value_is_refused_when_made_naming_the_field(
    make: Callable[[], object], field: str, phrase: str
) -> None:
    with pytest.raises(ValueError, match=f"^{field}[ ,]") as raised:
        make()
    assert phrase in str(raised.value)
    assert "; got " in str(raised.value)


# (how to make it, the start of the message: the field and what is allowed).
WRONG_TYPES: list[tuple[Callable[[], object], str]] = [
    (lambda: LoginDomain.prefix(5), "prefix must be a str; got int 5"),  # type: ignore[arg-type]
    (lambda: LoginDomain.prefix(None), "prefix must be a str; got NoneType"),  # type: ignore[arg-type]
    (
        lambda: LoginDomain.custom(b"x.example.com", certificate_arn=CERTIFICATE),  # type: ignore[arg-type]
        "host must be a str",
    ),
    (lambda: custom(certificate_arn=None), "certificate_arn must be a str; got NoneType"),
    (lambda: custom(cloudflare_zone_id=1), "cloudflare_zone_id must be a str; got int 1"),
    (lambda: LoginDomain.shared(3), "domain must be a CognitoUserPoolDomain or a domain's name"),  # type: ignore[arg-type]
    (lambda: LoginDomain.shared(["acme"]), "domain must be a CognitoUserPoolDomain"),  # type: ignore[arg-type]
    (lambda: ManagedLogin(settings={}), "settings must be a str; got dict"),  # type: ignore[arg-type]
    (lambda: ManagedLogin(assets="logo.png"), "assets must be a sequence of ManagedLoginAsset"),  # type: ignore[arg-type]
    (lambda: ManagedLogin(assets=["logo.png"]), "assets must hold only ManagedLoginAsset"),  # type: ignore[list-item]
    (lambda: asset(category=1), "category must be a str; got int 1"),  # type: ignore[arg-type]
    (lambda: asset(bytes_base64=b"PNG"), "bytes_base64 must be a str; got bytes"),  # type: ignore[arg-type]
    (lambda: asset(resource_id=7), "resource_id must be a str; got int 7"),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("make", "message"), WRONG_TYPES)
def test_a_value_of_the_wrong_type_is_refused_when_made_naming_the_field(
    make: Callable[[], object], message: str
) -> None:
    with pytest.raises(TypeError, match=f"^{re.escape(message)}"):
        make()


def test_a_login_domain_is_made_only_by_its_class_methods() -> None:
    with pytest.raises(TypeError, match="abstract"):
        LoginDomain()  # type: ignore[abstract]


class _HandMade(LoginDomain):
    """A kind of login domain of the user's own, which no class method checked."""

    @property
    def created(self) -> str:
        return "Not A Prefix!"


def test_a_login_domain_of_another_kind_is_refused_before_anything_is_declared() -> None:
    stack = TerraformStack(Testing.app(), "test")
    with pytest.raises(TypeError, match=r"^domain must be a LoginDomain .*; got _HandMade"):
        CognitoAccessIdentityProvider(stack, "Sso", **(EXAMPLE | {"domain": _HandMade()}))
    assert stack.node.children == []


@pytest.mark.parametrize(
    ("made", "shown"),
    [
        (LoginDomain.prefix("acme-login"), "LoginDomain.prefix('acme-login')"),
        (custom(), f"LoginDomain.custom('login.example.com', certificate_arn={CERTIFICATE!r})"),
        (
            custom(cloudflare_zone_id=ZONE),
            (
                f"LoginDomain.custom('login.example.com', certificate_arn={CERTIFICATE!r}, "
                f"cloudflare_zone_id={ZONE!r})"
            ),
        ),
        (LoginDomain.shared("auth.example.com"), "LoginDomain.shared('auth.example.com')"),
    ],
)
def test_a_login_domain_shows_how_it_was_made(made: LoginDomain, shown: str) -> None:
    assert repr(made) == shown


def test_managed_login_keeps_any_sequence_of_assets_as_a_tuple() -> None:
    assert ManagedLogin(assets=Items([asset()])).assets == (asset(),)


# Values at the edges of the rules, and where they arrive in the synthesized JSON.
EDGES: list[tuple[dict[str, Any], str, Callable[[dict[str, Any]], object], object]] = [
    (
        {"domain": LoginDomain.prefix("0")},
        "aws_cognito_user_pool_domain",
        lambda r: r["domain"],
        "0",
    ),
    (
        {"domain": LoginDomain.prefix("a" * 63)},
        "aws_cognito_user_pool_domain",
        lambda r: r["domain"],
        "a" * 63,
    ),
    (
        {"domain": custom("sso.corp.example.co.uk")},
        "aws_cognito_user_pool_domain",
        lambda r: r["domain"],
        "sso.corp.example.co.uk",
    ),
    (
        {"domain": custom(f"{'a' * 63}.example.com")},
        "aws_cognito_user_pool_domain",
        lambda r: r["domain"],
        f"{'a' * 63}.example.com",
    ),
    (
        {
            "domain": custom(
                certificate_arn="arn:aws:acm:us-east-1:000000000000:certificate/ABC-123"
            )
        },
        "aws_cognito_user_pool_domain",
        lambda r: r["certificate_arn"],
        "arn:aws:acm:us-east-1:000000000000:certificate/ABC-123",
    ),
    (
        {"domain": custom(cloudflare_zone_id="0" * 32)},
        "cloudflare_dns_record",
        lambda r: r["zone_id"],
        "0" * 32,
    ),
    (
        {"managed_login": ManagedLogin(settings="{}")},
        "aws_cognito_managed_login_branding",
        lambda r: r["settings"],
        "{}",
    ),
    (
        {"managed_login": ManagedLogin(assets=(asset(),) * 40)},
        "aws_cognito_managed_login_branding",
        lambda r: len(r["asset"]),
        40,
    ),
    (
        {"managed_login": ManagedLogin(assets=(asset(bytes_base64="A" * 1_333_332),))},
        "aws_cognito_managed_login_branding",
        lambda r: len(r["asset"][0]["bytes"]),
        1_333_332,
    ),
    (
        {
            "managed_login": ManagedLogin(
                assets=(asset(category="IDP_BUTTON_ICON", resource_id="Google"),)
            )
        },
        "aws_cognito_managed_login_branding",
        lambda r: r["asset"][0]["resource_id"],
        "Google",
    ),
]


@pytest.mark.parametrize(("settings", "resource_type", "where", "expected"), EDGES)
def test_edge_values_within_the_rules_are_accepted_and_arrive(
    settings: dict[str, Any],
    resource_type: str,
    where: Callable[[dict[str, Any]], object],
    expected: object,
) -> None:
    synth = synth_stack(
        lambda stack: CognitoAccessIdentityProvider(stack, "Sso", **{**EXAMPLE, **settings})
    )
    assert where(only(synth["resource"][resource_type])) == expected


@pytest.mark.parametrize("pool", ["us-gov-west-1_AbC123", "us-gov-east-1_AbC123"])
def test_a_custom_domain_in_govcloud_is_refused_naming_domain(pool: str) -> None:
    stack = TerraformStack(Testing.app(), "test")
    with pytest.raises(
        ValueError, match=r"^domain: LoginDomain.custom is not available .*aws-us-gov"
    ):
        CognitoAccessIdentityProvider(
            stack, "Sso", **{**EXAMPLE, "domain": custom(), "user_pool_id": pool}
        )
    assert stack.node.children == []


def test_a_shared_domain_of_another_literal_pool_is_refused_before_anything_is_declared() -> None:
    stack = TerraformStack(Testing.app(), "test")
    other = CognitoUserPoolDomain(stack, "Other", domain="acme", user_pool_id="eu-west-1_Other1")
    with pytest.raises(ValueError, match=r"^domain must belong to user_pool_id"):
        CognitoAccessIdentityProvider(
            stack, "Sso", **{**EXAMPLE, "domain": LoginDomain.shared(other)}
        )
    assert [child.node.id for child in stack.node.children] == ["Other"]


def test_a_shared_domain_known_only_to_terraform_is_not_compared() -> None:
    def build(stack: TerraformStack) -> None:
        pool = TerraformVariable(stack, "pool", type="string").string_value
        domain = CognitoUserPoolDomain(stack, "Existing", domain="acme", user_pool_id=pool)
        CognitoAccessIdentityProvider(
            stack, "Sso", **{**EXAMPLE, "domain": LoginDomain.shared(domain)}
        )

    config = only(synth_stack(build)["resource"]["cloudflare_zero_trust_access_identity_provider"])[
        "config"
    ]
    assert config["auth_url"].startswith(
        "https://${aws_cognito_user_pool_domain.Existing.domain}.auth."
    )


def test_tokens_pass_every_rule_of_the_login_page() -> None:
    def build(stack: TerraformStack) -> None:
        def var(name: str) -> str:
            return TerraformVariable(stack, name, type="string").string_value

        CognitoAccessIdentityProvider(
            stack,
            "Sso",
            **{
                **EXAMPLE,
                "domain": LoginDomain.custom(
                    var("host"), certificate_arn=var("certificate"), cloudflare_zone_id=var("zone")
                ),
                "managed_login": ManagedLogin(
                    settings=var("style"),
                    assets=[
                        ManagedLoginAsset(
                            category=var("category"),
                            color_mode=var("mode"),
                            extension=var("extension"),
                            bytes_base64=var("bytes"),
                        )
                    ],
                ),
            },
        )

    found = synth_stack(build)["resource"]
    assert only(found["aws_cognito_user_pool_domain"])["domain"] == "${var.host}"
    assert only(found["aws_cognito_managed_login_branding"])["asset"] == [
        {
            "bytes": "${var.bytes}",
            "category": "${var.category}",
            "color_mode": "${var.mode}",
            "extension": "${var.extension}",
        }
    ]


@pytest.mark.parametrize("name", ["aws-login", "my-cognito", "amazon"])
def test_a_shared_prefix_with_a_word_cognito_reserves_is_refused(name: str) -> None:
    """No pool can have such a prefix domain, as prefix() says (issue 17's leftover)."""
    with pytest.raises(ValueError, match=r"^domain, as a prefix, must not contain 'aws'"):
        LoginDomain.shared(name)
