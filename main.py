"""The example app: Amazon Cognito as the login for one Cloudflare Zero Trust team.

Configuration comes from environment variables, then from the ``context`` of
``cdktf.json``, then from embedded example values, which are enough to
synthesize but not to deploy (the app says so on stderr when it uses them).
Without ``COGNITO_USER_POOL_ID`` the stack also creates a user pool.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cdktf import App, TerraformOutput, TerraformStack
from cdktf_cdktf_provider_aws.cognito_user_pool import (
    CognitoUserPool,
    CognitoUserPoolAdminCreateUserConfig,
    CognitoUserPoolPasswordPolicy,
)
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_cloudflare.provider import CloudflareProvider

from cognito_access import CognitoAccessIdentityProvider

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from constructs import Construct

STACK_NAME = "cognito-access"
CDKTF_JSON = Path(__file__).with_name("cdktf.json")


@dataclass(frozen=True)
class Setting:
    """One configuration value: where it is read from and its example."""

    env: str
    context_key: str
    example: str | None
    description: str


SETTINGS = (
    Setting(
        "CLOUDFLARE_ACCOUNT_ID",
        "cloudflareAccountId",
        "0123456789abcdef0123456789abcdef",
        "Cloudflare account that owns the Zero Trust team",
    ),
    Setting("CLOUDFLARE_TEAM_NAME", "cloudflareTeamName", "example-team", "Zero Trust team name"),
    Setting(
        "COGNITO_DOMAIN_PREFIX",
        "cognitoDomainPrefix",
        "example-team-login",
        "hosted UI prefix domain to create",
    ),
    Setting(
        "COGNITO_USER_POOL_ID",
        "cognitoUserPoolId",
        None,
        "existing user pool; unset: the stack creates one",
    ),
    Setting("AWS_REGION", "awsRegion", "eu-west-1", "region of the user pool"),
)


@dataclass(frozen=True)
class Config:
    """The example app's resolved configuration."""

    cloudflare_account_id: str
    team_name: str
    domain_prefix: str
    user_pool_id: str | None
    aws_region: str
    examples_used: tuple[str, ...] = ()


def load_config(environ: Mapping[str, str], context: Callable[[str], object]) -> Config:
    """Resolve each setting: environment first, then cdktf.json context, then the example.

    Raises:
        ValueError: ``AWS_REGION`` names a region other than the one in
            ``COGNITO_USER_POOL_ID``.
    """
    values: dict[str, str | None] = {}
    examples_used: list[str] = []
    for setting in SETTINGS:
        from_context = context(setting.context_key)
        value = environ.get(setting.env) or (str(from_context) if from_context else None)
        if value is None and setting.example is not None:
            value = setting.example
            examples_used.append(setting.env)
        values[setting.env] = value

    user_pool_id = values["COGNITO_USER_POOL_ID"]
    region = values["AWS_REGION"]
    if user_pool_id and "_" in user_pool_id:
        pool_region = user_pool_id.split("_", 1)[0]
        if "AWS_REGION" in examples_used:
            region = pool_region
            examples_used.remove("AWS_REGION")
        elif region != pool_region:
            msg = (
                f"AWS_REGION must be the region of COGNITO_USER_POOL_ID ({pool_region!r}); "
                f"got {region!r}"
            )
            raise ValueError(msg)
    return Config(
        cloudflare_account_id=str(values["CLOUDFLARE_ACCOUNT_ID"]),
        team_name=str(values["CLOUDFLARE_TEAM_NAME"]),
        domain_prefix=str(values["COGNITO_DOMAIN_PREFIX"]),
        user_pool_id=user_pool_id,
        aws_region=str(region),
        examples_used=tuple(examples_used),
    )


class CognitoAccessStack(TerraformStack):
    """Providers, an optional user pool, the construct and the outputs a user needs."""

    def __init__(self, scope: Construct, id_: str, *, config: Config) -> None:
        """Declare the stack for ``config``."""
        super().__init__(scope, id_)
        AwsProvider(self, "aws", region=config.aws_region)
        # The API token is read from CLOUDFLARE_API_TOKEN when Terraform runs; never from code.
        CloudflareProvider(self, "cloudflare")

        user_pool_id = config.user_pool_id or self._create_user_pool(config).id
        sso = CognitoAccessIdentityProvider(
            self,
            "CognitoAccess",
            user_pool_id=user_pool_id,
            domain_prefix=config.domain_prefix,
            team_name=config.team_name,
            cloudflare_account_id=config.cloudflare_account_id,
        )

        outputs = {
            "identity_provider_id": (sso.identity_provider_id, "Zero Trust login method id"),
            "client_id": (sso.client_id, "Cognito app client id Cloudflare signs in with"),
            "issuer_url": (sso.issuer_url, "OIDC issuer of the user pool"),
            "hosted_ui_url": (sso.hosted_ui_url, "base URL of the Cognito hosted UI"),
            "callback_url": (sso.callback_url, "Cloudflare callback allowed on the app client"),
        }
        for output_id, (value, description) in outputs.items():
            TerraformOutput(self, output_id, value=value, description=description)

    def _create_user_pool(self, config: Config) -> CognitoUserPool:
        """A user pool for staff sign-in: admin-created users, strong passwords, no deletion."""
        return CognitoUserPool(
            self,
            "UserPool",
            name=f"cloudflare-access-{config.team_name}",
            deletion_protection="ACTIVE",
            admin_create_user_config=CognitoUserPoolAdminCreateUserConfig(
                allow_admin_create_user_only=True,
            ),
            password_policy=CognitoUserPoolPasswordPolicy(
                minimum_length=14,
                require_lowercase=True,
                require_uppercase=True,
                require_numbers=True,
                require_symbols=True,
                temporary_password_validity_days=3,
            ),
            username_attributes=["email"],
            auto_verified_attributes=["email"],
        )


def cdktf_json_context() -> dict[str, object]:
    """The ``context`` of cdktf.json, so ``python main.py`` reads it as ``cdktf synth`` does."""
    context = json.loads(CDKTF_JSON.read_text(encoding="utf-8")).get("context", {})
    return dict(context)


def build(app: App, environ: Mapping[str, str]) -> CognitoAccessStack:
    """Add the stack to ``app``, configured from ``environ`` and the app's context."""
    config = load_config(environ, app.node.try_get_context)
    if config.examples_used:
        print(  # noqa: T201 - the app tells the user on stderr, as a CLI does
            "cognito-access: using example values for "
            f"{', '.join(config.examples_used)}; fine for synth, not for deploy. "
            "Set them in the environment or in cdktf.json's context.",
            file=sys.stderr,
        )
    return CognitoAccessStack(app, STACK_NAME, config=config)


if __name__ == "__main__":
    import os

    main_app = App(context=cdktf_json_context())
    build(main_app, os.environ)
    main_app.synth()
