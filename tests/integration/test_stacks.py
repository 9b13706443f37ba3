"""Stacks applied on their own: teams sharing a domain, adoption, S3 state, partitions.

Each builds and applies (or plans) its own stack with the real ``terraform`` and the real
hashicorp/aws provider against the moto emulator, as ``test_terraform`` does; they live
in a module of their own so that the test run can share them out among its workers.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from cdktf import App, TerraformOutput, TerraformStack, TerraformVariable
from cdktf_cdktf_provider_aws.cognito_user_pool import CognitoUserPool
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_cloudflare.provider import CloudflareProvider

import main
from cognito_access import CognitoAccessIdentityProvider, LoginDomain
from cognito_access.review import summarize
from tests.integration.conftest import REGION
from tests.integration.harness import (
    Workspace,
    pin_aws_provider,
    point_aws_at,
    stand_in_for_cloudflare,
    write_s3_backend_overrides,
)
from tests.integration.test_terraform import (
    ACCESS_TOKEN_VALIDITY,
    ACCOUNT,
    ID_TOKEN_VALIDITY,
    IDP_STAND_IN,
    LOGOUT_URLS,
    REFRESH_TOKEN_VALIDITY,
    full_synth,
    prepared,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from mypy_boto3_cognito_idp import CognitoIdentityProviderClient
    from mypy_boto3_s3 import S3Client

pytestmark = pytest.mark.terraform


def two_teams_stack(app: App) -> TerraformStack:
    """Two Zero Trust teams on one pool, sharing its one prefix domain."""
    stack = TerraformStack(app, "two-teams")
    AwsProvider(stack, "aws", region=REGION)
    CloudflareProvider(stack, "cloudflare")
    pool = CognitoUserPool(stack, "Shared", name="shared")
    acme = CognitoAccessIdentityProvider(
        stack,
        "Acme",
        user_pool_id=pool.id,
        domain=LoginDomain.prefix("two-teams-login"),
        team_name="acme",
        cloudflare_account_id=ACCOUNT,
    )
    CognitoAccessIdentityProvider(
        stack,
        "Beta",
        user_pool_id=pool.id,
        domain=acme.shared_domain,
        team_name="beta",
        cloudflare_account_id="fedcba9876543210fedcba9876543210",
    )
    TerraformOutput(stack, "pool_id", value=pool.id)
    return stack


def test_two_teams_on_one_pool_each_get_their_own_client_and_share_the_domain(
    tmp_path: Path,
    cli_config: Path,
    aws_version: str,
    moto_endpoint: str,
    cognito: CognitoIdentityProviderClient,
) -> None:
    workspace = prepared(tmp_path, cli_config, two_teams_stack, aws_version, moto_endpoint)
    workspace.terraform("apply", "-auto-approve")
    pool_id = json.loads(workspace.terraform("output", "-json").stdout)["pool_id"]["value"]
    clients = {
        client["ClientId"]: client
        for client in (
            cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=listed["ClientId"])[
                "UserPoolClient"
            ]
            for listed in cognito.list_user_pool_clients(UserPoolId=pool_id)["UserPoolClients"]
        )
    }
    configs = [
        values["output"]["config"]
        for address, values in workspace.state_values().items()
        if address.startswith(IDP_STAND_IN)
    ]
    callbacks = {
        config["client_id"]: clients[config["client_id"]]["CallbackURLs"] for config in configs
    }
    assert sorted(callbacks.values()) == [
        ["https://acme.cloudflareaccess.com/cdn-cgi/access/callback"],
        ["https://beta.cloudflareaccess.com/cdn-cgi/access/callback"],
    ]
    assert all(c["client_secret"] == clients[c["client_id"]]["ClientSecret"] for c in configs)
    assert {c["auth_url"] for c in configs} == {
        f"https://two-teams-login.auth.{REGION}.amazoncognito.com/oauth2/authorize"
    }
    assert workspace.terraform("plan", "-detailed-exitcode", check=False).returncode == 0


def test_the_example_app_plans_to_import_a_console_made_domain_and_client_not_create_them(
    tmp_path: Path,
    cli_config: Path,
    aws_version: str,
    moto_endpoint: str,
    cognito: CognitoIdentityProviderClient,
) -> None:
    """The IMPORT_* settings reach import_existing; the plan imports and creates neither.

    The apply of such a plan (the client keeps its id and secret, Cloudflare gets both,
    the re-plan is empty) is proved once, through the same ``import_existing``, by the
    library user's stack below.
    """
    pool_id = cognito.create_user_pool(PoolName="console-made")["UserPool"]["Id"]
    cognito.create_user_pool_domain(Domain="console-login", UserPoolId=pool_id)
    console_client = cognito.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="cloudflare",
        GenerateSecret=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthScopes=["openid", "email", "profile"],
        CallbackURLs=["https://acme.cloudflareaccess.com/cdn-cgi/access/callback"],
        SupportedIdentityProviders=["COGNITO"],
    )["UserPoolClient"]
    environ = {
        "COGNITO_USER_POOL_ID": pool_id,
        "CLOUDFLARE_TEAM_NAME": "acme",
        "CLOUDFLARE_ACCOUNT_ID": ACCOUNT,
        "IMPORT_COGNITO_DOMAIN": "console-login",
        "IMPORT_COGNITO_CLIENT_ID": console_client["ClientId"],
    }
    workspace = prepared(
        tmp_path, cli_config, lambda app: main.build(app, environ), aws_version, moto_endpoint
    )
    plan = workspace.plan_json()
    imported = {
        change["type"]: change["change"]["actions"]
        for change in plan["resource_changes"]
        if "importing" in change["change"]
    }
    assert set(imported) == {"aws_cognito_user_pool_domain", "aws_cognito_user_pool_client"}
    assert not any("create" in actions for actions in imported.values())
    assert "2 to import" in summarize(plan)


def test_the_s3_backend_keeps_the_state_encrypted_and_locked(
    tmp_path: Path,
    cli_config: Path,
    aws_version: str,
    moto_endpoint: str,
    s3: S3Client,
) -> None:
    """The backend block exactly as synthesized, sent to the emulator's S3 by a partial config."""
    s3.create_bucket(Bucket="acme-state", CreateBucketConfiguration={"LocationConstraint": REGION})
    environ = {"TF_STATE_BUCKET": "acme-state", "AWS_REGION": REGION}
    config = full_synth(tmp_path / "cdktf.out", lambda app: main.build(app, environ))
    workspace = Workspace(tmp_path / "workspace", cli_config)
    workspace.write(
        point_aws_at(pin_aws_provider(stand_in_for_cloudflare(config), aws_version), moto_endpoint)
    )
    overrides = write_s3_backend_overrides(workspace.directory, moto_endpoint)
    workspace.terraform("init", f"-backend-config={overrides.name}")
    workspace.terraform("apply", "-auto-approve")
    state = s3.head_object(Bucket="acme-state", Key="cognito-access/terraform.tfstate")
    assert state["ServerSideEncryption"] == "AES256"

    lock = "cognito-access/terraform.tfstate.tflock"
    s3.put_object(Bucket="acme-state", Key=lock, Body=b'{"ID": "someone else"}')
    locked = workspace.terraform("plan", "-lock-timeout=0s", check=False)
    assert locked.returncode == 1
    assert "Error acquiring the state lock" in locked.stderr


def library_users_stack(
    pool_id: str, domain: str, client_id: str
) -> Callable[[App], TerraformStack]:
    """A library user's own stack adopting a console-made domain and client (not main.py)."""

    def build(app: App) -> TerraformStack:
        stack = TerraformStack(app, "adopting")
        AwsProvider(stack, "aws", region=REGION)
        CloudflareProvider(stack, "cloudflare")
        sso = CognitoAccessIdentityProvider(
            stack,
            "Login",
            user_pool_id=pool_id,
            domain=LoginDomain.prefix(domain),
            team_name="acme",
            cloudflare_account_id=ACCOUNT,
            logout_urls=LOGOUT_URLS,
            access_token_validity=ACCESS_TOKEN_VALIDITY,
            id_token_validity=ID_TOKEN_VALIDITY,
            refresh_token_validity=REFRESH_TOKEN_VALIDITY,
        )
        sso.import_existing(domain=domain, client_id=client_id)
        return stack

    return build


def test_a_library_user_adopts_a_console_made_domain_and_client_with_import_existing(
    tmp_path: Path,
    cli_config: Path,
    aws_version: str,
    moto_endpoint: str,
    cognito: CognitoIdentityProviderClient,
) -> None:
    """The client keeps its id and secret and takes the construct's settings in place."""
    pool_id = cognito.create_user_pool(PoolName="library-user")["UserPool"]["Id"]
    cognito.create_user_pool_domain(Domain="library-login", UserPoolId=pool_id)
    made = cognito.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="cloudflare",
        GenerateSecret=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthScopes=["openid", "email"],
        CallbackURLs=["https://acme.cloudflareaccess.com/cdn-cgi/access/callback"],
        SupportedIdentityProviders=["COGNITO"],
    )["UserPoolClient"]
    build = library_users_stack(pool_id, "library-login", made["ClientId"])
    workspace = prepared(tmp_path, cli_config, build, aws_version, moto_endpoint)
    plan = workspace.plan_json()
    imported = {
        change["type"]: change["change"]["actions"]
        for change in plan["resource_changes"]
        if "importing" in change["change"]
    }
    assert set(imported) == {"aws_cognito_user_pool_domain", "aws_cognito_user_pool_client"}
    assert not any("create" in actions or "delete" in actions for actions in imported.values())

    workspace.terraform("apply", "tfplan")
    (listed,) = cognito.list_user_pool_clients(UserPoolId=pool_id)["UserPoolClients"]
    adopted = cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=listed["ClientId"])[
        "UserPoolClient"
    ]
    stand_in = next(v for a, v in workspace.state_values().items() if a.startswith(IDP_STAND_IN))
    assert adopted["ClientId"] == made["ClientId"]
    assert adopted["ClientSecret"] == made["ClientSecret"]
    assert stand_in["output"]["config"]["client_secret"] == made["ClientSecret"]
    assert sorted(adopted["LogoutURLs"]) == sorted(LOGOUT_URLS)
    assert adopted["AccessTokenValidity"] == 30
    assert workspace.terraform("plan", "-detailed-exitcode", check=False).returncode == 0


def govcloud_pool_by_reference(app: App) -> TerraformStack:
    """The construct on a pool id known only to Terraform, which is a GovCloud one."""
    stack = TerraformStack(app, "govcloud")
    AwsProvider(stack, "aws", region=REGION)
    CloudflareProvider(stack, "cloudflare")
    pool = TerraformVariable(stack, "pool_id", type="string", default="us-gov-west-1_AbC123")
    CognitoAccessIdentityProvider(
        stack,
        "Sso",
        user_pool_id=pool.string_value,
        domain=LoginDomain.prefix("gov-login"),
        team_name="acme",
        cloudflare_account_id=ACCOUNT,
    )
    return stack


def test_a_pool_by_reference_outside_the_documented_partitions_fails_the_plan(
    tmp_path: Path, cli_config: Path, aws_version: str, moto_endpoint: str
) -> None:
    """Never a silently wrong URL: Terraform stops at the precondition, before any change."""
    workspace = prepared(
        tmp_path, cli_config, govcloud_pool_by_reference, aws_version, moto_endpoint
    )
    result = workspace.terraform("plan", check=False)
    assert result.returncode == 1
    message = " ".join(result.stderr.split())  # Terraform wraps its lines
    assert "Resource precondition failed" in message
    assert "not in a partition whose Cognito hosted UI and issuer hosts" in message
