"""A stack to deploy: remote state with locking, the region, and the outputs to verify."""

from cdktf import App, S3Backend, TerraformOutput, TerraformStack
from cdktf_cdktf_provider_aws.cognito_user_pool import CognitoUserPool
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_cloudflare.provider import CloudflareProvider

from cognito_access import CognitoAccessIdentityProvider, LoginDomain
from constructs import Construct

# The pool's region: Cognito's resources live there, and the endpoint URLs follow it.
REGION = "eu-west-1"


class Identity(TerraformStack):
    """The login method of the team "acme", with state in S3 and verifiable outputs."""

    def __init__(self, scope: Construct, id_: str) -> None:
        """Declare the backend, the providers, the pool, the construct and its outputs."""
        super().__init__(scope, id_)
        # Encrypted remote state in a bucket of yours, with S3-native locking
        # (Terraform >= 1.10; cdktf 0.21's S3Backend has no field for it, hence the override).
        S3Backend(
            self,
            bucket="acme-terraform-state",
            key=f"{id_}/terraform.tfstate",
            region=REGION,
            encrypt=True,
        )
        self.add_override("terraform.backend.s3.use_lockfile", value=True)
        AwsProvider(self, "aws", region=REGION)
        CloudflareProvider(self, "cloudflare")
        pool = CognitoUserPool(self, "Pool", name="staff", deletion_protection="ACTIVE")

        sso = CognitoAccessIdentityProvider(
            self,
            "Sso",
            user_pool_id=pool.id,
            domain=LoginDomain.prefix("acme-login"),
            team_name="acme",
            cloudflare_account_id="0123456789abcdef0123456789abcdef",
            prevent_destroy=True,  # no plan may replace the client users sign in through
        )
        # The outputs `cognito-access-verify --stack identity` reads after a deploy.
        for name, value in sso.verify_outputs.items():
            TerraformOutput(self, name, value=value)


if __name__ == "__main__":
    app = App()
    Identity(app, "identity")
    app.synth()
