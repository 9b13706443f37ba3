"""The plan summary's cautions when the login page moves, on small hand-written plans."""

from __future__ import annotations

from typing import Any

import pytest

from cognito_access.review import summarize
from tests.test_plan_summary import REPLACE, cautions, plan, resource, update

DOMAIN = "aws_cognito_user_pool_domain.Sso_UserPoolDomain_0D8FD4A3"
RECORD = "cloudflare_dns_record.Sso_DnsRecord_639E7F64"
BRANDING = "aws_cognito_managed_login_branding.Sso_ManagedLoginBranding_D6157F99"
POOL = "eu-west-1_AbC123"


def domain_replaced(old: str, new: str, **after: Any) -> dict[str, Any]:  # noqa: ANN401 - JSON
    return resource(
        DOMAIN,
        REPLACE,
        {
            "before": {"domain": old, "user_pool_id": POOL},
            "after": {"domain": new, "user_pool_id": POOL, **after},
        },
    )


def login_page_cautions(*resources: dict[str, Any], **document: Any) -> list[str]:  # noqa: ANN401 - JSON
    """The cautions of the summary that are about the login page (not the generic ones)."""
    said = cautions(summarize({**plan(*resources), **document}))
    return [caution for caution in said if "hosted UI login page is" not in caution]


@pytest.mark.parametrize(
    ("old", "new", "shapes"),
    [
        ("acme-login", "login.example.com", ("(a prefix domain)", "(a custom domain)")),
        ("login.example.com", "sso.example.org", ("(a custom domain)", "(a custom domain)")),
        ("login.example.com", "acme-login", ("(a custom domain)", "(a prefix domain)")),
        ("acme-login", "acme-sso", ("(a prefix domain)", "(a prefix domain)")),
    ],
)
def test_a_domain_replaced_under_another_name_moves_the_login_page(
    old: str, new: str, shapes: tuple[str, str]
) -> None:
    (caution,) = login_page_cautions(domain_replaced(old, new))
    assert caution.startswith(f"**The login page moves on `{DOMAIN}`:**")
    assert f"Users sign in at `{new}` {shapes[1]} instead of `{old}` {shapes[0]}" in caution
    assert "bookmarks and links to the old one stop working" in caution
    assert ("CNAME to the new CloudFront distribution" in caution) == ("." in new)


def test_a_custom_domain_replaced_under_its_name_gets_a_new_distribution() -> None:
    replaced = resource(
        DOMAIN,
        REPLACE,
        {
            "before": {"domain": "login.example.com", "user_pool_id": POOL},
            "after": {"domain": "login.example.com", "user_pool_id": "eu-west-1_Other1"},
        },
    )
    (caution,) = login_page_cautions(replaced)
    assert caution.startswith(
        f"**The custom domain gets a new CloudFront distribution on `{DOMAIN}`"
    )
    assert "`login.example.com` must point at the new distribution" in caution


def test_a_prefix_domain_replaced_under_its_name_has_only_the_generic_caution() -> None:
    replaced = domain_replaced("acme-login", "acme-login")
    assert login_page_cautions(replaced) == []
    (generic,) = cautions(summarize(plan(replaced)))
    assert "hosted UI login page is unavailable" in generic


@pytest.mark.parametrize("before", [1, None, 0])
def test_turning_managed_login_on_says_each_client_needs_a_branding_style(
    before: int | None,
) -> None:
    change = update(
        DOMAIN,
        {"domain": "acme-login", "managed_login_version": before},
        {"domain": "acme-login", "managed_login_version": 2},
    )
    (caution,) = login_page_cautions(change)
    assert caution.startswith(f"**Managed login turned on for `{DOMAIN}`:**")
    assert "needs a managed login branding style" in caution
    assert "error page" in caution
    assert caution.endswith("This plan declares none.")


def test_turning_managed_login_on_with_a_branding_in_the_plan_does_not_say_none() -> None:
    change = update(
        DOMAIN,
        {"domain": "acme-login", "managed_login_version": 1},
        {"domain": "acme-login", "managed_login_version": 2},
    )
    (caution,) = login_page_cautions(change, resource(BRANDING, ["create"]))
    assert "Managed login turned on" in caution
    assert "declares none" not in caution


def test_turning_managed_login_off_says_the_classic_page_returns() -> None:
    change = update(
        DOMAIN,
        {"domain": "acme-login", "managed_login_version": 2},
        {"domain": "acme-login", "managed_login_version": 1},
    )
    (caution,) = login_page_cautions(change)
    assert caution.startswith(f"**Managed login turned off for `{DOMAIN}`:**")
    assert "classic hosted UI" in caution


@pytest.mark.parametrize(
    ("before", "after", "shown"),
    [(2, 1, "`managed_login_version` 2 → 1"), (1, 2, "`managed_login_version` 1 → 2")],
)
def test_the_managed_login_caution_shows_the_version_change(
    before: int, after: int, shown: str
) -> None:
    """A created domain now always states its version (issue 18, finding 3)."""
    change = update(
        DOMAIN,
        {"domain": "acme-login", "managed_login_version": before},
        {"domain": "acme-login", "managed_login_version": after},
    )
    (caution,) = login_page_cautions(change)
    assert shown in caution


@pytest.mark.parametrize(
    ("before", "after", "unknown"),
    [
        ({"managed_login_version": 0}, {"managed_login_version": 1}, {}),  # unset to classic
        ({"managed_login_version": 2}, {"managed_login_version": 2}, {}),
        ({"managed_login_version": 1}, {}, {"managed_login_version": True}),
        ({"certificate_arn": "arn:a"}, {"certificate_arn": "arn:b"}, {}),
    ],
)
def test_other_domain_updates_raise_no_login_page_caution(
    before: dict[str, Any], after: dict[str, Any], unknown: dict[str, Any]
) -> None:
    change = update(DOMAIN, {"domain": "acme-login", **before}, {"domain": "acme-login", **after})
    change["change"]["after_unknown"] = unknown
    assert login_page_cautions(change) == []


def record(actions: list[str], name: str = "login.example.com") -> dict[str, Any]:
    return resource(
        RECORD,
        actions,
        {"before": {"name": name, "type": "CNAME", "content": "d111.cloudfront.net"}},
    )


# The plan's configuration: the record's content references the domain's distribution.
REFERENCING = {
    "configuration": {
        "root_module": {
            "resources": [
                {
                    "address": RECORD,
                    "mode": "managed",
                    "type": "cloudflare_dns_record",
                    "name": "Sso_DnsRecord_639E7F64",
                    "expressions": {
                        "content": {"references": [f"{DOMAIN}.cloudfront_distribution", DOMAIN]},
                        "name": {"constant_value": "login.example.com"},
                    },
                }
            ]
        }
    }
}


@pytest.mark.parametrize(
    ("actions", "verb", "phrase"),
    [
        (REPLACE, "Replacing", "stops resolving between the delete and the create"),
        (["delete"], "Destroying", "signing in through Cognito fails from then on"),
    ],
)
def test_the_login_pages_dns_record_replaced_or_destroyed_is_cautioned(
    actions: list[str], verb: str, phrase: str
) -> None:
    (caution,) = login_page_cautions(record(actions), **REFERENCING)
    assert caution.startswith(f"**{verb} `{RECORD}`:** The login page's host `login.example.com`")
    assert phrase in caution


def test_a_record_named_as_a_domain_in_the_plan_is_the_login_pages() -> None:
    unchanged = resource(
        DOMAIN,
        ["no-op"],
        {"before": {"domain": "login.example.com"}, "after": {"domain": "login.example.com"}},
    )
    v4 = resource("cloudflare_record.login", REPLACE, {"before": {"name": "login.example.com"}})
    (caution,) = login_page_cautions(v4, unchanged)
    assert caution.startswith("**Replacing `cloudflare_record.login`:** The login page's host")


@pytest.mark.parametrize("actions", [["update"], ["create"]])
def test_the_dns_record_updated_or_created_raises_no_caution(actions: list[str]) -> None:
    assert login_page_cautions(record(actions), **REFERENCING) == []


def test_another_dns_record_replaced_raises_no_caution() -> None:
    assert login_page_cautions(record(REPLACE, name="www.example.com")) == []


def test_a_masked_domain_name_is_never_shown() -> None:
    replaced = domain_replaced("acme-login", "secret-login.example.com")
    replaced["change"]["after_sensitive"] = {"domain": True}
    summary = summarize(plan(replaced))
    assert "secret-login.example.com" not in summary
