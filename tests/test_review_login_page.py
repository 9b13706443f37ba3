"""The plan summary's cautions when the login page moves, on small hand-written plans."""

from __future__ import annotations

from typing import Any

import pytest

from cognito_access.review import summarize
from tests.plans import REPLACE, cautions, plan, resource, update

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
    unmasked = summarize(plan(domain_replaced("acme-login", "secret-login.example.com")))
    assert "secret-login.example.com" in unmasked  # the name would show if it were not masked
    replaced = domain_replaced("acme-login", "secret-login.example.com")
    replaced["change"]["after_sensitive"] = {"domain": True}
    summary = summarize(plan(replaced))
    assert "secret-login.example.com" not in summary
    assert "`domain` (sensitive, changed)" in summary  # the change is told, not its value
    assert login_page_cautions(replaced) == []  # "moves to ..." would have to name it


def test_the_dns_record_cautions_say_exactly_what_fails() -> None:
    host = "The login page's host `login.example.com`"
    assert login_page_cautions(record(REPLACE), **REFERENCING) == [
        (
            f"**Replacing `{RECORD}`:** {host} stops resolving between the delete and the "
            "create (resolvers may remember the gap for a while): signing in through Cognito "
            "fails meanwhile."
        )
    ]
    assert login_page_cautions(record(["delete"]), **REFERENCING) == [
        (
            f"**Destroying `{RECORD}`:** {host} stops resolving: signing in through Cognito "
            "fails from then on, unless another record takes its place."
        )
    ]


def test_a_masked_record_name_is_not_shown_in_its_caution() -> None:
    masked = record(["delete"], name="secret-login.example.com")
    masked["change"]["before_sensitive"] = {"name": True}
    (caution,) = login_page_cautions(masked, **REFERENCING)
    assert "secret-login.example.com" not in caution
    assert caution.startswith(f"**Destroying `{RECORD}`:** The login page's host the login")


@pytest.mark.parametrize(
    ("side", "name"),
    [
        ("before", "login.example.com"),
        ("after", "login.example.com"),
        ("before", "login.example.com."),  # a fully qualified name, with its trailing dot
    ],
)
def test_a_record_named_as_a_domain_before_or_after_the_change_is_the_login_pages(
    side: str, name: str
) -> None:
    domain = resource(DOMAIN, ["no-op"], {"before": {}, "after": {}})
    domain["change"][side] = {"domain": "login.example.com"}
    v4 = resource("cloudflare_record.login", ["delete"], {"before": {"name": name}})
    (caution,) = login_page_cautions(v4, domain)
    assert caution.startswith("**Destroying `cloudflare_record.login`:** The login page's host")


CERTIFICATE = (
    " A custom domain needs an ACM certificate (us-east-1) that covers the new name and a "
    "CNAME to the new CloudFront distribution that Cognito sets up for it."
)


@pytest.mark.parametrize(("new", "custom"), [("login.example.com", CERTIFICATE), ("acme-sso", "")])
def test_the_login_page_move_is_said_word_for_word(new: str, custom: str) -> None:
    shape = "a custom domain" if custom else "a prefix domain"
    assert login_page_cautions(domain_replaced("acme-login", new)) == [
        (
            f"**The login page moves on `{DOMAIN}`:** Users sign in at `{new}` ({shape}) "
            "instead of `acme-login` (a prefix domain): bookmarks and links to the old one stop "
            "working, and signing in fails between the old domain's delete and the new one's "
            f"create.{custom}"
        )
    ]


def test_the_new_distribution_is_said_word_for_word() -> None:
    replaced = resource(
        DOMAIN,
        REPLACE,
        {
            "before": {"domain": "login.example.com", "user_pool_id": POOL},
            "after": {"domain": "login.example.com", "user_pool_id": "eu-west-1_Other1"},
        },
    )
    assert login_page_cautions(replaced) == [
        (
            f"**The custom domain gets a new CloudFront distribution on `{DOMAIN}`:** "
            "`login.example.com` must point at the new distribution (its CNAME); until the "
            "record follows and Cognito has set the distribution up, signing in fails."
        )
    ]


@pytest.mark.parametrize(
    "hidden",
    [
        {"before_sensitive": {"domain": True}},
        {"before_sensitive": {"domain": [True]}},
        {"after_sensitive": {"domain": [True]}},
        {"after_unknown": {"domain": True}},
    ],
)
def test_a_masked_or_unknown_name_on_either_side_raises_no_move_caution(
    hidden: dict[str, Any],
) -> None:
    replaced = domain_replaced("acme-login", "secret-login")
    assert login_page_cautions(replaced) != []  # a move, when both names are shown
    replaced["change"].update(hidden)
    assert login_page_cautions(replaced) == []


def test_a_name_that_repeats_a_masked_value_elsewhere_raises_no_move_caution() -> None:
    masked_elsewhere = resource(
        "aws_ssm_parameter.login",
        ["update"],
        {
            "before": {"value": "old"},
            "after": {"value": "secret-login"},
            "after_sensitive": {"value": True},
        },
    )
    said = login_page_cautions(domain_replaced("acme-login", "secret-login"), masked_elsewhere)
    assert not [caution for caution in said if "The login page moves" in caution]
    # What is said instead: the secret is copied into the domain, where it is masked.
    assert [caution for caution in said if caution.startswith("**A secret is copied into")]
    assert not [caution for caution in said if "secret-login" in caution]


def test_managed_login_turned_on_in_a_replacement_is_cautioned_word_for_word() -> None:
    replaced = resource(
        DOMAIN,
        REPLACE,
        {
            "before": {"domain": "acme-login", "managed_login_version": 1},
            "after": {"domain": "acme-login", "managed_login_version": 2},
        },
    )
    assert login_page_cautions(replaced, resource(BRANDING, ["create"])) == [
        (
            f"**Managed login turned on for `{DOMAIN}`:** `managed_login_version` 1 → 2: "
            "the login page switches from the "
            "classic hosted UI to managed login (version 2): every app client on this domain "
            "needs a managed login branding style (`aws_cognito_managed_login_branding`), or its "
            "users get an error page instead of the sign-in form."
        )
    ]


def test_a_branding_the_plan_destroys_does_not_count_as_declared() -> None:
    change = update(
        DOMAIN,
        {"domain": "acme-login", "managed_login_version": 1},
        {"domain": "acme-login", "managed_login_version": 2},
    )
    (caution,) = login_page_cautions(change, resource(BRANDING, ["delete"]))
    assert caution.endswith("This plan declares none.")
