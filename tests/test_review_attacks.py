"""The plan summary against changes written to slip a widening past its reader.

Each plan is shaped as ``terraform show -json`` writes it for the provider named: the
Cloudflare provider's v4 resource names (``cloudflare_access_policy``,
``cloudflare_access_application``: rules as blocks of lists, ``everyone = true``,
``policies`` a list of ids) and its v5 application's inline ``policies``, Cognito users
and group memberships, policies reordered, a decision known only after apply.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from cognito_access.review import summarize
from tests.plans import REPLACE, attributes, cautions, plan, resource, update

V4_POLICY = "cloudflare_access_policy.contractors"
V4_APPLICATION = "cloudflare_access_application.billing"
APPLICATION = "cloudflare_zero_trust_access_application.billing"
POLICY = "cloudflare_zero_trust_access_policy.contractors"
DENY_ID = "3f2e1d0c-b9a8-4765-8432-10fedcba9876"
ALLOW_ID = "8a7b6c5d-4e3f-4a2b-9c1d-0e1f2a3b4c5d"


def v4_policy(decision: str, **include: Any) -> dict[str, Any]:  # noqa: ANN401 - JSON values
    """A v4 policy's values: one ``include`` block holding ``include``'s lists."""
    return {"decision": decision, "name": "Contractors", "precedence": 1, "include": [include]}


def inline(decision: str, *include: dict[str, Any], name: str = "staff") -> dict[str, Any]:
    """An inline entry of a v5 application's ``policies``: no id, its own rules."""
    return {
        "id": None,
        "name": name,
        "precedence": 1,
        "decision": decision,
        "include": list(include),
        "require": [],
        "exclude": [],
    }


def application(*policies: Any) -> dict[str, Any]:  # noqa: ANN401 - JSON values
    return {"domain": "billing.corp.example", "type": "self_hosted", "policies": list(policies)}


def titles(document: dict[str, Any]) -> list[str]:
    """Each caution's bold title, without the address."""
    return [text.split(" on `", 1)[0].removeprefix("**") for text in cautions(summarize(document))]


@pytest.mark.parametrize(
    ("before", "after", "title"),
    [
        (
            v4_policy("allow", email_domain=["corp.example"]),
            v4_policy("allow", email_domain=["corp.example"], everyone=True),
            "`everyone` included",
        ),
        (
            v4_policy("allow", email_domain=["corp.example"]),
            v4_policy("bypass", email_domain=["corp.example"]),
            "Sign-in bypassed",
        ),
        (
            v4_policy("deny", email=["mallory@corp.example"]),
            v4_policy("allow", email=["mallory@corp.example"]),
            "Decision changed from `deny` to `allow`",
        ),
    ],
    ids=["everyone", "bypass", "deny-to-allow"],
)
def test_a_v4_access_policy_widened_is_cautioned(
    before: dict[str, Any], after: dict[str, Any], title: str
) -> None:
    assert title in titles(plan(update(V4_POLICY, before, after)))


def test_a_v4_access_policy_reordered_is_cautioned() -> None:
    before = v4_policy("allow", email=["a@corp.example"])
    after = {**before, "precedence": 3}
    assert titles(plan(update(V4_POLICY, before, after))) == ["Policy order changed"]


def test_a_v4_application_moved_or_offering_a_new_login_method_is_cautioned() -> None:
    before = {"domain": "billing.corp.example", "allowed_idps": ["idp-1"]}
    after = {"domain": "billing2.corp.example", "allowed_idps": ["idp-1", "otp-2"]}
    assert titles(plan(update(V4_APPLICATION, before, after))) == [
        "Host no longer protected",
        "Login method added to `allowed_idps`",
    ]


def test_a_v4_application_destroyed_is_cautioned() -> None:
    document = plan(resource(V4_APPLICATION, ["delete"], {"before": {"domain": "b.example"}}))
    (text,) = cautions(summarize(document))
    assert text.startswith(f"**Destroying `{V4_APPLICATION}`:** The domain is no longer behind")


def test_a_v4_deny_policy_detached_by_id_is_cautioned() -> None:
    before = {"domain": "billing.corp.example", "policies": [DENY_ID, ALLOW_ID]}
    after = {"domain": "billing.corp.example", "policies": [ALLOW_ID]}
    deny = resource("cloudflare_access_policy.deny", ["no-op"])
    deny["change"]["before"] = deny["change"]["after"] = {"id": DENY_ID, "decision": "deny"}
    assert "`deny` policy detached" in titles(plan(update(V4_APPLICATION, before, after), deny))


def test_an_inline_policy_gaining_everyone_is_cautioned() -> None:
    before = application(inline("allow", {"email_domain": {"domain": "corp.example"}}))
    after = application(inline("allow", {"everyone": {}}))
    assert titles(plan(update(APPLICATION, before, after))) == ["`everyone` included"]


def test_a_created_application_with_an_inline_bypass_policy_is_cautioned() -> None:
    after = application(inline("bypass", {"ip": {"ip": "203.0.113.0/24"}}))
    document = plan(resource(APPLICATION, ["create"], {"after": after}))
    assert "Sign-in bypassed" in titles(document)


def test_an_inline_deny_policy_loosened_is_cautioned() -> None:
    mallory = {"email": {"email": "mallory@corp.example"}}
    before = application(inline("deny", mallory, {"geo": {"country_code": "KP"}}, name="block"))
    after = application(inline("deny", {"geo": {"country_code": "KP"}}, name="block"))
    assert titles(plan(update(APPLICATION, before, after))) == ["Email no longer denied"]


def test_an_inline_deny_policy_removed_is_cautioned() -> None:
    before = application(
        {"id": ALLOW_ID, "precedence": 2},
        inline("deny", {"email": {"email": "mallory@corp.example"}}, name="block"),
    )
    after = application({"id": ALLOW_ID, "precedence": 2})
    assert titles(plan(update(APPLICATION, before, after))) == ["Inline `deny` policy removed"]


def test_a_deny_policy_detached_while_an_inline_policy_is_added_is_cautioned() -> None:
    before = application({"id": DENY_ID, "precedence": 1, "decision": "deny"})
    after = application(inline("allow", {"email": {"email": "a@corp.example"}}, name="new"))
    assert "`deny` policy detached" in titles(plan(update(APPLICATION, before, after)))


def test_policies_swapped_in_precedence_are_cautioned() -> None:
    before = application({"id": DENY_ID, "precedence": 1}, {"id": ALLOW_ID, "precedence": 2})
    after = application({"id": DENY_ID, "precedence": 2}, {"id": ALLOW_ID, "precedence": 1})
    assert titles(plan(update(APPLICATION, before, after))) == ["Policy order changed"]


def test_policies_renumbered_in_the_same_order_are_not_cautioned() -> None:
    before = application({"id": DENY_ID, "precedence": 1}, {"id": ALLOW_ID, "precedence": 2})
    after = application({"id": DENY_ID, "precedence": 10}, {"id": ALLOW_ID, "precedence": 20})
    assert titles(plan(update(APPLICATION, before, after))) == []


def test_a_decision_known_only_after_apply_is_cautioned() -> None:
    rules: dict[str, Any] = {"include": [{"everyone": {}}]}
    change = {
        "before": {"decision": "deny", **rules},
        "after": {"decision": None, **rules},
        "after_unknown": {"decision": True},
    }
    document = plan(resource(POLICY, ["update"], change))
    assert titles(document) == ["Decision known only after apply"]


def test_a_cognito_user_created_is_cautioned() -> None:
    after = {"username": "mallory", "user_pool_id": "eu-west-1_Ab12Cd34E"}
    document = plan(resource("aws_cognito_user.extra", ["create"], {"after": after}))
    (text,) = cautions(summarize(document))
    assert text.startswith('**User added on `aws_cognito_user.extra`:** `"mallory"`')


def test_a_user_moved_into_another_group_is_cautioned() -> None:
    before = {"username": "mallory", "group_name": "readers", "user_pool_id": "eu-west-1_Ab"}
    after = {**before, "group_name": "admins"}
    document = plan(
        resource("aws_cognito_user_in_group.m", REPLACE, {"before": before, "after": after})
    )
    (text,) = cautions(summarize(document))
    assert 'the Cognito group `"admins"`' in text


FUNCTION = "aws_lambda_function.pre_token"
FUNCTION_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:pre-token"


def code_changed(address: str = FUNCTION) -> dict[str, Any]:
    values = {"arn": FUNCTION_ARN, "function_name": "pre-token", "handler": "index.handler"}
    return update(
        address,
        {**values, "source_code_hash": "aGFzaDE="},
        {**values, "source_code_hash": "aGFzaDI="},
    )


def with_pool_in_prior_state(document: dict[str, Any], trigger: str) -> dict[str, Any]:
    pool = {
        "address": "aws_cognito_user_pool.users",
        "mode": "managed",
        "type": "aws_cognito_user_pool",
        "name": "users",
        "values": {"lambda_config": [{"pre_token_generation": trigger, "kms_key_id": None}]},
    }
    document["prior_state"] = {
        "format_version": "1.0",
        "values": {"root_module": {"resources": [pool]}},
    }
    return document


def test_a_trigger_function_whose_code_changes_is_cautioned() -> None:
    document = with_pool_in_prior_state(plan(code_changed()), FUNCTION_ARN)
    assert titles(document) == ["User pool trigger's code changes"]


def test_a_trigger_function_referred_to_in_the_configuration_is_cautioned() -> None:
    document = plan(code_changed("module.auth.aws_lambda_function.pre_token"))
    lambda_config = [{"pre_token_generation": {"references": [f"{FUNCTION}.arn"]}}]
    pool = {
        "address": "aws_cognito_user_pool.users",
        "mode": "managed",
        "type": "aws_cognito_user_pool",
        "expressions": {"lambda_config": lambda_config},
    }
    document["configuration"] = {
        "root_module": {"module_calls": {"auth": {"module": {"resources": [pool]}}}}
    }
    assert titles(document) == ["User pool trigger's code changes"]


def test_another_function_whose_code_changes_is_not_cautioned() -> None:
    document = with_pool_in_prior_state(plan(code_changed()), FUNCTION_ARN + "-other")
    assert titles(document) == []


def test_a_role_trusted_by_another_account_is_cautioned() -> None:
    def role(principal: str) -> dict[str, Any]:
        statement = {"Effect": "Allow", "Principal": {"AWS": principal}, "Action": "sts:AssumeRole"}
        return {"name": "deploy", "assume_role_policy": json.dumps({"Statement": [statement]})}

    own, other = "arn:aws:iam::123456789012:root", "arn:aws:iam::210987654321:root"
    summary = summarize(plan(update("aws_iam_role.deploy", role(own), role(other))))
    (text,) = cautions(summary)
    assert text.startswith("**Role trusted by a new principal on `aws_iam_role.deploy`:**")
    assert other in text


def test_two_long_values_that_differ_past_the_cut_are_shown_different() -> None:
    head = "x" * 100
    summary = summarize(
        plan(update("aws_iam_role.deploy", {"path": head + "/a/"}, {"path": head + "/b/"}))
    )
    said = attributes(summary, "aws_iam_role.deploy")["path"]
    old, new = said.split(" → ")
    assert old != new
    assert "/a/" in old
    assert "/b/" in new


@pytest.mark.parametrize("char", ["\u202e", "\u200b", "\u2028", "\x1b"])
def test_invisible_characters_are_shown_escaped(char: str) -> None:
    value = f"corp{char}.example"
    before = {"decision": "allow", "include": []}
    after = {"decision": "allow", "include": [{"email_domain": {"domain": value}}]}
    summary = summarize(plan(update(POLICY, before, after)))
    assert char not in summary
    assert f"\\u{ord(char):04x}" in summary


@pytest.mark.parametrize("name", ["include", "require", "exclude"])
def test_a_policys_rules_known_only_after_apply_are_cautioned(name: str) -> None:
    before = {"decision": "allow", "include": [{"email": {"email": "a@corp.example"}}]}
    after = {**before, name: None}
    change = {"before": before, "after": after, "after_unknown": {name: True}}
    assert titles(plan(resource(POLICY, ["update"], change))) == [
        f"`{name}` known only after apply"
    ]


@pytest.mark.parametrize("name", ["allowed_idps", "policies"])
def test_an_applications_login_methods_or_policies_known_only_after_apply_are_cautioned(
    name: str,
) -> None:
    before = {"domain": "billing.corp.example", "allowed_idps": ["idp-1"], "policies": []}
    change = {"before": before, "after": {**before, name: None}, "after_unknown": {name: True}}
    assert titles(plan(resource(APPLICATION, ["update"], change))) == [
        f"`{name}` known only after apply"
    ]


def test_an_applications_domain_known_only_after_apply_is_cautioned() -> None:
    before = {"domain": "billing.corp.example"}
    change = {"before": before, "after": {"domain": None}, "after_unknown": {"domain": True}}
    assert titles(plan(resource(APPLICATION, ["update"], change))) == [
        "Hosts known only after apply"
    ]


def test_a_rule_whose_value_is_known_only_after_apply_is_a_new_rule() -> None:
    before = {"decision": "allow", "include": [{"email_domain": {"domain": "corp.example"}}]}
    after = {"decision": "allow", "include": [{"email_domain": {"domain": None}}]}
    unknown = {"include": [{"email_domain": {"domain": True}}]}
    change = {"before": before, "after": after, "after_unknown": unknown}
    (text,) = cautions(summarize(plan(resource(POLICY, ["update"], change))))
    assert "every user with an address at a value known only after apply" in text.lower()


def test_a_created_policy_including_a_group_known_only_after_apply_is_cautioned() -> None:
    after = {"decision": "allow", "include": [{"group": {"id": None}}]}
    change = {"after": after, "after_unknown": {"include": [{"group": {"id": True}}]}}
    assert titles(plan(resource(POLICY, ["create"], change))) == ["Access group added to `include`"]


@pytest.mark.parametrize(
    ("address", "before", "after", "marks"),
    [
        (
            POLICY,
            {"decision": "allow", "include": []},
            {"decision": "allow", "include": [{"email_domain": {"domain": "gmail.com"}}]},
            {"include": [{"email_domain": {"domain": True}}]},
        ),
        (POLICY, {"decision": "allow"}, {"decision": "bypass"}, {"decision": True}),
        (
            "cloudflare_access_application.billing",
            {"domain": "billing.corp.example"},
            {"domain": "billing2.corp.example"},
            {"domain": True},
        ),
        (
            "cloudflare_zero_trust_access_identity_provider.login",
            {"config": {"token_url": "https://acme.auth.eu-west-1.amazoncognito.com/t"}},
            {"config": {"token_url": "https://login.partner.example/t"}},
            {"config": {"token_url": True}},
        ),
        (
            "aws_cognito_user_pool_client.app",
            {"callback_urls": ["https://acme.cloudflareaccess.com/cdn-cgi/access/callback"]},
            {"callback_urls": ["https://login.partner.example/cb"]},
            {"callback_urls": [True]},
        ),
    ],
    ids=["rule", "decision", "domain", "token-url", "callback"],
)
def test_a_value_the_provider_never_marks_sensitive_but_the_configuration_does_is_cautioned(
    address: str, before: dict[str, Any], after: dict[str, Any], marks: dict[str, Any]
) -> None:
    change = {"before": before, "after": after, "after_sensitive": marks}
    said = cautions(summarize(plan(resource(address, ["update"], change))))
    assert any(" is hidden:** The provider never marks it sensitive" in text for text in said)


def test_a_secret_the_provider_marks_is_not_cautioned_as_hidden() -> None:
    secret = {"config": {"client_secret": "HUSH-0123456789"}}
    change = {
        "before": secret,
        "after": {"config": {"client_secret": "HUSH-9876543210"}},
        "before_sensitive": {"config": {"client_secret": True}},
        "after_sensitive": {"config": {"client_secret": True}},
    }
    document = plan(
        resource("cloudflare_zero_trust_access_identity_provider.login", ["update"], change)
    )
    assert not any(" is hidden:**" in text for text in cautions(summarize(document)))


@pytest.mark.parametrize("gate", ["approval_required", "purpose_justification_required"])
@pytest.mark.parametrize("off", [False, None], ids=["false", "removed"])
def test_a_policys_check_turned_off_is_cautioned(gate: str, off: bool | None) -> None:  # noqa: FBT001 - a parameter
    before = {"decision": "allow", "include": [{"email_domain": {"domain": "corp.example"}}]}
    document = plan(update(POLICY, {**before, gate: True}, {**before, gate: off}))
    assert titles(document) == [f"`{gate}` turned off"]


def test_a_policys_mfa_disabled_is_cautioned() -> None:
    before = {"decision": "allow", "mfa_config": {"mfa_disabled": False}}
    after = {"decision": "allow", "mfa_config": {"mfa_disabled": True}}
    assert titles(plan(update(POLICY, before, after))) == ["`mfa_config.mfa_disabled` set"]


def test_an_application_letting_options_requests_through_is_cautioned() -> None:
    before = {"domain": "billing.corp.example", "options_preflight_bypass": False}
    after = {**before, "options_preflight_bypass": True}
    assert titles(plan(update(APPLICATION, before, after))) == [
        "`options_preflight_bypass` turned on"
    ]


V4_GROUP = "cloudflare_access_group.staff"


def test_each_kind_a_v4_rule_block_gains_is_named_with_its_new_values_only() -> None:
    before = {"include": [{"email": ["a@corp.example"], "email_domain": [], "github": []}]}
    after = {
        "include": [
            {
                "email": ["a@corp.example", "m@partner.example"],
                "email_domain": ["gmail.com"],
                "github": [{"name": "partner-org", "teams": []}],
            }
        ]
    }
    said = cautions(summarize(plan(update(V4_GROUP, before, after))))
    assert [text.split(" on `")[0] for text in said] == [
        "**Email added to `include`",
        "**Email domain added to `include`",
        "**`github` rule added to `include`",
    ]
    assert '`["m@partner.example"]`' in said[0]
    assert "a@corp.example" not in said[0]
    assert '`["gmail.com"]`' in said[1]


def test_a_v4_ip_list_of_every_address_is_everyone() -> None:
    before = {"include": [{"ip": ["192.0.2.0/24"]}]}
    after = {"include": [{"ip": ["192.0.2.0/24", "0.0.0.0/0"]}]}
    assert titles(plan(update(V4_GROUP, before, after))) == ["Every IPv4 address included"]


def test_a_v4_rule_block_losing_an_item_only_adds_nothing() -> None:
    before = {"include": [{"email": ["a@corp.example", "b@corp.example"]}]}
    after = {"include": [{"email": ["a@corp.example"]}]}
    assert titles(plan(update(V4_GROUP, before, after))) == []


def test_an_identity_pool_created_with_guest_access_is_cautioned() -> None:
    after = {"identity_pool_name": "partners", "allow_unauthenticated_identities": True}
    document = plan(resource("aws_cognito_identity_pool.partners", ["create"], {"after": after}))
    assert titles(document) == ["Guest access"]


def test_an_identity_pool_giving_guests_a_role_is_cautioned() -> None:
    role = "arn:aws:iam::123456789012:role/guest"
    change = {"after": {"identity_pool_id": "eu-west-1:1", "roles": {"unauthenticated": role}}}
    document = plan(resource("aws_cognito_identity_pool_roles_attachment.r", ["create"], change))
    assert titles(document) == ["Guest access"]


def test_an_identity_pool_without_guest_access_is_not_cautioned() -> None:
    after = {"identity_pool_name": "staff", "allow_unauthenticated_identities": False}
    document = plan(resource("aws_cognito_identity_pool.staff", ["create"], {"after": after}))
    assert titles(document) == []


LOGIN = "cloudflare_zero_trust_access_identity_provider.partner"
HOSTED_UI = "https://acme-login.auth.eu-west-1.amazoncognito.com/oauth2"


def login_method(base: str) -> dict[str, Any]:
    return {
        "name": "Partner SSO",
        "type": "oidc",
        "config": {"auth_url": f"{base}/authorize", "token_url": f"{base}/token"},
    }


def test_a_login_method_created_on_another_host_is_cautioned() -> None:
    after = login_method("https://sso.partner.example/oauth2")
    (text,) = cautions(summarize(plan(resource(LOGIN, ["create"], {"after": after}))))
    assert text.startswith(f"**Login method added on `{LOGIN}`:**")
    assert "`sso.partner.example`" in text


def test_a_one_time_pin_login_method_created_is_cautioned() -> None:
    after = {"name": "PIN", "type": "onetimepin", "config": {}}
    (text,) = cautions(summarize(plan(resource(LOGIN, ["create"], {"after": after}))))
    assert 'of type `"onetimepin"`' in text


def test_a_login_method_created_on_cognito_s_hosted_ui_is_not_cautioned() -> None:
    after = login_method(HOSTED_UI)
    assert cautions(summarize(plan(resource(LOGIN, ["create"], {"after": after})))) == []


def test_a_login_method_created_on_the_plan_s_custom_domain_is_not_cautioned() -> None:
    domain = resource(
        "aws_cognito_user_pool_domain.login",
        ["create"],
        {"after": {"domain": "login.corp.example"}},
    )
    after = login_method("https://login.corp.example/oauth2")
    document = plan(domain, resource(LOGIN, ["create"], {"after": after}))
    assert cautions(summarize(document)) == []


@pytest.mark.parametrize("address", ["cloudflare_dns_record.billing", "cloudflare_record.billing"])
@pytest.mark.parametrize("off", [False, None], ids=["false", "removed"])
def test_a_dns_record_no_longer_proxied_is_cautioned(address: str, off: bool | None) -> None:  # noqa: FBT001 - a parameter
    before = {"name": "billing", "type": "CNAME", "content": "origin.corp.example", "proxied": True}
    document = plan(update(address, before, {**before, "proxied": off}))
    assert titles(document) == ["DNS record no longer proxied"]


def test_a_dns_record_still_proxied_is_not_cautioned() -> None:
    before = {"name": "billing", "type": "CNAME", "content": "origin.corp.example", "proxied": True}
    after = {**before, "content": "origin2.corp.example"}
    assert titles(plan(update("cloudflare_dns_record.billing", before, after))) == []


def test_a_cut_summary_names_the_kinds_of_the_cautions_it_leaves_out() -> None:
    users = [
        resource(f"aws_cognito_user.u{i}", ["create"], {"after": {"username": f"user{i}"}})
        for i in range(40)
    ]
    bypass = update(POLICY, {"decision": "allow"}, {"decision": "bypass"})
    summary = summarize(plan(*users, bypass), limit=3_000)
    last = summary.rstrip("\n").splitlines()[-1]
    assert "Sign-in bypassed" not in summary
    assert "`no-sign-in`" in last
    assert "`user-added`" in last


LONG_DOMAIN = "corp.example.sso-users-of-the-partner-company-group.partner.example"


@pytest.mark.parametrize(
    ("include", "shown"),
    [
        ({"email_domain": {"domain": LONG_DOMAIN}}, f'`"{LONG_DOMAIN}"`'),
        ({"email": {"email": f"mallory@{LONG_DOMAIN}"}}, f'`"mallory@{LONG_DOMAIN}"`'),
    ],
    ids=["domain", "email"],
)
def test_a_long_domain_is_shown_whole_in_a_caution(include: dict[str, Any], shown: str) -> None:
    before = {"decision": "allow", "include": []}
    after = {"decision": "allow", "include": [include]}
    (text,) = cautions(summarize(plan(update(POLICY, before, after))))
    assert shown in text


def test_a_v4_list_with_a_long_domain_is_shown_whole() -> None:
    before = {"include": [{"email_domain": ["corp.example"]}]}
    after = {"include": [{"email_domain": ["corp.example", "a.example", LONG_DOMAIN]}]}
    (text,) = cautions(summarize(plan(update(V4_GROUP, before, after))))
    assert f'`["a.example","{LONG_DOMAIN}"]`' in text


def test_a_client_created_with_a_scope_beyond_the_default_ones_is_cautioned() -> None:
    after = {"allowed_oauth_scopes": ["openid", "email", "aws.cognito.signin.user.admin"]}
    document = plan(resource("aws_cognito_user_pool_client.partner", ["create"], {"after": after}))
    (text,) = cautions(summarize(document))
    assert text.startswith("**Scopes widened on ")
    assert '`"aws.cognito.signin.user.admin"`' in text
    assert '`"email"`' not in text


def test_a_deny_policys_rules_known_only_after_apply_are_cautioned() -> None:
    before = {"decision": "deny", "include": [{"email": {"email": "mallory@corp.example"}}]}
    change = {
        "before": before,
        "after": {"decision": "deny", "include": None},
        "after_unknown": {"include": True},
    }
    assert titles(plan(resource(POLICY, ["update"], change))) == [
        "`deny` rules known only after apply"
    ]


def test_an_inline_policy_added_is_not_called_a_policy_whose_id_is_known_after_apply() -> None:
    before = application({"id": ALLOW_ID, "precedence": 1})
    after = application(
        {"id": ALLOW_ID, "precedence": 1},
        inline("allow", {"email": {"email": "a@corp.example"}}, name="extra"),
    )
    said = titles(plan(update(APPLICATION, before, after)))
    assert said == ["Email added to `include`"]
