"""The example app: Amazon Cognito as the login for one Cloudflare Zero Trust team.

The settings (``settings.py``) come from environment variables, then from the
``context`` of ``cdktf.json``, then from embedded example values, which are enough to
synthesize but not to deploy (the app says so with a warning annotation, which
``cdktf synth`` shows; run as ``python main.py`` it prints the warning to stderr).
This module declares the stack from them. Without ``COGNITO_USER_POOL_ID`` the stack
also creates a user pool.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from cdktf import Annotations, App, S3Backend, TerraformOutput, TerraformStack
from cdktf_cdktf_provider_aws.cognito_user_group import CognitoUserGroup
from cdktf_cdktf_provider_aws.cognito_user_pool import (
    CognitoUserPool,
    CognitoUserPoolAdminCreateUserConfig,
    CognitoUserPoolPasswordPolicy,
    CognitoUserPoolSoftwareTokenMfaConfiguration,
    CognitoUserPoolUserAttributeUpdateSettings,
)
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_cloudflare.provider import CloudflareProvider

from cognito_access import (
    AccessApplication,
    AccessOffboarding,
    CognitoAccessIdentityProvider,
    LoginDomain,
    ManagedLogin,
)
from cognito_access._facts import (
    DELETION_PROTECTION_ACTIVE,
    OUTPUT_ACCESS_APPLICATION_AUD,
    OUTPUT_ACCESS_APPLICATION_ID,
    OUTPUT_CLOUDFRONT_DISTRIBUTION,
    OUTPUT_OFFBOARDING_FUNCTION,
    VERIFY_OUTPUTS,
)
from constructs import Construct
from settings import (
    Config,
    ProtectedApp,
    cdktf_json_context,
    example_values_notice,
    load_config,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

STACK_NAME = "cognito-access"
# Set by the cdktf CLI when it runs the app; the CLI then prints the annotations itself.
CLI_ENV = "CDKTF_OUTDIR"
# The type of the construct metadata entry Annotations.add_warning writes.
WARNING_METADATA = "@cdktf/warn"
# The feature plan the example pool states under managed login (Lite has none).
USER_POOL_TIER = "ESSENTIALS"


class CognitoAccessStack(TerraformStack):
    """Providers, an optional user pool, the construct and the outputs a user needs."""

    def __init__(self, scope: Construct, id_: str, *, config: Config) -> None:
        """Declare the stack for ``config``."""
        super().__init__(scope, id_)
        self._declare_backend_and_providers(config)
        pool = None if config.user_pool_id else self._create_user_pool(config)
        sso = self._declare_login(config, pool.id if pool is not None else str(config.user_pool_id))
        app = (
            None if config.protected_app is None else self._protect(sso, pool, config.protected_app)
        )
        self._declare_outputs(sso, app, custom_domain=config.login_page.custom_domain is not None)
        if config.offboarding_token_secret_arn is not None:
            offboarding = AccessOffboarding(
                self,
                "Offboarding",
                idp=sso,
                cloudflare_api_token_secret_arn=config.offboarding_token_secret_arn,
            )
            TerraformOutput(
                self,
                OUTPUT_OFFBOARDING_FUNCTION.name,
                value=offboarding.function_name,
                description=OUTPUT_OFFBOARDING_FUNCTION.description,
            )
        if config.examples_used:
            Annotations.of(self).add_warning(example_values_notice(config.examples_used))
        for notice in config.unused:
            Annotations.of(self).add_warning(notice)

    def _declare_backend_and_providers(self, config: Config) -> None:
        """Remote state when configured (S3, encrypted, locked), and the two providers."""
        if config.state is not None:
            S3Backend(
                self,
                bucket=config.state.bucket,
                key=config.state.key,
                region=config.state.region,
                encrypt=True,
            )
            # S3-native locking (Terraform >= 1.10); cdktf 0.21's S3Backend has no field for it.
            self.add_override("terraform.backend.s3.use_lockfile", value=True)
        AwsProvider(self, "aws", region=config.aws_region)
        # The API token is read from CLOUDFLARE_API_TOKEN when Terraform runs; never from code.
        CloudflareProvider(self, "cloudflare")

    def _declare_login(self, config: Config, user_pool_id: str) -> CognitoAccessIdentityProvider:
        """The construct on the pool, adopting what the IMPORT_* settings name."""
        sso = CognitoAccessIdentityProvider(
            self,
            "CognitoAccess",
            user_pool_id=user_pool_id,
            domain=login_domain(config),
            managed_login=ManagedLogin() if config.login_page.managed_login else None,
            team_name=config.team_name,
            cloudflare_account_id=config.cloudflare_account_id,
            ignore_client_secret_changes=config.adopt.ignore_client_secret_changes,
            # The deployed example: Terraform refuses to destroy or replace the client
            # and the login method (a new secret, every user signed out) without an edit.
            prevent_destroy=True,
        )
        sso.import_existing(
            domain=config.adopt.domain,
            client_id=config.adopt.client_id,
            identity_provider_id=config.adopt.identity_provider_id,
        )
        return sso

    def _declare_outputs(
        self,
        sso: CognitoAccessIdentityProvider,
        app: AccessApplication | None,
        *,
        custom_domain: bool,
    ) -> None:
        """What cognito-access-verify reads; the distribution and the application when there."""
        outputs = [(output, sso.verify_outputs[output.name]) for output in VERIFY_OUTPUTS]
        if sso.user_pool_domain is not None and custom_domain:
            distribution = sso.user_pool_domain.cloudfront_distribution
            outputs.append((OUTPUT_CLOUDFRONT_DISTRIBUTION, distribution))
        if app is not None:
            outputs.append((OUTPUT_ACCESS_APPLICATION_ID, app.application_id))
            outputs.append((OUTPUT_ACCESS_APPLICATION_AUD, app.aud))
        for output, value in outputs:
            TerraformOutput(self, output.name, value=value, description=output.description)

    def _protect(
        self,
        sso: CognitoAccessIdentityProvider,
        pool: CognitoUserPool | None,
        protected: ProtectedApp,
    ) -> AccessApplication:
        """The Access application; on a pool the stack creates, the groups are declared too.

        Each group's construct id is its name, so reordering the list changes nothing.
        """
        groups: list[str | CognitoUserGroup] = list(protected.groups)
        if pool is not None:
            scope = Construct(self, "ProtectedAppGroups")
            groups = [
                CognitoUserGroup(
                    scope,
                    name,
                    name=name,
                    user_pool_id=pool.id,
                    description=f"Members may open {protected.domain} through Cloudflare Access",
                )
                for name in protected.groups
            ]
        return AccessApplication(
            self, "ProtectedApp", idp=sso, domain=protected.domain, allowed_groups=groups
        )

    def _create_user_pool(self, config: Config) -> CognitoUserPool:
        """A user pool for staff sign-in: admin-created users, strong passwords, no deletion.

        Every user signs in with a second factor from an authenticator app (TOTP). A new
        email address takes effect only once verified (the email rules of an Access
        application trust it); the provider requires such attributes to be auto-verified.
        With managed login the pool states its feature plan: Essentials (managed login
        fails on Lite).
        """
        return CognitoUserPool(
            self,
            "UserPool",
            name=f"cloudflare-access-{config.team_name}",
            deletion_protection=DELETION_PROTECTION_ACTIVE,
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
            user_attribute_update_settings=CognitoUserPoolUserAttributeUpdateSettings(
                attributes_require_verification_before_update=["email"],
            ),
            user_pool_tier=USER_POOL_TIER if config.login_page.managed_login else None,
            mfa_configuration="ON",
            software_token_mfa_configuration=CognitoUserPoolSoftwareTokenMfaConfiguration(
                enabled=True,
            ),
        )


def login_domain(config: Config) -> LoginDomain:
    """The login page's domain the settings ask for: custom, or the prefix domain."""
    page = config.login_page
    if page.custom_domain is not None and page.certificate_arn is not None:
        return LoginDomain.custom(
            page.custom_domain,
            certificate_arn=page.certificate_arn,
            cloudflare_zone_id=page.cloudflare_zone_id,
        )
    return LoginDomain.prefix(str(config.domain_prefix))


def build(app: App, environ: Mapping[str, str]) -> CognitoAccessStack:
    """Add the stack to ``app``, configured from ``environ`` and the app's context."""
    config = load_config(environ, app.node.try_get_context)
    return CognitoAccessStack(app, STACK_NAME, config=config)


def warnings_of(stack: TerraformStack) -> list[str]:
    """The warning annotations on ``stack`` and its constructs, in declaration order."""
    return [
        str(entry.data)
        for construct in stack.node.find_all()
        for entry in construct.node.metadata
        if entry.type == WARNING_METADATA
    ]


def main(environ: Mapping[str, str]) -> None:
    """Synthesize the example app, as ``cdktf synth`` runs it or by hand.

    The cdktf CLI prints the annotations itself (``CDKTF_OUTDIR`` is set); run by hand,
    the app prints its warnings once to stderr.
    """
    app = App(context=cdktf_json_context())
    stack = build(app, environ)
    app.synth()
    if CLI_ENV not in environ:
        for warning in warnings_of(stack):
            print(f"[WARN] {warning}", file=sys.stderr)  # noqa: T201 - a CLI tells its user


if __name__ == "__main__":
    main(os.environ)
