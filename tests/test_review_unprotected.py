"""Cautions for what stops keeping users out (``review/_unprotected``).

Hand-written plans shaped as the Cloudflare provider (5.x) writes them: a rule is an
object holding each rule kind, all null but one; an application lists its policies by
id and precedence.
"""

from __future__ import annotations

from typing import Any

import pytest

from cognito_access.review import summarize
from tests.plans import cautions, plan, resource, update

POLICY = "cloudflare_zero_trust_access_policy.Blocked_Policy_1A2B3C4D"
APPLICATION = "cloudflare_zero_trust_access_application.Wiki_Application_5E6F7A8B"
DENY_ID = "3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c"
ALLOW_ID = "9d1e5b3a-2c4f-4e6a-8b7c-0d1e2f3a4b5c"
KINDS = ("email", "email_domain", "everyone", "geo", "ip", "oidc", "login_method", "group")


def rule(kind: str, **values: Any) -> dict[str, Any]:  # noqa: ANN401 - JSON values
    return {name: (dict(values) if name == kind else None) for name in KINDS}


DENIED = [
    rule("email_domain", domain="rival.example"),
    rule("geo", country_code="KP"),
    rule("ip", ip="198.51.100.0/24"),
]
DENY: dict[str, Any] = {
    "id": DENY_ID,
    "name": "keep rivals out",
    "decision": "deny",
    "include": DENIED,
    "require": None,
    "exclude": None,
}
ALLOW: dict[str, Any] = {"id": ALLOW_ID, "decision": "allow", "include": [rule("everyone")]}


@pytest.mark.parametrize("index", range(len(DENIED)))
def test_a_rule_removed_from_a_deny_policy_raises_a_caution(index: int) -> None:
    after = {**DENY, "include": [r for i, r in enumerate(DENIED) if i != index]}
    (caution,) = cautions(summarize(plan(update(POLICY, DENY, after))))
    assert " no longer denied on " in caution
    assert "no longer keeps out" in caution
    value = next(v for v in DENIED[index].values() if v)
    assert f'`"{next(iter(value.values()))}"`' in caution


@pytest.mark.parametrize(
    ("name", "added"),
    [
        ("require", rule("email", email="ceo@rival.example")),
        ("exclude", rule("geo", country_code="FR")),
    ],
)
def test_a_deny_policy_narrowed_by_require_or_exclude_raises_a_caution(
    name: str, added: dict[str, Any]
) -> None:
    after = {**DENY, name: [added]}
    (caution,) = cautions(summarize(plan(update(POLICY, DENY, after))))
    assert f"added to a `deny` policy's `{name}` on `{POLICY}`" in caution


def test_a_deny_policy_destroyed_raises_a_caution() -> None:
    (caution,) = cautions(summarize(plan(resource(POLICY, ["delete"], {"before": DENY}))))
    assert caution.startswith(f"**Destroying the `deny` policy `{POLICY}`:**")


def test_more_rules_in_a_deny_policy_raise_no_caution() -> None:
    after = {**DENY, "include": [*DENIED, rule("email", email="x@rival.example")]}
    assert cautions(summarize(plan(update(POLICY, DENY, after)))) == []


def test_a_deny_policy_that_now_denies_everyone_raises_no_caution() -> None:
    after = {**DENY, "include": [rule("everyone")]}
    assert cautions(summarize(plan(update(POLICY, DENY, after)))) == []


def test_an_allow_policy_destroyed_raises_no_deny_caution() -> None:
    assert cautions(summarize(plan(resource(POLICY, ["delete"], {"before": ALLOW})))) == []


APP: dict[str, Any] = {
    "name": "wiki",
    "domain": "wiki.example.com",
    "destinations": [
        {"type": "public", "uri": "wiki.example.com"},
        {"type": "public", "uri": "docs.example.com/admin"},
    ],
    "self_hosted_domains": None,
    "policies": [{"id": DENY_ID, "precedence": 1}, {"id": ALLOW_ID, "precedence": 2}],
}


def with_app(**changes: Any) -> dict[str, Any]:  # noqa: ANN401 - JSON values
    return {**APP, **changes}


def policies_in_plan() -> list[dict[str, Any]]:
    """The policies, unchanged, as `terraform show -json` lists them (no-op)."""
    return [
        resource(POLICY, ["no-op"], {"before": DENY, "after": DENY}),
        resource(
            "cloudflare_zero_trust_access_policy.open", ["no-op"], {"before": ALLOW, "after": ALLOW}
        ),
    ]


def test_a_deny_policy_detached_raises_a_caution() -> None:
    after = with_app(policies=[{"id": ALLOW_ID, "precedence": 1}])
    document = plan(update(APPLICATION, APP, after), *policies_in_plan())
    (caution,) = cautions(summarize(document))
    assert caution.startswith(f"**`deny` policy detached on `{APPLICATION}`:**")
    assert f'`"{DENY_ID}"`' in caution


def test_a_deny_policy_detached_is_known_by_its_entry_s_decision_too() -> None:
    before = with_app(policies=[{"id": DENY_ID, "precedence": 1, "decision": "deny"}])
    (caution,) = cautions(summarize(plan(update(APPLICATION, before, with_app(policies=[])))))
    assert "`deny` policy detached" in caution


def test_an_allow_policy_detached_raises_no_caution() -> None:
    after = with_app(policies=[{"id": DENY_ID, "precedence": 1}])
    document = plan(update(APPLICATION, APP, after), *policies_in_plan())
    assert cautions(summarize(document)) == []


@pytest.mark.parametrize(
    ("after", "gone"),
    [
        (with_app(domain="wiki.example.net", destinations=None), "wiki.example.com"),
        (
            with_app(destinations=[{"type": "public", "uri": "wiki.example.com"}]),
            "docs.example.com/admin",
        ),
        (
            with_app(
                destinations=[
                    {"type": "public", "uri": "wiki.example.com"},
                    {"type": "public", "uri": "docs.example.com/"},
                ]
            ),
            "docs.example.com/admin",
        ),
    ],
    ids=["domain moved", "destination removed", "destination moved"],
)
def test_a_host_removed_or_moved_from_an_application_raises_a_caution(
    after: dict[str, Any], gone: str
) -> None:
    said = cautions(summarize(plan(update(APPLICATION, APP, after))))
    assert any(
        c.startswith(f"**Host no longer protected on `{APPLICATION}`:** `{gone}`") for c in said
    )


def test_a_host_added_to_an_application_raises_no_caution() -> None:
    after = with_app(self_hosted_domains=["wiki.example.com", "new.example.com"])
    assert cautions(summarize(plan(update(APPLICATION, APP, after)))) == []


def test_an_application_recreated_on_another_host_raises_a_caution() -> None:
    old = resource(APPLICATION, ["delete"], {"before": APP})
    new = resource(
        "cloudflare_zero_trust_access_application.Wiki2",
        ["create"],
        {"after": with_app(domain="w.example.org", destinations=None)},
    )
    said = cautions(summarize(plan(old, new)))
    assert any("Host no longer protected" in c and "`wiki.example.com`" in c for c in said)


def test_a_private_destination_removed_raises_a_caution() -> None:
    private = {"type": "private", "hostname": "wiki.internal", "cidr": None, "uri": None}
    before = with_app(destinations=[*APP["destinations"], private])
    said = cautions(summarize(plan(update(APPLICATION, before, APP))))
    assert any("`wiki.internal` is no longer behind" in c for c in said)
