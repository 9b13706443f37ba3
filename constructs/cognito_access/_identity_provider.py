"""The construct: Amazon Cognito as an OpenID Connect login method for Cloudflare Zero Trust."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from cognito_access._app_client import all_scopes, declare_client
from cognito_access._endpoints import ESTABLISHED_REGION_PATTERN, issuer_host
from cognito_access._facts import (
    AUTHORIZE_PATH,
    COGNITO_DEFAULT_VALIDITY,
    COGNITO_USERS,
    DEFAULT_EMAIL_CLAIM,
    IDENTITY_PROVIDER_TYPE,
    JWKS_PATH,
    OUTPUT_CALLBACK_URL,
    OUTPUT_CLIENT_ID,
    OUTPUT_HOSTED_UI_URL,
    OUTPUT_IDENTITY_PROVIDER_ID,
    OUTPUT_ISSUER_URL,
    TOKEN_PATH,
    callback_url,
)
from cognito_access._facts import DEFAULT_CLAIMS as _FACT_CLAIMS
from cognito_access._facts import DEFAULT_SCOPES as _FACT_SCOPES
from cognito_access._framework import framework_of
from cognito_access._inputs import check_inputs
from cognito_access._login_domain import LoginDomain, SharedDomain
from cognito_access._login_page import declare_dns_record, declare_domain, declare_managed_login
from cognito_access._validate import (
    check_construct_id,
    check_not_empty,
    check_string,
    is_token,
)
from constructs import Construct

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import timedelta

    from cognito_access._facts import Issuer
    from cognito_access._framework import (
        CognitoIdentityProvider,
        CognitoManagedLoginBranding,
        CognitoResourceServer,
        CognitoUserPoolClient,
        CognitoUserPoolDomain,
        DnsRecord,
        Framework,
        Precondition,
        TerraformProvider,
        ZeroTrustAccessIdentityProvider,
    )
    from cognito_access._inputs import Inputs
    from cognito_access._managed_login import ManagedLogin

DEFAULT_NAME: Final = "Amazon Cognito"
DEFAULT_SCOPES: Final[tuple[str, ...]] = _FACT_SCOPES
DEFAULT_CLAIMS: Final[tuple[str, ...]] = _FACT_CLAIMS
DEFAULT_IDENTITY_PROVIDERS: Final[tuple[str, ...]] = (COGNITO_USERS,)
# Cognito's own defaults for an app client's token lifetimes (CreateUserPoolClient).
DEFAULT_ACCESS_TOKEN_VALIDITY: Final = COGNITO_DEFAULT_VALIDITY["access_token"]
DEFAULT_ID_TOKEN_VALIDITY: Final = COGNITO_DEFAULT_VALIDITY["id_token"]
DEFAULT_REFRESH_TOKEN_VALIDITY: Final = COGNITO_DEFAULT_VALIDITY["refresh_token"]
_REGION_UNKNOWN = (
    "cognito-access: the user pool's region is not in a partition whose Cognito hosted UI "
    "and issuer hosts are documented (the commercial AWS regions); its endpoint URLs would "
    "be wrong."
)


# Read back on import: a style of another client is replaced (client_id forces it).
_BRANDING_WITHOUT_CLIENT: Final = (
    "cognito-access: managed_login_branding_id is adopted without client_id: it must be "
    "the style of this construct's app client (already in the state). The AWS provider "
    "reads the style's client back on import, and a style of another client is replaced: "
    "deleted there and made again for this one."
)


class CognitoAccessIdentityProvider(Construct):
    """Amazon Cognito as an OpenID Connect login method for Cloudflare Zero Trust.

    Declares, on an existing user pool, the login page's domain (a prefix or a custom
    domain, or uses a shared one), a confidential app client whose only callback is the
    Zero Trust team's, and the Cloudflare identity provider that signs in through it; on
    request, the client's managed login branding and the custom domain's DNS record in
    Cloudflare. Every value Cloudflare needs (client id, client secret, endpoint URLs)
    flows by reference from the AWS resources; the secret is never a literal.

    The construct declares no providers and no outputs: the stack that uses it owns
    those (``verify_outputs`` lists the ones ``cognito-access-verify`` reads). Child
    construct ids (``UserPoolDomain``, ``AppClient``, ``IdentityProvider``,
    ``ManagedLoginBranding``, ``DnsRecord``) are part of the Terraform addresses and
    stay fixed.
    """

    def __init__(  # noqa: PLR0913 - keyword-only configuration, each checked
        self,
        scope: Construct,
        id_: str,
        *,
        user_pool_id: str,
        domain: LoginDomain,
        team_name: str,
        cloudflare_account_id: str,
        managed_login: ManagedLogin | None = None,
        name: str = DEFAULT_NAME,
        scopes: Sequence[str] = DEFAULT_SCOPES,
        resource_servers: Sequence[CognitoResourceServer] = (),
        claims: Sequence[str] = DEFAULT_CLAIMS,
        email_claim_name: str = DEFAULT_EMAIL_CLAIM,
        issuer: Issuer = "original",
        pkce: bool = True,
        identity_providers: Sequence[str | CognitoIdentityProvider] = DEFAULT_IDENTITY_PROVIDERS,
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
                (the part before the underscore) gives the endpoint URLs; a literal one
                must be the region of the AWS provider (``aws_provider``, else the stack's
                default one, when declared before the construct with a literal region). Only pools
                in partitions whose endpoints are documented (the commercial AWS
                regions) are accepted; for a reference, Terraform checks this at plan.
            domain: Where the login page lives: ``LoginDomain.prefix("acme-login")`` (a
                prefix domain to create), ``LoginDomain.custom("login.example.com",
                certificate_arn=...)`` (a custom domain to create, and with
                ``cloudflare_zone_id`` its DNS record), or ``LoginDomain.shared(domain)``
                (an existing domain of the pool, by resource or by name).
            team_name: The Zero Trust team name; Cloudflare's callback is
                ``https://<team_name>.cloudflareaccess.com/cdn-cgi/access/callback``.
            cloudflare_account_id: The Cloudflare account that owns the Zero Trust team.
            managed_login: Cognito's managed login (version 2) as the login page:
                ``ManagedLogin()`` with Cognito's style, or
                ``ManagedLogin(settings=..., assets=[...])`` with yours. A created domain
                gets ``managed_login_version = 2`` and the app client its branding style
                (``ManagedLoginBranding``), without which its users see an error page; a
                shared domain keeps its own version (one with version 2 requires this).
                The pool must be on the Essentials or Plus feature plan (``user_pool_tier``):
                on Lite the apply fails. Default: None, the classic hosted UI: a created
                domain states ``managed_login_version = 1``, so turning managed login off
                moves the domain back in place. The version applies to every app client of
                the pool: before adopting a domain, set this to match it (``ManagedLogin()``
                for a version-2 domain), or the adoption switches the other applications'
                login page too.
            name: The login method's name on the Zero Trust login page.
                Default: "Amazon Cognito".
            scopes: The OAuth scopes the app client allows and Cloudflare requests; must
                include ``openid``. A whole-list reference (``variable.list_value``) is
                accepted and checked at plan (a precondition that ``openid`` is in it).
                Default: openid, email and profile.
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
            identity_providers: The user pool's identity providers offered on the login
                page: names (``"COGNITO"``, ``"Google"``), or ``CognitoIdentityProvider``
                resources, used by reference (their ``provider_name``) so the client is
                created after them. Default: the pool's own users only ("COGNITO").
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
                plus those. With ``scopes`` or ``claims`` known only to Terraform (a
                whole-list reference), there is nothing to derive this from: it must be
                given. ``write_attributes`` is not declared (an empty list would mean the
                same to Cognito: unspecified), so Cognito's default applies; a write through
                the client's tokens needs the ``aws.cognito.signin.user.admin`` scope, and a
                federated provider's mapped attributes need write access for sign-in to
                update them.
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
            cloudflare_provider: The Cloudflare provider for the identity provider and
                the DNS record, for aliased setups. Default: the stack's default
                Cloudflare provider.

        Raises:
            TypeError: An input is of the wrong type; the message names it, what was
                received and what is allowed. Nothing is declared.
            ValueError: An input has a wrong value; likewise.
        """
        fw = framework_of(scope)
        inputs = check_inputs(
            fw,
            scope,
            user_pool_id=user_pool_id,
            domain=domain,
            managed_login=managed_login,
            team_name=team_name,
            cloudflare_account_id=cloudflare_account_id,
            name=name,
            scopes=scopes,
            resource_servers=resource_servers,
            claims=claims,
            email_claim_name=email_claim_name,
            issuer=issuer,
            pkce=pkce,
            identity_providers=identity_providers,
            validities={
                "access_token_validity": access_token_validity,
                "id_token_validity": id_token_validity,
                "refresh_token_validity": refresh_token_validity,
            },
            read_attributes=read_attributes,
            logout_urls=logout_urls,
            prevent_destroy=prevent_destroy,
            ignore_client_secret_changes=ignore_client_secret_changes,
            aws_provider=aws_provider,
            cloudflare_provider=cloudflare_provider,
        )
        super().__init__(scope, check_construct_id(scope, id_))
        self._inputs = inputs
        self._scopes = all_scopes(fw, inputs)
        checks = _region_checks(fw, inputs)
        self._domain = declare_domain(
            fw, self, inputs, fw.TerraformResourceLifecycle(precondition=checks) if checks else None
        )
        self._client = declare_client(fw, self, inputs, checks)
        self._idp = _declare_identity_provider(fw, self, inputs, self._scopes)
        self._branding = declare_managed_login(fw, self, inputs, self._client, self._domain)
        self._dns_record = declare_dns_record(fw, self, inputs, self._domain)

    def import_existing(
        self,
        *,
        domain: str | None = None,
        client_id: str | None = None,
        identity_provider_id: str | None = None,
        managed_login_branding_id: str | None = None,
        dns_record_id: str | None = None,
    ) -> None:
        """Adopt resources made outside Terraform (in the consoles) on the next apply.

        Emits Terraform ``import`` blocks, so the next plan imports instead of creating:
        the domain by its name, the app client as ``<pool id>/<client id>``, the identity
        provider as ``accounts/<account id>/<id>``, the custom domain's DNS record as
        ``<zone id>/<record id>``. An adopted client keeps its secret:
        its ``generate_secret`` is left out of the configuration, because the AWS
        provider does not read it back on import and a change to it forces a
        replacement (a new secret, every user signed out); and every client keeps
        ``generate_secret`` under ``ignore_changes``, so once the import is applied,
        removing this call plans nothing. Keeping the call is better still: Terraform
        skips an import block whose resource is in the state, and hashicorp/aws 5.100,
        on the first apply that updates an adopted client after the call is gone,
        writes the configured ``generate_secret = true`` over the state's null and
        reports "Provider produced inconsistent result after apply" (the update is
        done; later plans are clean). The adopted client must already be confidential.

        Args:
            domain: The existing domain to adopt as the one this construct creates: the
                prefix of ``LoginDomain.prefix`` or the host of ``LoginDomain.custom``.
                Default: the domain is not imported.
            client_id: The id of the existing app client, in the construct's user pool, to
                adopt. Default: the client is created.
            identity_provider_id: The id of the existing Zero Trust login method to adopt.
                Default: the identity provider is created.
            managed_login_branding_id: The id of the adopted client's existing branding
                style (a client has at most one: Cognito refuses a second), imported as
                ``<user pool id>,<branding id>``. It must be the style of this
                construct's client (the adopted ``client_id``): the provider reads the
                style's client back, and another client's style is replaced (deleted
                there, made again for this client); without ``client_id`` a synth
                warning says so. The next apply gives it the
                construct's ``managed_login``: ``ManagedLogin()`` resets it to Cognito's
                defaults unless ``settings`` are given, and images that differ from
                ``assets`` replace the style. Default: the style is created.
            dns_record_id: The id of the custom domain's existing CNAME in the Cloudflare
                zone, for a construct that declares it (``LoginDomain.custom`` with
                ``cloudflare_zone_id``): an adopted custom domain already has one, and
                Cloudflare refuses a second record of the same name. Default: the
                record is created.

        A resource this stack already manages under the construct's address cannot be
        adopted in its place: first take the managed one out of the state (a ``removed``
        block, or ``terraform state rm``), then import; see docs/guides/adopting.md.

        Raises:
            TypeError: An id is not a str or None.
            ValueError: An id is empty, ``domain`` is not the domain this construct
                creates (it shares one, or the name differs), or a branding id is given
                without ``managed_login``, or a DNS record id without a declared
                record. Nothing is imported.
        """
        ids = {
            "domain": domain,
            "client_id": client_id,
            "identity_provider_id": identity_provider_id,
            "managed_login_branding_id": managed_login_branding_id,
            "dns_record_id": dns_record_id,
        }
        for parameter, value in ids.items():
            if value is not None:
                check_not_empty(parameter, check_string(parameter, value))
        if domain is not None:
            self._check_adopted_domain(domain)
        self._check_adopted_children(managed_login_branding_id, dns_record_id)
        if domain is not None and self._domain.resource is not None:
            self._domain.resource.import_from(domain)
        if client_id is not None:
            self._client.import_from(f"{self._inputs.user_pool_id}/{client_id}")
            self._client.reset_generate_secret()
        if identity_provider_id is not None:
            account = self._inputs.cloudflare_account_id
            self._idp.import_from(f"accounts/{account}/{identity_provider_id}")
        if managed_login_branding_id is not None and self._branding is not None:
            pool = self._inputs.user_pool_id
            self._branding.import_from(f"{pool},{managed_login_branding_id}")
            if client_id is None:
                framework_of(self).Annotations.of(self).add_warning(_BRANDING_WITHOUT_CLIENT)
        if dns_record_id is not None and self._dns_record is not None:
            # The zone as given, never the record's own zone_id (a reference to itself).
            zone = self._dns_record.zone_id_input
            self._dns_record.import_from(f"{zone}/{dns_record_id}")

    def _check_adopted_children(
        self, managed_login_branding_id: str | None, dns_record_id: str | None
    ) -> None:
        if managed_login_branding_id is not None and self._branding is None:
            msg = (
                "managed_login_branding_id can be adopted only by a construct with "
                "managed_login (a ManagedLogin); this one uses the classic hosted UI; got "
                f"managed_login_branding_id={managed_login_branding_id!r}"
            )
            raise ValueError(msg)
        if dns_record_id is not None and self._dns_record is None:
            msg = (
                "dns_record_id can be adopted only by a construct that declares the custom "
                "domain's DNS record (LoginDomain.custom with cloudflare_zone_id); this one "
                f"uses {self._inputs.domain!r}; got dns_record_id={dns_record_id!r}"
            )
            raise ValueError(msg)

    def _check_adopted_domain(self, domain: str) -> None:
        created = self._inputs.domain.created
        if created is None:
            msg = (
                "domain can be adopted only by a construct that creates its domain "
                f"(LoginDomain.prefix or LoginDomain.custom); this one uses "
                f"{self._inputs.domain!r}; got domain={domain!r}"
            )
            raise ValueError(msg)
        if not is_token(domain) and not is_token(created) and domain != created:
            msg = (
                f"domain must be the domain the construct declares ({created!r}, from "
                f"{self._inputs.domain!r}); got {domain!r}"
            )
            raise ValueError(msg)

    @property
    def user_pool_domain(self) -> CognitoUserPoolDomain | None:
        """The login page's domain (``aws_cognito_user_pool_domain``), created or shared.

        None when the domain is shared by name (``LoginDomain.shared("...")``).
        """
        return self._domain.resource

    @property
    def shared_domain(self) -> LoginDomain:
        """This construct's login page domain, for another construct on the same pool to share.

        A pool has one prefix domain (and one custom domain) for all its app clients::

            beta = CognitoAccessIdentityProvider(stack, "Beta", ..., domain=acme.shared_domain)
        """
        if isinstance(self._inputs.domain, SharedDomain):
            return self._inputs.domain
        return LoginDomain.shared(self._domain.resource or self._domain.hosted_ui_url)

    @property
    def managed_login_branding(self) -> CognitoManagedLoginBranding | None:
        """The app client's branding style (``aws_cognito_managed_login_branding``).

        None unless ``managed_login`` is given.
        """
        return self._branding

    @property
    def dns_record(self) -> DnsRecord | None:
        """The custom domain's CNAME in Cloudflare (``cloudflare_dns_record``).

        None unless the domain is ``LoginDomain.custom`` with a ``cloudflare_zone_id``.
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
        return self._inputs.cloudflare_account_id

    @property
    def claims(self) -> list[str]:
        """The ID token claims Cloudflare adds to the identity (the only ones rules match)."""
        return list(self._inputs.claims)

    @property
    def scopes(self) -> list[str]:
        """The OAuth scopes Cloudflare requests (a list token with resource servers' scopes)."""
        return self._scopes

    @property
    def issuer(self) -> Issuer:
        """The issuer format the URLs follow: "original" or "updated"."""
        return self._inputs.issuer

    @property
    def callback_url(self) -> str:
        """Cloudflare's OIDC callback, the app client's only allowed redirect."""
        return callback_url(self._inputs.team_name)

    @property
    def hosted_ui_url(self) -> str:
        """Base URL of the login page's domain (prefix or custom)."""
        return self._domain.hosted_ui_url

    @property
    def auth_url(self) -> str:
        """The authorization endpoint Cloudflare sends users to."""
        return self.hosted_ui_url + AUTHORIZE_PATH

    @property
    def token_url(self) -> str:
        """The token endpoint Cloudflare exchanges the authorization code at."""
        return self.hosted_ui_url + TOKEN_PATH

    @property
    def issuer_url(self) -> str:
        """The user pool's OIDC issuer, the ``iss`` of its tokens."""
        return issuer_url(self._inputs)

    @property
    def certs_url(self) -> str:
        """The user pool's JSON Web Key Set, which Cloudflare verifies tokens with."""
        return self.issuer_url + JWKS_PATH

    @property
    def client_id(self) -> str:
        """Id of the app client (a token until apply)."""
        return self._client.id

    @property
    def identity_provider_id(self) -> str:
        """Id of the Zero Trust login method (a token until apply)."""
        return self._idp.id

    @property
    def user_pool_id(self) -> str:
        """Id of the user pool users sign in with, as given (a literal or a reference)."""
        return self._inputs.user_pool_id

    @property
    def verify_outputs(self) -> dict[str, str]:
        """The outputs ``cognito-access-verify`` reads, by name, with their values.

        Declare each in the stack to verify it after a deploy::

            for name, value in sso.verify_outputs.items():
                TerraformOutput(stack, name, value=value)

        None of them is a secret.
        """
        return {
            OUTPUT_IDENTITY_PROVIDER_ID.name: self.identity_provider_id,
            OUTPUT_CLIENT_ID.name: self.client_id,
            OUTPUT_ISSUER_URL.name: self.issuer_url,
            OUTPUT_HOSTED_UI_URL.name: self.hosted_ui_url,
            OUTPUT_CALLBACK_URL.name: self.callback_url,
        }


def issuer_url(inputs: Inputs) -> str:
    """The pool's OIDC issuer in the chosen format.

    A region known only to Terraform is assumed commercial, and checked at plan.
    """
    host = issuer_host(inputs.region, inputs.issuer, inputs.assumed_partition)
    return f"https://{host}/{inputs.user_pool_id}"


def _region_checks(fw: Framework, inputs: Inputs) -> list[Precondition] | None:
    """For a pool known only to Terraform: a plan-time check that its region's URLs are known."""
    if not inputs.pool_is_token:
        return None
    condition = fw.Fn.can(fw.Fn.regex(ESTABLISHED_REGION_PATTERN, inputs.region))
    return [fw.Precondition(condition=condition, error_message=_REGION_UNKNOWN)]


def _declare_identity_provider(
    fw: Framework, scope: CognitoAccessIdentityProvider, inputs: Inputs, scopes: list[str]
) -> ZeroTrustAccessIdentityProvider:
    """Declare the Cloudflare login method: the client's id and secret and the pool's URLs.

    Every value flows by reference from the AWS resources.
    """
    client = scope.user_pool_client
    keep_secret = inputs.ignore_client_secret_changes
    return fw.ZeroTrustAccessIdentityProvider(
        scope,
        "IdentityProvider",
        account_id=inputs.cloudflare_account_id,
        name=inputs.name,
        type=IDENTITY_PROVIDER_TYPE,
        config=fw.ZeroTrustAccessIdentityProviderConfigA(
            client_id=client.id,
            client_secret=client.client_secret,
            auth_url=scope.auth_url,
            token_url=scope.token_url,
            certs_url=scope.certs_url,
            scopes=scopes,
            claims=list(inputs.claims),
            email_claim_name=inputs.email_claim_name,
            pkce_enabled=inputs.pkce,
        ),
        lifecycle=(
            fw.TerraformResourceLifecycle(
                prevent_destroy=inputs.prevent_destroy or None,
                ignore_changes=["config.client_secret"] if keep_secret else None,
            )
            if inputs.prevent_destroy or keep_secret
            else None
        ),
        provider=inputs.cloudflare_provider,
    )
