"""The plan summary of real plans: values and cautions a reviewer must see, never the secret.

The construct is applied once to the AWS emulator; each change below is then planned
by the real ``terraform`` against a copy of that state, its plan read with
``terraform show -json``, its ``terraform_data`` stand-ins mapped back to the Cloudflare
resources they stand for (``stand_ins.as_cloudflare``), and summarized.
"""

from __future__ import annotations

import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

import pytest
from cdktf import App, TerraformOutput, TerraformStack
from cdktf_cdktf_provider_aws.cognito_user_pool import CognitoUserPool
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_cloudflare.provider import CloudflareProvider

from cognito_access import CognitoAccessIdentityProvider, LoginDomain
from cognito_access.review import summarize
from tests.integration.conftest import REGION
from tests.integration.harness import (
    Workspace,
    pin_aws_provider,
    point_aws_at,
    stand_in_for_cloudflare,
    use_local_state,
)
from tests.integration.stand_ins import as_cloudflare
from tests.plans import attributes, cautions

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from mypy_boto3_cognito_idp import CognitoIdentityProviderClient

pytestmark = pytest.mark.terraform

ACCOUNT = "0123456789abcdef0123456789abcdef"
PREFIX = "review-login"
HOSTED_UI = f"{PREFIX}.auth.{REGION}.amazoncognito.com"
ELSEWHERE = "https://login.example.net/oauth2/authorize"
IDP = "cloudflare_zero_trust_access_identity_provider.Sso_IdentityProvider_D6FB20E6"
CLIENT = "aws_cognito_user_pool_client.Sso_AppClient_5333B785"


def pkce_off_and_auth_elsewhere(sso: CognitoAccessIdentityProvider) -> None:
    """(a) Cloudflare signs in without PKCE, at another host (no parameter sets the URL)."""
    sso.identity_provider.add_override("config.pkce_enabled", value=False)
    sso.identity_provider.add_override("config.auth_url", ELSEWHERE)


def implicit_flow(sso: CognitoAccessIdentityProvider) -> None:
    """(b) The app client also allows the implicit grant."""
    sso.user_pool_client.add_override("allowed_oauth_flows", ["code", "implicit"])


@dataclass(frozen=True)
class Change:
    """A change to plan: the construct's own settings, and overrides where none exists."""

    settings: dict[str, Any] = field(default_factory=dict)
    tweak: Callable[[CognitoAccessIdentityProvider], None] | None = None


CHANGES: dict[str, Change] = {
    "PKCE off, auth URL elsewhere": Change(tweak=pkce_off_and_auth_elsewhere),
    "implicit flow": Change(tweak=implicit_flow),
    # (c) Access tokens live 12 hours instead of the construct's default, 1 hour.
    "longer access tokens": Change(settings={"access_token_validity": timedelta(hours=12)}),
}


def review_stack(app: App, change: Change | None = None) -> TerraformStack:
    """A pool and the construct on it, with ``change``'s settings and overrides."""
    stack = TerraformStack(app, "review")
    AwsProvider(stack, "aws", region=REGION)
    CloudflareProvider(stack, "cloudflare")
    pool = CognitoUserPool(stack, "Pool", name="review")
    sso = CognitoAccessIdentityProvider(
        stack,
        "Sso",
        user_pool_id=pool.id,
        domain=LoginDomain.prefix(PREFIX),
        team_name="acme",
        cloudflare_account_id=ACCOUNT,
        **(change.settings if change is not None else {}),
    )
    if change is not None and change.tweak is not None:
        change.tweak(sso)
    TerraformOutput(stack, "pool_id", value=pool.id)
    return stack


def workspace_for(
    directory: Path,
    cli_config: Path,
    stack: Callable[[App], TerraformStack],
    aws_version: str,
    endpoint: str,
) -> Workspace:
    """``stack`` synthesized as ``cdktf synth`` does, made runnable here, initialized."""
    app = App(outdir=str(directory / "cdktf.out"))
    stack(app)
    app.synth()
    config = json.loads((directory / "cdktf.out/stacks/review/cdk.tf.json").read_text("utf-8"))
    runnable = point_aws_at(
        use_local_state(pin_aws_provider(stand_in_for_cloudflare(config), aws_version)), endpoint
    )
    workspace = Workspace(directory / "workspace", cli_config)
    workspace.write(runnable)
    workspace.terraform("init")
    return workspace


def plan_json(workspace: Workspace) -> dict[str, Any]:
    """``terraform show -json`` of a saved plan made without refreshing the state."""
    workspace.terraform("plan", "-refresh=false", "-out=tfplan")
    plan: dict[str, Any] = json.loads(workspace.terraform("show", "-json", "tfplan").stdout)
    return plan


@dataclass(frozen=True)
class Reviewed:
    """The summaries of each change's real plan, and the app client's real secret."""

    plans: dict[str, dict[str, Any]]
    summaries: dict[str, str]
    client_secret: str


@pytest.fixture(scope="module")
def reviewed(
    tmp_path_factory: pytest.TempPathFactory,
    cli_config: Path,
    aws_version: str,
    moto_endpoint: str,
    cognito: CognitoIdentityProviderClient,
) -> Reviewed:
    """One apply; then each change planned against a copy of its state, and summarized."""
    applied = workspace_for(
        tmp_path_factory.mktemp("review"), cli_config, review_stack, aws_version, moto_endpoint
    )
    applied.terraform("apply", "-auto-approve")
    pool_id = json.loads(applied.terraform("output", "-json").stdout)["pool_id"]["value"]
    (listed,) = cognito.list_user_pool_clients(UserPoolId=pool_id)["UserPoolClients"]
    client = cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=listed["ClientId"])
    workspaces = {
        name: workspace_for(
            tmp_path_factory.mktemp("review-plan"),
            cli_config,
            partial(review_stack, change=change),
            aws_version,
            moto_endpoint,
        )
        for name, change in CHANGES.items()
    }
    for workspace in workspaces.values():
        shutil.copy(applied.directory / "terraform.tfstate", workspace.directory)
    # The state was written by the apply just now: no refresh, and the plans side by side.
    with ThreadPoolExecutor(max_workers=2) as pool:
        planned = {name: pool.submit(plan_json, ws) for name, ws in workspaces.items()}
        plans = {name: future.result() for name, future in planned.items()}
    summaries = {name: summarize(as_cloudflare(plan)) for name, plan in plans.items()}
    return Reviewed(plans, summaries, client["UserPoolClient"]["ClientSecret"])


def test_turning_pkce_off_is_shown_with_its_values_and_a_caution(reviewed: Reviewed) -> None:
    summary = reviewed.summaries["PKCE off, auth URL elsewhere"]
    assert attributes(summary, IDP)["config.pkce_enabled"] == "`true` → `false`"
    assert any(c.startswith(f"**PKCE turned off on `{IDP}`:**") for c in cautions(summary))


def test_moving_the_auth_url_shows_both_urls_and_names_both_hosts(reviewed: Reviewed) -> None:
    summary = reviewed.summaries["PKCE off, auth URL elsewhere"]
    old, new = attributes(summary, IDP)["config.auth_url"].split(" → ")
    assert old.startswith(f'`"https://{HOSTED_UI}')
    assert new == f'`"{ELSEWHERE}"`'
    (moved,) = [c for c in cautions(summary) if "`config.auth_url` moves to another host" in c]
    assert f"`{HOSTED_UI}`" in moved
    assert "`login.example.net`" in moved


def test_the_secret_beside_a_change_is_said_to_be_unchanged(reviewed: Reviewed) -> None:
    summary = reviewed.summaries["PKCE off, auth URL elsewhere"]
    said = attributes(summary, IDP)["config.client_secret"]
    assert said == "(sensitive, unchanged)"


def test_adding_the_implicit_flow_is_shown_with_its_values_and_a_caution(
    reviewed: Reviewed,
) -> None:
    summary = reviewed.summaries["implicit flow"]
    flows = attributes(summary, CLIENT)["allowed_oauth_flows"]
    assert flows == '`["code"]` → `["code","implicit"]`'
    (caution,) = cautions(summary)
    assert caution.startswith(f'**OAuth flow `"implicit"` allowed on `{CLIENT}`:**')


def test_a_longer_access_token_lifetime_is_shown_with_its_values_and_a_caution(
    reviewed: Reviewed,
) -> None:
    summary = reviewed.summaries["longer access tokens"]
    said = attributes(summary, CLIENT)
    lifetime = said["access_token_validity"]
    assert lifetime == "`1` → `12`"
    assert "token_validity_units[0].access_token" not in said  # hours before and after
    (caution,) = cautions(summary)
    assert caution.startswith(f"**Access token lifetime lengthened on `{CLIENT}`:**")
    assert "for 12 hours instead of 1 hour" in caution


@pytest.mark.parametrize("change", CHANGES)
def test_no_summary_shows_the_real_client_secret(reviewed: Reviewed, change: str) -> None:
    assert reviewed.client_secret in json.dumps(reviewed.plans[change])  # the plan holds it
    assert reviewed.client_secret not in reviewed.summaries[change]
