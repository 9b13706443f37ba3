"""Cautions for changes that stop offboarding, each one sentence saying what it re-opens.

``AccessOffboarding``'s function ends the Cloudflare Access sessions of users the pool
disables or deletes; without it, they keep every session until it expires. So the summary
cautions when the offboarding function (``aws_lambda_function`` running the package's
handler) is destroyed or replaced, or its code, handler or environment change; when one
of its rules (an ``aws_cloudwatch_event_rule`` named with the offboarding prefix) is
destroyed, replaced or disabled; when a rule's target or invoke permission is destroyed;
and when its role's policy is destroyed or changed. The resources are recognized by what
they were (``before``), so renaming one away from the prefix is cautioned too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cognito_access._facts import (
    EVENT_RULE,
    EVENT_TARGET,
    IAM_ROLE_POLICY,
    LAMBDA_FUNCTION,
    LAMBDA_PERMISSION,
    OFFBOARDING_HANDLER,
    OFFBOARDING_NAME_PREFIX,
)
from cognito_access.review._kinds import Caution, Kind
from cognito_access.review._plan import as_object, kind
from cognito_access.review._text import code

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

_GAP = "users the pool disables or deletes keep their Cloudflare Access sessions until they expire"
_GAP_SENTENCE = _GAP[0].upper() + _GAP[1:] + "."
# EventBridge's rule states: ENABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS, DISABLED.
_DISABLED = "DISABLED"


def offboarding(resource: Mapping[str, Any], address: str) -> Iterator[Caution]:
    """The cautions for one changed resource (none unless it is part of the offboarding)."""
    what = kind(resource)
    change = as_object(resource.get("change"))
    before, after = as_object(change.get("before")), as_object(change.get("after"))
    resource_type = str(resource.get("type"))
    if resource_type == LAMBDA_FUNCTION and _is_function(before):
        yield from _function(what, before, after, address)
    elif resource_type == EVENT_RULE and _is_ours(before, "name"):
        yield from _rule(what, before, after, address)
    elif resource_type == EVENT_TARGET and _is_ours(before, "rule") and what == "destroy":
        yield Caution(
            Kind.OFFBOARDING_STOPS,
            f"**Offboarding stops: {address} is destroyed.** Its rule no longer runs the "
            f"function: {_GAP}.",
        )
    elif (
        resource_type == LAMBDA_PERMISSION
        and _is_ours(before, "function_name")
        and what == "destroy"
    ):
        yield Caution(
            Kind.OFFBOARDING_STOPS,
            f"**Offboarding stops: {address} is destroyed.** EventBridge may no longer run "
            f"the function: {_GAP}.",
        )
    elif (
        resource_type == IAM_ROLE_POLICY
        and _is_ours(before, "role")
        and what in {"destroy", "update", "replace"}
    ):
        yield Caution(
            Kind.OFFBOARDING_CHANGED,
            f"**Offboarding's permissions change: {address}.** Without reading the pool's "
            f"users or the token, the function fails and {_GAP}.",
        )


def _is_function(before: Mapping[str, Any]) -> bool:
    return before.get("handler") == OFFBOARDING_HANDLER or _is_ours(before, "function_name")


def _is_ours(before: Mapping[str, Any], attribute: str) -> bool:
    value = before.get(attribute)
    return isinstance(value, str) and value.startswith(OFFBOARDING_NAME_PREFIX)


def _function(
    what: str | None, before: Mapping[str, Any], after: Mapping[str, Any], address: str
) -> Iterator[Caution]:
    if what == "destroy":
        yield Caution(
            Kind.OFFBOARDING_STOPS,
            f"**Offboarding stops: {address} is destroyed.** From then on, {_GAP}.",
        )
    elif what == "replace":
        yield Caution(
            Kind.OFFBOARDING_PAUSES,
            f"**Offboarding pauses: {address} is replaced.** Between the delete and the create, "
            f"{_GAP}; check that the new function runs the package's handler.",
        )
    elif what == "update":
        changed = [
            name
            for name in ("handler", "source_code_hash", "environment", "role", "runtime")
            if before.get(name) != after.get(name) and name in after
        ]
        if changed:
            listed = ", ".join(map(code, changed))
            yield Caution(
                Kind.OFFBOARDING_CHANGED,
                f"**Offboarding's function changes: {address} ({listed}).** Code or settings "
                f"that do not revoke leave {_GAP}.",
            )


def _rule(
    what: str | None, before: Mapping[str, Any], after: Mapping[str, Any], address: str
) -> Iterator[Caution]:
    label = "schedule" if before.get("schedule_expression") else "rule"
    if what == "destroy":
        yield Caution(
            Kind.OFFBOARDING_STOPS,
            f"**Offboarding stops: the {label} {address} is destroyed.** {_GAP_SENTENCE}",
        )
    elif what == "replace":
        yield Caution(
            Kind.OFFBOARDING_PAUSES,
            f"**Offboarding pauses: the {label} {address} is replaced.** Between the delete and "
            f"the create, {_GAP}.",
        )
    elif what in {"update", "create"} and _disabled(after) and not _disabled(before):
        yield Caution(
            Kind.OFFBOARDING_STOPS,
            f"**Offboarding stops: the {label} {address} is disabled.** {_GAP_SENTENCE}",
        )


def _disabled(values: Mapping[str, Any]) -> bool:
    state = values.get("state")
    if isinstance(state, str) and state:
        return state == _DISABLED
    return values.get("is_enabled") is False
