"""AccessOffboarding: what it declares, its role's least privilege, its code, what is refused."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from typing import TYPE_CHECKING, Any

import pytest

from cognito_access import AccessOffboarding, CognitoAccessIdentityProvider
from cognito_access._offboarding import function_code
from tests.framework import CognitoUserPool, TerraformStack, Testing
from tests.support import EXAMPLE, only, synth_stack

if TYPE_CHECKING:
    from pathlib import Path

SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:cloudflare-offboarding-AbCdEf"  # noqa: S105 - an ARN
FUNCTION = "aws_lambda_function"
RULE = "aws_cloudwatch_event_rule"


def offboard(stack: TerraformStack, **options: Any) -> AccessOffboarding:  # noqa: ANN401 - kwargs
    """The construct next to an identity provider on a pool declared in the stack."""
    pool = CognitoUserPool(stack, "Pool", name="staff")
    sso = CognitoAccessIdentityProvider(stack, "Sso", **{**EXAMPLE, "user_pool_id": pool.id})
    return AccessOffboarding(
        stack, "Offboarding", idp=sso, cloudflare_api_token_secret_arn=SECRET, **options
    )


@pytest.fixture(scope="module")
def synth() -> dict[str, Any]:
    return synth_stack(offboard)


def ref(synth: dict[str, Any], resource_type: str, attribute: str, *, data: bool = False) -> str:
    """How the JSON refers to the only ``resource_type``'s ``attribute``."""
    (name,) = synth["data" if data else "resource"][resource_type]
    return f"${{{'data.' if data else ''}{resource_type}.{name}.{attribute}}}"


def rules(synth: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The two rules, by kind: "event" (a pattern) and "schedule"."""
    found = synth["resource"][RULE].values()
    return {"schedule" if "schedule_expression" in r else "event": r for r in found}


# --- What it declares and how it is wired -------------------------------------------------


def test_the_function_runs_the_packages_handler_on_python(synth: dict[str, Any]) -> None:
    function = only(synth["resource"][FUNCTION])
    assert function["handler"] == "cognito_access.offboarding.handler"
    assert function["runtime"].startswith("python3.")


def test_the_function_runs_with_its_own_role(synth: dict[str, Any]) -> None:
    assert only(synth["resource"][FUNCTION])["role"] == ref(synth, "aws_iam_role", "arn")


def test_the_function_gets_the_pool_account_login_method_and_secret_by_reference(
    synth: dict[str, Any],
) -> None:
    variables = only(synth["resource"][FUNCTION])["environment"]["variables"]
    assert variables == {
        "CLOUDFLARE_ACCOUNT_ID": EXAMPLE["cloudflare_account_id"],
        "COGNITO_USER_POOL_ID": ref(synth, "aws_cognito_user_pool", "id"),
        "CLOUDFLARE_IDENTITY_PROVIDER_ID": ref(
            synth, "cloudflare_zero_trust_access_identity_provider", "id"
        ),
        "CLOUDFLARE_API_TOKEN_SECRET_ARN": SECRET,
    }


def test_the_code_is_a_synthesized_asset_with_its_hash_computed_at_synth(
    synth: dict[str, Any],
) -> None:
    function = only(synth["resource"][FUNCTION])
    assert function["filename"].startswith("assets/")
    assert function["filename"].endswith(".zip")
    assert "${" not in function["source_code_hash"]  # no filebase64sha256() at plan time


def test_the_event_rule_sends_the_pools_offboarding_calls(synth: dict[str, Any]) -> None:
    pattern = json.loads(rules(synth)["event"]["event_pattern"])
    assert pattern["source"] == ["aws.cognito-idp"]
    assert pattern["detail-type"] == ["AWS API Call via CloudTrail"]
    administrative, own = pattern["detail"]["$or"]
    assert administrative["eventName"] == [
        "AdminDisableUser",
        "AdminDeleteUser",
        "AdminRemoveUserFromGroup",
        "AdminUserGlobalSignOut",
    ]
    assert administrative["requestParameters"]["userPoolId"] == [
        ref(synth, "aws_cognito_user_pool", "id")
    ]
    assert own == {"eventName": ["GlobalSignOut", "DeleteUser"]}


def test_the_schedule_reconciles_every_15_minutes_by_default(synth: dict[str, Any]) -> None:
    assert rules(synth)["schedule"]["schedule_expression"] == "rate(15 minutes)"


def test_the_schedule_is_a_parameter() -> None:
    synth = synth_stack(lambda stack: offboard(stack, schedule="cron(0/5 * * * ? *)"))
    assert rules(synth)["schedule"]["schedule_expression"] == "cron(0/5 * * * ? *)"


def test_both_rules_are_enabled(synth: dict[str, Any]) -> None:
    assert {r["state"] for r in rules(synth).values()} == {"ENABLED"}


def test_each_rule_targets_the_function_and_may_invoke_it(synth: dict[str, Any]) -> None:
    targets = synth["resource"]["aws_cloudwatch_event_target"].values()
    permissions = synth["resource"]["aws_lambda_permission"].values()
    rule_names = {f"${{aws_cloudwatch_event_rule.{n}.name}}" for n in synth["resource"][RULE]}
    rule_arns = {f"${{aws_cloudwatch_event_rule.{n}.arn}}" for n in synth["resource"][RULE]}
    assert {t["rule"] for t in targets} == rule_names
    assert {t["arn"] for t in targets} == {ref(synth, FUNCTION, "arn")}
    assert {p["source_arn"] for p in permissions} == rule_arns
    assert {(p["principal"], p["action"]) for p in permissions} == {
        ("events.amazonaws.com", "lambda:InvokeFunction")
    }
    assert {p["function_name"] for p in permissions} == {ref(synth, FUNCTION, "function_name")}


def test_the_log_group_is_the_functions_own(synth: dict[str, Any]) -> None:
    function = only(synth["resource"][FUNCTION])
    group = only(synth["resource"]["aws_cloudwatch_log_group"])
    assert group["name"] == f"/aws/lambda/{function['function_name']}"
    assert group["retention_in_days"] > 0


# --- The role: least privilege ---------------------------------------------------------------


def statements(synth: dict[str, Any]) -> list[dict[str, Any]]:
    policy = json.loads(only(synth["resource"]["aws_iam_role_policy"])["policy"])
    assert only(synth["resource"]["aws_iam_role_policy"])["role"] == ref(
        synth, "aws_iam_role", "id"
    )
    found: list[dict[str, Any]] = policy["Statement"]
    return found


def listed(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else value


def test_the_role_policy_has_no_wildcard_action(synth: dict[str, Any]) -> None:
    actions = [a for s in statements(synth) for a in listed(s["Action"])]
    assert actions
    assert all("*" not in action for action in actions)
    assert all("NotAction" not in s for s in statements(synth))


def test_the_role_policy_names_only_the_pool_the_secret_and_its_own_log_group(
    synth: dict[str, Any],
) -> None:
    pool_arn = (
        f"arn:{ref(synth, 'aws_partition', 'partition', data=True)}:cognito-idp:"
        f"{ref(synth, 'aws_region', 'name', data=True)}:"
        f"{ref(synth, 'aws_caller_identity', 'account_id', data=True)}:userpool/"
        f"{ref(synth, 'aws_cognito_user_pool', 'id')}"
    )
    resources = {r for s in statements(synth) for r in listed(s["Resource"])}
    assert resources == {
        pool_arn,
        SECRET,
        ref(synth, "aws_cloudwatch_log_group", "arn") + ":*",
    }
    assert all(s["Effect"] == "Allow" for s in statements(synth))


def test_the_role_may_read_users_and_the_secret_and_write_logs_only(synth: dict[str, Any]) -> None:
    actions = {a for s in statements(synth) for a in listed(s["Action"])}
    assert actions == {
        "cognito-idp:AdminGetUser",
        "cognito-idp:ListUsers",
        "secretsmanager:GetSecretValue",
        "logs:CreateLogStream",
        "logs:PutLogEvents",
    }


def test_only_lambda_may_assume_the_role(synth: dict[str, Any]) -> None:
    trust = json.loads(only(synth["resource"]["aws_iam_role"])["assume_role_policy"])
    (statement,) = trust["Statement"]
    assert statement["Principal"] == {"Service": "lambda.amazonaws.com"}
    assert statement["Action"] == "sts:AssumeRole"


def test_a_literal_pool_id_gives_its_region_in_the_pool_arn() -> None:
    def build(stack: TerraformStack) -> None:
        sso = CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE)
        AccessOffboarding(stack, "Off", idp=sso, cloudflare_api_token_secret_arn=SECRET)

    synth = synth_stack(build)
    resources = [r for s in statements(synth) for r in listed(s["Resource"])]
    assert any(
        ":cognito-idp:eu-west-1:" in r and r.endswith(":userpool/eu-west-1_AbC123")
        for r in resources
    )


# --- The code asset -------------------------------------------------------------------------------


def test_the_code_is_the_same_bytes_each_time() -> None:
    assert function_code() == function_code()


def test_the_code_holds_the_handler_and_the_facts_only() -> None:
    with zipfile.ZipFile(io.BytesIO(function_code())) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == [
        "cognito_access/__init__.py",
        "cognito_access/_facts.py",
        "cognito_access/offboarding.py",
    ]
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


@pytest.mark.process
def test_the_code_imports_without_a_cdk_framework(tmp_path: Path) -> None:
    """The zip alone, first on the path, gives the handler; no cdktf, cdktn or constructs."""
    code = tmp_path / "code.zip"
    code.write_bytes(function_code())
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); "
        "import cognito_access.offboarding as m; "
        "assert m.__file__.startswith(sys.argv[1]), m.__file__; "
        "assert callable(m.handler); "
        "print(sorted(n for n in ('cdktf', 'cdktn', 'constructs', 'jsii') if n in sys.modules))"
    )
    done = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", script, str(code)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": ""},
    )
    assert done.stdout.strip() == "[]"


def test_two_syntheses_write_the_same_file_name_and_hash() -> None:
    first, second = synth_stack(offboard), synth_stack(offboard)
    keys = ("filename", "source_code_hash")
    assert [only(first["resource"][FUNCTION])[k] for k in keys] == [
        only(second["resource"][FUNCTION])[k] for k in keys
    ]


# --- What is refused -----------------------------------------------------------------------------


def _idp(stack: TerraformStack) -> CognitoAccessIdentityProvider:
    return CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE)


def _declare(**options: Any) -> TerraformStack:  # noqa: ANN401 - the construct's arguments
    stack = TerraformStack(Testing.app(), "test")
    arguments: dict[str, Any] = {"idp": _idp(stack), "cloudflare_api_token_secret_arn": SECRET}
    arguments |= options
    AccessOffboarding(stack, "Offboarding", **arguments)
    return stack


@pytest.mark.parametrize("idp", ["eu-west-1_AbC123", None, object()])
def test_an_idp_that_is_not_the_construct_is_a_type_error(idp: object) -> None:
    with pytest.raises(TypeError, match="idp must be a CognitoAccessIdentityProvider"):
        _declare(idp=idp)


@pytest.mark.parametrize(
    "arn",
    [
        "",
        "cloudflare-token",
        "arn:aws:ssm:eu-west-1:123456789012:parameter/cloudflare",
        "arn:aws:secretsmanager:eu-west-1:1234:secret:x",
        "arn:aws:secretsmanager:eu-west-1:123456789012:cloudflare",
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:cloudflare-offboarding",
    ],
)
def test_a_secret_arn_that_is_not_a_secrets_manager_arn_is_refused(arn: str) -> None:
    with pytest.raises(ValueError, match="cloudflare_api_token_secret_arn must be a Secrets"):
        _declare(cloudflare_api_token_secret_arn=arn)


def test_a_secret_arn_of_the_wrong_type_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="cloudflare_api_token_secret_arn must be a str"):
        _declare(cloudflare_api_token_secret_arn=42)


@pytest.mark.parametrize(
    "schedule",
    [
        "rate(1 minute)",
        "rate(15 minutes)",
        "rate(1 hour)",
        "rate(2 days)",
        "cron(0/15 * * * ? *)",
        "cron(0 9 ? * MON-FRI *)",
        "cron(15 10 L * ? 2026)",
        "cron(0 8 ? * 6L *)",
        "cron(0 8 ? * 2#1 *)",
        "cron(0,30 8-18 15W JAN,JUL ? 2026-2030)",
    ],
)
def test_valid_eventbridge_schedules_pass(schedule: str) -> None:
    _declare(schedule=schedule)


@pytest.mark.parametrize(
    "schedule",
    [
        "15 minutes",
        "rate(0 minutes)",
        "rate(1 minutes)",
        "rate(5 minute)",
        "rate(5 seconds)",
        "rate(5  minutes)",
        "rate(-5 minutes)",
        "cron(* * * * *)",
        "cron(0 9 * * * *)",
        "cron(0 9 ? * ? *)",
        "cron(60 * * * ? *)",
        "cron(0 24 * * ? *)",
        "cron(0 9 32 * ? *)",
        "cron(0 9 ? 13 * *)",
        "cron(0 9 ? * 8 *)",
        "cron(0 9 ? * MON-FRI 1969)",
        "cron(0/0 * * * ? *)",
        "cron(0 9 ? * 2#6 *)",
        "cron(0  9 * * ? *)",
    ],
)
def test_invalid_schedules_are_refused(schedule: str) -> None:
    with pytest.raises(ValueError, match="schedule must be an EventBridge schedule expression"):
        _declare(schedule=schedule)


def test_a_refused_input_declares_nothing() -> None:
    stack = TerraformStack(Testing.app(), "test")
    idp = _idp(stack)
    with pytest.raises(ValueError, match="schedule"):
        AccessOffboarding(
            stack, "Offboarding", idp=idp, cloudflare_api_token_secret_arn=SECRET, schedule="x"
        )
    assert "aws_lambda_function" not in json.loads(Testing.synth(stack)).get("resource", {})
