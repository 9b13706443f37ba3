"""How a caution says a value it quotes: as code, or "a masked value" (review/_masking.Side).

Each way a value is masked, one test: the whole side marked, a secret's name on the path,
a marked parent, a marked part of the value, and a value that repeats a masked one.
"""

from __future__ import annotations

from typing import Any

import pytest

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
