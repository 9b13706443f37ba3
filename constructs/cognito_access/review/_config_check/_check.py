"""The whole check of a parsed configuration."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cognito_access.review._config_check._blocks import block_problems
from cognito_access.review._config_check._settings import StateBackend
from cognito_access.review._config_check._syntax import Node, Problems
from cognito_access.review._config_check._values import value_problems

if TYPE_CHECKING:
    from collections.abc import Iterable


def config_problems(
    config: object,
    *,
    state_bucket: str,
    state_key: str | None = None,
    state_region: str | None = None,
    resource_types: Iterable[str] = (),
) -> list[str]:
    """Why ``config`` (a parsed ``cdk.tf.json``) must not be planned with credentials.

    Empty when it may. Read it with ``read`` to catch repeated names. The S3 backend must
    name ``state_bucket``, and ``state_key`` and ``state_region`` when given;
    ``resource_types`` are allowed besides the stack's own.
    """
    problems = Problems()
    root = Node(config, "")
    destinations = block_problems(
        root,
        problems,
        StateBackend(state_bucket, state_key, state_region),
        frozenset(resource_types),
    )
    value_problems(root, problems, destinations)
    return problems.lines
