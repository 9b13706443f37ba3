"""Helpers shared by the tests: synthesizing a stack and reading its JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from tests.framework import TerraformStack, Testing

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

# Valid inputs for the construct, as a user would write them (a literal pool id).
EXAMPLE: dict[str, Any] = {
    "user_pool_id": "eu-west-1_AbC123",
    "domain_prefix": "acme-login",
    "team_name": "acme",
    "cloudflare_account_id": "0123456789abcdef0123456789abcdef",
}


def synth_stack(build: Callable[[TerraformStack], object]) -> dict[str, Any]:
    """Synthesize a fresh test stack after ``build`` declared into it; return the parsed JSON."""
    stack = TerraformStack(Testing.app(), "test")
    build(stack)
    parsed: dict[str, Any] = json.loads(Testing.synth(stack))
    return parsed


def only(resources: Mapping[str, Any]) -> Any:  # noqa: ANN401 - synthesized JSON is untyped
    """The single value of a mapping of Terraform addresses to resources."""
    assert len(resources) == 1, f"expected exactly one, got {sorted(resources)}"
    return next(iter(resources.values()))


# The user property under which a property-based test records how many examples it ran;
# tests/conftest.py adds them up (from every worker) and prints them at the session's end.
EXAMPLES_PROPERTY = "hypothesis_examples"
