"""Cognito's managed login with your own branding style: the editor's settings and a logo."""

import base64
from pathlib import Path

from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.cognito_user_pool import CognitoUserPool
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_cloudflare.provider import CloudflareProvider

from cognito_access import (
    CognitoAccessIdentityProvider,
    LoginDomain,
    ManagedLogin,
    ManagedLoginAsset,
)
from constructs import Construct

# The settings document the managed login branding editor exports, and the images. They
# are read here, in Python: the configuration gate refuses Terraform's file functions.
BRANDING = Path(__file__).with_name("branding")
LOGO = base64.b64encode((BRANDING / "logo.png").read_bytes()).decode()


class Identity(TerraformStack):
    """The team "acme" signs in on a managed login page in your style."""

    def __init__(self, scope: Construct, id_: str) -> None:
        """Declare the providers, the pool and the construct with its branding."""
        super().__init__(scope, id_)
        AwsProvider(self, "aws", region="eu-west-1")
        CloudflareProvider(self, "cloudflare")
        pool = CognitoUserPool(self, "Pool", name="staff")

        CognitoAccessIdentityProvider(
            self,
            "Sso",
            user_pool_id=pool.id,
            domain=LoginDomain.prefix("acme-login"),
            team_name="acme",
            cloudflare_account_id="0123456789abcdef0123456789abcdef",
            managed_login=ManagedLogin(
                settings=(BRANDING / "settings.json").read_text(encoding="utf-8"),
                assets=[
                    ManagedLoginAsset(
                        category="FORM_LOGO",  # or PAGE_HEADER_LOGO, PAGE_BACKGROUND, ...
                        color_mode="LIGHT",  # LIGHT, DARK or DYNAMIC
                        extension="PNG",  # ICO, JPEG, PNG, SVG or WEBP
                        bytes_base64=LOGO,
                    ),
                ],
            ),
        )


if __name__ == "__main__":
    app = App()
    Identity(app, "identity")
    app.synth()
