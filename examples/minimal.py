"""One Zero Trust team signs in with a new user pool, on a prefix domain."""

from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.cognito_user_pool import CognitoUserPool
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_cloudflare.provider import CloudflareProvider

from cognito_access import CognitoAccessIdentityProvider, LoginDomain
from constructs import Construct


class Identity(TerraformStack):
    """A user pool and Cognito as the login method of the Zero Trust team "acme"."""

    def __init__(self, scope: Construct, id_: str) -> None:
        """Declare the providers, the pool and the construct."""
        super().__init__(scope, id_)
        AwsProvider(self, "aws", region="eu-west-1")
        CloudflareProvider(self, "cloudflare")  # reads CLOUDFLARE_API_TOKEN
        pool = CognitoUserPool(self, "Pool", name="staff")

        CognitoAccessIdentityProvider(
            self,
            "Sso",
            user_pool_id=pool.id,  # or a literal such as "eu-west-1_AbC123"
            domain=LoginDomain.prefix("acme-login"),
            team_name="acme",
            cloudflare_account_id="0123456789abcdef0123456789abcdef",
        )


if __name__ == "__main__":
    app = App()
    Identity(app, "identity")
    app.synth()
