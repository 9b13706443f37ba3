"""Cautions about hosts: plain-HTTP login endpoints and look-alike hosts (``review/_hosts``)."""

from __future__ import annotations

from typing import Any

import pytest

from cognito_access.review import summarize
from tests.plans import IDP, attributes, cautions, merged, plan, resource, update

HOSTED = "https://acme-login.auth.eu-west-1.amazoncognito.com"
IDP_BEFORE: dict[str, Any] = {
    "type": "oidc",
    "config": {
        "auth_url": f"{HOSTED}/oauth2/authorize",
        "token_url": f"{HOSTED}/oauth2/token",
        "certs_url": "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json",
    },
}
FEDERATED = "aws_cognito_identity_provider.Partner"


@pytest.mark.parametrize("name", ["auth_url", "token_url", "certs_url"])
def test_a_login_endpoint_over_plain_http_raises_a_caution(name: str) -> None:
    plain = IDP_BEFORE["config"][name].replace("https://", "http://")
    after = merged(IDP_BEFORE, {"config": {name: plain}})
    said = cautions(summarize(plan(update(IDP, IDP_BEFORE, after))))
    (caution,) = [c for c in said if "plain HTTP" in c]
    assert caution.startswith(f"**`config.{name}` over plain HTTP on `{IDP}`:**")
    assert "http://" + plain.split("/")[2] in caution


def test_a_created_login_method_with_a_plain_http_endpoint_raises_a_caution() -> None:
    values = merged(IDP_BEFORE, {"config": {"certs_url": "HTTP://keys.example.org/jwks.json"}})
    said = cautions(summarize(plan(resource(IDP, ["create"], {"after": values}))))
    assert any(c.startswith("**`config.certs_url` over plain HTTP") for c in said)


def test_a_federated_provider_s_plain_http_issuer_raises_a_caution() -> None:
    values = {"provider_name": "P", "provider_details": {"oidc_issuer": "http://idp.example"}}
    said = cautions(summarize(plan(resource(FEDERATED, ["create"], {"after": values}))))
    assert any("`provider_details.oidc_issuer` over plain HTTP" in c for c in said)


def test_an_http_url_elsewhere_is_no_login_endpoint() -> None:
    change = update("aws_s3_bucket.site", {"website": "https://a"}, {"website": "http://b.example"})
    assert cautions(summarize(plan(change))) == []


# Look-alike hosts: Cyrillic, Greek and accented letters in place of Latin ones.
LOOK_ALIKES = [
    ("wik\u0456.example.com", "xn--wik-lhd.example.com"),  # Cyrillic i
    ("\u0430cme.cloudflareaccess.com", "xn--cme-5cd.cloudflareaccess.com"),  # Cyrillic a
    ("l\u03bfgin.example.org", "xn--lgin-0nd.example.org"),  # Greek omicron
    ("m\u00fcnchen.example", "xn--mnchen-3ya.example"),  # a real IDN is shown the same way
]


@pytest.mark.parametrize(("host", "puny"), LOOK_ALIKES)
def test_a_url_on_a_non_ascii_host_raises_a_caution_with_its_punycode(host: str, puny: str) -> None:
    url = f"https://{host}/cdn-cgi/access/callback"
    change = update(
        "aws_cognito_user_pool_client.app", {"callback_urls": []}, {"callback_urls": [url]}
    )
    said = [c for c in cautions(summarize(plan(change))) if "non-ASCII" in c]
    (caution,) = said
    assert f"`{host}`" in caution
    assert f"`{puny}`" in caution


@pytest.mark.parametrize(("host", "puny"), LOOK_ALIKES)
def test_a_non_ascii_host_is_shown_with_its_punycode(host: str, puny: str) -> None:
    app = "cloudflare_zero_trust_access_application.wiki"
    summary = summarize(plan(update(app, {"domain": "wiki.example.com"}, {"domain": host})))
    said = attributes(summary, app)["domain"]
    assert said.endswith(f'`"{host}"` (punycode `{puny}`)')
    assert any(f"`{host}`" in c and f"`{puny}`" in c for c in cautions(summary))


def test_a_non_ascii_host_already_there_raises_no_new_caution() -> None:
    app = "cloudflare_zero_trust_access_application.wiki"
    host = LOOK_ALIKES[0][0]
    change = update(app, {"domain": host, "name": "a"}, {"domain": host, "name": "b"})
    assert cautions(summarize(plan(change))) == []


def test_ascii_hosts_raise_no_caution() -> None:
    change = update(
        "aws_cognito_user_pool_client.app",
        {"callback_urls": []},
        {"callback_urls": ["https://acme.cloudflareaccess.com/cdn-cgi/access/callback"]},
    )
    assert cautions(summarize(plan(change))) == []


@pytest.mark.parametrize(
    ("kind", "values"),
    [
        ("email", {"email": "ana@p\u0430rtner.example"}),
        ("email_domain", {"domain": "p\u0430rtner.example"}),
    ],
)
def test_a_look_alike_domain_in_a_rule_raises_a_caution(kind: str, values: dict[str, str]) -> None:
    policy = "cloudflare_zero_trust_access_policy.p"
    rule = {kind: values}
    before = {"decision": "allow", "include": []}
    change = update(policy, before, {"decision": "allow", "include": [rule]})
    said = cautions(summarize(plan(change)))
    assert any("non-ASCII" in c and "`xn--prtner-3nf.example`" in c for c in said)
