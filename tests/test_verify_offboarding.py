"""cognito-access-verify's check 7, the offboarding, against the AWS emulator in this process.

The function, its role, its rules and its log lines are made with boto3 in moto (server
mode on 127.0.0.1) as a deploy and the running function would leave them; the check reads
them through boto3's usual chain (``AWS_ENDPOINT_URL``).
"""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Final

import boto3
import pytest

from cognito_access._facts import LOG_RECONCILE_FAILED, LOG_RECONCILED
from cognito_access._offboarding import event_pattern
from cognito_access.verify._offboarding import offboarding_results
from cognito_access.verify._outputs import Outputs
from cognito_access.verify._results import Status

REGION: Final = "eu-central-1"
POOL: Final = f"{REGION}_AbC123"
TRUST: Final = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "lambda.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    ],
}


@dataclass
class Deployed:
    """An offboarding function as deployed: its name, and the clients to change it with."""

    name: str
    session: boto3.session.Session

    def client(self, service: str) -> Any:  # noqa: ANN401 - any boto3 client
        """A client of the emulator for ``service``."""
        return self.session.client(service)  # type: ignore[call-overload] # any service

    def log(self, *lines: dict[str, Any], at: datetime) -> None:
        """Write ``lines`` as the function would, in a new stream, from time ``at``."""
        logs = self.client("logs")
        stream = uuid.uuid4().hex
        logs.create_log_stream(logGroupName=f"/aws/lambda/{self.name}", logStreamName=stream)
        logs.put_log_events(
            logGroupName=f"/aws/lambda/{self.name}",
            logStreamName=stream,
            logEvents=[
                {"timestamp": int(at.timestamp() * 1000) + i, "message": json.dumps(line)}
                for i, line in enumerate(lines)
            ],
        )

    def disable(self, rule_kind: str) -> None:
        """Disable the function's rule of ``rule_kind`` ("schedule" or "event rule")."""
        events = self.client("events")
        arn = self.client("lambda").get_function(FunctionName=self.name)["Configuration"][
            "FunctionArn"
        ]
        for rule in events.list_rule_names_by_target(TargetArn=arn)["RuleNames"]:
            if (rule_kind == "schedule") == (
                "ScheduleExpression" in events.describe_rule(Name=rule)
            ):
                events.disable_rule(Name=rule)


def _code() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handler(event, context):\n    return None\n")
    return buffer.getvalue()


@pytest.fixture
def deployed(moto_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> Deployed:
    """A function, its two enabled rules with targets, and its log group, in the emulator."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_ENDPOINT_URL": moto_endpoint,
    }.items():
        monkeypatch.setenv(name, value)
    session = boto3.session.Session(region_name=REGION)
    name = f"cognito-access-offboarding-{uuid.uuid4().hex[:16]}"
    role = session.client("iam").create_role(
        RoleName=name, AssumeRolePolicyDocument=json.dumps(TRUST)
    )["Role"]["Arn"]
    function_arn = session.client("lambda").create_function(
        FunctionName=name,
        Runtime="python3.12",
        Role=role,
        Handler="handler.handler",
        Code={"ZipFile": _code()},
        Environment={"Variables": {"COGNITO_USER_POOL_ID": POOL}},
    )["FunctionArn"]
    events = session.client("events")
    for suffix, spec in (
        ("s", {"ScheduleExpression": "rate(15 minutes)"}),
        ("e", {"EventPattern": json.dumps(event_pattern(POOL))}),
    ):
        rule = f"{name[:50]}-{suffix}"
        events.put_rule(Name=rule, State="ENABLED", **spec)
        events.put_targets(Rule=rule, Targets=[{"Id": "function", "Arn": function_arn}])
    session.client("logs").create_log_group(logGroupName=f"/aws/lambda/{name}")
    return Deployed(name, session)


def statuses(results: list[Any]) -> dict[str, Status]:
    return {result.subject: result.status for result in results}


NOW = datetime.now(UTC)


def test_without_offboarding_the_check_is_skipped() -> None:
    (result,) = offboarding_results(None)
    assert (result.check, result.status) == (7, Status.SKIP)
    assert "offboarding_function_name" in result.detail


def test_the_output_names_the_function_to_check() -> None:
    outputs = {
        "identity_provider_id": "i",
        "client_id": "c",
        "issuer_url": "https://x/p",
        "hosted_ui_url": "https://h",
        "callback_url": "https://c",
        "offboarding_function_name": {"value": "cognito-access-offboarding-x"},
    }
    parsed = Outputs.from_json(outputs, "test")
    assert parsed.offboarding_function_name == "cognito-access-offboarding-x"
    del outputs["offboarding_function_name"]
    assert Outputs.from_json(outputs, "test").offboarding_function_name is None


def test_a_working_offboarding_passes(deployed: Deployed) -> None:
    deployed.log(
        {"offboarding": "revoked", "email": "bob@example.com"},
        {"offboarding": LOG_RECONCILED, "revoked": 1, "kept": 3},
        at=NOW - timedelta(minutes=5),
    )
    results = offboarding_results(deployed.name, now=NOW)
    assert statuses(results) == {
        "offboarding function": Status.PASS,
        "offboarding schedule": Status.PASS,
        "offboarding event rule": Status.PASS,
        "last reconciliation": Status.PASS,
    }
    assert {result.check for result in results} == {7}


def test_a_missing_function_fails(deployed: Deployed) -> None:
    (result,) = offboarding_results(deployed.name + "-gone", now=NOW)
    assert (result.subject, result.status) == ("offboarding function", Status.FAIL)


@pytest.mark.parametrize("rule_kind", ["schedule", "event rule"])
def test_a_disabled_rule_fails(deployed: Deployed, rule_kind: str) -> None:
    deployed.log({"offboarding": LOG_RECONCILED}, at=NOW - timedelta(minutes=5))
    deployed.disable(rule_kind)
    found = statuses(offboarding_results(deployed.name, now=NOW))
    assert found[f"offboarding {rule_kind}"] is Status.FAIL
    assert [s for s, status in found.items() if status is Status.FAIL] == [
        f"offboarding {rule_kind}"
    ]


def test_a_failed_last_reconciliation_fails_saying_why(deployed: Deployed) -> None:
    deployed.log({"offboarding": LOG_RECONCILED}, at=NOW - timedelta(hours=2))
    deployed.log(
        {"offboarding": LOG_RECONCILE_FAILED, "error": "OffboardingError: HTTP 403"},
        at=NOW - timedelta(minutes=5),
    )
    (last,) = [
        r for r in offboarding_results(deployed.name, now=NOW) if r.subject == "last reconciliation"
    ]
    assert last.status is Status.FAIL
    assert "HTTP 403" in last.detail


def test_a_success_after_a_failure_passes(deployed: Deployed) -> None:
    deployed.log({"offboarding": LOG_RECONCILE_FAILED, "error": "x"}, at=NOW - timedelta(hours=2))
    deployed.log({"offboarding": LOG_RECONCILED}, at=NOW - timedelta(minutes=5))
    found = statuses(offboarding_results(deployed.name, now=NOW))
    assert found["last reconciliation"] is Status.PASS


def test_no_reconciliation_right_after_a_deploy_is_skipped(deployed: Deployed) -> None:
    found = statuses(offboarding_results(deployed.name, now=datetime.now(UTC)))
    assert found["last reconciliation"] is Status.SKIP


def test_no_reconciliation_for_a_day_fails(deployed: Deployed) -> None:
    found = statuses(offboarding_results(deployed.name, now=NOW + timedelta(days=2)))
    assert found["last reconciliation"] is Status.FAIL


def _event_rule(deployed: Deployed) -> str:
    events = deployed.client("events")
    arn = deployed.client("lambda").get_function(FunctionName=deployed.name)["Configuration"][
        "FunctionArn"
    ]
    (rule,) = [
        name
        for name in events.list_rule_names_by_target(TargetArn=arn)["RuleNames"]
        if "EventPattern" in events.describe_rule(Name=name)
    ]
    return str(rule)


@pytest.mark.parametrize(
    ("pattern", "said"),
    [
        (
            {"source": ["aws.cognito-idp"], "detail": {"eventName": ["AdminGetUser"]}},
            "AdminDisableUser",
        ),
        ({"source": ["aws.s3"]}, "source aws.cognito-idp"),
        (event_pattern(f"{REGION}_Other1"), f"the pool {POOL}"),
    ],
    ids=["narrowed to other calls", "another source", "another pool"],
)
def test_an_event_rule_that_no_longer_matches_the_pools_calls_fails(
    deployed: Deployed, pattern: dict[str, Any], said: str
) -> None:
    deployed.log({"offboarding": LOG_RECONCILED}, at=NOW - timedelta(minutes=5))
    rule = _event_rule(deployed)
    deployed.client("events").put_rule(Name=rule, State="ENABLED", EventPattern=json.dumps(pattern))
    (result,) = [
        r
        for r in offboarding_results(deployed.name, now=NOW)
        if r.subject == "offboarding event rule"
    ]
    assert result.status is Status.FAIL
    assert said in result.detail


def test_a_pattern_of_every_cognito_call_passes(deployed: Deployed) -> None:
    rule = _event_rule(deployed)
    pattern = {"source": ["aws.cognito-idp"]}
    deployed.client("events").put_rule(Name=rule, State="ENABLED", EventPattern=json.dumps(pattern))
    found = statuses(offboarding_results(deployed.name, now=NOW))
    assert found["offboarding event rule"] is Status.PASS


@pytest.fixture
def moto_reports_concurrency(monkeypatch: pytest.MonkeyPatch) -> None:
    """Moto's GetFunction leaves out ``Concurrency``, which AWS returns once it is set: add it."""
    real = boto3.session.Session

    def add(parsed: dict[str, Any], **_: object) -> None:
        name = (parsed.get("Configuration") or {}).get("FunctionName")
        if name:
            functions = real(region_name=REGION).client("lambda")
            answer = functions.get_function_concurrency(FunctionName=name)
            if "ReservedConcurrentExecutions" in answer:
                parsed["Concurrency"] = {
                    "ReservedConcurrentExecutions": answer["ReservedConcurrentExecutions"]
                }

    def session(*args: Any, **kwargs: Any) -> boto3.session.Session:  # noqa: ANN401 - boto3's
        made = real(*args, **kwargs)
        made.events.register("after-call.lambda.GetFunction", add)
        return made

    monkeypatch.setattr(boto3.session, "Session", session)


@pytest.mark.usefixtures("moto_reports_concurrency")
def test_a_reserved_concurrency_of_zero_fails(deployed: Deployed) -> None:
    deployed.log({"offboarding": LOG_RECONCILED}, at=NOW - timedelta(minutes=5))
    deployed.client("lambda").put_function_concurrency(
        FunctionName=deployed.name, ReservedConcurrentExecutions=0
    )
    found = statuses(offboarding_results(deployed.name, now=NOW))
    assert found["offboarding function"] is Status.FAIL
