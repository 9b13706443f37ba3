"""The login page on a custom domain, with managed login and its Cloudflare DNS record."""

from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.cognito_user_pool import CognitoUserPool
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_cloudflare.provider import CloudflareProvider

from cognito_access import CognitoAccessIdentityProvider, LoginDomain, ManagedLogin
from constructs import Construct

# The ACM certificate of login.example.com, in us-east-1 (where Cognito looks for it); its
# validation records are yours. example.com itself must resolve (a DNS A record).
CERTIFICATE_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd"
# The Cloudflare zone of example.com: the construct declares login.example.com's CNAME there.
ZONE_ID = "00112233445566778899aabbccddeeff"


class Identity(TerraformStack):
    """Cognito's managed login at https://login.example.com for the team "acme"."""

    def __init__(self, scope: Construct, id_: str) -> None:
        """Declare the providers, the pool and the construct."""
        super().__init__(scope, id_)
        AwsProvider(self, "aws", region="eu-west-1")
        CloudflareProvider(self, "cloudflare")
        pool = CognitoUserPool(self, "Pool", name="staff")

        CognitoAccessIdentityProvider(
            self,
            "Sso",
            user_pool_id=pool.id,
            domain=LoginDomain.custom(
                "login.example.com", certificate_arn=CERTIFICATE_ARN, cloudflare_zone_id=ZONE_ID
            ),
            managed_login=ManagedLogin(),  # Cognito's own style; settings= brings yours
            team_name="acme",
            cloudflare_account_id="0123456789abcdef0123456789abcdef",
        )


if __name__ == "__main__":
    app = App()
    Identity(app, "identity")
    app.synth()
