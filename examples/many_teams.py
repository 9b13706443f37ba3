"""Two Zero Trust teams sign in with one user pool, sharing its one prefix domain."""

from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.cognito_user_pool import CognitoUserPool
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_cloudflare.provider import CloudflareProvider

from cognito_access import CognitoAccessIdentityProvider, LoginDomain
from constructs import Construct


class Identity(TerraformStack):
    """One pool; the team "acme" creates the prefix domain and "beta" shares it."""

    def __init__(self, scope: Construct, id_: str) -> None:
        """Declare the providers, the pool and one construct per team."""
        super().__init__(scope, id_)
        AwsProvider(self, "aws", region="eu-west-1")
        CloudflareProvider(self, "cloudflare")
        pool = CognitoUserPool(self, "Pool", name="staff")

        # A user pool has at most one prefix domain: the first construct creates it ...
        acme = CognitoAccessIdentityProvider(
            self,
            "Acme",
            user_pool_id=pool.id,
            domain=LoginDomain.prefix("acme-login"),
            team_name="acme",
            cloudflare_account_id="0123456789abcdef0123456789abcdef",
        )
        # ... and the others share it: each team still gets its own app client.
        CognitoAccessIdentityProvider(
            self,
            "Beta",
            user_pool_id=pool.id,
            domain=acme.shared_domain,  # LoginDomain.shared(acme.user_pool_domain)
            team_name="beta",
            cloudflare_account_id="fedcba9876543210fedcba9876543210",
        )


if __name__ == "__main__":
    app = App()
    Identity(app, "identity")
    app.synth()
