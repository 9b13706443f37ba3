"""Cautions for changes that stop offboarding, each one sentence saying what it re-opens.

``AccessOffboarding``'s function ends the Cloudflare Access sessions of users the pool
disables or deletes; without it, they keep every session until it expires. Someone about
to be offboarded who may open a pull request would stop it quietly, so the summary
cautions for each way a plan can:

- the function (``aws_lambda_function`` running the package's handler): destroyed or
  replaced; or a setting changed that decides what runs and whether it can finish: its
  code (``source_code_hash``, ``filename``, ``s3_*``, ``image_uri``, ``package_type``,
  ``layers``, which can shadow the runtime's boto3), ``handler``, ``runtime``,
  ``environment``, ``role``, ``kms_key_arn`` (a key the role cannot use fails every start),
  ``timeout``, ``reserved_concurrent_executions`` (0 stops every run), ``vpc_config`` (no
  way out to Cloudflare), ``file_system_config``, ``logging_config`` (the log check 7 reads);
- its rules (an ``aws_cloudwatch_event_rule`` named with the offboarding prefix):
  destroyed, replaced, disabled, or their ``event_pattern`` or ``schedule_expression``
  changed (narrowed to nothing, or once a year);
- a rule's target: destroyed, replaced, or its ``arn``, ``input``, ``input_path`` or
  ``input_transformer`` changed (the function would get another event, or none);
- its invoke permissions: destroyed or replaced;
- its role: destroyed, replaced, or its trust or boundary changed; and any policy of the
  role created, changed or destroyed (an inline ``Deny`` or an attached managed policy
  is a change of a new resource, recognized by the role it names);
- its log group: destroyed or replaced (the function's record, and check 7's evidence).

The resources are recognized by what they were (``before``), or for a new policy of the
role by what it will be (``after``), so renaming one away from the prefix is cautioned too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cognito_access._facts import (
    ENV_CLOUDFLARE_BASE_URL,
    EVENT_RULE,
    EVENT_TARGET,
    IAM_ROLE,
    IAM_ROLE_POLICY,
    LAMBDA_FUNCTION,
    LAMBDA_PERMISSION,
    LOG_GROUP,
    OFFBOARDING_HANDLER,
    OFFBOARDING_NAME_PREFIX,
)
from cognito_access.review._kinds import Caution, Kind
from cognito_access.review._plan import as_object, block, kind
from cognito_access.review._text import code

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

_GAP = "users the pool disables or deletes keep their Cloudflare Access sessions until they expire"
_GAP_SENTENCE = _GAP[0].upper() + _GAP[1:] + "."
# EventBridge's rule states: ENABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS, DISABLED.
_DISABLED = "DISABLED"
# The function's arguments (hashicorp/aws, internal/service/lambda/function.go) that decide
# what code runs, with which settings, and whether it can finish.
_FUNCTION_SETTINGS = (
    "handler",
    "source_code_hash",
    "filename",
    "s3_bucket",
    "s3_key",
    "s3_object_version",
    "image_uri",
    "package_type",
    "layers",
    "runtime",
    "environment",
    "role",
    "kms_key_arn",
    "timeout",
    "reserved_concurrent_executions",
    "vpc_config",
    "file_system_config",
    "logging_config",
)
_RULE_SETTINGS = ("event_pattern", "schedule_expression")
_TARGET_SETTINGS = ("arn", "input", "input_path", "input_transformer")
_ROLE_SETTINGS = ("assume_role_policy", "permissions_boundary")
# Resources that grant (or deny) a role permissions, by the attribute naming the role.
_ROLE_GRANTS = {
    IAM_ROLE_POLICY: "role",
    "aws_iam_role_policy_attachment": "role",
    "aws_iam_role_policies_exclusive": "role_name",
    "aws_iam_role_policy_attachments_exclusive": "role_name",
    "aws_iam_policy_attachment": "roles",
}
_LOG_GROUP_PREFIX = "/aws/lambda/" + OFFBOARDING_NAME_PREFIX


def offboarding(resource: Mapping[str, Any], address: str) -> Iterator[Caution]:
    """The cautions for one changed resource (none unless it is part of the offboarding)."""
    for text in _said(resource, address):
        stops, pauses = (
            text.startswith("**Offboarding stops"),
            text.startswith("**Offboarding pauses"),
        )
        yield Caution(
            Kind.OFFBOARDING_STOPS
            if stops
            else Kind.OFFBOARDING_PAUSES
            if pauses
            else Kind.OFFBOARDING_CHANGED,
            text,
        )


def _said(resource: Mapping[str, Any], address: str) -> Iterator[str]:  # noqa: C901 - a branch per type
    """What is said of one changed resource, in words."""
    what = kind(resource)
    change = as_object(resource.get("change"))
    before, after = as_object(change.get("before")), as_object(change.get("after"))
    resource_type = str(resource.get("type"))
    if resource_type == LAMBDA_FUNCTION and (_is_function(before) or _is_function(after)):
        yield from _redirected(what, after, address)
        if _is_function(before):
            yield from _function(what, change, address)
    elif resource_type == EVENT_RULE and _is_ours(before, "name"):
        yield from _rule(what, change, address)
    elif resource_type == EVENT_TARGET and _is_ours(before, "rule"):
        changed = _changed(change, _TARGET_SETTINGS)
        if what in {"destroy", "replace"} or (what == "update" and changed):
            done = "destroyed" if what == "destroy" else "replaced" if what == "replace" else ""
            said = done or "changed (" + ", ".join(map(code, changed)) + ")"
            yield (
                f"**Offboarding stops: {address} is {said}.** Its rule may no longer run the "
                f"function: {_GAP}."
            )
    elif (
        resource_type == LAMBDA_PERMISSION
        and _is_ours(before, "function_name")
        and what in {"destroy", "replace"}
    ):
        done = "destroyed" if what == "destroy" else "replaced"
        yield (
            f"**Offboarding stops: {address} is {done}.** EventBridge may no longer run "
            f"the function: {_GAP}."
        )
    elif resource_type == IAM_ROLE and _is_ours(before, "name"):
        changed = _changed(change, _ROLE_SETTINGS)
        if what in {"destroy", "replace"} or (what == "update" and changed):
            yield (
                f"**Offboarding's role changes: {address}.** A function that cannot assume "
                f"its role, or may do less, fails and {_GAP}."
            )
    elif resource_type in _ROLE_GRANTS and _grants_ours(resource_type, before, after):
        if what in {"create", "destroy", "update", "replace"}:
            yield (
                f"**Offboarding's permissions change: {address}.** Without reading the pool's "
                f"users or the token, the function fails and {_GAP}."
            )
    elif (
        resource_type == LOG_GROUP
        and str(before.get("name", "")).startswith(_LOG_GROUP_PREFIX)
        and what in {"destroy", "replace"}
    ):
        yield (
            f"**Offboarding's log group goes: {address}.** The function may no longer write "
            "what it revoked, and cognito-access-verify cannot see its reconciliations."
        )


def _redirected(what: str | None, after: Mapping[str, Any], address: str) -> Iterator[str]:
    """A caution when the function's environment sends its calls to another endpoint.

    The handler honours ``CLOUDFLARE_BASE_URL`` (and boto3 its ``AWS_ENDPOINT_URL*``) so
    that it can be tested; the construct never sets them. Set in a deployment, the first
    sends the Cloudflare token to that URL with every call.
    """
    if what not in {"create", "update", "replace"}:
        return
    variables = as_object(block(after.get("environment")).get("variables"))
    redirected = sorted(
        name
        for name in variables
        if name == ENV_CLOUDFLARE_BASE_URL or name.startswith("AWS_ENDPOINT_URL")
    )
    if redirected:
        yield (
            f"**Offboarding's calls go elsewhere: {address} sets "
            f"{', '.join(map(code, redirected))}.** The function would send the Cloudflare "
            f"token, or its AWS calls, to that endpoint instead, and {_GAP}."
        )


def _changed(change: Mapping[str, Any], names: tuple[str, ...]) -> list[str]:
    """Those of ``names`` whose value the change alters (or leaves unknown until apply)."""
    before, after = as_object(change.get("before")), as_object(change.get("after"))
    unknown = as_object(change.get("after_unknown"))
    return [
        name
        for name in names
        if (name in after and before.get(name) != after.get(name)) or unknown.get(name)
    ]


def _grants_ours(resource_type: str, before: Mapping[str, Any], after: Mapping[str, Any]) -> bool:
    attribute = _ROLE_GRANTS[resource_type]
    for values in (before, after):
        named = values.get(attribute)
        roles = named if isinstance(named, list) else [named]
        if any(isinstance(r, str) and r.startswith(OFFBOARDING_NAME_PREFIX) for r in roles):
            return True
    return False


def _is_function(before: Mapping[str, Any]) -> bool:
    return before.get("handler") == OFFBOARDING_HANDLER or _is_ours(before, "function_name")


def _is_ours(before: Mapping[str, Any], attribute: str) -> bool:
    value = before.get(attribute)
    return isinstance(value, str) and value.startswith(OFFBOARDING_NAME_PREFIX)


def _function(what: str | None, change: Mapping[str, Any], address: str) -> Iterator[str]:
    if what == "destroy":
        yield f"**Offboarding stops: {address} is destroyed.** From then on, {_GAP}."
    elif what == "replace":
        yield (
            f"**Offboarding pauses: {address} is replaced.** Between the delete and the create, "
            f"{_GAP}; check that the new function runs the package's handler."
        )
    elif what == "update":
        changed = _changed(change, _FUNCTION_SETTINGS)
        if changed:
            listed = ", ".join(map(code, changed))
            yield (
                f"**Offboarding's function changes: {address} ({listed}).** Code or settings "
                f"that do not revoke leave {_GAP}."
            )


def _rule(what: str | None, change: Mapping[str, Any], address: str) -> Iterator[str]:
    before, after = as_object(change.get("before")), as_object(change.get("after"))
    label = "schedule" if before.get("schedule_expression") else "rule"
    if what == "destroy":
        yield f"**Offboarding stops: the {label} {address} is destroyed.** {_GAP_SENTENCE}"
    elif what == "replace":
        yield (
            f"**Offboarding pauses: the {label} {address} is replaced.** Between the delete and "
            f"the create, {_GAP}."
        )
    elif what in {"update", "create"} and _disabled(after) and not _disabled(before):
        yield f"**Offboarding stops: the {label} {address} is disabled.** {_GAP_SENTENCE}"
    elif what == "update" and (changed := _changed(change, _RULE_SETTINGS)):
        listed = ", ".join(map(code, changed))
        yield (
            f"**Offboarding's {label} changes: {address} ({listed}).** A pattern that no "
            f"longer matches the pool's calls, or a rare schedule, leaves {_GAP}."
        )


def _disabled(values: Mapping[str, Any]) -> bool:
    """Whether a rule is (or will be) disabled, by ``state`` or by ``is_enabled``.

    The provider suppresses the diff of a ``state`` removed from the configuration, and
    sends ``DISABLED`` when ``is_enabled = false`` stands in its place: such a plan shows
    ``state`` still ``ENABLED`` and only ``is_enabled`` false.
    """
    return values.get("state") == _DISABLED or values.get("is_enabled") is False
