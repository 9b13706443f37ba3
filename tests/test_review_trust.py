"""Cautions for who else may sign users in and what runs when they do (``review/_trust``).

Hand-written plans shaped as ``terraform show -json`` writes them for the AWS provider:
``lambda_config`` is a block (a list of one object), ``supported_identity_providers``
and ``write_attributes`` are sets (lists), ``assume_role_policy`` is JSON text.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from cognito_access.review import summarize
from tests.plans import CLIENT_ADDRESS, cautions, plan, resource, update

POOL = "aws_cognito_user_pool.Pool_1A2B3C4D"
FEDERATED = "aws_cognito_identity_provider.Partner_5E6F7A8B"
ROLE = "aws_iam_role.Deploy_9C0D1E2F"
FUNCTION = "arn:aws:lambda:eu-west-1:123456789012:function:{}"
CLIENT_BEFORE: dict[str, Any] = {
    "supported_identity_providers": ["COGNITO"],
    "write_attributes": [],
    "lambda_config": [],
}
POOL_BEFORE: dict[str, Any] = {"name": "users", "lambda_config": []}


def titles(document: dict[str, Any]) -> list[str]:
    return [caution.split(" on `")[0] for caution in cautions(summarize(document))]


@pytest.mark.parametrize(
    "trigger",
    [
        {"pre_token_generation": FUNCTION.format("claims")},
        {"post_authentication": FUNCTION.format("audit")},
        {
            "pre_token_generation_config": [
                {"lambda_arn": FUNCTION.format("v2"), "lambda_version": "V2_0"}
            ]
        },
        {
            "custom_email_sender": [
                {"lambda_arn": FUNCTION.format("mail"), "lambda_version": "V1_0"}
            ]
        },
    ],
    ids=["pre_token_generation", "post_authentication", "a trigger block", "a sender block"],
)
@pytest.mark.parametrize("address", [POOL, CLIENT_ADDRESS])
def test_a_lambda_trigger_set_raises_a_caution_naming_it(
    address: str, trigger: dict[str, Any]
) -> None:
    (name,) = trigger
    after = {**POOL_BEFORE, "lambda_config": [{**dict.fromkeys(["pre_sign_up"]), **trigger}]}
    (caution,) = cautions(summarize(plan(update(address, POOL_BEFORE, after))))
    assert caution.startswith(f"**Lambda trigger `{name}` set on `{address}`:**")
    assert ":function:" in caution


def test_a_trigger_pointed_at_another_function_raises_a_caution() -> None:
    before = {**POOL_BEFORE, "lambda_config": [{"pre_token_generation": FUNCTION.format("a")}]}
    after = {**POOL_BEFORE, "lambda_config": [{"pre_token_generation": FUNCTION.format("b")}]}
    (caution,) = cautions(summarize(plan(update(POOL, before, after))))
    assert FUNCTION.format("b") in caution


def test_a_pool_created_with_a_trigger_raises_a_caution() -> None:
    after = {**POOL_BEFORE, "lambda_config": [{"pre_authentication": FUNCTION.format("x")}]}
    assert titles(plan(resource(POOL, ["create"], {"after": after}))) == [
        "**Lambda trigger `pre_authentication` set"
    ]


def test_a_trigger_removed_or_a_kms_key_set_raises_no_caution() -> None:
    before = {**POOL_BEFORE, "lambda_config": [{"pre_token_generation": FUNCTION.format("a")}]}
    after = {**POOL_BEFORE, "lambda_config": [{"kms_key_id": "arn:aws:kms:eu-west-1:1:key/k"}]}
    assert cautions(summarize(plan(update(POOL, before, after)))) == []


@pytest.mark.parametrize("provider", ["Google", "SignInWithApple", "PartnerSAML", "okta-oidc"])
@pytest.mark.parametrize("created", [False, True], ids=["updated", "created"])
def test_a_federated_provider_added_to_the_client_raises_a_caution(
    provider: str, *, created: bool
) -> None:
    after = {**CLIENT_BEFORE, "supported_identity_providers": ["COGNITO", provider]}
    change = (
        resource(CLIENT_ADDRESS, ["create"], {"after": after})
        if created
        else update(CLIENT_ADDRESS, CLIENT_BEFORE, after)
    )
    (caution,) = cautions(summarize(plan(change)))
    assert caution.startswith("**Federated identity provider added on")
    assert f'`"{provider}"`' in caution


def test_the_pool_s_own_users_are_no_federated_provider() -> None:
    assert (
        cautions(summarize(plan(resource(CLIENT_ADDRESS, ["create"], {"after": CLIENT_BEFORE}))))
        == []
    )


@pytest.mark.parametrize("name", ["Partner", "Okta", "AzureAD"])
def test_a_federated_provider_created_in_the_pool_raises_a_caution(name: str) -> None:
    values = {
        "provider_name": name,
        "provider_type": "OIDC",
        "provider_details": {"oidc_issuer": "https://idp.example"},
    }
    (caution,) = cautions(summarize(plan(resource(FEDERATED, ["create"], {"after": values}))))
    assert caution.startswith(f"**Federated identity provider on `{FEDERATED}`:**")
    assert f'`"{name}"` is added to the user pool' in caution


def test_a_federated_provider_pointed_at_another_issuer_raises_a_caution() -> None:
    before = {"provider_name": "Partner", "provider_details": {"oidc_issuer": "https://a.example"}}
    after = {"provider_name": "Partner", "provider_details": {"oidc_issuer": "https://b.example"}}
    (caution,) = cautions(summarize(plan(update(FEDERATED, before, after))))
    assert "pointed elsewhere in the user pool" in caution


@pytest.mark.parametrize("added", [["email"], ["custom:role"], ["email", "custom:tenant", "name"]])
def test_write_attributes_widened_raises_a_caution_naming_each(added: list[str]) -> None:
    before = {**CLIENT_BEFORE, "write_attributes": ["nickname"]}
    after = {**CLIENT_BEFORE, "write_attributes": ["nickname", *added]}
    (caution,) = cautions(summarize(plan(update(CLIENT_ADDRESS, before, after))))
    assert caution.startswith("**`write_attributes` widened on")
    for name in added:
        assert f'`"{name}"`' in caution


def test_write_attributes_narrowed_raises_no_caution() -> None:
    before = {**CLIENT_BEFORE, "write_attributes": ["email", "name"]}
    after = {**CLIENT_BEFORE, "write_attributes": ["name"]}
    assert cautions(summarize(plan(update(CLIENT_ADDRESS, before, after)))) == []


@pytest.mark.parametrize("before_writes", [[], None], ids=["empty", "null"])
def test_a_list_in_place_of_cognitos_default_narrows_and_raises_no_caution(
    before_writes: list[str] | None,
) -> None:
    """Without write_attributes (Cognito returns none) every standard attribute is writable."""
    before = {**CLIENT_BEFORE, "write_attributes": before_writes}
    after = {**CLIENT_BEFORE, "write_attributes": ["email"]}
    assert cautions(summarize(plan(update(CLIENT_ADDRESS, before, after)))) == []


def test_emptying_write_attributes_widens_to_every_standard_attribute() -> None:
    """Cognito reads an empty list as unspecified: every standard attribute, email too."""
    before = {**CLIENT_BEFORE, "write_attributes": ["nickname"]}
    after = {**CLIENT_BEFORE, "write_attributes": []}
    (caution,) = cautions(summarize(plan(update(CLIENT_ADDRESS, before, after))))
    assert caution.startswith("**`write_attributes` widened on")
    assert "every standard attribute" in caution


def trust_policy(principal: object, effect: str = "Allow") -> str:
    statement = {"Effect": effect, "Principal": principal, "Action": "sts:AssumeRole"}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


@pytest.mark.parametrize(
    "principal", ["*", {"AWS": "*"}, {"AWS": ["arn:aws:iam::123456789012:root", "*"]}]
)
@pytest.mark.parametrize("created", [True, False], ids=["created", "updated"])
def test_a_role_anyone_may_assume_raises_a_caution(principal: object, *, created: bool) -> None:
    values = {"name": "deploy", "assume_role_policy": trust_policy(principal)}
    safe = {
        "name": "deploy",
        "assume_role_policy": trust_policy({"Service": "lambda.amazonaws.com"}),
    }
    change = (
        resource(ROLE, ["create"], {"after": values}) if created else update(ROLE, safe, values)
    )
    (caution,) = cautions(summarize(plan(change)))
    assert caution.startswith(f"**Role trusted by any principal on `{ROLE}`:**")


@pytest.mark.parametrize(
    "policy",
    [
        trust_policy({"AWS": "arn:aws:iam::123456789012:root"}),
        trust_policy("*", effect="Deny"),
        "not json",
    ],
    ids=["an account", "a deny", "not JSON"],
)
def test_a_role_trusted_by_named_principals_raises_no_caution(policy: str) -> None:
    values = {"name": "deploy", "assume_role_policy": policy}
    assert cautions(summarize(plan(resource(ROLE, ["create"], {"after": values})))) == []
