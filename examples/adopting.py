"""Bring a setup made in the AWS and Cloudflare consoles under code, without duplicates."""

from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_cloudflare.provider import CloudflareProvider

from cognito_access import CognitoAccessIdentityProvider, LoginDomain
from constructs import Construct


class Identity(TerraformStack):
    """The existing pool's domain, app client and Zero Trust login method, imported."""

    def __init__(self, scope: Construct, id_: str) -> None:
        """Declare the providers and the construct, and adopt what exists."""
        super().__init__(scope, id_)
        AwsProvider(self, "aws", region="eu-west-1")
        CloudflareProvider(self, "cloudflare")

        sso = CognitoAccessIdentityProvider(
            self,
            "Sso",
            user_pool_id="eu-west-1_AbC123",  # the existing pool, not managed here
            domain=LoginDomain.prefix("acme-login"),
            team_name="acme",
            cloudflare_account_id="0123456789abcdef0123456789abcdef",
            # Cloudflare never returns the secret: keep the import's plan free of it.
            ignore_client_secret_changes=True,
        )
        # Terraform import blocks: the next plan imports these instead of creating them.
        sso.import_existing(
            domain="acme-login",  # the LoginDomain's own name
            client_id="4example0client0id",  # an app client with a secret, in the pool
            identity_provider_id="f174e90a-fafe-4643-bbbc-4a0ed4fc8415",
        )


if __name__ == "__main__":
    app = App()
    Identity(app, "identity")
    app.synth()
