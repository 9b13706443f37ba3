"""The Access application and its policy: what they declare, how they are wired, what is refused."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from cognito_access import AccessApplication, CognitoAccessIdentityProvider
from tests.framework import (
    CloudflareProvider,
    CognitoUserGroup,
    CognitoUserPool,
    TerraformOutput,
    TerraformStack,
    TerraformVariable,
    Testing,
)
from tests.support import EXAMPLE, Items, only, synth_stack

if TYPE_CHECKING:
    from collections.abc import Sequence

APP = "cloudflare_zero_trust_access_application"
POLICY = "cloudflare_zero_trust_access_policy"
IDP = "cloudflare_zero_trust_access_identity_provider"
GROUP = "aws_cognito_user_group"


def address(synth: dict[str, Any], resource_type: str) -> str:
    """The Terraform address of the only resource of ``resource_type``."""
    (name,) = synth["resource"][resource_type]
    return f"{resource_type}.{name}"


def reference(synth: dict[str, Any], resource_type: str, attribute: str) -> str:
    """How the synthesized JSON writes a reference to the only ``resource_type``'s attribute."""
    return f"${{{address(synth, resource_type)}.{attribute}}}"


def protect(stack: TerraformStack) -> AccessApplication:
    """The application a team would write: a declared group, a group by name, one of each list."""
    pool = CognitoUserPool(stack, "Pool", name="staff")
    engineering = CognitoUserGroup(stack, "Engineering", name="engineering", user_pool_id=pool.id)
    sso = CognitoAccessIdentityProvider(stack, "Sso", **{**EXAMPLE, "user_pool_id": pool.id})
    app = AccessApplication(
        stack,
        "Wiki",
        idp=sso,
        domain="wiki.example.com/docs",
        allowed_groups=[engineering, "on-call"],
        allowed_emails=["ana@partner.example"],
        allowed_email_domains=["contractor.example"],
    )
    TerraformOutput(stack, "application_id", value=app.application_id)
    TerraformOutput(stack, "aud", value=app.aud)
    return app


@pytest.fixture(scope="module")
def synth() -> dict[str, Any]:
    return synth_stack(protect)


@pytest.fixture(scope="module")
def application(synth: dict[str, Any]) -> dict[str, Any]:
    resource: dict[str, Any] = only(synth["resource"][APP])
    return resource


@pytest.fixture(scope="module")
def policy(synth: dict[str, Any]) -> dict[str, Any]:
    resource: dict[str, Any] = only(synth["resource"][POLICY])
    return resource


def test_the_application_is_self_hosted_on_the_domain_as_a_public_destination(
    application: dict[str, Any],
) -> None:
    assert application["type"] == "self_hosted"
    assert application["domain"] == "wiki.example.com/docs"
    assert application["destinations"] == [{"type": "public", "uri": "wiki.example.com/docs"}]


def test_the_application_does_not_use_the_deprecated_self_hosted_domains(
    application: dict[str, Any],
) -> None:
    assert "self_hosted_domains" not in application


def test_the_application_offers_only_the_cognito_login_method_by_reference(
    synth: dict[str, Any], application: dict[str, Any]
) -> None:
    assert application["allowed_idps"] == [reference(synth, IDP, "id")]


def test_the_application_and_policy_are_in_the_identity_providers_account(
    application: dict[str, Any], policy: dict[str, Any]
) -> None:
    assert application["account_id"] == EXAMPLE["cloudflare_account_id"]
    assert policy["account_id"] == EXAMPLE["cloudflare_account_id"]


def test_by_default_users_go_straight_to_cognito_for_a_day_and_see_the_app_in_the_launcher(
    application: dict[str, Any],
) -> None:
    assert application["auto_redirect_to_identity"] is True
    assert application["app_launcher_visible"] is True
    assert application["session_duration"] == "24h"


def test_redirect_launcher_session_and_name_can_be_chosen() -> None:
    def build(stack: TerraformStack) -> None:
        sso = CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE)
        AccessApplication(
            stack,
            "App",
            idp=sso,
            domain="app.example.com",
            allowed_emails=["ana@example.com"],
            name="Payroll",
            session_duration="2h45m",
            auto_redirect=False,
            app_launcher_visible=False,
        )

    application = only(synth_stack(build)["resource"][APP])
    assert application["auto_redirect_to_identity"] is False
    assert application["app_launcher_visible"] is False
    assert application["session_duration"] == "2h45m"
    assert application["name"] == "Payroll"


def test_the_application_is_named_after_its_domain_by_default(
    application: dict[str, Any],
) -> None:
    assert application["name"] == "wiki.example.com/docs"


def test_the_policy_is_attached_to_the_application_by_reference_first(
    synth: dict[str, Any], application: dict[str, Any]
) -> None:
    assert application["policies"] == [{"id": reference(synth, POLICY, "id"), "precedence": 1}]


def test_the_policy_is_reusable_and_allows(policy: dict[str, Any]) -> None:
    assert policy["decision"] == "allow"
    assert "application_id" not in policy


def test_a_declared_groups_name_flows_by_reference(
    synth: dict[str, Any], policy: dict[str, Any]
) -> None:
    assert policy["include"][0]["oidc"]["claim_value"] == reference(synth, GROUP, "name")


def test_a_group_given_by_name_is_matched_by_that_name(policy: dict[str, Any]) -> None:
    assert policy["include"][1]["oidc"]["claim_value"] == "on-call"


def test_every_group_rule_reads_the_groups_claim_of_the_cognito_login_method(
    synth: dict[str, Any], policy: dict[str, Any]
) -> None:
    rules = [rule["oidc"] for rule in policy["include"] if "oidc" in rule]
    assert len(rules) == 2
    for rule in rules:
        assert rule["claim_name"] == "cognito:groups"
        assert rule["identity_provider_id"] == reference(synth, IDP, "id")


def test_each_email_and_email_domain_is_its_own_include_rule(policy: dict[str, Any]) -> None:
    assert policy["include"][2:] == [
        {"email": {"email": "ana@partner.example"}},
        {"email_domain": {"domain": "contractor.example"}},
    ]


def test_the_policy_requires_the_cognito_login_method_by_reference(
    synth: dict[str, Any], policy: dict[str, Any]
) -> None:
    assert policy["require"] == [{"login_method": {"id": reference(synth, IDP, "id")}}]


def test_the_policy_includes_nobody_else(policy: dict[str, Any]) -> None:
    assert [next(iter(rule)) for rule in policy["include"]] == [
        "oidc",
        "oidc",
        "email",
        "email_domain",
    ]
    assert "exclude" not in policy


def test_the_application_id_and_aud_are_references(synth: dict[str, Any]) -> None:
    assert synth["output"]["application_id"]["value"] == reference(synth, APP, "id")
    assert synth["output"]["aud"]["value"] == reference(synth, APP, "aud")


def test_the_child_ids_are_fixed() -> None:
    app = protect(TerraformStack(Testing.app(), "test"))
    assert (app.application.node.id, app.policy.node.id) == ("Application", "Policy")


def test_an_id_already_taken_in_the_scope_is_a_value_error_naming_id() -> None:
    stack = TerraformStack(Testing.app(), "test")
    sso = CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE)
    valid: dict[str, Any] = {
        "idp": sso,
        "domain": "wiki.example.com",
        "allowed_emails": ["a@b.example"],
    }
    AccessApplication(stack, "Wiki", **valid)
    with pytest.raises(ValueError, match=r"^id_ must be unique in its scope.*; got 'Wiki'"):
        AccessApplication(stack, "Wiki", **valid)


def test_the_resources_use_the_identity_providers_cloudflare_provider() -> None:
    def build(stack: TerraformStack) -> None:
        aliased = CloudflareProvider(stack, "other", alias="other")
        sso = CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE, cloudflare_provider=aliased)
        AccessApplication(stack, "App", idp=sso, domain="a.example.com", allowed_groups=["g"])

    synth = synth_stack(build)
    assert only(synth["resource"][APP])["provider"] == "cloudflare.other"
    assert only(synth["resource"][POLICY])["provider"] == "cloudflare.other"


def test_the_identity_provider_tells_its_claims_scopes_and_account() -> None:
    sso = CognitoAccessIdentityProvider(
        TerraformStack(Testing.app(), "test"),
        "Sso",
        **EXAMPLE,
        claims=["sub", "cognito:groups"],
        scopes=["openid", "email"],
    )
    assert sso.claims == ["sub", "cognito:groups"]
    assert sso.scopes == ["openid", "email"]
    assert sso.cloudflare_account_id == EXAMPLE["cloudflare_account_id"]


# Valid inputs; each case below changes one.
VALID: dict[str, Any] = {
    "domain": "app.example.com",
    "allowed_groups": ["engineering"],
    "allowed_emails": ["ana@example.com"],
    "allowed_email_domains": ["example.com"],
}


def declare(
    stack: TerraformStack,
    claims: Sequence[str] | None = None,
    read_attributes: Sequence[str] | None = None,
    **changes: Any,  # noqa: ANN401 - each case changes inputs of different types
) -> AccessApplication:
    """The identity provider and an application with ``changes`` to the valid inputs.

    ``claims`` and ``read_attributes``, when given, are the identity provider's.
    """
    extra: dict[str, Any] = {} if claims is None else {"claims": claims}
    if read_attributes is not None:
        extra["read_attributes"] = read_attributes
    sso = CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE, **extra)
    return AccessApplication(stack, "App", **{"idp": sso, **VALID, **changes})


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"domain": "https://app.example.com"}, r"domain must be a hostname .*'https://app"),
        ({"domain": "app.example.com:8443"}, "domain must be a hostname"),
        ({"domain": "app"}, "domain must be a hostname"),
        ({"domain": ""}, "domain must be a hostname"),
        ({"domain": "app.example.com/a b"}, "domain must be a hostname"),
        ({"domain": "app.example.com?x=1"}, "domain must be a hostname"),
        ({"domain": "-app.example.com"}, "domain must be a hostname"),
        ({"domain": "10.0.0.1"}, "domain must be a hostname"),
        # The Kelvin sign lower-cases to an ASCII "k": a host name is ASCII before any case.
        ({"domain": "\u212aapp.example.com"}, "domain must be a hostname"),
        (
            {"allowed_groups": [], "allowed_emails": [], "allowed_email_domains": []},
            "at least one of allowed_groups, allowed_emails or allowed_email_domains",
        ),
        ({"allowed_groups": ["ops", "ops"]}, "allowed_groups must not repeat a value.*'ops'"),
        ({"allowed_emails": ["a@x.example", "A@X.example"]}, "allowed_emails must not repeat"),
        ({"allowed_email_domains": ["x.example", "X.EXAMPLE"]}, "allowed_email_domains must not"),
        ({"allowed_groups": [""]}, "allowed_groups must hold Cognito group names.*got ''"),
        ({"allowed_groups": ["site reliability"]}, r"Cognito group names.*found ' '"),
        ({"allowed_groups": ["tab\there"]}, "Cognito group names"),
        ({"allowed_groups": ["g" * 129]}, "1-128"),
        ({"allowed_emails": ["ana"]}, "allowed_emails must hold email addresses.*'ana'"),
        ({"allowed_emails": ["ana@"]}, "allowed_emails must hold email addresses"),
        ({"allowed_emails": ["ana@@example.com"]}, "allowed_emails must hold email addresses"),
        ({"allowed_emails": ["ana smith@example.com"]}, "allowed_emails must hold email"),
        ({"allowed_emails": ["ana@localhost"]}, "allowed_emails must hold email addresses"),
        ({"allowed_emails": ["ana@\u212aexample.com"]}, "allowed_emails must hold email"),
        ({"allowed_email_domains": ["@example.com"]}, "allowed_email_domains must hold hostnames"),
        ({"allowed_email_domains": ["https://example.com"]}, "allowed_email_domains must hold"),
        ({"allowed_email_domains": ["example"]}, "allowed_email_domains must hold hostnames"),
        ({"allowed_email_domains": ["\u212aexample.com"]}, "allowed_email_domains must hold"),
        ({"session_duration": "24"}, "session_duration must be .*got '24'"),
        ({"session_duration": "1d"}, "session_duration must be"),
        ({"session_duration": "-1h"}, "session_duration must be"),
        ({"session_duration": "h"}, "session_duration must be"),
        ({"session_duration": ""}, "session_duration must be"),
        ({"session_duration": "24 h"}, "session_duration must be"),
        ({"name": " "}, "name must not be empty or blank"),
    ],
)
def test_malformed_input_is_refused_naming_the_parameter(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        declare(TerraformStack(Testing.app(), "test"), **changes)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"allowed_groups": "engineering"}, "allowed_groups must be a sequence .*, not one string"),
        ({"allowed_emails": "ana@example.com"}, "allowed_emails must be a sequence"),
        ({"allowed_emails": [1]}, "allowed_emails must hold only strings; got int 1"),
        ({"allowed_groups": [None]}, "allowed_groups must hold only group names .*got NoneType"),
        ({"allowed_email_domains": None}, "allowed_email_domains must be a sequence"),
        ({"domain": 5}, "domain must be a str; got int 5"),
        ({"name": 3}, "name must be a str; got int 3"),
        ({"session_duration": 24}, "session_duration must be a str; got int 24"),
        ({"auto_redirect": 1}, r"auto_redirect must be a bool \(True or False\); got int 1"),
        ({"app_launcher_visible": "yes"}, "app_launcher_visible must be a bool"),
        ({"idp": None}, "idp must be a CognitoAccessIdentityProvider; got NoneType None"),
    ],
)
def test_a_value_of_the_wrong_type_is_a_type_error_naming_the_parameter(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(TypeError, match=message):
        declare(TerraformStack(Testing.app(), "test"), **changes)


def test_any_sequence_is_accepted_where_a_sequence_is_meant() -> None:
    stack = TerraformStack(Testing.app(), "test")
    declare(stack, allowed_emails=Items(["ana@example.com"]), allowed_groups=Items([]))
    policy = only(json.loads(Testing.synth(stack))["resource"][POLICY])
    assert [rule["email"]["email"] for rule in policy["include"] if "email" in rule] == [
        "ana@example.com"
    ]


def inputs_in(synth: dict[str, Any]) -> dict[str, Any]:
    """The application's inputs as the synthesized application and policy carry them."""
    application, include = only(synth["resource"][APP]), only(synth["resource"][POLICY])["include"]
    return {
        "domain": application["domain"],
        "allowed_groups": [rule["oidc"]["claim_value"] for rule in include if "oidc" in rule],
        "allowed_emails": [rule["email"]["email"] for rule in include if "email" in rule],
        "allowed_email_domains": [
            rule["email_domain"]["domain"] for rule in include if "email_domain" in rule
        ],
        "session_duration": application["session_duration"],
    }


@pytest.mark.parametrize(
    "changes",
    [
        {"domain": "app.example.com/admin"},
        {"domain": "app.example.com/"},
        {"domain": "*.example.com"},
        {"domain": "xn--bcher-kva.example"},
        {
            "allowed_groups": [
                "Ingenier\u00eda",
                "ops/on-call",
                "g" * 128,
                "\u7ba1\u7406\u8005",
                "ops:eu",
            ]
        },
        {"allowed_groups": ["ops", "Ops"]},
        {"allowed_emails": ["first.last+tag@mail.example.co.uk"]},
        {"session_duration": "2h45m"},
        {"session_duration": "300ms"},
        {"session_duration": "1.5h"},
        {"session_duration": "90us"},
        {"session_duration": "90\u00b5s"},
        {"allowed_groups": [], "allowed_email_domains": []},
        {"allowed_groups": [], "allowed_emails": []},
        {"allowed_emails": [], "allowed_email_domains": []},
    ],
)
def test_well_formed_input_is_accepted_and_arrives(changes: dict[str, Any]) -> None:
    synth = synth_stack(lambda stack: declare(stack, **changes))
    assert inputs_in(synth) == {**VALID, "session_duration": "24h", **changes}


def test_groups_need_the_groups_claim_on_the_login_method() -> None:
    with pytest.raises(ValueError, match=r"allowed_groups needs .*'cognito:groups'.*\['sub'\]"):
        declare(TerraformStack(Testing.app(), "test"), claims=["sub"])


def test_emails_alone_do_not_need_the_groups_claim() -> None:
    synth = synth_stack(lambda stack: declare(stack, claims=["sub"], allowed_groups=[]))
    assert inputs_in(synth)["allowed_groups"] == []
    assert inputs_in(synth)["allowed_emails"] == VALID["allowed_emails"]


def test_a_claim_that_is_a_token_may_be_the_groups_claim() -> None:
    def build(stack: TerraformStack) -> None:
        claim = TerraformVariable(stack, "claim", type="string").string_value
        declare(stack, claims=["sub", claim])

    synth = synth_stack(build)
    assert inputs_in(synth)["allowed_groups"] == VALID["allowed_groups"]
    assert only(synth["resource"][IDP])["config"]["claims"] == ["sub", "${var.claim}"]


@pytest.mark.parametrize("parameter", ["allowed_groups", "allowed_emails", "allowed_email_domains"])
def test_a_whole_list_by_reference_is_refused(parameter: str) -> None:
    """Each item becomes its own rule, so the number of items must be known at synthesis."""
    stack = TerraformStack(Testing.app(), "test")
    whole_list = TerraformVariable(stack, "list", type="list(string)").list_value
    with pytest.raises(ValueError, match=f"{parameter} must be a list written in the stack"):
        declare(stack, **{parameter: whole_list})


def test_the_same_declared_group_twice_is_refused() -> None:
    stack = TerraformStack(Testing.app(), "test")
    group = CognitoUserGroup(stack, "Ops", name="ops", user_pool_id="eu-west-1_AbC123")
    with pytest.raises(ValueError, match="allowed_groups must not repeat a value"):
        declare(stack, allowed_groups=[group, group])


def test_a_refused_input_declares_nothing() -> None:
    stack = TerraformStack(Testing.app(), "test")
    with pytest.raises(ValueError, match="session_duration"):
        declare(stack, session_duration="forever")
    assert [child.node.id for child in stack.node.children] == ["Sso"]


def test_tokens_are_left_to_terraform() -> None:
    def build(stack: TerraformStack) -> None:
        def var(name: str) -> str:
            return TerraformVariable(stack, name, type="string").string_value

        def var_list(name: str) -> Any:  # noqa: ANN401 - a list token is typed list[str] by cdktf
            return TerraformVariable(stack, name, type="list(string)").list_value

        declare(
            stack,
            claims=var_list("claims"),
            read_attributes=["email", "name"],  # required beside a whole-list claims
            domain=var("domain"),
            allowed_groups=[var("group")],
            allowed_emails=[var("email")],
            allowed_email_domains=[var("email_domain")],
            session_duration=var("session"),
            name=var("name"),
        )

    synth = synth_stack(build)
    assert inputs_in(synth) == {
        "domain": "${var.domain}",
        "allowed_groups": ["${var.group}"],
        "allowed_emails": ["${var.email}"],
        "allowed_email_domains": ["${var.email_domain}"],
        "session_duration": "${var.session}",
    }
    assert only(synth["resource"][APP])["name"] == "${var.name}"
    assert only(synth["resource"][IDP])["config"]["claims"] == "${var.claims}"


# --- Email rules and the pool they trust (issue 18, finding 4) -----------------------------------


def _warnings(**rules: Any) -> list[str]:  # noqa: ANN401 - the construct's keyword rules
    """The warning annotations AccessApplication adds for ``rules``."""
    stack = TerraformStack(Testing.app(), "test")
    idp = CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE)
    app = AccessApplication(stack, "App", idp=idp, domain="wiki.example.com", **rules)
    return [
        str(entry.data)
        for entry in app.node.metadata
        if entry.type.endswith("/warn") and isinstance(entry.data, str)
    ]


@pytest.mark.parametrize(
    "rules",
    [{"allowed_emails": ["ann@example.com"]}, {"allowed_email_domains": ["example.com"]}],
    ids=["emails", "email-domains"],
)
def test_email_rules_warn_what_the_pool_must_guarantee(rules: dict[str, Any]) -> None:
    (warning,) = _warnings(**rules)
    assert "attributes_require_verification_before_update" in warning
    assert "aws.cognito.signin.user.admin" in warning


def test_group_rules_alone_do_not_warn_about_emails() -> None:
    assert _warnings(allowed_groups=["eng"]) == []
