"""The login page on a custom domain, under real Terraform against the AWS emulator.

One apply and one re-plan of a stack with a custom domain, its Cloudflare DNS record
(stood in by ``terraform_data``) and managed login. What is not applied: the mirror's
AWS provider (5.100.0) has no ``aws_cognito_managed_login_branding``, so that resource
is taken out of the configuration before Terraform sees it (and checked as synthesized
here and against the bindings' types in tests/test_login_page.py); the domain keeps
``managed_login_version = 2``.

The emulator's ``DescribeUserPoolDomain`` leaves out ``CustomDomainConfig`` and
``ManagedLoginVersion``; the harness patches its answer to carry them, as Cognito's
does (``domains_described_in_full``), so that the re-plan can be held to be empty.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest
from cdktf import App, TerraformOutput, TerraformStack
from cdktf_cdktf_provider_aws.cognito_user_pool import CognitoUserPool
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_cloudflare.provider import CloudflareProvider

from cognito_access import CognitoAccessIdentityProvider, LoginDomain, ManagedLogin
from tests.emulator import domains_described_in_full
from tests.integration.conftest import REGION
from tests.integration.harness import Workspace, drop_resources
from tests.integration.test_terraform import ACCOUNT, IDP_STAND_IN, full_synth, runnable

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from mypy_boto3_cognito_idp import CognitoIdentityProviderClient

pytestmark = pytest.mark.terraform

CUSTOM_DOMAIN = "login.acme-corp.example"
CERTIFICATE = "arn:aws:acm:us-east-1:210987654321:certificate/5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9"
ZONE = "00112233445566778899aabbccddeeff"
BRANDING = "aws_cognito_managed_login_branding"
DOMAIN = "aws_cognito_user_pool_domain."
DNS_STAND_IN = "terraform_data.cloudflare_dns_record_"


def login_page_stack(app: App) -> TerraformStack:
    """A pool and the construct on a custom domain, with its DNS record and managed login."""
    stack = TerraformStack(app, "login-page")
    AwsProvider(stack, "aws", region=REGION)
    CloudflareProvider(stack, "cloudflare")
    pool = CognitoUserPool(stack, "Pool", name="login-page")
    CognitoAccessIdentityProvider(
        stack,
        "Sso",
        user_pool_id=pool.id,
        domain=LoginDomain.custom(
            CUSTOM_DOMAIN, certificate_arn=CERTIFICATE, cloudflare_zone_id=ZONE
        ),
        managed_login=ManagedLogin(),
        team_name="acme",
        cloudflare_account_id=ACCOUNT,
    )
    TerraformOutput(stack, "pool_id", value=pool.id)
    return stack


@dataclass(frozen=True)
class Applied:
    """The stack applied: the branding taken out, the state after, the re-plan."""

    dropped: dict[str, Any]
    resources: dict[str, dict[str, Any]]
    outputs: dict[str, Any]
    replan: dict[str, Any]

    def only(self, prefix: str) -> dict[str, Any]:
        """The values of the only resource whose address starts with ``prefix``."""
        (values,) = [v for address, v in self.resources.items() if address.startswith(prefix)]
        return values


@pytest.fixture(scope="module")
def applied(
    tmp_path_factory: pytest.TempPathFactory, cli_config: Path, aws_version: str, moto_endpoint: str
) -> Iterator[Applied]:
    directory = tmp_path_factory.mktemp("login-page")
    config = runnable(
        full_synth(directory / "cdktf.out", login_page_stack), aws_version, moto_endpoint
    )
    dropped = drop_resources(config, BRANDING)
    workspace = Workspace(directory / "workspace", cli_config)
    workspace.write(config)
    workspace.terraform("init")
    with domains_described_in_full():
        workspace.terraform("apply", "-auto-approve")
        outputs = json.loads(workspace.terraform("output", "-json").stdout)
        yield Applied(dropped, workspace.state_values(), outputs, workspace.plan_json())


def test_only_the_branding_the_mirrors_provider_lacks_was_left_unapplied(
    applied: Applied,
) -> None:
    (branding,) = applied.dropped.values()
    assert branding["client_id"].startswith("${aws_cognito_user_pool_client.")
    assert branding["use_cognito_provided_values"] is True


def test_the_custom_domain_is_created_on_the_pool(
    applied: Applied, cognito: CognitoIdentityProviderClient
) -> None:
    domain = cognito.describe_user_pool_domain(Domain=CUSTOM_DOMAIN)["DomainDescription"]
    assert domain["UserPoolId"] == applied.outputs["pool_id"]["value"]


def test_cloudflare_gets_auth_and_token_urls_on_the_custom_domain(applied: Applied) -> None:
    config = applied.only(IDP_STAND_IN)["output"]["config"]
    assert config["auth_url"] == f"https://{CUSTOM_DOMAIN}/oauth2/authorize"
    assert config["token_url"] == f"https://{CUSTOM_DOMAIN}/oauth2/token"


def test_the_certs_url_stays_the_pools_issuers(applied: Applied) -> None:
    pool_id = applied.outputs["pool_id"]["value"]
    assert applied.only(IDP_STAND_IN)["output"]["config"]["certs_url"] == (
        f"https://cognito-idp.{REGION}.amazonaws.com/{pool_id}/.well-known/jwks.json"
    )


def test_the_dns_record_points_at_the_domains_cloudfront_distribution(
    applied: Applied, cognito: CognitoIdentityProviderClient
) -> None:
    record = applied.only(DNS_STAND_IN)["output"]
    domain = cognito.describe_user_pool_domain(Domain=CUSTOM_DOMAIN)["DomainDescription"]
    assert domain["CloudFrontDistribution"].endswith(".cloudfront.net")
    assert record["content"] == domain["CloudFrontDistribution"]
    assert (record["name"], record["type"], record["zone_id"]) == (CUSTOM_DOMAIN, "CNAME", ZONE)
    assert (record["proxied"], record["ttl"]) == (False, 1)


def test_the_domain_holds_the_certificate_and_managed_login_version_2(applied: Applied) -> None:
    domain = applied.only(DOMAIN)
    assert (domain["certificate_arn"], domain["managed_login_version"]) == (CERTIFICATE, 2)


def test_a_second_plan_after_apply_is_empty(applied: Applied) -> None:
    changes = {
        change["address"]: change["change"]["actions"]
        for change in applied.replan["resource_changes"]
        if change["change"]["actions"] != ["no-op"]
    }
    assert changes == {}
