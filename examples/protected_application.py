"""A wiki behind Cloudflare Access, open to Cognito groups, addresses and email domains."""

from cdktf import App, TerraformOutput, TerraformStack
from cdktf_cdktf_provider_aws.cognito_user_group import CognitoUserGroup
from cdktf_cdktf_provider_aws.cognito_user_pool import CognitoUserPool
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_cloudflare.provider import CloudflareProvider

from cognito_access import AccessApplication, CognitoAccessIdentityProvider, LoginDomain
from constructs import Construct


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
        wiki = AccessApplication(
            self,
            "Wiki",
            idp=sso,
            domain="wiki.example.com",  # a hostname, optionally with a path; no scheme
            allowed_groups=[editors, "on-call"],  # declared groups by reference, or names
            allowed_emails=["ana@partner.example"],
            allowed_email_domains=["contractor.example"],
        )
        # The application's audience tag, for the origin to check Cloudflare's token.
        TerraformOutput(self, "wiki_aud", value=wiki.aud)


if __name__ == "__main__":
    app = App()
    Identity(app, "identity")
    app.synth()
