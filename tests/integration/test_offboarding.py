"""AccessOffboarding under real Terraform, applied once to the AWS emulator.

A pool, the identity provider, a Secrets Manager secret and ``AccessOffboarding`` are
synthesized as ``cdktf synth`` writes them (the function's code as a file under
``assets/``), then applied with the real hashicorp/aws provider to moto. This proves that
the provider accepts every argument the construct sets, that the function, its role, its
two rules, their targets and permissions exist in the emulator and reference each other,
that the role's policy names the created pool's ARN, and that a second plan is empty (the
code zip and its hash are the same bytes on every synthesis). The function is created,
not invoked (moto would need Docker to run it): the handler's behaviour is proved in
tests/test_offboarding_handler.py. Last, a plan that quietly stops the function (a rule
disabled by ``is_enabled`` with ``state`` left out, a 1-second timeout, a reserved
concurrency of 0), as ``terraform show -json`` writes it, is summarized with a caution
for each.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import boto3
import pytest
from cdktf import App, TerraformOutput, TerraformStack
from cdktf_cdktf_provider_aws.cognito_user_pool import CognitoUserPool
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.secretsmanager_secret import SecretsmanagerSecret
from cdktf_cdktf_provider_cloudflare.provider import CloudflareProvider

from cognito_access import AccessOffboarding, CognitoAccessIdentityProvider, LoginDomain
from cognito_access.review import summarize
from tests.integration.conftest import REGION
from tests.integration.harness import Workspace
from tests.integration.test_terraform import ACCOUNT, IDP_STAND_IN, runnable

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.terraform

STACK = "offboarding"
# The services the construct's resources live in, besides Cognito (the harness's).
SERVICES = ("iam", "lambda", "events", "logs", "sts", "secretsmanager")


def offboarding_stack(app: App) -> TerraformStack:
    """A pool, its login method, a token secret and the offboarding on them."""
    stack = TerraformStack(app, STACK)
    AwsProvider(stack, "aws", region=REGION)
    CloudflareProvider(stack, "cloudflare")
    pool = CognitoUserPool(stack, "Pool", name="offboarded")
    secret = SecretsmanagerSecret(stack, "Token", name="cloudflare-offboarding-token")
    sso = CognitoAccessIdentityProvider(
        stack,
        "Sso",
        user_pool_id=pool.id,
        domain=LoginDomain.prefix("offboarded-login"),
        team_name="acme",
        cloudflare_account_id=ACCOUNT,
    )
    offboarding = AccessOffboarding(
        stack, "Offboarding", idp=sso, cloudflare_api_token_secret_arn=secret.arn
    )
    TerraformOutput(stack, "pool_id", value=pool.id)
    TerraformOutput(stack, "pool_arn", value=pool.arn)
    TerraformOutput(stack, "secret_arn", value=secret.arn)
    TerraformOutput(stack, "function_name", value=offboarding.function_name)
    return stack


@dataclass(frozen=True)
class Applied:
    """The stack applied to the emulator: its workspace, outputs and a boto3 session."""

    workspace: Workspace
    outputs: dict[str, Any]
    session: boto3.session.Session
    endpoint: str

    def output(self, name: str) -> str:
        """The output ``name``'s value."""
        return str(self.outputs[name]["value"])

    def client(self, service: str) -> Any:  # noqa: ANN401 - a boto3 client
        """A client of the emulator for ``service``."""
        return self.session.client(service, endpoint_url=self.endpoint)  # type: ignore[call-overload] # any service


def synthesized(directory: Path) -> tuple[dict[str, Any], Path]:
    """``cdk.tf.json`` as ``cdktf synth`` writes it, and the stack's directory."""
    app = App(outdir=str(directory / "cdktf.out"))
    offboarding_stack(app)
    app.synth()
    stack_dir = directory / "cdktf.out" / "stacks" / STACK
    config: dict[str, Any] = json.loads((stack_dir / "cdk.tf.json").read_text("utf-8"))
    return config, stack_dir


@pytest.fixture(scope="module")
def applied(
    tmp_path_factory: pytest.TempPathFactory, cli_config: Path, aws_version: str, moto_endpoint: str
) -> Applied:
    directory = tmp_path_factory.mktemp("offboarding")
    config, stack_dir = synthesized(directory)
    config = runnable(config, aws_version, moto_endpoint)
    for provider in config["provider"]["aws"]:
        provider["endpoints"][0].update(dict.fromkeys(SERVICES, moto_endpoint))
    workspace = Workspace(directory / "workspace", cli_config)
    workspace.write(config)
    shutil.copytree(stack_dir / "assets", workspace.directory / "assets")
    workspace.terraform("init")
    workspace.terraform("apply", "-auto-approve")
    outputs = json.loads(workspace.terraform("output", "-json").stdout)
    session = boto3.session.Session(
        aws_access_key_id="testing",
        aws_secret_access_key="testing",  # noqa: S106 - the emulator's dummy credentials
        region_name=REGION,
    )
    return Applied(workspace, outputs, session, moto_endpoint)


def test_the_function_exists_with_the_packages_handler(applied: Applied) -> None:
    function = applied.client("lambda").get_function(FunctionName=applied.output("function_name"))
    configuration = function["Configuration"]
    assert configuration["Handler"] == "cognito_access.offboarding.handler"
    assert configuration["Runtime"].startswith("python3.")


def test_the_function_runs_with_the_created_role(applied: Applied) -> None:
    lambda_ = applied.client("lambda")
    role_arn = lambda_.get_function(FunctionName=applied.output("function_name"))["Configuration"][
        "Role"
    ]
    role_name = role_arn.rsplit("/", 1)[1]
    role = applied.client("iam").get_role(RoleName=role_name)["Role"]
    assert role["Arn"] == role_arn


def test_the_function_reads_the_created_pool_and_secret(applied: Applied) -> None:
    configuration = applied.client("lambda").get_function(
        FunctionName=applied.output("function_name")
    )["Configuration"]
    variables = configuration["Environment"]["Variables"]
    assert variables["COGNITO_USER_POOL_ID"] == applied.output("pool_id")
    assert variables["CLOUDFLARE_API_TOKEN_SECRET_ARN"] == applied.output("secret_arn")
    idp = next(v for a, v in applied.workspace.state_values().items() if a.startswith(IDP_STAND_IN))
    assert variables["CLOUDFLARE_IDENTITY_PROVIDER_ID"] == idp["id"]


def test_the_role_policy_names_the_created_pools_arn(applied: Applied) -> None:
    iam = applied.client("iam")
    role_arn = applied.client("lambda").get_function(FunctionName=applied.output("function_name"))[
        "Configuration"
    ]["Role"]
    role_name = role_arn.rsplit("/", 1)[1]
    (policy_name,) = iam.list_role_policies(RoleName=role_name)["PolicyNames"]
    document = iam.get_role_policy(RoleName=role_name, PolicyName=policy_name)["PolicyDocument"]
    policy = json.loads(document) if isinstance(document, str) else document
    resources = [statement["Resource"] for statement in policy["Statement"]]
    assert applied.output("pool_arn") in resources
    assert applied.output("secret_arn") in resources


def test_both_rules_are_enabled_and_target_the_function(applied: Applied) -> None:
    events = applied.client("events")
    function_arn = applied.client("lambda").get_function(
        FunctionName=applied.output("function_name")
    )["Configuration"]["FunctionArn"]
    names = events.list_rule_names_by_target(TargetArn=function_arn)["RuleNames"]
    described = [events.describe_rule(Name=name) for name in names]
    assert sorted("ScheduleExpression" in rule for rule in described) == [False, True]
    assert {rule["State"] for rule in described} == {"ENABLED"}
    (scheduled,) = [rule for rule in described if "ScheduleExpression" in rule]
    assert scheduled["ScheduleExpression"] == "rate(15 minutes)"
    (pattern,) = [json.loads(rule["EventPattern"]) for rule in described if "EventPattern" in rule]
    assert pattern["source"] == ["aws.cognito-idp"]


def test_each_rule_may_invoke_the_function(applied: Applied) -> None:
    lambda_ = applied.client("lambda")
    policy = json.loads(lambda_.get_policy(FunctionName=applied.output("function_name"))["Policy"])
    events = applied.client("events")
    function_arn = lambda_.get_function(FunctionName=applied.output("function_name"))[
        "Configuration"
    ]["FunctionArn"]
    rule_arns = {
        events.describe_rule(Name=name)["Arn"]
        for name in events.list_rule_names_by_target(TargetArn=function_arn)["RuleNames"]
    }
    sources = {s["Condition"]["ArnLike"]["AWS:SourceArn"] for s in policy["Statement"]}
    assert sources == rule_arns
    assert {s["Principal"]["Service"] for s in policy["Statement"]} == {"events.amazonaws.com"}


def test_a_second_plan_after_apply_is_empty(applied: Applied) -> None:
    result = applied.workspace.terraform("plan", "-detailed-exitcode", check=False)
    assert result.returncode == 0, result.stdout


def test_the_summary_cautions_a_real_plan_that_quietly_stops_offboarding(
    applied: Applied, tmp_path: Path
) -> None:
    copy = tmp_path / "changed"
    shutil.copytree(applied.workspace.directory, copy, symlinks=True)
    workspace = Workspace(copy, applied.workspace.cli_config)
    config = json.loads((copy / "main.tf.json").read_text("utf-8"))
    rules = config["resource"]["aws_cloudwatch_event_rule"]
    (schedule,) = [rule for rule in rules.values() if "schedule_expression" in rule]
    del schedule["state"]
    schedule["is_enabled"] = False
    (function,) = config["resource"]["aws_lambda_function"].values()
    function["timeout"] = 1
    function["reserved_concurrent_executions"] = 0
    workspace.write(config)

    summary = summarize(workspace.plan_json())

    assert "**Offboarding stops: the schedule" in summary
    assert "is disabled.**" in summary
    assert "`timeout`" in summary
    assert "`reserved_concurrent_executions`" in summary
