"""The plan summary cautions when offboarding is removed, disabled or changed.

An attacker who wants to keep their access after being disabled could try to stop the
offboarding function before an administrator disables them: destroy the function or a
rule, disable a rule, detach its target, remove the invoke permission, or change the
function's code or role policy. Each of these plans must show a caution.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from cognito_access.review import summarize

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

PREFIX = "cognito-access-offboarding-"
FUNCTION = "aws_lambda_function.Offboarding_Function_CACF6F5F"
EVENT_RULE = "aws_cloudwatch_event_rule.Offboarding_EventRule_6430C5D7"
SCHEDULE = "aws_cloudwatch_event_rule.Offboarding_Schedule_19D60F5F"
TARGET = "aws_cloudwatch_event_target.Offboarding_ScheduleTarget_9FABE40A"
PERMISSION = "aws_lambda_permission.Offboarding_EventPermission_CC0322C9"
ROLE_POLICY = "aws_iam_role_policy.Offboarding_RolePolicy_881757E5"
REPLACE = ["delete", "create"]

A_FUNCTION = {
    "function_name": f"{PREFIX}c89c4756f3e0d2b5",
    "handler": "cognito_access.offboarding.handler",
    "runtime": "python3.12",
    "source_code_hash": "HG9rugBbhA1fpO/RG/5Fv8lk2m2AidGcebBRNvLlkoU=",
    "environment": [{"variables": {"COGNITO_USER_POOL_ID": "eu-west-1_AbC123"}}],
}
A_RULE = {"name": f"{PREFIX}2026120104", "state": "ENABLED", "event_pattern": "{}"}
A_SCHEDULE = {
    "name": f"{PREFIX}2026120105",
    "state": "ENABLED",
    "schedule_expression": "rate(15 minutes)",
}


def resource(
    address: str,
    actions: Sequence[str],
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """A resource_changes[] entry as `terraform show -json` writes one."""
    resource_type, name = address.split(".")
    return {
        "address": address,
        "mode": "managed",
        "type": resource_type,
        "name": name,
        "change": {
            "actions": list(actions),
            "before": None if before is None else dict(before),
            "after": None if after is None else dict(after),
            "after_unknown": {},
            "before_sensitive": {},
            "after_sensitive": {},
        },
    }


def cautions_of(*resources: Mapping[str, Any]) -> list[str]:
    plan = {
        "format_version": "1.2",
        "terraform_version": "1.11.4",
        "planned_values": {"root_module": {}},
        "resource_changes": list(resources),
        "output_changes": {},
    }
    alert = "> [!CAUTION]\n> "
    summary = summarize(plan)
    return [b.removeprefix(alert) for b in summary.split("\n\n") if b.startswith(alert)]


def offboarding_cautions(*resources: Mapping[str, Any]) -> list[str]:
    return [c for c in cautions_of(*resources) if "Offboarding" in c]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (resource(FUNCTION, ["delete"], A_FUNCTION, None), "stops"),
        (resource(FUNCTION, REPLACE, A_FUNCTION, A_FUNCTION), "pauses"),
        (resource(EVENT_RULE, ["delete"], A_RULE, None), "stops"),
        (resource(SCHEDULE, ["delete"], A_SCHEDULE, None), "stops"),
        (resource(SCHEDULE, REPLACE, A_SCHEDULE, A_SCHEDULE), "pauses"),
        (resource(EVENT_RULE, ["update"], A_RULE, {**A_RULE, "state": "DISABLED"}), "stops"),
        (resource(SCHEDULE, ["update"], A_SCHEDULE, {**A_SCHEDULE, "state": "DISABLED"}), "stops"),
        (resource(TARGET, ["delete"], {"rule": A_SCHEDULE["name"]}, None), "stops"),
        (
            resource(PERMISSION, ["delete"], {"function_name": A_FUNCTION["function_name"]}, None),
            "stops",
        ),
    ],
    ids=[
        "function destroyed",
        "function replaced",
        "event rule destroyed",
        "schedule destroyed",
        "schedule replaced",
        "event rule disabled",
        "schedule disabled",
        "target destroyed",
        "invoke permission destroyed",
    ],
)
def test_stopping_offboarding_is_cautioned(change: dict[str, Any], words: str) -> None:
    (caution,) = offboarding_cautions(change)
    assert f"**Offboarding {words}" in caution
    assert f"`{change['address']}`" in caution
    assert "keep their Cloudflare Access sessions" in caution


def test_disabling_by_is_enabled_with_state_left_as_it_was_is_cautioned() -> None:
    # `state` removed from the configuration: the provider suppresses its diff (it stays
    # ENABLED in the plan) and sends DISABLED for `is_enabled = false`.
    before = {**A_SCHEDULE, "is_enabled": True}
    after = {**A_SCHEDULE, "is_enabled": False}
    (caution,) = offboarding_cautions(resource(SCHEDULE, ["update"], before, after))
    assert "is disabled" in caution


def test_an_enabled_state_of_another_spelling_is_not_a_disable() -> None:
    after = {**A_SCHEDULE, "state": "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"}
    assert offboarding_cautions(resource(SCHEDULE, ["update"], A_SCHEDULE, after)) == []


def test_a_rule_renamed_away_from_the_prefix_is_still_recognized() -> None:
    renamed = {**A_RULE, "name": "something-else"}
    found = offboarding_cautions(resource(EVENT_RULE, REPLACE, A_RULE, renamed))
    assert len(found) == 1


@pytest.mark.parametrize("attribute", ["source_code_hash", "handler", "environment", "role"])
def test_changing_the_functions_code_or_settings_is_cautioned(attribute: str) -> None:
    after = {**A_FUNCTION, attribute: "something else"}
    (caution,) = offboarding_cautions(resource(FUNCTION, ["update"], A_FUNCTION, after))
    assert f"`{attribute}`" in caution


def test_changing_the_role_policy_is_cautioned() -> None:
    before = {"role": f"{PREFIX}20261201", "policy": "{}"}
    after = {**before, "policy": '{"Statement": []}'}
    (caution,) = offboarding_cautions(resource(ROLE_POLICY, ["update"], before, after))
    assert "permissions" in caution


def test_creating_the_offboarding_is_not_cautioned() -> None:
    assert (
        offboarding_cautions(
            resource(FUNCTION, ["create"], None, A_FUNCTION),
            resource(SCHEDULE, ["create"], None, A_SCHEDULE),
            resource(EVENT_RULE, ["create"], None, A_RULE),
        )
        == []
    )


def test_a_harmless_update_is_not_cautioned() -> None:
    after = {**A_FUNCTION, "memory_size": 256}
    before = {**A_FUNCTION, "memory_size": 128}
    assert offboarding_cautions(resource(FUNCTION, ["update"], before, after)) == []


def test_another_lambda_function_is_not_offboardings() -> None:
    other = {"function_name": "thumbnailer", "handler": "app.handler"}
    assert offboarding_cautions(resource(FUNCTION, ["delete"], other, None)) == []


# --- Quieter ways to stop it: each must show too ------------------------------------------------

ROLE = "aws_iam_role.Offboarding_Role_3C1F2D3E"
LOG_GROUP = "aws_cloudwatch_log_group.Offboarding_LogGroup_1A2B3C4D"
A_ROLE_NAME = f"{PREFIX}20261201040506070800000001"


@pytest.mark.parametrize(
    ("attribute", "value"),
    [
        ("timeout", 1),
        ("reserved_concurrent_executions", 0),
        ("layers", ["arn:aws:lambda:eu-west-1:123456789012:layer:boto3-shadow:1"]),
        ("filename", "elsewhere.zip"),
        ("s3_key", "other.zip"),
        ("image_uri", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/x:latest"),
        ("kms_key_arn", "arn:aws:kms:eu-west-1:123456789012:key/unusable"),
        ("vpc_config", [{"subnet_ids": ["subnet-1"], "security_group_ids": ["sg-1"]}]),
        ("logging_config", [{"log_group": "/elsewhere", "log_format": "Text"}]),
        ("runtime", "python3.13"),
    ],
)
def test_a_setting_that_can_stop_the_function_is_cautioned(attribute: str, value: object) -> None:
    after = {**A_FUNCTION, attribute: value}
    (caution,) = offboarding_cautions(resource(FUNCTION, ["update"], A_FUNCTION, after))
    assert f"`{attribute}`" in caution


def test_an_environment_known_only_after_apply_is_cautioned() -> None:
    change = resource(FUNCTION, ["update"], A_FUNCTION, {**A_FUNCTION, "environment": None})
    del change["change"]["after"]["environment"]
    change["change"]["after_unknown"] = {"environment": True}
    (caution,) = offboarding_cautions(change)
    assert "`environment`" in caution


@pytest.mark.parametrize(
    ("address", "before", "attribute", "value"),
    [
        (EVENT_RULE, A_RULE, "event_pattern", '{"source": ["aws.nothing"]}'),
        (SCHEDULE, A_SCHEDULE, "schedule_expression", "cron(0 0 1 1 ? 2199)"),
    ],
    ids=["event pattern narrowed", "schedule made rare"],
)
def test_changing_what_a_rule_matches_is_cautioned(
    address: str, before: dict[str, Any], attribute: str, value: str
) -> None:
    (caution,) = offboarding_cautions(
        resource(address, ["update"], before, {**before, attribute: value})
    )
    assert f"`{attribute}`" in caution
    assert "keep their Cloudflare Access sessions" in caution


@pytest.mark.parametrize(
    ("attribute", "value"),
    [
        ("arn", "arn:aws:lambda:eu-west-1:123456789012:function:noop"),
        ("input", "{}"),
        ("input_transformer", [{"input_template": '"nothing"'}]),
    ],
)
def test_pointing_a_target_elsewhere_is_cautioned(attribute: str, value: object) -> None:
    before = {"rule": A_SCHEDULE["name"], "arn": "arn:aws:lambda:...:offboarding"}
    (caution,) = offboarding_cautions(
        resource(TARGET, ["update"], before, {**before, attribute: value})
    )
    assert f"`{attribute}`" in caution
    assert "**Offboarding stops" in caution


def test_a_replaced_target_or_permission_is_cautioned() -> None:
    target = {"rule": A_SCHEDULE["name"], "arn": "x"}
    permission = {"function_name": A_FUNCTION["function_name"], "source_arn": "x"}
    found = offboarding_cautions(
        resource(TARGET, REPLACE, target, {**target, "arn": "y"}),
        resource(PERMISSION, REPLACE, permission, {**permission, "source_arn": "y"}),
    )
    assert len(found) == 2


@pytest.mark.parametrize(
    ("resource_type", "attribute", "value"),
    [
        ("aws_iam_role_policy", "role", A_ROLE_NAME),
        ("aws_iam_role_policy_attachment", "role", A_ROLE_NAME),
        ("aws_iam_role_policies_exclusive", "role_name", A_ROLE_NAME),
        ("aws_iam_role_policy_attachments_exclusive", "role_name", A_ROLE_NAME),
        ("aws_iam_policy_attachment", "roles", ["someone-else", A_ROLE_NAME]),
    ],
)
def test_a_new_policy_on_the_functions_role_is_cautioned(
    resource_type: str, attribute: str, value: object
) -> None:
    new = {attribute: value, "policy": '{"Statement": [{"Effect": "Deny", "Action": "*"}]}'}
    (caution,) = offboarding_cautions(resource(f"{resource_type}.deny", ["create"], None, new))
    assert "permissions change" in caution


def test_a_policy_on_another_role_is_not_offboardings() -> None:
    new = {"role": "thumbnailer", "policy": "{}"}
    assert offboarding_cautions(resource("aws_iam_role_policy.x", ["create"], None, new)) == []


@pytest.mark.parametrize(
    ("actions", "after"),
    [
        (["update"], {"assume_role_policy": '{"Statement": []}'}),
        (["update"], {"permissions_boundary": "arn:aws:iam::123456789012:policy/deny-all"}),
        (["delete"], None),
    ],
    ids=["trust changed", "boundary set", "destroyed"],
)
def test_changing_the_functions_role_is_cautioned(
    actions: list[str], after: dict[str, Any] | None
) -> None:
    before = {"name": A_ROLE_NAME, "assume_role_policy": "{}", "permissions_boundary": None}
    (caution,) = offboarding_cautions(
        resource(ROLE, actions, before, None if after is None else {**before, **after})
    )
    assert "role changes" in caution


def test_destroying_the_log_group_is_cautioned() -> None:
    before = {"name": f"/aws/lambda/{A_FUNCTION['function_name']}", "retention_in_days": 90}
    (caution,) = offboarding_cautions(resource(LOG_GROUP, ["delete"], before, None))
    assert "cognito-access-verify" in caution


@pytest.mark.parametrize("actions", [["create"], ["update"]])
@pytest.mark.parametrize("variable", ["CLOUDFLARE_BASE_URL", "AWS_ENDPOINT_URL_SECRETS_MANAGER"])
def test_an_endpoint_that_sends_the_token_elsewhere_is_cautioned(
    actions: list[str], variable: str
) -> None:
    variables = {"COGNITO_USER_POOL_ID": "eu-west-1_AbC123", variable: "https://attacker.example"}
    after = {**A_FUNCTION, "environment": [{"variables": variables}]}
    before = None if actions == ["create"] else A_FUNCTION
    found = offboarding_cautions(resource(FUNCTION, actions, before, after))
    assert any(f"`{variable}`" in c and "calls go elsewhere" in c for c in found)
