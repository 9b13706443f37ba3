"""Cautions for a Lambda trigger's function changed in place: its ARN stays, its code does not.

A function is a trigger when a user pool's ``lambda_config`` names its ARN (in the plan's
changes, prior state or planned values) or refers to it in the plan's configuration. Its
code (``filename``, ``source_code_hash``, an S3 object, an image), ``handler``,
``runtime``, ``layers`` or ``environment`` changing changes what runs at sign-in: a
``pre_token_generation`` trigger decides the groups and claims every token carries.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cognito_access._facts import LAMBDA_FUNCTION, USER_POOL
from cognito_access.review._kinds import Caution, Kind, said
from cognito_access.review._plan import as_object, block, kind, resource_key
from cognito_access.review._text import strings

if TYPE_CHECKING:
    from collections.abc import Iterator

_CODE = (
    "filename",
    "source_code_hash",
    "s3_bucket",
    "s3_key",
    "s3_object_version",
    "image_uri",
    "handler",
    "runtime",
    "layers",
    "environment",
)


def trigger_code(
    resource: Mapping[str, Any], plan: Mapping[str, Any], address: str
) -> Iterator[Caution]:
    """A caution when ``resource`` is a pool's trigger function whose code changes."""
    if resource["type"] != LAMBDA_FUNCTION or kind(resource) not in {"update", "replace"}:
        return
    change = resource["change"]
    before, after = as_object(change.get("before")), as_object(change.get("after"))
    unknown = as_object(change.get("after_unknown"))
    arns, keys = _triggers(plan)
    if before.get("arn") not in arns and resource_key(str(resource["address"])) not in keys:
        return
    changed = [
        name for name in _CODE if unknown.get(name) is True or before.get(name) != after.get(name)
    ]
    if changed:
        names = ", ".join(f"`{name}`" for name in changed)
        yield said(
            Kind.TRIGGER_CODE_CHANGED,
            "User pool trigger's code changes",
            (
                f"Its {names} {'change' if len(changed) > 1 else 'changes'}: the function runs "
                "at sign-in for the user pool, so what "
                "it does (the groups and claims a token carries, who may sign in) changes "
                "with it."
            ),
            address,
        )


def _triggers(plan: Mapping[str, Any]) -> tuple[set[str], set[str]]:
    """The ARNs user pools name as triggers, and the function addresses they refer to."""
    arns: set[str] = set()
    for values in _pool_values(plan):
        arns.update(strings(block(values.get("lambda_config"))))
    keys: set[str] = set()
    root = as_object(as_object(plan.get("configuration")).get("root_module"))
    for prefix, resource in _configured(root, ""):
        if resource.get("type") == USER_POOL:
            expressions = as_object(resource.get("expressions")).get("lambda_config")
            keys.update(
                prefix + reference.removesuffix(".arn")
                for reference in _references(expressions)
                if reference.startswith(f"{LAMBDA_FUNCTION}.")
            )
    return arns, keys


def _pool_values(plan: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    for resource in plan.get("resource_changes") or ():
        if resource.get("type") == USER_POOL:
            change = as_object(resource.get("change"))
            yield as_object(change.get("before"))
            yield as_object(change.get("after"))
    for state in ("prior_state", "planned_values"):
        values = as_object(plan.get(state))
        module = as_object(values.get("values")) if "values" in values else values
        yield from _module_pools(as_object(module.get("root_module")))


def _module_pools(module: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    for resource in module.get("resources") or ():
        if as_object(resource).get("type") == USER_POOL:
            yield as_object(as_object(resource).get("values"))
    for child in module.get("child_modules") or ():
        yield from _module_pools(as_object(child))


def _configured(module: Mapping[str, Any], prefix: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    for resource in module.get("resources") or ():
        yield prefix, as_object(resource)
    for name, call in as_object(module.get("module_calls")).items():
        yield from _configured(as_object(as_object(call).get("module")), f"{prefix}module.{name}.")


def _references(expression: object) -> list[str]:
    """Every reference in an expression tree (nested blocks' argument expressions)."""
    if isinstance(expression, list):
        return [ref for item in expression for ref in _references(item)]
    if not isinstance(expression, Mapping):
        return []
    found = [str(ref) for ref in expression.get("references") or () if isinstance(ref, str)]
    for key, item in expression.items():
        if key != "references":
            found += _references(item)
    return found
