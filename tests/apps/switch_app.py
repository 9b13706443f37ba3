"""The app the switch tests synthesize with cdktf and with CDK Terrain (cdktn).

    python tests/apps/switch_app.py OUTDIR

Written against cdktf. The example stack (main.py, configured from the environment) and
a library stack that sets every option of both constructs, with aliased providers, a
shared custom domain, a domain known only to Terraform, a resource server, a declared
group and adopted resources. tests/test_switch.py runs it as is in .venv and, with the
import lines renamed (tests.framework.cdktn_source), in .venv-cdktn.
"""

from __future__ import annotations

import os
import sys
from datetime import timedelta

from cdktf import App, TerraformStack, TerraformVariable
from cdktf_cdktf_provider_aws.cognito_resource_server import (
    CognitoResourceServer,
    CognitoResourceServerScope,
)
from cdktf_cdktf_provider_aws.cognito_user_group import CognitoUserGroup
from cdktf_cdktf_provider_aws.cognito_user_pool_domain import CognitoUserPoolDomain
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_cloudflare.provider import CloudflareProvider

import main
import settings
from cognito_access import (
    AccessApplication,
    CognitoAccessIdentityProvider,
    LoginDomain,
    ManagedLogin,
    ManagedLoginAsset,
)

ACCOUNT = "0123456789abcdef0123456789abcdef"


def library_stack(app: App) -> TerraformStack:
    """Both constructs with every option set."""
    stack = TerraformStack(app, "library")
    aws = AwsProvider(stack, "aws", region="eu-west-1", alias="login")
    cloudflare = CloudflareProvider(stack, "cloudflare", alias="zero_trust")
    pool_id = TerraformVariable(stack, "pool", type="string").string_value
    api = CognitoResourceServer(
        stack,
        "Api",
        identifier="https://api.example.com",
        name="api",
        user_pool_id=pool_id,
        scope=[CognitoResourceServerScope(scope_name="read", scope_description="Read")],
        provider=aws,
    )
    domain = CognitoUserPoolDomain(
        stack,
        "Domain",
        domain="login.example.com",
        certificate_arn="arn:aws:acm:us-east-1:123456789012:certificate/abc",
        user_pool_id=pool_id,
        provider=aws,
    )
    sso = CognitoAccessIdentityProvider(
        stack,
        "Sso",
        user_pool_id=pool_id,
        domain=LoginDomain.shared(domain),
        team_name="acme",
        cloudflare_account_id=ACCOUNT,
        name="Acme login",
        scopes=["openid", "email", "profile", "phone"],
        resource_servers=[api],
        claims=["sub", "email", "cognito:groups"],
        issuer="updated",
        pkce=False,
        identity_providers=["COGNITO", "Google"],
        access_token_validity=timedelta(minutes=30),
        id_token_validity=timedelta(hours=2),
        refresh_token_validity=timedelta(days=7),
        logout_urls=["https://acme.example/bye"],
        prevent_destroy=True,
        ignore_client_secret_changes=True,
        aws_provider=aws,
        cloudflare_provider=cloudflare,
    )
    sso.import_existing(client_id="client123", identity_provider_id="idp123")
    shared = CognitoAccessIdentityProvider(
        stack,
        "Shared",
        user_pool_id="eu-west-1_AbC123",
        domain=LoginDomain.shared(TerraformVariable(stack, "domain", type="string").string_value),
        team_name="other",
        cloudflare_account_id=ACCOUNT,
        read_attributes=["email", "email_verified", "name"],
    )
    CognitoAccessIdentityProvider(
        stack,
        "Branded",
        user_pool_id="eu-west-1_AbC123",
        domain=LoginDomain.custom(
            "login.example.com",
            certificate_arn="arn:aws:acm:us-east-1:123456789012:certificate/abc-123",
            cloudflare_zone_id="fedcba9876543210fedcba9876543210",
        ),
        managed_login=ManagedLogin(
            assets=[
                ManagedLoginAsset(
                    category="PAGE_HEADER_LOGO",
                    color_mode="LIGHT",
                    extension="PNG",
                    bytes_base64="iVBORw0KGgo=",
                )
            ]
        ),
        team_name="branded",
        cloudflare_account_id=ACCOUNT,
    )
    group = CognitoUserGroup(stack, "Staff", name="staff", user_pool_id=pool_id, provider=aws)
    AccessApplication(
        stack,
        "Admin",
        idp=sso,
        domain="app.example.com/admin",
        allowed_groups=[group, "ops"],
        allowed_emails=["boss@example.com"],
        allowed_email_domains=["example.org"],
        name="Admin",
        session_duration="2h45m",
        auto_redirect=False,
        app_launcher_visible=False,
    )
    AccessApplication(
        stack, "Wiki", idp=shared, domain="wiki.example.com", allowed_emails=["a@b.c"]
    )
    return stack


if __name__ == "__main__":
    app = App(outdir=sys.argv[1], context=settings.cdktf_json_context())
    main.build(app, os.environ)
    library_stack(app)
    app.synth()
