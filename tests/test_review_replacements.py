"""Cautions of a replacement that also weakens the login, and of a deposed object."""

from __future__ import annotations

from typing import Any

from cognito_access.review import summarize

POOL = "aws_cognito_user_pool.pool"


def change(actions: list[str], before: Any, after: Any, **extra: Any) -> dict[str, Any]:  # noqa: ANN401 - JSON
    return {
        "address": POOL,
        "mode": "managed",
        "type": "aws_cognito_user_pool",
        "name": "pool",
        "change": {
            "actions": actions,
            "before": before,
            "after": after,
            "after_unknown": {},
            "before_sensitive": {},
            "after_sensitive": {},
        },
        **extra,
    }


def cautions(*resources: dict[str, Any]) -> list[str]:
    said = summarize({"format_version": "1.2", "resource_changes": list(resources)})
    return [line.removeprefix("> ") for line in said.splitlines() if line.startswith("> **")]


def test_a_replacement_that_relaxes_mfa_is_cautioned_for_both() -> None:
    replaced = change(
        ["delete", "create"], {"mfa_configuration": "ON"}, {"mfa_configuration": "OFF"}
    )
    said = cautions(replaced)
    assert len(said) == 2
    assert said[0].startswith(f"**Replacing `{POOL}`:** Every user, password and group")
    assert said[1].startswith("**MFA relaxed")


def test_a_deposed_objects_destroy_names_the_object() -> None:
    deposed = change(["delete"], {"mfa_configuration": "ON"}, None, deposed="a1b2c3d4")
    (said,) = cautions(deposed)
    assert said.startswith(f"**Destroying `{POOL}` (deposed object `a1b2c3d4`):** Every user")
