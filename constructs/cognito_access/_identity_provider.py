"""The construct: Amazon Cognito as an OpenID Connect login method for Cloudflare Zero Trust."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from cognito_access._attributes import default_read_attributes, required_read_attributes
from cognito_access._endpoints import (
    COMMERCIAL,
    ESTABLISHED_REGION_PATTERN,
    Issuer,
    issuer_host,
)
from cognito_access._framework import check_same_framework, framework_of
from cognito_access._login_page import declare_branding, declare_dns_record, declare_domain
from cognito_access._login_page_inputs import ManagedLoginAsset, check_login_page
from cognito_access._validate import (
    check_account_id,
    check_bool,
    check_instances,
    check_issuer,
    check_logout_urls,
    check_not_empty,
    check_read_attributes,
    check_refresh_outlives,
    check_scopes,
    check_string,
    check_strings,
    check_team_name,
    check_token_validity,
    in_units,
    is_token,
    region_of_user_pool,
)
from constructs import Construct

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cognito_access._framework import (
        CognitoManagedLoginBranding,
        CognitoResourceServer,
        CognitoUserPoolClient,
        CognitoUserPoolDomain,
        DnsRecord,
        TerraformProvider,
        ZeroTrustAccessIdentityProvider,
    )

DEFAULT_NAME = "Amazon Cognito"
DEFAULT_SCOPES: tuple[str, ...] = ("openid", "email", "profile")
DEFAULT_CLAIMS: tuple[str, ...] = ("sub", "cognito:username", "name", "cognito:groups")
DEFAULT_IDENTITY_PROVIDERS: tuple[str, ...] = ("COGNITO",)
# Cognito's own defaults for an app client's token lifetimes (CreateUserPoolClient).
DEFAULT_ACCESS_TOKEN_VALIDITY = timedelta(hours=1)
DEFAULT_ID_TOKEN_VALIDITY = timedelta(hours=1)
DEFAULT_REFRESH_TOKEN_VALIDITY = timedelta(days=30)
# The only API flow the app client allows: refreshing tokens. Signing in happens
# in the hosted UI through the authorization-code grant, never by password over the API.
_EXPLICIT_AUTH_FLOWS = ("ALLOW_REFRESH_TOKEN_AUTH",)


class CognitoAccessIdentityProvider(Construct):
    """Amazon Cognito as an OpenID Connect login method for Cloudflare Zero Trust.

    Declares, on an existing user pool, the login page's domain (a prefix or a
    custom domain, or shares one declared elsewhere), a confidential app client
    whose only callback is the Zero Trust team's, and the Cloudflare identity
    provider that signs in through it; on request, the client's managed login
    branding and the custom domain's DNS record in Cloudflare. Every value
    Cloudflare needs (client id, client secret, endpoint URLs) flows by reference
    from the AWS resources; the secret is never a literal.

    The construct declares no providers and no outputs: the stack that uses it
    owns those. Child construct ids (``UserPoolDomain``, ``AppClient``,
    ``IdentityProvider``, ``ManagedLoginBranding``, ``DnsRecord``) are part of the
    Terraform addresses and stay fixed.
    """

    def __init__(  # noqa: PLR0913, PLR0915 - keyword-only configuration, each checked
        self,
        scope: Construct,
        id_: str,
        *,
        user_pool_id: str,
        domain_prefix: str | None = None,
        custom_domain: str | None = None,
        certificate_arn: str | None = None,
        user_pool_domain: CognitoUserPoolDomain | str | None = None,
        cloudflare_zone_id: str | None = None,
        managed_login: bool = False,
        managed_login_branding_settings: str | None = None,
        managed_login_assets: Sequence[ManagedLoginAsset] = (),
        team_name: str,
        cloudflare_account_id: str,
        name: str = DEFAULT_NAME,
        scopes: Sequence[str] = DEFAULT_SCOPES,
        resource_servers: Sequence[CognitoResourceServer] = (),
        claims: Sequence[str] = DEFAULT_CLAIMS,
        email_claim_name: str = "email",
        issuer: Issuer = "original",
        pkce: bool = True,
        identity_providers: Sequence[str] = DEFAULT_IDENTITY_PROVIDERS,
        access_token_validity: timedelta = DEFAULT_ACCESS_TOKEN_VALIDITY,
        id_token_validity: timedelta = DEFAULT_ID_TOKEN_VALIDITY,
        refresh_token_validity: timedelta = DEFAULT_REFRESH_TOKEN_VALIDITY,
        read_attributes: Sequence[str] | None = None,
        logout_urls: Sequence[str] = (),
        prevent_destroy: bool = False,
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
                (the part before the underscore) gives the endpoint URLs. Only pools
                in partitions whose endpoints are documented (the commercial AWS
                regions) are accepted; for a reference, Terraform checks this at plan.
            domain_prefix: The hosted UI prefix domain to create, as in
                ``https://<domain_prefix>.auth.<region>.amazoncognito.com``. Give exactly
                one of this, ``custom_domain`` and ``user_pool_domain``.
            custom_domain: A custom domain to create for the login page instead, such as
                ``"login.example.com"``: the endpoints are then
                ``https://<custom_domain>/oauth2/...``. Needs ``certificate_arn``; its
                parent domain must resolve (a DNS A record) when it is created, and a
                CNAME of it must point at the domain's CloudFront distribution
                (``cloudflare_zone_id`` declares that record). Not in GovCloud, which has
                no Cognito custom domains. Default: none.
            certificate_arn: The ACM certificate of ``custom_domain``, in us-east-1
                (``arn:aws:acm:us-east-1:<account>:certificate/<id>``, or a reference);
                its validation records are yours to create. Only with ``custom_domain``.
            user_pool_domain: An existing domain of the pool to share instead of creating
                one: a ``CognitoUserPoolDomain`` declared elsewhere (a prefix domain, or a
                custom domain: one with ``certificate_arn``), or its name as a string (no
                dot: a prefix; with a dot: a custom domain's host, whose endpoints are
                ``https://<host>/oauth2/...``). Default: none; ``domain_prefix`` or
                ``custom_domain`` is created.
            cloudflare_zone_id: The Cloudflare zone of ``custom_domain``: declares the
                DNS-only CNAME from the custom domain to the domain's CloudFront
                distribution there, by reference. Default: none; the record is yours.
            managed_login: Whether the login page is Cognito's managed login (version 2)
                rather than the classic hosted UI: a created domain gets
                ``managed_login_version = 2`` and the app client gets its branding style
                (``ManagedLoginBranding``), without which its users see an error page. A
                shared domain keeps its own version (one with version 2 requires this on).
                Default: off, so an existing login page does not change under its users.
            managed_login_branding_settings: The branding style's settings, as the JSON
                document the branding editor exports. Default: Cognito's own style.
            managed_login_assets: The branding style's images (logos, backgrounds,
                icons). Default: none; with neither this nor the settings, Cognito's
                provided values are used.
            team_name: The Zero Trust team name; Cloudflare's callback is
                ``https://<team_name>.cloudflareaccess.com/cdn-cgi/access/callback``.
            cloudflare_account_id: The Cloudflare account that owns the Zero Trust team.
            name: The login method's name on the Zero Trust login page.
                Default: "Amazon Cognito".
            scopes: The OAuth scopes the app client allows and Cloudflare requests; must
                include ``openid``. Default: openid, email and profile.
            resource_servers: Resource servers whose every custom scope the client allows
                and Cloudflare requests, by reference (so the client depends on them).
                Default: none.
            claims: The ID token claims Cloudflare adds to the user's identity; Cloudflare
                matches OIDC claim rules in Access policies only on claims listed here.
                May be empty. Default: sub, cognito:username, name and cognito:groups.
            email_claim_name: The claim Cloudflare reads the user's email from.
                Default: "email".
            issuer: The pool's issuer format (its ``IssuerConfiguration`` type):
                ``"original"`` (``https://cognito-idp.<region>.amazonaws.com/<pool>``) or
                ``"updated"`` (``https://issuer-cognito-idp.<region>.amazonaws.com/<pool>``).
                Default: "original".
            pkce: Whether Cloudflare signs in with PKCE (RFC 7636). Default: on.
            identity_providers: The user pool's identity providers offered on the hosted
                UI. Default: the pool's own users only ("COGNITO").
            access_token_validity: Lifetime of access tokens, 5 minutes to 1 day.
                Default: 1 hour (Cognito's).
            id_token_validity: Lifetime of ID tokens, 5 minutes to 1 day.
                Default: 1 hour (Cognito's).
            refresh_token_validity: Lifetime of refresh tokens, 60 minutes to 10 years and
                longer than the other two. Default: 30 days (Cognito's).
            read_attributes: The user attributes the app client may read. Must include the
                attribute behind ``email_claim_name`` and every ``custom:`` claim. Default:
                what the scopes release (email: email, email_verified; profile: the
                standard profile attributes; phone: phone_number, phone_number_verified),
                plus those. The client never writes attributes.
            logout_urls: URLs Cognito may redirect to after sign-out (HTTPS, or
                http://localhost). Default: none.
            prevent_destroy: Whether Terraform refuses any plan that destroys (or replaces)
                the app client or the identity provider. Default: off, so that a
                replacement stays plannable and reviewable.
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
        fw = framework_of(scope)
        for parameter, value in (
            ("user_pool_domain", user_pool_domain),
            ("resource_servers", resource_servers),
            ("aws_provider", aws_provider),
            ("cloudflare_provider", cloudflare_provider),
        ):
            check_same_framework(parameter, value, fw)
        for parameter, text in (
            ("user_pool_id", user_pool_id),
            ("team_name", team_name),
            ("cloudflare_account_id", cloudflare_account_id),
            ("name", name),
            ("email_claim_name", email_claim_name),
        ):
            check_string(parameter, text)
        check_team_name(team_name)
        check_login_page(
            fw,
            user_pool_id=user_pool_id,
            domain_prefix=domain_prefix,
            custom_domain=custom_domain,
            certificate_arn=certificate_arn,
            user_pool_domain=user_pool_domain,
            cloudflare_zone_id=cloudflare_zone_id,
            managed_login=managed_login,
            branding_settings=managed_login_branding_settings,
            branding_assets=managed_login_assets,
        )
        check_account_id(cloudflare_account_id)
        pool_is_token = is_token(user_pool_id)
        region = (
            fw.Fn.element(fw.Fn.split("_", user_pool_id), 0)
            if pool_is_token
            else region_of_user_pool(user_pool_id)
        )
        check_not_empty("name", name)
        check_scopes(scopes)
        check_strings("claims", claims, allow_empty=True)
        check_not_empty("email_claim_name", email_claim_name)
        self._issuer: Issuer = check_issuer(issuer)
        check_strings("identity_providers", identity_providers)
        validities = {
            "access_token_validity": access_token_validity,
            "id_token_validity": id_token_validity,
            "refresh_token_validity": refresh_token_validity,
        }
        for parameter, validity in validities.items():
            check_token_validity(parameter, validity)
        check_refresh_outlives(
            refresh_token_validity,
            {
                "access_token_validity": access_token_validity,
                "id_token_validity": id_token_validity,
            },
        )
        if read_attributes is None:
            read_attributes = default_read_attributes(scopes, claims, email_claim_name)
        else:
            check_read_attributes(
                read_attributes, required_read_attributes(claims, email_claim_name)
            )
        check_logout_urls(logout_urls)
        check_instances("resource_servers", resource_servers, fw.CognitoResourceServer, many=True)
        for parameter, flag in (
            ("pkce", pkce),
            ("prevent_destroy", prevent_destroy),
            ("ignore_client_secret_changes", ignore_client_secret_changes),
        ):
            check_bool(parameter, flag)
        check_instances("aws_provider", aws_provider, fw.TerraformProvider, many=False)
        check_instances(
            "cloudflare_provider", cloudflare_provider, fw.TerraformProvider, many=False
        )
        super().__init__(scope, id_)

        # A region known only to Terraform is assumed commercial, and checked at plan.
        partition = COMMERCIAL if pool_is_token else None
        lifecycle_checks = (
            [
                fw.Precondition(
                    condition=fw.Fn.can(fw.Fn.regex(ESTABLISHED_REGION_PATTERN, region)),
                    error_message=(
                        "cognito-access: the user pool's region is not in a partition whose "
                        "Cognito hosted UI and issuer hosts are documented (the commercial "
                        "AWS regions); its endpoint URLs would be wrong."
                    ),
                )
            ]
            if pool_is_token
            else None
        )
        self._callback_url = f"https://{team_name}.cloudflareaccess.com/cdn-cgi/access/callback"
        self._issuer_url = f"https://{issuer_host(region, self._issuer, partition)}/{user_pool_id}"
        self._cloudflare_account_id = cloudflare_account_id
        self._claims = list(claims)
        self._user_pool_id = user_pool_id
        # The domain this construct creates (and may adopt): a prefix or a custom domain.
        self._created_domain = (
            ("domain_prefix", domain_prefix)
            if domain_prefix is not None
            else ("custom_domain", custom_domain)
            if custom_domain is not None
            else None
        )

        domain = declare_domain(
            fw,
            self,
            user_pool_id=user_pool_id,
            region=region,
            partition=partition,
            domain_prefix=domain_prefix,
            custom_domain=custom_domain,
            certificate_arn=certificate_arn,
            user_pool_domain=user_pool_domain,
            managed_login=managed_login,
            lifecycle=(
                fw.TerraformResourceLifecycle(precondition=lifecycle_checks)
                if lifecycle_checks
                else None
            ),
            provider=aws_provider,
        )
        self._domain: CognitoUserPoolDomain | None = domain.resource
        self._hosted_ui_url = domain.hosted_ui_url

        all_scopes = (
            fw.Token.as_list(
                fw.Fn.concat(
                    [list(scopes), *(server.scope_identifiers for server in resource_servers)]
                )
            )
            if resource_servers
            else list(scopes)
        )
        self._scopes: list[str] = all_scopes
        token_units = {parameter: in_units(value) for parameter, value in validities.items()}
        self._client = fw.CognitoUserPoolClient(
            self,
            "AppClient",
            name=f"cloudflare-access-{team_name}",
            user_pool_id=user_pool_id,
            generate_secret=True,
            allowed_oauth_flows_user_pool_client=True,
            allowed_oauth_flows=["code"],
            allowed_oauth_scopes=all_scopes,
            callback_urls=[self._callback_url],
            logout_urls=list(logout_urls) or None,
            supported_identity_providers=list(identity_providers),
            explicit_auth_flows=list(_EXPLICIT_AUTH_FLOWS),
            prevent_user_existence_errors="ENABLED",
            enable_token_revocation=True,
            access_token_validity=token_units["access_token_validity"][0],
            id_token_validity=token_units["id_token_validity"][0],
            refresh_token_validity=token_units["refresh_token_validity"][0],
            token_validity_units=[
                fw.CognitoUserPoolClientTokenValidityUnits(
                    access_token=token_units["access_token_validity"][1],
                    id_token=token_units["id_token_validity"][1],
                    refresh_token=token_units["refresh_token_validity"][1],
                )
            ],
            read_attributes=list(read_attributes) or None,
            write_attributes=[],
            provider=aws_provider,
            lifecycle=(
                fw.TerraformResourceLifecycle(
                    prevent_destroy=prevent_destroy or None, precondition=lifecycle_checks
                )
                if prevent_destroy or lifecycle_checks
                else None
            ),
        )

        self._idp = fw.ZeroTrustAccessIdentityProvider(
            self,
            "IdentityProvider",
            account_id=cloudflare_account_id,
            name=name,
            type="oidc",
            config=fw.ZeroTrustAccessIdentityProviderConfigA(
                client_id=self._client.id,
                client_secret=self._client.client_secret,
                auth_url=self.auth_url,
                token_url=self.token_url,
                certs_url=self.certs_url,
                scopes=all_scopes,
                claims=self._claims,
                email_claim_name=email_claim_name,
                pkce_enabled=pkce,
            ),
            lifecycle=(
                fw.TerraformResourceLifecycle(
                    prevent_destroy=prevent_destroy or None,
                    ignore_changes=(
                        ["config.client_secret"] if ignore_client_secret_changes else None
                    ),
                )
                if prevent_destroy or ignore_client_secret_changes
                else None
            ),
            provider=cloudflare_provider,
        )

        self._branding: CognitoManagedLoginBranding | None = None
        if managed_login:
            self._branding = declare_branding(
                fw,
                self,
                self._client,
                settings=managed_login_branding_settings,
                assets=managed_login_assets,
                provider=aws_provider,
            )
            if self._created_domain is not None and self._domain is not None:
                # The created domain moves to managed login only once the client's branding
                # exists, so the client's users never get an error page in between. (A
                # shared domain's managed login version is its own.)
                self._domain.depends_on = [
                    f"{self._branding.terraform_resource_type}.{self._branding.friendly_unique_id}"
                ]
        self._dns_record: DnsRecord | None = None
        if cloudflare_zone_id is not None and self._domain is not None:
            self._dns_record = declare_dns_record(
                fw,
                self,
                self._domain,
                zone_id=cloudflare_zone_id,
                name=str(custom_domain),
                provider=cloudflare_provider,
            )

    def import_existing(
        self,
        *,
        domain: str | None = None,
        client_id: str | None = None,
        identity_provider_id: str | None = None,
    ) -> None:
        """Adopt resources made outside Terraform (in the consoles) on the next apply.

        Emits Terraform ``import`` blocks, so the next plan imports instead of creating:
        the prefix domain by its name, the app client as ``<pool id>/<client id>``, the
        identity provider as ``accounts/<account id>/<id>``. An adopted client keeps its
        secret: ``generate_secret`` is left out of its configuration, because the AWS
        provider does not read it back on import and it forces a replacement (a new
        secret, every user signed out). The adopted client must already be confidential.

        Args:
            domain: The existing prefix domain to adopt as this construct's domain; must be
                ``domain_prefix``. Default: the domain is not imported.
            client_id: The id of the existing app client, in the construct's user pool, to
                adopt. Default: the client is created.
            identity_provider_id: The id of the existing Zero Trust login method to adopt.
                Default: the identity provider is created.

        Raises:
            ValueError: An id is empty, or ``domain`` is not the domain this construct
                creates (it shares one, or its prefix differs). Nothing is imported.
        """
        for parameter, value in (
            ("domain", domain),
            ("client_id", client_id),
            ("identity_provider_id", identity_provider_id),
        ):
            if value is not None:
                check_not_empty(parameter, value)
        if domain is not None:
            if self._created_domain is None:
                msg = (
                    "domain can be adopted only by the construct that creates the domain "
                    "(domain_prefix or custom_domain); this one shares a domain; "
                    f"got domain={domain!r}"
                )
                raise ValueError(msg)
            parameter, created = self._created_domain
            if not is_token(domain) and not is_token(created) and domain != created:
                msg = (
                    f"domain must be the {parameter} ({created!r}) the construct declares; "
                    f"got {domain!r}"
                )
                raise ValueError(msg)
        if domain is not None and self._domain is not None:
            self._domain.import_from(domain)
        if client_id is not None:
            self._client.import_from(f"{self._user_pool_id}/{client_id}")
            self._client.reset_generate_secret()
        if identity_provider_id is not None:
            self._idp.import_from(f"accounts/{self._cloudflare_account_id}/{identity_provider_id}")

    @property
    def user_pool_domain(self) -> CognitoUserPoolDomain | None:
        """The hosted UI domain (``aws_cognito_user_pool_domain``), created or shared.

        None when the domain is shared by name (``user_pool_domain=`` a string).
        """
        return self._domain

    @property
    def managed_login_branding(self) -> CognitoManagedLoginBranding | None:
        """The app client's branding style (``aws_cognito_managed_login_branding``).

        None unless ``managed_login`` is on.
        """
        return self._branding

    @property
    def dns_record(self) -> DnsRecord | None:
        """The custom domain's CNAME in Cloudflare (``cloudflare_dns_record``).

        None unless ``cloudflare_zone_id`` is given.
        """
        return self._dns_record

    @property
    def user_pool_client(self) -> CognitoUserPoolClient:
        """The app client Cloudflare signs in with (an ``aws_cognito_user_pool_client``)."""
        return self._client

    @property
    def identity_provider(self) -> ZeroTrustAccessIdentityProvider:
        """The Zero Trust login method (``cloudflare_zero_trust_access_identity_provider``)."""
        return self._idp

    @property
    def cloudflare_account_id(self) -> str:
        """The Cloudflare account that owns the Zero Trust team and the login method."""
        return self._cloudflare_account_id

    @property
    def claims(self) -> list[str]:
        """The ID token claims Cloudflare adds to the identity (the only ones rules match)."""
        return list(self._claims)

    @property
    def scopes(self) -> list[str]:
        """The OAuth scopes Cloudflare requests (a list token with resource servers' scopes)."""
        return self._scopes

    @property
    def issuer(self) -> Issuer:
        """The issuer format the URLs follow: "original" or "updated"."""
        return self._issuer

    @property
    def callback_url(self) -> str:
        """Cloudflare's OIDC callback, the app client's only allowed redirect."""
        return self._callback_url

    @property
    def hosted_ui_url(self) -> str:
        """Base URL of the user pool's hosted UI (prefix or custom domain)."""
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
