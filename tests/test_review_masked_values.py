"""How a caution says a value it quotes: as code, or "a masked value" (review/_masking.Side).

Each way a value is masked, one test: the whole side marked, a secret's name on the path,
a marked parent, a marked part of the value, and a value that repeats a masked one.
"""

from __future__ import annotations

from typing import Any

import pytest

from cognito_access.review import summarize
from cognito_access.review._masking import Secrets, Side

MASKED = "a masked value"
NO_SECRETS = Secrets({})
VALUE = {"config": {"login": {"user": "ana", "hint": "blue"}}}


def say(marks: Any, value: object, *path: str, secrets: Secrets = NO_SECRETS) -> str:  # noqa: ANN401 - JSON markers
    return Side(VALUE, marks, secrets).say(value, *path)


@pytest.mark.parametrize("marks", [{}, False, {"config": {"other": True}}, {"config": False}])
def test_an_unmarked_value_is_shown_as_code(marks: Any) -> None:  # noqa: ANN401 - JSON markers
    assert say(marks, "ana", "config", "login", "user") == '`"ana"`'


def test_a_side_marked_sensitive_as_a_whole_masks_every_value() -> None:
    assert say(True, "ana", "config", "login", "user") == MASKED  # noqa: FBT003 - a JSON marker


@pytest.mark.parametrize(
    ("path", "masked"),
    [
        (("config", "client_secret"), True),
        (("config", "apiToken"), True),
        (("config", "api-token"), True),
        (("token",), True),
        (("config", "token_url"), False),
        (("access_token_validity",), False),
    ],
)
def test_a_value_under_a_secrets_name_is_masked_without_a_marker(
    path: tuple[str, ...], *, masked: bool
) -> None:
    assert (say({}, "value", *path) == MASKED) is masked


@pytest.mark.parametrize(
    "marks", [{"config": True}, {"config": {"login": True}}, {"config": {"login": {"user": True}}}]
)
def test_a_value_under_a_marked_parent_or_marked_itself_is_masked(marks: Any) -> None:  # noqa: ANN401 - JSON markers
    assert say(marks, "ana", "config", "login", "user") == MASKED


def test_a_value_with_a_marked_part_is_masked_whole() -> None:
    login = VALUE["config"]["login"]
    assert say({"config": {"login": {"hint": True}}}, login, "config", "login") == MASKED
    assert say({"config": {"login": {"hint": False}}}, login, "config", "login") != MASKED


def test_a_value_that_repeats_a_masked_one_elsewhere_in_the_plan_is_masked() -> None:
    change = {"before": {"password": "correct-horse-battery"}, "before_sensitive": {}}
    secrets = Secrets({"resource_changes": [{"change": change}]})
    assert say({}, "correct-horse-battery", "config", "note", secrets=secrets) == MASKED
    assert say({}, "correct-horse-battery", "config", "note") == '`"correct-horse-battery"`'


# The whole summary: a value masked on one side only, or marked in one place only, is
# never printed anywhere.

OLD = "old-private-note"
NEW = "new-public-note"


def updated(before: dict[str, Any], after: dict[str, Any], **markers: Any) -> dict[str, Any]:  # noqa: ANN401 - JSON markers
    return {
        "address": "aws_ssm_parameter.note",
        "mode": "managed",
        "type": "aws_ssm_parameter",
        "name": "note",
        "change": {
            "actions": ["update"],
            "before": before,
            "after": after,
            "after_unknown": {},
            "before_sensitive": {},
            "after_sensitive": {},
            **markers,
        },
    }


def summary(*changes: dict[str, Any], outputs: dict[str, Any] | None = None) -> str:
    plan = {"format_version": "1.2", "resource_changes": list(changes)}
    return summarize({**plan, "output_changes": outputs or {}})


def test_a_changed_value_is_shown_when_nothing_masks_it() -> None:
    said = summary(updated({"note": OLD}, {"note": NEW}))
    assert OLD in said
    assert NEW in said


@pytest.mark.parametrize(
    ("before_marks", "hidden", "shown"),
    [
        ({"note": True}, "old-note", "old-owner"),
        ({"labels": {"owner": True}}, "old-owner", "old-note"),
        ({"labels": True}, "old-owner", "old-note"),
    ],
)
def test_a_value_sensitive_only_before_the_change_is_never_shown(
    before_marks: Any,  # noqa: ANN401 - JSON markers
    hidden: str,
    shown: str,
) -> None:
    before = {"note": "old-note", "labels": {"owner": "old-owner"}}
    after = {"note": "new-note", "labels": {"owner": "new-owner"}}
    said = summary(updated(before, after, before_sensitive=before_marks))
    assert hidden not in said
    assert shown in said


def test_a_value_sensitive_before_is_masked_where_it_appears_unmarked() -> None:
    marked_before = updated({"note": OLD}, {"note": NEW}, before_sensitive={"note": True})
    elsewhere = {**updated({"note": "x"}, {"note": OLD}), "address": "aws_ssm_parameter.copy"}
    said = summary(marked_before, elsewhere)
    assert OLD not in said


def test_a_sensitive_outputs_value_is_not_masked_where_it_appears_unmarked() -> None:
    """Outputs are no source of secrets: an output cannot hide a value from the reviewer."""
    output = {
        "actions": ["update"],
        "before": "a",
        "after": OLD,
        "after_unknown": False,
        "before_sensitive": False,
        "after_sensitive": True,
    }
    said = summary(updated({"note": "x"}, {"note": OLD}), outputs={"token_out": output})
    assert OLD in said


@pytest.mark.parametrize("secret", ["12345678", "a-much-longer-secret"])
def test_a_secret_of_eight_characters_or_more_is_masked_inside_longer_text(secret: str) -> None:
    marked = updated({"pin": "x"}, {"pin": secret}, after_sensitive={"pin": True})
    embedding = {
        **updated({"note": "x"}, {"note": f"call {secret} now"}),
        "address": "aws_ssm_parameter.copy",
    }
    said = summary(marked, embedding)
    assert secret not in said


def test_a_number_sensitive_only_before_the_change_is_never_shown() -> None:
    """Numbers are not collected as masked strings: only the marker hides this one."""
    unmarked = summary(updated({"pin": 40417}, {"pin": 51528}))
    assert "40417" in unmarked
    said = summary(updated({"pin": 40417}, {"pin": 51528}, before_sensitive={"pin": True}))
    assert "40417" not in said
    assert "`pin` (sensitive, changed)" in said  # the change is told, neither value
