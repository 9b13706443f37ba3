"""The plan summary's cautions for changes that widen who gets into an Access application.

Hand-written plans shaped as the Cloudflare provider (5.x) writes them: every rule of
``include``, ``require`` and ``exclude`` is an object holding each rule kind, all null
but one.
"""

from __future__ import annotations

from typing import Any

import pytest

from cognito_access.review import summarize
from tests.plans import SECRET, attributes, cautions, plan, resource, update

POLICY = "cloudflare_zero_trust_access_policy.Wiki_Policy_1A2B3C4D"
APPLICATION = "cloudflare_zero_trust_access_application.Wiki_Application_5E6F7A8B"
IDP_ID = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"
OTHER_IDP_ID = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"
POLICY_ID = "9d1e5b3a-2c4f-4e6a-8b7c-0d1e2f3a4b5c"
OTHER_POLICY_ID = "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"
# The rule kinds of the provider's schema (ZeroTrustAccessPolicyInclude's arguments).
RULE_KINDS = (
    "any_valid_service_token",
    "auth_context",
    "auth_method",
    "azure_ad",
    "certificate",
    "common_name",
    "device_posture",
    "email",
    "email_domain",
    "email_list",
    "everyone",
    "external_evaluation",
    "geo",
    "github_organization",
    "group",
    "gsuite",
    "ip",
    "ip_list",
    "linked_app_token",
    "login_method",
    "oidc",
    "okta",
    "saml",
    "service_token",
)


def rule(kind: str, **values: Any) -> dict[str, Any]:  # noqa: ANN401 - JSON values
    """One rule as the plan holds it: ``kind`` set to ``values``, every other kind null."""
    return {name: (dict(values) if name == kind else None) for name in RULE_KINDS}


def group(name: str, idp: str | None = IDP_ID) -> dict[str, Any]:
    return rule("oidc", claim_name="cognito:groups", claim_value=name, identity_provider_id=idp)


def login_method(idp: str | None = IDP_ID) -> dict[str, Any]:
    return rule("login_method", id=idp)


# What AccessApplication declares: allow by group and email, Cognito's login required.
POLICY_BEFORE: dict[str, Any] = {
    "account_id": "0123456789abcdef0123456789abcdef",
    "name": "wiki.example.com: allowed Cognito users",
    "decision": "allow",
    "include": [group("engineering"), rule("email", email="ana@partner.example")],
    "require": [login_method()],
    "exclude": None,
}
APPLICATION_BEFORE: dict[str, Any] = {
    "account_id": "0123456789abcdef0123456789abcdef",
    "name": "wiki.example.com",
    "type": "self_hosted",
    "domain": "wiki.example.com",
    "destinations": [{"type": "public", "uri": "wiki.example.com"}],
    "allowed_idps": [IDP_ID],
    "auto_redirect_to_identity": True,
    "policies": [{"id": POLICY_ID, "precedence": 1}],
}


def with_policy(**changes: Any) -> dict[str, Any]:  # noqa: ANN401 - JSON values
    return {**POLICY_BEFORE, **changes}


def with_application(**changes: Any) -> dict[str, Any]:  # noqa: ANN401 - JSON values
    return {**APPLICATION_BEFORE, **changes}


INCLUDED = POLICY_BEFORE["include"]
# Each change: the resource, its values before and after, and what its one caution says.
WIDENED: dict[str, tuple[str, dict[str, Any], dict[str, Any], tuple[str, ...]]] = {
    "a Cognito group included": (
        POLICY,
        POLICY_BEFORE,
        with_policy(include=[*INCLUDED, group("contractors")]),
        ("Group added to `include`", 'Cognito group `"contractors"` can now get in'),
    ),
    "an email included": (
        POLICY,
        POLICY_BEFORE,
        with_policy(include=[*INCLUDED, rule("email", email="bo@partner.example")]),
        ("Email added to `include`", '`"bo@partner.example"`'),
    ),
    "an email domain included": (
        POLICY,
        POLICY_BEFORE,
        with_policy(include=[*INCLUDED, rule("email_domain", domain="contractor.example")]),
        (
            "Email domain added to `include`",
            'Every user with an address at `"contractor.example"` can now get in',
        ),
    ),
    "another claim included": (
        POLICY,
        POLICY_BEFORE,
        with_policy(
            include=[
                *INCLUDED,
                rule(
                    "oidc",
                    claim_name="department",
                    claim_value="sales",
                    identity_provider_id=IDP_ID,
                ),
            ]
        ),
        ("Claim added to `include`", 'claim `"department"` holds `"sales"`'),
    ),
    "a group of another login method": (
        POLICY,
        POLICY_BEFORE,
        with_policy(include=[group("engineering", OTHER_IDP_ID), INCLUDED[1]]),
        ("Group added to `include`", '`"engineering"`'),
    ),
    "a country included": (
        POLICY,
        POLICY_BEFORE,
        with_policy(include=[*INCLUDED, rule("geo", country_code="PT")]),
        ("Country added to `include`", 'the country `"PT"`'),
    ),
    "an IP range included": (
        POLICY,
        POLICY_BEFORE,
        with_policy(include=[*INCLUDED, rule("ip", ip="203.0.113.0/24")]),
        ("IP range added to `include`", '`"203.0.113.0/24"`'),
    ),
    "any service token included": (
        POLICY,
        POLICY_BEFORE,
        with_policy(include=[*INCLUDED, rule("any_valid_service_token")]),
        ("Any service token added to `include`", "any service token of the account"),
    ),
    "a rule of another kind included": (
        POLICY,
        POLICY_BEFORE,
        with_policy(
            include=[
                *INCLUDED,
                rule("github_organization", name="acme", team=None, identity_provider_id="x"),
            ]
        ),
        (
            "`github_organization` rule added to `include`",
            '`{"name":"acme","identity_provider_id":"x"}` can now get in',
        ),
    ),
    "everyone included": (
        POLICY,
        POLICY_BEFORE,
        with_policy(include=[*INCLUDED, rule("everyone")]),
        ("`everyone` included", "no longer limits who gets in"),
    ),
    "every IPv4 address included": (
        POLICY,
        POLICY_BEFORE,
        with_policy(include=[*INCLUDED, rule("ip", ip="0.0.0.0/0")]),
        ("Every IPv4 address included",),
    ),
    "every IPv6 address included": (
        POLICY,
        POLICY_BEFORE,
        with_policy(include=[*INCLUDED, rule("ip", ip="::/0")]),
        ("Every IPv6 address included",),
    ),
    "the login method requirement removed": (
        POLICY,
        POLICY_BEFORE,
        with_policy(require=[]),
        ("`login_method` requirement removed", f'`"{IDP_ID}"`', "one-time PIN"),
    ),
    "the requirements removed altogether": (
        POLICY,
        POLICY_BEFORE,
        with_policy(require=None),
        ("`login_method` requirement removed",),
    ),
    "another login method required": (
        POLICY,
        POLICY_BEFORE,
        with_policy(require=[login_method(OTHER_IDP_ID)]),
        ("`login_method` requirement removed", f'`"{IDP_ID}"`'),
    ),
    "a country no longer required": (
        POLICY,
        with_policy(require=[login_method(), rule("geo", country_code="PT")]),
        POLICY_BEFORE,
        ("Country no longer required", 'no longer requires requests from the country `"PT"`'),
    ),
    "an exclusion removed": (
        POLICY,
        with_policy(exclude=[rule("email", email="eve@partner.example")]),
        POLICY_BEFORE,
        (
            "Email removed from `exclude`",
            'no longer keeps out the user with the address `"eve@partner.example"`',
        ),
    ),
    "decision bypass": (
        POLICY,
        POLICY_BEFORE,
        with_policy(decision="bypass"),
        ("Sign-in bypassed", "with no sign-in at all"),
    ),
    "decision non_identity": (
        POLICY,
        POLICY_BEFORE,
        with_policy(decision="non_identity"),
        ("Service Auth decision", "no user sign-in"),
    ),
    "decision deny to allow": (
        POLICY,
        with_policy(decision="deny"),
        POLICY_BEFORE,
        ("Decision changed from `deny` to `allow`",),
    ),
    "a login method offered": (
        APPLICATION,
        APPLICATION_BEFORE,
        with_application(allowed_idps=[IDP_ID, OTHER_IDP_ID]),
        ("Login method added to `allowed_idps`", f'`"{OTHER_IDP_ID}"`'),
    ),
    "the login methods emptied": (
        APPLICATION,
        APPLICATION_BEFORE,
        with_application(allowed_idps=[]),
        ("`allowed_idps` emptied", "every login method of the account"),
    ),
    "the login methods removed": (
        APPLICATION,
        APPLICATION_BEFORE,
        with_application(allowed_idps=None),
        ("`allowed_idps` emptied",),
    ),
    "a policy attached": (
        APPLICATION,
        APPLICATION_BEFORE,
        with_application(
            policies=[*APPLICATION_BEFORE["policies"], {"id": OTHER_POLICY_ID, "precedence": 2}]
        ),
        ("Policy attached", f'Users allowed by the policy `"{OTHER_POLICY_ID}"` can now reach'),
    ),
}


@pytest.mark.parametrize(
    ("address", "before", "after", "phrases"), WIDENED.values(), ids=WIDENED.keys()
)
def test_a_change_that_widens_who_gets_in_raises_one_caution(
    address: str, before: dict[str, Any], after: dict[str, Any], phrases: tuple[str, ...]
) -> None:
    (caution,) = cautions(summarize(plan(update(address, before, after))))
    assert caution.startswith("**")
    assert f" on `{address}`:**" in caution
    for phrase in phrases:
        assert phrase in caution


# Their opposites narrow who gets in (another login method required: cautioned both ways).
NARROWING = {key: value for key, value in WIDENED.items() if "another login method" not in key}


@pytest.mark.parametrize(
    ("address", "before", "after", "phrases"), NARROWING.values(), ids=NARROWING.keys()
)
def test_the_opposite_change_raises_no_caution(
    address: str, before: dict[str, Any], after: dict[str, Any], phrases: tuple[str, ...]
) -> None:
    del phrases
    assert cautions(summarize(plan(update(address, after, before)))) == []


def test_each_rule_added_raises_its_own_caution() -> None:
    added = [group("ops"), rule("email", email="bo@partner.example"), rule("everyone")]
    after = with_policy(include=[*INCLUDED, *added])
    said = cautions(summarize(plan(update(POLICY, POLICY_BEFORE, after))))
    assert [caution.split(" on ")[0] for caution in said] == [
        "**Group added to `include`",
        "**Email added to `include`",
        "**`everyone` included",
    ]


def test_everyone_no_longer_required_raises_no_caution() -> None:
    before = with_policy(require=[login_method(), rule("everyone")])
    assert cautions(summarize(plan(update(POLICY, before, POLICY_BEFORE)))) == []


def test_the_construct_s_own_application_raises_no_caution_when_created() -> None:
    created = resource(APPLICATION, ["create"], {"after": APPLICATION_BEFORE})
    assert cautions(summarize(plan(created))) == []


def test_a_created_policy_names_everyone_it_lets_in() -> None:
    """A new policy is compared with nothing: each rule it includes lets users in."""
    said = cautions(summarize(plan(resource(POLICY, ["create"], {"after": POLICY_BEFORE}))))
    assert [caution.split(" on ")[0] for caution in said] == [
        "**Group added to `include`",
        "**Email added to `include`",
    ]
    assert '`"engineering"`' in said[0]
    assert '`"ana@partner.example"`' in said[1]


@pytest.mark.parametrize(
    ("values", "title"),
    [
        (with_policy(include=[rule("everyone")]), "`everyone` included"),
        (with_policy(include=[rule("ip", ip="0.0.0.0/0")]), "Every IPv4 address included"),
        (with_policy(decision="bypass"), "Sign-in bypassed"),
        (with_policy(decision="non_identity"), "Service Auth decision"),
    ],
)
def test_a_policy_created_open_to_everyone_or_without_sign_in_raises_a_caution(
    values: dict[str, Any], title: str
) -> None:
    (caution,) = cautions(summarize(plan(resource(POLICY, ["create"], {"after": values}))))
    assert caution.startswith(f"**{title} on `{POLICY}`:**")


@pytest.mark.parametrize(
    "include",
    [[*INCLUDED, group("contractors")], [rule("everyone")]],
    ids=["a group", "everyone"],
)
def test_more_rules_in_a_deny_policy_raise_no_caution(include: list[dict[str, Any]]) -> None:
    before = with_policy(decision="deny")
    after = with_policy(decision="deny", include=include)
    assert cautions(summarize(plan(update(POLICY, before, after)))) == []
    created = resource(POLICY, ["create"], {"after": after})
    assert cautions(summarize(plan(created))) == []


def test_rules_that_name_a_replaced_identity_provider_raise_no_caution() -> None:
    """A new identity provider id is known only after apply: the rules are the same."""
    after = with_policy(
        include=[group("engineering", None), INCLUDED[1]], require=[login_method(None)]
    )
    unknown = {
        "include": [{"oidc": {"identity_provider_id": True}}, {}],
        "require": [{"login_method": {"id": True}}],
    }
    change = {"before": POLICY_BEFORE, "after": after, "after_unknown": unknown}
    assert cautions(summarize(plan(resource(POLICY, ["update"], change)))) == []


def test_a_policy_attached_whose_id_is_known_only_after_apply_raises_a_caution() -> None:
    policies = [*APPLICATION_BEFORE["policies"], {"id": None, "precedence": 2}]
    change = {
        "before": APPLICATION_BEFORE,
        "after": with_application(policies=policies),
        "after_unknown": {"policies": [{}, {"id": True}]},
    }
    (caution,) = cautions(summarize(plan(resource(APPLICATION, ["update"], change))))
    assert "a policy whose id is known only after apply" in caution


def test_the_login_methods_of_an_application_that_offered_them_all_are_not_widened() -> None:
    before = with_application(allowed_idps=[])
    assert cautions(summarize(plan(update(APPLICATION, before, APPLICATION_BEFORE)))) == []


@pytest.mark.parametrize(
    ("actions", "phrase"),
    [(["delete"], "no longer behind Cloudflare Access"), (["delete", "create"], "new `aud`")],
    ids=["destroy", "replace"],
)
def test_an_application_destroyed_or_replaced_raises_a_caution(
    actions: list[str], phrase: str
) -> None:
    (caution,) = cautions(summarize(plan(resource(APPLICATION, actions))))
    assert caution.startswith(f"**{'Destroying' if actions == ['delete'] else 'Replacing'} `")
    assert phrase in caution


def test_a_value_marked_sensitive_is_masked_in_a_caution() -> None:
    after = with_policy(include=[*INCLUDED, group(SECRET)])
    change = {
        "before": POLICY_BEFORE,
        "after": after,
        "after_sensitive": {"include": [{}, {}, {"oidc": {"claim_value": True}}]},
    }
    summary = summarize(plan(resource(POLICY, ["update"], change)))
    caution, hidden = cautions(summary)  # the provider marks no rule: the mark is cautioned
    assert "Cognito group a masked value" in caution
    assert hidden.startswith("**`include[2].oidc.claim_value` of ")
    assert SECRET not in summary


def test_a_known_secret_copied_into_a_rule_is_masked_in_a_caution() -> None:
    client = update(
        "aws_cognito_user_pool_client.app", {"client_secret": SECRET}, {"client_secret": SECRET}
    )
    policy = update(
        POLICY,
        POLICY_BEFORE,
        with_policy(include=[*INCLUDED, rule("email", email=f"{SECRET}@partner.example")]),
    )
    summary = summarize(plan(client, policy))
    added, copied = cautions(summary)
    assert "the address a masked value" in added
    assert copied.startswith("**A secret is copied into `include[2].email.email` of `")
    assert SECRET not in summary


# Access groups widen like policies: a policy that names a group lets its members in.
GROUPS = ["cloudflare_zero_trust_access_group.Staff_1A2B", "cloudflare_access_group.staff"]
GROUP_CASES = {
    key: value
    for key, value in WIDENED.items()
    if value[0] == POLICY and "decision" not in key and "required" not in key
}


@pytest.mark.parametrize("address", GROUPS)
@pytest.mark.parametrize(
    ("before", "after", "phrases"),
    [value[1:] for value in GROUP_CASES.values()],
    ids=GROUP_CASES.keys(),
)
def test_an_access_group_widened_raises_one_caution(
    address: str, before: dict[str, Any], after: dict[str, Any], phrases: tuple[str, ...]
) -> None:
    drop = {"decision"}
    old = {key: value for key, value in before.items() if key not in drop}
    new = {key: value for key, value in after.items() if key not in drop}
    (caution,) = cautions(summarize(plan(update(address, old, new))))
    assert f" on `{address}`:**" in caution
    for phrase in phrases:
        assert phrase.replace("matches the policy", "matches the group") in caution


@pytest.mark.parametrize("address", GROUPS)
def test_an_access_group_gaining_everyone_raises_a_caution(address: str) -> None:
    before = {"name": "staff", "include": [rule("email_domain", domain="example.com")]}
    after = {"name": "staff", "include": [*before["include"], rule("everyone")]}
    (caution,) = cautions(summarize(plan(update(address, before, after))))
    assert caution.startswith(f"**`everyone` included on `{address}`:**")
    assert "matches the group" in caution


@pytest.mark.parametrize("domain", ["gmail.com", "outlook.com", "proton.me"])
def test_a_new_policy_allowing_an_email_domain_raises_a_caution(domain: str) -> None:
    values = with_policy(include=[rule("email_domain", domain=domain)])
    (caution,) = cautions(summarize(plan(resource(POLICY, ["create"], {"after": values}))))
    assert caution.startswith(f"**Email domain added to `include` on `{POLICY}`:**")
    assert f'`"{domain}"`' in caution


@pytest.mark.parametrize("count", [1, 2])
def test_login_methods_whose_ids_are_known_only_after_apply_are_new_login_methods(
    count: int,
) -> None:
    after = with_application(allowed_idps=[IDP_ID, *[None] * count])
    change = {
        "before": APPLICATION_BEFORE,
        "after": after,
        "after_unknown": {"allowed_idps": [False, *[True] * count]},
    }
    (caution,) = cautions(summarize(plan(resource(APPLICATION, ["update"], change))))
    assert caution.startswith(f"**Login method added to `allowed_idps` on `{APPLICATION}`:**")
    assert "known only after apply" in caution


def test_a_login_method_replaced_whose_new_id_is_unknown_is_no_new_login_method() -> None:
    change = {
        "before": APPLICATION_BEFORE,
        "after": with_application(allowed_idps=[None]),
        "after_unknown": {"allowed_idps": [True]},
    }
    assert cautions(summarize(plan(resource(APPLICATION, ["update"], change)))) == []


# Rules written as empty objects: their name says what they match.
EMPTY_KINDS = ["everyone", "any_valid_service_token", "certificate", "auth_context"]


@pytest.mark.parametrize("kind", EMPTY_KINDS)
def test_an_empty_object_rule_is_listed_by_its_name(kind: str) -> None:
    after = with_policy(include=[*INCLUDED, rule(kind)])
    said = attributes(summarize(plan(update(POLICY, POLICY_BEFORE, after))), POLICY)
    assert said[f"include[2].{kind}"] == "`null` → `{}`"


@pytest.mark.parametrize("kind", EMPTY_KINDS)
def test_an_empty_object_rule_is_named_in_its_caution(kind: str) -> None:
    after = with_policy(include=[*INCLUDED, rule(kind)])
    (caution,) = cautions(summarize(plan(update(POLICY, POLICY_BEFORE, after))))
    title = caution.split(" on `")[0]
    assert title in {
        "**`everyone` included",
        "**Any service token added to `include`",
        "**Any certificate added to `include`",
        f"**`{kind}` rule added to `include`",
    }
    assert "`{}`" not in caution
    assert "(sensitive" not in caution


def test_a_created_policy_s_empty_object_rule_is_listed_not_masked() -> None:
    values = with_policy(include=[rule("any_valid_service_token")])
    summary = summarize(plan(resource(POLICY, ["create"], {"after": values})))
    said = attributes(summary, POLICY)["include[0].any_valid_service_token"]
    assert said == "`{}`"


@pytest.mark.parametrize("token_id", ["4c5d6e7f-8091-4a2b-bc3d-4e5f60718293", "svc-ci"])
def test_a_service_token_rule_s_id_is_shown_not_masked(token_id: str) -> None:
    after = with_policy(include=[*INCLUDED, rule("service_token", token_id=token_id)])
    summary = summarize(plan(update(POLICY, POLICY_BEFORE, after)))
    (caution,) = cautions(summary)
    assert caution.startswith(f"**Service token added to `include` on `{POLICY}`:**")
    assert f'the service token `"{token_id}"`' in caution
    said = attributes(summary, POLICY)["include[2].service_token.token_id"]
    assert said == f'`null` → `"{token_id}"`'
