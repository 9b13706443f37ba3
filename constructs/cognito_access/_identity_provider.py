"""The construct: Amazon Cognito as an OpenID Connect login method for Cloudflare Zero Trust."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cdktf import Fn, TerraformResourceLifecycle
from cdktf_cdktf_provider_aws.cognito_user_pool_client import CognitoUserPoolClient
from cdktf_cdktf_provider_aws.cognito_user_pool_domain import CognitoUserPoolDomain
from cdktf_cdktf_provider_cloudflare.zero_trust_access_identity_provider import (
    ZeroTrustAccessIdentityProvider,
    ZeroTrustAccessIdentityProviderConfigA,
)

from cognito_access._validate import (
    check_account_id,
    check_domain_prefix,
    check_not_empty,
    check_scopes,
    check_strings,
    check_team_name,
    is_token,
    region_of_user_pool,
)
from constructs import Construct

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cdktf import TerraformProvider

DEFAULT_NAME = "Amazon Cognito"
DEFAULT_SCOPES: tuple[str, ...] = ("openid", "email", "profile")
DEFAULT_CLAIMS: tuple[str, ...] = ("sub", "cognito:username", "name", "cognito:groups")
DEFAULT_IDENTITY_PROVIDERS: tuple[str, ...] = ("COGNITO",)
# The only API flow the app client allows: refreshing tokens. Signing in happens
# in the hosted UI through the authorization-code grant, never by password over the API.
_EXPLICIT_AUTH_FLOWS = ("ALLOW_REFRESH_TOKEN_AUTH",)


class CognitoAccessIdentityProvider(Construct):
    """Amazon Cognito as an OpenID Connect login method for Cloudflare Zero Trust.

    Declares, on an existing user pool, the hosted UI prefix domain (or shares
    one declared elsewhere), a confidential app client whose only callback is
    the Zero Trust team's, and the Cloudflare identity provider that signs in
    through it. Every value Cloudflare needs (client id, client secret, endpoint
    URLs) flows by reference from the AWS resources; the secret is never a literal.

    The construct declares no providers and no outputs: the stack that uses it
    owns those. Child construct ids (``UserPoolDomain``, ``AppClient``,
    ``IdentityProvider``) are part of the Terraform addresses and stay fixed.
    """

    def __init__(  # noqa: PLR0913 - keyword-only configuration, each documented
        self,
        scope: Construct,
        id_: str,
        *,
        user_pool_id: str,
        domain_prefix: str | None = None,
        user_pool_domain: CognitoUserPoolDomain | None = None,
        team_name: str,
        cloudflare_account_id: str,
        name: str = DEFAULT_NAME,
        scopes: Sequence[str] = DEFAULT_SCOPES,
        claims: Sequence[str] = DEFAULT_CLAIMS,
        email_claim_name: str = "email",
        pkce: bool = True,
        identity_providers: Sequence[str] = DEFAULT_IDENTITY_PROVIDERS,
        ignore_client_secret_changes: bool = False,
        aws_provider: TerraformProvider | None = None,
        cloudflare_provider: TerraformProvider | None = None,
    ) -> None:
        """Declare the domain, the app client and the Cloudflare identity provider.

        Args:
            scope: The stack or construct to declare the resources in.
            id_: This construct's id; it is part of every child's Terraform address.
            user_pool_id: The Cognito user pool to sign in with: a literal id such as
                ``"eu-west-1_AbC123"`` or a reference such as ``pool.id``. Its region
                (the part before the underscore) gives the endpoint URLs.
            domain_prefix: The hosted UI prefix domain to create, as in
                ``https://<domain_prefix>.auth.<region>.amazoncognito.com``. Give this
                or ``user_pool_domain``, not both.
            user_pool_domain: A domain declared elsewhere to share instead of creating
                one, such as another instance's ``user_pool_domain``: a user pool has at
                most one prefix domain, so several teams on one pool share it.
                Default: none; ``domain_prefix`` is created.
            team_name: The Zero Trust team name; Cloudflare's callback is
                ``https://<team_name>.cloudflareaccess.com/cdn-cgi/access/callback``.
            cloudflare_account_id: The Cloudflare account that owns the Zero Trust team.
            name: The login method's name on the Zero Trust login page.
                Default: "Amazon Cognito".
            scopes: The OAuth scopes the app client allows and Cloudflare requests; must
                include ``openid``. Default: openid, email and profile.
            claims: The ID token claims Cloudflare adds to the user's identity, for use
                in Access policies. Default: sub, cognito:username, name and cognito:groups.
            email_claim_name: The claim Cloudflare reads the user's email from.
                Default: "email".
            pkce: Whether Cloudflare signs in with PKCE (RFC 7636). Default: on.
            identity_providers: The user pool's identity providers offered on the hosted
                UI. Default: the pool's own users only ("COGNITO").
            ignore_client_secret_changes: Whether Terraform leaves the identity provider's
                ``config.client_secret`` alone once it exists. Meant for an identity
                provider adopted by import: Cloudflare's API never returns the secret,
                so the first plan after the import shows it changing. With this on, a
                new client secret no longer reaches Cloudflare. Default: off; the secret
                is always kept in step.
            aws_provider: The AWS provider for the Cognito resources, for aliased
                setups. Default: the stack's default AWS provider.
            cloudflare_provider: The Cloudflare provider for the identity provider, for
                aliased setups. Default: the stack's default Cloudflare provider.

        Raises:
            ValueError: An input is malformed; the message names it, what was received
                and what is allowed. Nothing is declared.
        """
        check_team_name(team_name)
        if (domain_prefix is None) == (user_pool_domain is None):
            msg = (
                "exactly one of domain_prefix (a domain to create) or user_pool_domain "
                f"(a domain to share) must be given; got domain_prefix={domain_prefix!r} "
                f"and user_pool_domain={user_pool_domain!r}"
            )
            raise ValueError(msg)
        if domain_prefix is not None:
            check_domain_prefix(domain_prefix)
        check_account_id(cloudflare_account_id)
        region = (
            Fn.element(Fn.split("_", user_pool_id), 0)
            if is_token(user_pool_id)
            else region_of_user_pool(user_pool_id)
        )
        check_not_empty("name", name)
        check_scopes(scopes)
        check_strings("claims", claims)
        check_not_empty("email_claim_name", email_claim_name)
        check_strings("identity_providers", identity_providers)
        super().__init__(scope, id_)
        self._claims = tuple(claims)
        self._scopes = tuple(scopes)
        self._cloudflare_account_id = cloudflare_account_id

        self._callback_url = f"https://{team_name}.cloudflareaccess.com/cdn-cgi/access/callback"
        self._issuer_url = f"https://cognito-idp.{region}.amazonaws.com/{user_pool_id}"

        self._domain = (
            user_pool_domain
            if user_pool_domain is not None
            else CognitoUserPoolDomain(
                self,
                "UserPoolDomain",
                domain=str(domain_prefix),
                user_pool_id=user_pool_id,
                provider=aws_provider,
            )
        )
        self._hosted_ui_url = f"https://{self._domain.domain}.auth.{region}.amazoncognito.com"

        self._client = CognitoUserPoolClient(
            self,
            "AppClient",
            name=f"cloudflare-access-{team_name}",
            user_pool_id=user_pool_id,
            generate_secret=True,
            allowed_oauth_flows_user_pool_client=True,
            allowed_oauth_flows=["code"],
            allowed_oauth_scopes=list(scopes),
            callback_urls=[self._callback_url],
            supported_identity_providers=list(identity_providers),
            explicit_auth_flows=list(_EXPLICIT_AUTH_FLOWS),
            prevent_user_existence_errors="ENABLED",
            provider=aws_provider,
        )

        self._idp = ZeroTrustAccessIdentityProvider(
            self,
            "IdentityProvider",
            account_id=cloudflare_account_id,
            name=name,
            type="oidc",
            config=ZeroTrustAccessIdentityProviderConfigA(
                client_id=self._client.id,
                client_secret=self._client.client_secret,
                auth_url=self.auth_url,
                token_url=self.token_url,
                certs_url=self.certs_url,
                scopes=list(scopes),
                claims=list(claims),
                email_claim_name=email_claim_name,
                pkce_enabled=pkce,
            ),
            lifecycle=(
                TerraformResourceLifecycle(ignore_changes=["config.client_secret"])
                if ignore_client_secret_changes
                else None
            ),
            provider=cloudflare_provider,
        )

    @property
    def user_pool_domain(self) -> CognitoUserPoolDomain:
        """The hosted UI prefix domain (``aws_cognito_user_pool_domain``), created or shared."""
        return self._domain

    @property
    def user_pool_client(self) -> CognitoUserPoolClient:
        """The app client Cloudflare signs in with (an ``aws_cognito_user_pool_client``)."""
        return self._client

    @property
    def identity_provider(self) -> ZeroTrustAccessIdentityProvider:
        """The Zero Trust login method (``cloudflare_zero_trust_access_identity_provider``)."""
        return self._idp

    @property
    def callback_url(self) -> str:
        """Cloudflare's OIDC callback, the app client's only allowed redirect."""
        return self._callback_url

    @property
    def hosted_ui_url(self) -> str:
        """Base URL of the user pool's hosted UI on the prefix domain."""
        return self._hosted_ui_url

    @property
    def auth_url(self) -> str:
        """The authorization endpoint Cloudflare sends users to."""
        return f"{self._hosted_ui_url}/oauth2/authorize"

    @property
    def token_url(self) -> str:
        """The token endpoint Cloudflare exchanges the authorization code at."""
        return f"{self._hosted_ui_url}/oauth2/token"

    @property
    def issuer_url(self) -> str:
        """The user pool's OIDC issuer, the ``iss`` of its tokens."""
        return self._issuer_url

    @property
    def certs_url(self) -> str:
        """The user pool's JSON Web Key Set, which Cloudflare verifies tokens with."""
        return f"{self._issuer_url}/.well-known/jwks.json"

    @property
    def client_id(self) -> str:
        """Id of the app client (a token until apply)."""
        return self._client.id

    @property
    def identity_provider_id(self) -> str:
        """Id of the Zero Trust login method (a token until apply)."""
        return self._idp.id

    @property
    def claims(self) -> tuple[str, ...]:
        """The ID token claims Cloudflare adds to the user's identity."""
        return self._claims

    @property
    def scopes(self) -> tuple[str, ...]:
        """The OAuth scopes the app client allows and Cloudflare requests."""
        return self._scopes

    @property
    def cloudflare_account_id(self) -> str:
        """The Cloudflare account that owns the Zero Trust team and the login method."""
        return self._cloudflare_account_id
