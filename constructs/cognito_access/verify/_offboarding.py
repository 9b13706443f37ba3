"""Check 7: the offboarding function is deployed, triggered, and its last reconciliation succeeded.

Where the stack declares ``AccessOffboarding`` it has the output ``offboarding_function_name``;
without it the check is skipped. Otherwise, through boto3's usual chain:

- the function exists (``lambda:GetFunction``), and its reserved concurrency is not 0
  (which would throttle every run);
- the rules that target it (``events:ListRuleNamesByTarget``, ``events:DescribeRule``)
  include an enabled schedule and an enabled rule whose event pattern matches Cognito's
  calls and names every offboarding call it filters on (a pattern narrowed to some, or to
  another source, fails);
- its log group's newest reconciliation line of the last day (``logs:FilterLogEvents``)
  says it succeeded. A function changed less than an hour ago may not have reconciled yet:
  that is a SKIP; longer without one is a FAIL.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from cognito_access._facts import (
    COGNITO_EVENT_SOURCE,
    ENV_USER_POOL_ID,
    LOG_RECONCILE_FAILED,
    LOG_RECONCILED,
    OFFBOARDING_EVENTS,
    OUTPUT_OFFBOARDING_FUNCTION,
)
from cognito_access.verify._results import ConfigurationError, Result, Status

if TYPE_CHECKING:
    from collections.abc import Iterator

CHECK = 7
_LOOK_BACK = timedelta(days=1)
_GRACE = timedelta(hours=1)
# ISO 8601 as Lambda writes LastModified ("2024-05-01T12:34:56.789+0000"), any fraction.
_TIMESTAMP = re.compile(
    r"(?P<time>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.\d+)?(?P<offset>Z|[+-]\d\d:?\d\d)?"
)
_ENABLED = ("ENABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")


def offboarding_results(function_name: str | None, *, now: datetime | None = None) -> list[Result]:
    """Check 7's results for the function ``function_name`` (None: the stack has none)."""
    if function_name is None:
        return [
            Result(
                CHECK,
                "offboarding",
                Status.SKIP,
                f"the stack has no output {OUTPUT_OFFBOARDING_FUNCTION.name}: no AccessOffboarding",
            )
        ]
    try:
        import boto3  # noqa: PLC0415 - the verify extra, imported when the checks run
        from botocore.exceptions import BotoCoreError, ClientError  # noqa: PLC0415
    except ImportError:  # pragma: no cover - the verify extra is installed with the tests
        msg = "boto3 is missing: pip install 'cognito-access[verify]'"
        raise ConfigurationError(msg) from None
    session = boto3.session.Session()
    try:
        return list(_results(session, function_name, now or datetime.now(UTC)))
    except (BotoCoreError, ClientError) as error:
        return [Result(CHECK, "offboarding", Status.FAIL, f"cannot be read: {error}")]


def _results(session: Any, name: str, now: datetime) -> Iterator[Result]:  # noqa: ANN401 - boto3
    functions = session.client("lambda")
    try:
        function = functions.get_function(FunctionName=name)
    except functions.exceptions.ResourceNotFoundException:
        yield Result(CHECK, "offboarding function", Status.FAIL, f"{name} does not exist")
        return
    configuration = function["Configuration"]
    reserved = (function.get("Concurrency") or {}).get("ReservedConcurrentExecutions")
    if reserved == 0:
        yield Result(
            CHECK,
            "offboarding function",
            Status.FAIL,
            f"{name} has a reserved concurrency of 0: every run is throttled",
        )
    else:
        yield Result(CHECK, "offboarding function", Status.PASS, f"{name} exists")
    variables = (configuration.get("Environment") or {}).get("Variables") or {}
    yield from _rules(
        session.client("events"),
        str(configuration["FunctionArn"]),
        variables.get(ENV_USER_POOL_ID),
    )
    yield _last_reconciliation(session.client("logs"), name, configuration, now)


def _rules(events: Any, function_arn: str, pool_id: str | None) -> Iterator[Result]:  # noqa: ANN401 - a boto3 client
    names = events.list_rule_names_by_target(TargetArn=function_arn).get("RuleNames", [])
    rules = [events.describe_rule(Name=rule) for rule in names]
    for label, has in (("schedule", "ScheduleExpression"), ("event rule", "EventPattern")):
        found = [rule for rule in rules if rule.get(has)]
        enabled = [rule for rule in found if rule.get("State") in _ENABLED]
        if label == "event rule" and enabled:
            narrowed = [(rule, _unmatched(str(rule.get(has)), pool_id)) for rule in enabled]
            if all(missing for _, missing in narrowed):
                rule, missing = narrowed[0]
                yield Result(
                    CHECK,
                    f"offboarding {label}",
                    Status.FAIL,
                    f"{rule['Name']}'s pattern does not match {', '.join(missing)}",
                )
                continue
            enabled = [rule for rule, missing in narrowed if not missing]
        if enabled:
            yield Result(
                CHECK, f"offboarding {label}", Status.PASS, f"{enabled[0]['Name']} is enabled"
            )
        elif found:
            yield Result(
                CHECK,
                f"offboarding {label}",
                Status.FAIL,
                f"{found[0]['Name']} is {found[0].get('State')}: offboarding does not run",
            )
        else:
            yield Result(
                CHECK, f"offboarding {label}", Status.FAIL, "no such rule targets the function"
            )


def _last_reconciliation(
    logs: Any,  # noqa: ANN401 - a boto3 client
    name: str,
    configuration: dict[str, Any],
    now: datetime,
) -> Result:
    group = f"/aws/lambda/{name}"
    newest: tuple[int, dict[str, Any]] | None = None
    try:
        pages = logs.get_paginator("filter_log_events").paginate(
            logGroupName=group,
            startTime=int((now - _LOOK_BACK).timestamp() * 1000),
            filterPattern='"reconcile"',
        )
        for page in pages:
            for event in page.get("events", []):
                line = _json(str(event.get("message", "")))
                outcome = line.get("offboarding")
                if outcome in {LOG_RECONCILED, LOG_RECONCILE_FAILED}:
                    stamp = int(event.get("timestamp", 0))
                    if newest is None or stamp >= newest[0]:
                        newest = (stamp, line)
    except logs.exceptions.ResourceNotFoundException:
        newest = None
    subject = "last reconciliation"
    if newest is None:
        changed = _modified(configuration)
        if changed is not None and now - changed < _GRACE:
            return Result(
                CHECK, subject, Status.SKIP, f"none yet: {name} changed at {changed:%H:%M} UTC"
            )
        return Result(CHECK, subject, Status.FAIL, f"none logged in {group} in the last day")
    stamp, line = newest
    when = datetime.fromtimestamp(stamp / 1000, UTC)
    if line["offboarding"] == LOG_RECONCILED:
        return Result(
            CHECK,
            subject,
            Status.PASS,
            f"succeeded at {when:%Y-%m-%d %H:%M} UTC ({line.get('revoked', 0)} revoked)",
        )
    return Result(
        CHECK, subject, Status.FAIL, f"failed at {when:%Y-%m-%d %H:%M} UTC: {line.get('error')}"
    )


def _unmatched(pattern: str, pool_id: str | None) -> list[str]:
    """What of the pool's offboarding calls an event pattern cannot match (none: it can).

    A pattern that names a ``source`` must name Cognito's; every ``eventName`` list it
    holds, taken together, must name each offboarding call; every ``userPoolId`` list
    must name the function's pool (``pool_id``, from its environment). A pattern with no
    ``eventName`` matches every call of its source.
    """
    parsed = _json(pattern)
    sources = parsed.get("source")
    if isinstance(sources, list) and COGNITO_EVENT_SOURCE not in sources:
        return [f"source {COGNITO_EVENT_SOURCE}"]
    lists: dict[str, list[list[object]]] = {"eventName": [], "userPoolId": []}
    stack: list[object] = [parsed]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in lists and isinstance(value, list):
                    lists[key].append(value)
                else:
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
    missing: list[str] = []
    if pool_id and any(pool_id not in pools for pools in lists["userPoolId"]):
        missing.append(f"the pool {pool_id}")
    if lists["eventName"]:
        names = {name for names in lists["eventName"] for name in names}
        missing.extend(name for name in OFFBOARDING_EVENTS if name not in names)
    return missing


def _json(message: str) -> dict[str, Any]:
    try:
        value = json.loads(message)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _modified(configuration: dict[str, Any]) -> datetime | None:
    """When the function was last changed (Lambda's ``LastModified``), or None."""
    match = _TIMESTAMP.fullmatch(str(configuration.get("LastModified", "")))
    if match is None:
        return None
    offset = match["offset"] or "Z"
    parsed = datetime.fromisoformat(match["time"] + ("+00:00" if offset == "Z" else offset))
    return parsed.astimezone(UTC)
