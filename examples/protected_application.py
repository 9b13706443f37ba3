"""A wiki behind Cloudflare Access that only members of one Cognito group may enter."""

from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.cognito_user_group import CognitoUserGroup
from cdktf_cdktf_provider_aws.cognito_user_pool import CognitoUserPool
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_cloudflare.provider import CloudflareProvider
from constructs import Construct

from cognito_access import AccessApplication, CognitoAccessIdentityProvider, LoginDomain


class Identity(TerraformStack):
    """The login method, a Cognito group and the wiki protected by that group."""

    def __init__(self, scope: Construct, id_: str) -> None:
        """Declare the providers, the pool, the group, the login method and the application."""
        super().__init__(scope, id_)
        AwsProvider(self, "aws", region="eu-west-1")
        CloudflareProvider(self, "cloudflare")
        pool = CognitoUserPool(self, "Pool", name="staff")
        editors = CognitoUserGroup(self, "Editors", name="wiki-editors", user_pool_id=pool.id)

        sso = CognitoAccessIdentityProvider(
            self,
            "Sso",
            user_pool_id=pool.id,
            domain=LoginDomain.prefix("acme-login"),
            team_name="acme",
            cloudflare_account_id="0123456789abcdef0123456789abcdef",
        )
        AccessApplication(
            self,
            "Wiki",
            idp=sso,
            domain="wiki.example.com",
            allowed_groups=[editors],  # the group's name flows by reference
        )


if __name__ == "__main__":
    app = App()
    Identity(app, "identity")
    app.synth()
