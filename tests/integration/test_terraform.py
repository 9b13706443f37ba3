"""The stack under real Terraform: validate, apply to the AWS emulator, re-plan, update safely.

These run the real ``terraform`` with the real hashicorp/aws provider from the local
filesystem mirror (version 5.100.0: the bindings pin 6.25.0, which is not to be had
offline, so ``required_providers.aws.version`` is overridden to the mirror's), with
Cognito emulated by moto on loopback. Cloudflare resources stand in as
``terraform_data`` so that Terraform resolves every value that would reach Cloudflare.
"""

from __future__ import annotations

import json
import shutil
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any, TypeAlias

import pytest
from cdktf import App, TerraformOutput, TerraformStack
from cdktf_cdktf_provider_aws.cognito_user_pool import CognitoUserPool
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_cloudflare.provider import CloudflareProvider

import main
from cognito_access import DEFAULT_NAME, DEFAULT_SCOPES, CognitoAccessIdentityProvider, LoginDomain
from cognito_access.review import MARKER, summarize
from tests.integration.conftest import REGION
from tests.integration.harness import (
    Workspace,
    pin_aws_provider,
    point_aws_at,
    stand_in_for_cloudflare,
    use_local_state,
)
from tests.integration.stand_ins import as_cloudflare
from tests.plans import cautions

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from mypy_boto3_cognito_idp import CognitoIdentityProviderClient
    from mypy_boto3_cognito_idp.type_defs import UserPoolClientTypeTypeDef

pytestmark = pytest.mark.terraform

ACCOUNT = "0123456789abcdef0123456789abcdef"
# Production settings the integration stack applies, none of them Cognito's defaults.
ACCESS_TOKEN_VALIDITY = timedelta(minutes=30)
ID_TOKEN_VALIDITY = timedelta(hours=2)
REFRESH_TOKEN_VALIDITY = timedelta(days=7)
LOGOUT_URLS = ("https://acme.example/signed-out", "http://localhost:8080/bye")
IDP_STAND_IN = "terraform_data.cloudflare_zero_trust_access_identity_provider_"


def full_synth(outdir: Path, build: Callable[[App], TerraformStack]) -> dict[str, Any]:
    """Synthesize an app to ``outdir`` as ``cdktf synth`` does; return the stack's cdk.tf.json."""
    app = App(outdir=str(outdir))
    stack = build(app)
    app.synth()
    path = outdir / "stacks" / stack.node.id / "cdk.tf.json"
    parsed: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return parsed


def runnable(config: dict[str, Any], aws_version: str, endpoint: str) -> dict[str, Any]:
    """``config`` with the AWS provider pinned and pointed at ``endpoint``, Cloudflare stood in.

    The state is kept local to the workspace.
    """
    stood_in = stand_in_for_cloudflare(config)
    return point_aws_at(use_local_state(pin_aws_provider(stood_in, aws_version)), endpoint)


def prepared(
    directory: Path,
    cli_config: Path,
    build: Callable[[App], TerraformStack],
    aws_version: str,
    endpoint: str,
) -> Workspace:
    """``build``'s stack synthesized under ``directory``, made runnable here, initialized."""
    workspace = Workspace(directory / "workspace", cli_config)
    workspace.write(runnable(full_synth(directory / "cdktf.out", build), aws_version, endpoint))
    workspace.terraform("init")
    return workspace


def integration_stack(
    app: App,
    *,
    team_name: str = "acme",
    scopes: Sequence[str] = DEFAULT_SCOPES,
    name: str = DEFAULT_NAME,
    pool: str = "PoolA",
) -> TerraformStack:
    """Two pools and the construct on one of them, with its values as outputs."""
    stack = TerraformStack(app, "integration")
    AwsProvider(stack, "aws", region=REGION)
    CloudflareProvider(stack, "cloudflare")
    pools = {
        pool_id: CognitoUserPool(stack, pool_id, name=pool_id.lower())
        for pool_id in ("PoolA", "PoolB")
    }
    sso = CognitoAccessIdentityProvider(
        stack,
        "Sso",
        user_pool_id=pools[pool].id,
        domain=LoginDomain.prefix("acme-login"),
        team_name=team_name,
        cloudflare_account_id=ACCOUNT,
        name=name,
        scopes=scopes,
        logout_urls=LOGOUT_URLS,
        access_token_validity=ACCESS_TOKEN_VALIDITY,
        id_token_validity=ID_TOKEN_VALIDITY,
        refresh_token_validity=REFRESH_TOKEN_VALIDITY,
    )
    TerraformOutput(stack, "pool_id", value=pools[pool].id)
    TerraformOutput(stack, "issuer_url", value=sso.issuer_url)
    TerraformOutput(stack, "client_id", value=sso.client_id)
    TerraformOutput(stack, "identity_provider_id", value=sso.identity_provider_id)
    TerraformOutput(stack, "auth_url", value=sso.auth_url)
    return stack


@dataclass(frozen=True)
class Applied:
    """The integration stack applied to the emulator: its workspace, state and outputs."""

    workspace: Workspace
    resources: dict[str, dict[str, Any]]
    outputs: dict[str, Any]
    printed: str  # what terraform apply and terraform output printed

    def only(self, prefix: str) -> dict[str, Any]:
        """The values of the only resource whose address starts with ``prefix``."""
        (values,) = [v for address, v in self.resources.items() if address.startswith(prefix)]
        return values

    @property
    def cloudflare_config(self) -> dict[str, Any]:
        """The identity provider's ``config`` as Terraform resolved it for Cloudflare."""
        config: dict[str, Any] = self.only(IDP_STAND_IN)["output"]["config"]
        return config


@pytest.fixture(scope="module")
def applied(
    tmp_path_factory: pytest.TempPathFactory, cli_config: Path, aws_version: str, moto_endpoint: str
) -> Applied:
    directory = tmp_path_factory.mktemp("applied")
    workspace = prepared(directory, cli_config, integration_stack, aws_version, moto_endpoint)
    apply = workspace.terraform("apply", "-auto-approve")
    output = workspace.terraform("output", "-json")
    printed = apply.stdout + apply.stderr + output.stdout + output.stderr
    return Applied(workspace, workspace.state_values(), json.loads(output.stdout), printed)


@pytest.fixture(scope="module")
def client(applied: Applied, cognito: CognitoIdentityProviderClient) -> UserPoolClientTypeTypeDef:
    """The app client as the emulator holds it."""
    pool_id = applied.outputs["pool_id"]["value"]
    (client_id,) = [
        c["ClientId"] for c in cognito.list_user_pool_clients(UserPoolId=pool_id)["UserPoolClients"]
    ]
    return cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)[
        "UserPoolClient"
    ]


def test_cloudflare_gets_the_created_clients_id_and_secret(
    applied: Applied, client: UserPoolClientTypeTypeDef
) -> None:
    assert applied.cloudflare_config["client_id"] == client["ClientId"]
    assert applied.cloudflare_config["client_secret"] == client["ClientSecret"]


def test_the_real_client_secret_is_in_no_output_and_nothing_terraform_printed(
    applied: Applied, client: UserPoolClientTypeTypeDef
) -> None:
    secret = client["ClientSecret"]
    assert secret in json.dumps(applied.resources)  # the state holds it: the rest must not
    assert secret not in json.dumps(applied.outputs)
    assert secret not in applied.printed
    assert not any(output["sensitive"] for output in applied.outputs.values())


def test_terraform_validates_the_construct_in_a_stack(applied: Applied) -> None:
    assert applied.workspace.terraform("validate").returncode == 0


@pytest.mark.parametrize(
    "environ",
    [
        {},
        {"TF_STATE_BUCKET": "acme-state", "TF_STATE_REGION": "eu-central-1"},
        {
            "COGNITO_USER_POOL_ID": "eu-west-1_AbC123",
            "IMPORT_COGNITO_DOMAIN": "acme-login",
            "IMPORT_COGNITO_CLIENT_ID": "4example0client0id",
            "CLOUDFLARE_IGNORE_CLIENT_SECRET_CHANGES": "1",
        },
    ],
    ids=["local state", "S3 state", "adoption"],
)
def test_terraform_validates_the_example_apps_stack(
    tmp_path: Path, workspace: Workspace, aws_version: str, environ: dict[str, str]
) -> None:
    """Validated as synthesized, backend and import blocks included (init -backend=false)."""
    config = full_synth(tmp_path / "cdktf.out", lambda app: main.build(app, environ))
    workspace.write(pin_aws_provider(stand_in_for_cloudflare(config), aws_version))
    workspace.terraform("init", "-backend=false")
    assert workspace.terraform("validate").returncode == 0


def test_cloudflare_gets_the_hosted_ui_endpoints_of_the_created_domain(applied: Applied) -> None:
    base = f"https://acme-login.auth.{REGION}.amazoncognito.com/oauth2"
    assert applied.cloudflare_config["auth_url"] == f"{base}/authorize"
    assert applied.cloudflare_config["token_url"] == f"{base}/token"


def test_cloudflare_gets_the_pools_jwks_url_and_the_emulator_serves_keys_there(
    applied: Applied, fetch: Callable[[str], Any]
) -> None:
    pool_id = applied.outputs["pool_id"]["value"]
    certs_url = applied.cloudflare_config["certs_url"]
    assert (
        certs_url == f"https://cognito-idp.{REGION}.amazonaws.com/{pool_id}/.well-known/jwks.json"
    )
    assert [key["kty"] for key in fetch(certs_url)["keys"]] == ["RSA"]


def test_the_issuer_is_the_pools_endpoint_and_the_one_it_announces(
    applied: Applied, fetch: Callable[[str], Any]
) -> None:
    issuer = applied.outputs["issuer_url"]["value"]
    discovery = fetch(f"{issuer}/.well-known/openid-configuration")
    assert issuer == "https://" + applied.only("aws_cognito_user_pool.PoolA")["endpoint"]
    assert discovery["issuer"] == issuer
    # The emulator answers in the scheme it was asked in (plain HTTP on loopback).
    jwks = urllib.parse.urlsplit(discovery["jwks_uri"])
    assert jwks._replace(scheme="https").geturl() == applied.cloudflare_config["certs_url"]


def test_the_created_client_has_the_callback_flows_scopes_and_a_secret(
    client: UserPoolClientTypeTypeDef,
) -> None:
    assert client["CallbackURLs"] == ["https://acme.cloudflareaccess.com/cdn-cgi/access/callback"]
    assert client["AllowedOAuthFlows"] == ["code"]
    assert client["AllowedOAuthFlowsUserPoolClient"] is True
    assert sorted(client["AllowedOAuthScopes"]) == ["email", "openid", "profile"]
    assert client["SupportedIdentityProviders"] == ["COGNITO"]
    assert len(client["ClientSecret"]) >= 32


def test_the_token_lifetimes_reach_cognito_in_their_units(
    client: UserPoolClientTypeTypeDef,
) -> None:
    assert (
        client["AccessTokenValidity"],
        client["IdTokenValidity"],
        client["RefreshTokenValidity"],
    ) == (30, 2, 7)
    assert client["TokenValidityUnits"] == {
        "AccessToken": "minutes",
        "IdToken": "hours",
        "RefreshToken": "days",
    }


def test_the_client_reads_only_the_scopes_attributes(
    client: UserPoolClientTypeTypeDef,
) -> None:
    """write_attributes is not declared (Cognito reads [] as unspecified, issue 18)."""
    profile = {"name", "given_name", "family_name", "preferred_username", "updated_at"}
    read = set(client["ReadAttributes"])
    assert {"email", "email_verified"} | profile <= read
    assert not {"phone_number", "address"} & read


def test_the_logout_urls_and_token_revocation_reach_cognito(
    client: UserPoolClientTypeTypeDef,
) -> None:
    assert sorted(client["LogoutURLs"]) == sorted(LOGOUT_URLS)
    assert client["EnableTokenRevocation"] is True


def test_cloudflare_gets_pkce_claims_and_scopes(applied: Applied) -> None:
    config = applied.cloudflare_config
    assert config["pkce_enabled"] is True
    assert config["claims"] == ["sub", "cognito:username", "name", "cognito:groups"]
    assert config["scopes"] == ["openid", "email", "profile"]
    assert config["email_claim_name"] == "email"


def test_the_domain_belongs_to_the_pool(
    applied: Applied, cognito: CognitoIdentityProviderClient
) -> None:
    domain = cognito.describe_user_pool_domain(Domain="acme-login")["DomainDescription"]
    assert domain["UserPoolId"] == applied.outputs["pool_id"]["value"]


def test_a_second_plan_after_apply_is_empty(applied: Applied) -> None:
    result = applied.workspace.terraform("plan", "-detailed-exitcode", check=False)
    assert result.returncode == 0, result.stdout


# Changes to the integration stack's settings, planned against the applied state.
CHANGES: dict[str, dict[str, Any]] = {
    "team name": {"team_name": "acme-eu"},
    "scopes": {"scopes": ("openid", "email", "profile", "phone")},
    "identity provider name": {"name": "Staff login"},
    "user pool": {"pool": "PoolB"},
}
# Plans one of CHANGES and returns the plan as `terraform show -json` gives it.
PlanOf: TypeAlias = Callable[[str], dict[str, Any]]


@pytest.fixture(scope="module")
def plan_of(
    applied: Applied, tmp_path_factory: pytest.TempPathFactory, aws_version: str, moto_endpoint: str
) -> PlanOf:
    """Plan each change once, against a copy of the applied state."""
    plans: dict[str, dict[str, Any]] = {}

    def plan(change: str) -> dict[str, Any]:
        if change not in plans:
            workspace = prepared(
                tmp_path_factory.mktemp("plan"),
                applied.workspace.cli_config,
                lambda app: integration_stack(app, **CHANGES[change]),
                aws_version,
                moto_endpoint,
            )
            shutil.copy(applied.workspace.directory / "terraform.tfstate", workspace.directory)
            plans[change] = workspace.plan_json()
        return plans[change]

    return plan


def planned_actions(plan: dict[str, Any]) -> dict[str, list[str]]:
    """Each resource's planned actions, by address."""
    return {change["address"]: change["change"]["actions"] for change in plan["resource_changes"]}


def actions_of(actions: dict[str, list[str]], prefix: str) -> list[str]:
    """The planned actions of the only resource whose address starts with ``prefix``."""
    (found,) = [planned for address, planned in actions.items() if address.startswith(prefix)]
    return found


CLIENT = "aws_cognito_user_pool_client."
DOMAIN = "aws_cognito_user_pool_domain."


@pytest.mark.parametrize(
    ("change", "client_action", "idp_action"),
    [
        ("team name", "update", "no-op"),
        ("scopes", "update", "update"),
        ("identity provider name", "no-op", "update"),
    ],
)
def test_a_settings_change_updates_in_place_and_keeps_the_app_client(
    plan_of: PlanOf, change: str, client_action: str, idp_action: str
) -> None:
    """A replaced client would mean a new secret and every user signed out."""
    actions = planned_actions(plan_of(change))
    replaced = sorted(address for address, planned in actions.items() if "delete" in planned)
    assert replaced == []
    assert actions_of(actions, CLIENT) == [client_action]
    assert actions_of(actions, IDP_STAND_IN) == [idp_action]
    assert actions_of(actions, DOMAIN) == ["no-op"]


def test_moving_to_another_pool_is_planned_as_a_replacement(plan_of: PlanOf) -> None:
    actions = planned_actions(plan_of("user pool"))
    assert sorted(actions_of(actions, CLIENT)) == ["create", "delete"]
    assert sorted(actions_of(actions, DOMAIN)) == ["create", "delete"]


def test_the_summary_of_a_client_replacement_warns_loudly(plan_of: PlanOf) -> None:
    summary = summarize(as_cloudflare(plan_of("user pool")))
    (client,) = [a for a in planned_actions(plan_of("user pool")) if a.startswith(CLIENT)]
    caution = summary.split("> [!CAUTION]")
    assert len(caution) > 1
    assert any(
        client in block and "Every user signed in to Cloudflare Access is signed out" in block
        for block in caution[1:]
    )


def test_the_summary_of_an_in_place_change_lists_it_without_a_warning(plan_of: PlanOf) -> None:
    summary = summarize(as_cloudflare(plan_of("identity provider name")))
    assert summary.startswith(MARKER)
    assert "[!CAUTION]" not in summary
    assert "`name`: " in summary
    assert "1 to change" in summary


def test_the_summary_of_a_new_team_name_cautions_the_callback_to_that_team(
    plan_of: PlanOf,
) -> None:
    """Another team's callback is what a hostile change would add: it is always cautioned."""
    summary = summarize(as_cloudflare(plan_of("team name")))
    said = cautions(summary)
    assert said
    assert all(c.startswith("**Callback to another Zero Trust team on `") for c in said)
    assert all("`acme-eu` instead of `" in c for c in said)
    assert "callback_urls" in summary


@pytest.mark.parametrize("change", ["team name", "user pool"])
def test_the_summary_never_shows_the_client_secret(
    plan_of: PlanOf, client: UserPoolClientTypeTypeDef, change: str
) -> None:
    plan = plan_of(change)
    secret = client["ClientSecret"]
    assert secret in json.dumps(plan)  # the real plan holds it: the summary must drop it
    assert secret not in summarize(as_cloudflare(plan))
