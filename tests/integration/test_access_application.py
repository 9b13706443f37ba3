"""An application protected by Cognito group, under real Terraform against the AWS emulator.

One apply of a pool, two Cognito groups declared on it, the identity provider and an
``AccessApplication`` allowing one declared group, one group by name and one email.
A change allowing one more group and one more email is then planned against a copy of
that state and summarized, as a reviewer would read it.
The Cloudflare resources stand in as ``terraform_data`` (see harness.py), so Terraform
itself resolves every value that would reach Cloudflare: these tests prove that the
group rules carry the names Cognito holds, that every rule and the application point
at the identity provider's id, and that the emulator's ID tokens carry the claim the
rules match on. What Cloudflare does with those values is not run here (see README).
"""

from __future__ import annotations

import base64
import json
import shutil
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

import pytest
from cdktf import App, TerraformOutput, TerraformStack
from cdktf_cdktf_provider_aws.cognito_user_group import CognitoUserGroup
from cdktf_cdktf_provider_aws.cognito_user_pool import CognitoUserPool
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_cloudflare.provider import CloudflareProvider

from cognito_access import AccessApplication, CognitoAccessIdentityProvider, LoginDomain
from cognito_access.review import summarize
from tests.integration.conftest import REGION
from tests.integration.stand_ins import as_cloudflare
from tests.integration.test_review import plan_json
from tests.integration.test_terraform import ACCOUNT, IDP_STAND_IN, prepared
from tests.plans import cautions

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from mypy_boto3_cognito_idp import CognitoIdentityProviderClient

    from tests.integration.harness import Workspace

pytestmark = pytest.mark.terraform

GROUPS = ("engineering", "ops-eu")
NAMED_GROUP = "on-call"  # given by name: a group that exists already, or will
APP_STAND_IN = "terraform_data.cloudflare_zero_trust_access_application_"
POLICY_STAND_IN = "terraform_data.cloudflare_zero_trust_access_policy_"


def protected_stack(
    app: App, *, more_groups: Sequence[str] = (), more_emails: Sequence[str] = ()
) -> TerraformStack:
    """A pool with two declared groups, the login method, and an application behind both.

    ``more_groups`` (by name) and ``more_emails`` are allowed besides.
    """
    stack = TerraformStack(app, "protected")
    AwsProvider(stack, "aws", region=REGION)
    CloudflareProvider(stack, "cloudflare")
    pool = CognitoUserPool(stack, "Pool", name="protected")
    groups = [CognitoUserGroup(stack, name, name=name, user_pool_id=pool.id) for name in GROUPS]
    sso = CognitoAccessIdentityProvider(
        stack,
        "Sso",
        user_pool_id=pool.id,
        domain=LoginDomain.prefix("protected-login"),
        team_name="acme",
        cloudflare_account_id=ACCOUNT,
    )
    AccessApplication(
        stack,
        "Wiki",
        idp=sso,
        domain="wiki.example.com",
        allowed_groups=[*groups, NAMED_GROUP, *more_groups],
        allowed_emails=["ana@partner.example", *more_emails],
    )
    TerraformOutput(stack, "pool_id", value=pool.id)
    TerraformOutput(stack, "certs_url", value=sso.certs_url)
    return stack


@dataclass(frozen=True)
class Protected:
    """The stack applied to the emulator: its workspace, state and outputs."""

    workspace: Workspace
    resources: dict[str, dict[str, Any]]
    outputs: dict[str, Any]

    def only(self, prefix: str) -> dict[str, Any]:
        """The values of the only resource whose address starts with ``prefix``."""
        (values,) = [v for address, v in self.resources.items() if address.startswith(prefix)]
        return values

    @property
    def pool_id(self) -> str:
        """The created pool's id."""
        return str(self.outputs["pool_id"]["value"])

    @property
    def idp_id(self) -> str:
        """The id Terraform gave the identity provider's stand-in."""
        return str(self.only(IDP_STAND_IN)["id"])

    @property
    def policy(self) -> dict[str, Any]:
        """The policy's arguments as Terraform resolved them for Cloudflare."""
        policy: dict[str, Any] = self.only(POLICY_STAND_IN)["output"]
        return policy

    @property
    def application(self) -> dict[str, Any]:
        """The application's arguments as Terraform resolved them for Cloudflare."""
        application: dict[str, Any] = self.only(APP_STAND_IN)["output"]
        return application


@pytest.fixture(scope="module")
def protected(
    tmp_path_factory: pytest.TempPathFactory, cli_config: Path, aws_version: str, moto_endpoint: str
) -> Protected:
    directory = tmp_path_factory.mktemp("protected")
    workspace = prepared(directory, cli_config, protected_stack, aws_version, moto_endpoint)
    workspace.terraform("apply", "-auto-approve")
    outputs = json.loads(workspace.terraform("output", "-json").stdout)
    return Protected(workspace, workspace.state_values(), outputs)


def test_the_declared_groups_are_created_in_the_pool(
    protected: Protected, cognito: CognitoIdentityProviderClient
) -> None:
    listed = cognito.list_groups(UserPoolId=protected.pool_id)["Groups"]
    assert sorted(group["GroupName"] for group in listed) == sorted(GROUPS)


def test_the_group_rules_match_the_created_groups_names_and_the_named_one(
    protected: Protected,
) -> None:
    created = [protected.only(f"aws_cognito_user_group.{name}")["name"] for name in GROUPS]
    rules = [rule["oidc"] for rule in protected.policy["include"] if rule.get("oidc")]
    assert [rule["claim_value"] for rule in rules] == [*created, NAMED_GROUP]
    assert {rule["claim_name"] for rule in rules} == {"cognito:groups"}


def test_every_group_rule_names_the_identity_provider_by_its_id(protected: Protected) -> None:
    rules = [rule["oidc"] for rule in protected.policy["include"] if rule.get("oidc")]
    assert [rule["identity_provider_id"] for rule in rules] == [protected.idp_id] * 3


def test_the_policy_requires_the_identity_provider_as_login_method(protected: Protected) -> None:
    (requirement,) = protected.policy["require"]
    assert requirement["login_method"]["id"] == protected.idp_id


def test_the_application_offers_only_the_identity_provider(protected: Protected) -> None:
    assert protected.application["allowed_idps"] == [protected.idp_id]


def test_the_application_gets_the_policy_by_its_id(protected: Protected) -> None:
    policy_id = protected.only(POLICY_STAND_IN)["id"]
    assert protected.application["policies"] == [{"id": policy_id, "precedence": 1}]


def test_a_second_plan_after_apply_is_empty(protected: Protected) -> None:
    result = protected.workspace.terraform("plan", "-detailed-exitcode", check=False)
    assert result.returncode == 0, result.stdout


def jwt_part(token: str, index: int) -> dict[str, Any]:
    """The JSON of a JWT's header (0) or payload (1); the signature is not checked here."""
    part = token.split(".")[index]
    decoded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    return decoded


def test_a_members_id_token_lists_the_group_in_the_claim_the_rules_match(
    protected: Protected,
    cognito: CognitoIdentityProviderClient,
    fetch: Callable[[str], Any],
) -> None:
    """A user added with boto3, signed in on a test-only client by the admin password flow."""
    pool_id, password = protected.pool_id, "Correct-horse-battery-9"
    cognito.admin_create_user(UserPoolId=pool_id, Username="ana", MessageAction="SUPPRESS")
    cognito.admin_set_user_password(
        UserPoolId=pool_id, Username="ana", Password=password, Permanent=True
    )
    cognito.admin_add_user_to_group(UserPoolId=pool_id, Username="ana", GroupName=GROUPS[0])
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="test-only",
        ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    signed_in = cognito.admin_initiate_auth(
        UserPoolId=pool_id,
        ClientId=client_id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "ana", "PASSWORD": password},
    )
    id_token = signed_in["AuthenticationResult"]["IdToken"]
    claims = jwt_part(id_token, 1)
    assert claims["cognito:groups"] == [GROUPS[0]]
    assert claims["token_use"] == "id"  # noqa: S105 - the kind of token, not a secret
    # Signed by a key of the set Cloudflare is told to verify with (config.certs_url).
    keys = fetch(protected.outputs["certs_url"]["value"])["keys"]
    assert jwt_part(id_token, 0)["kid"] in {key["kid"] for key in keys}


POLICY = "cloudflare_zero_trust_access_policy.Wiki_Policy"


def test_allowing_one_more_group_and_email_is_cautioned_naming_each(
    protected: Protected,
    tmp_path_factory: pytest.TempPathFactory,
    cli_config: Path,
    aws_version: str,
    moto_endpoint: str,
) -> None:
    """The change planned by the real terraform against a copy of the applied state."""
    wider = partial(
        protected_stack, more_groups=["contractors"], more_emails=["bo@partner.example"]
    )
    workspace = prepared(
        tmp_path_factory.mktemp("protected-wider"), cli_config, wider, aws_version, moto_endpoint
    )
    shutil.copy(protected.workspace.directory / "terraform.tfstate", workspace.directory)
    said = cautions(summarize(as_cloudflare(plan_json(workspace))))
    assert len(said) == 2, said
    group, email = said
    assert group.startswith(f"**Group added to `include` on `{POLICY}")
    assert 'Members of the Cognito group `"contractors"` can now get in' in group
    assert email.startswith(f"**Email added to `include` on `{POLICY}")
    assert '`"bo@partner.example"`' in email
