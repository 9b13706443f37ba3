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
