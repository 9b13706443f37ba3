"""The identity provider construct's inputs, checked and derived before anything is declared.

:func:`check_inputs` raises ``TypeError`` for a value of the wrong type and ``ValueError``
for a wrong value, each naming the parameter; it returns :class:`Inputs`, which the
declaring steps read (``_login_page``, ``_app_client``, ``_identity_provider``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from cognito_access._attributes import default_read_attributes, required_read_attributes
from cognito_access._endpoints import COMMERCIAL, partition_of
from cognito_access._facts import MANAGED_LOGIN_VERSION
from cognito_access._framework import check_same_framework
from cognito_access._login_domain import SharedDomain, check_domain_for_pool, check_login_domain
from cognito_access._managed_login import check_managed_login
from cognito_access._validate import (
    check_bool,
    check_cloudflare_id,
    check_issuer,
    check_logout_urls,
    check_not_empty,
    check_optional_instance,
    check_read_attributes,
    check_refresh_outlives,
    check_scopes,
    check_sequence,
    check_string,
    check_strings,
    check_team_name,
    check_token_validity,
    is_list_token,
    is_token,
    region_of_user_pool,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import timedelta

    from cognito_access._facts import Issuer, Partition
    from cognito_access._framework import (
        CognitoIdentityProvider,
        CognitoResourceServer,
        Framework,
        TerraformProvider,
    )
    from cognito_access._login_domain import LoginDomain
    from cognito_access._managed_login import ManagedLogin
    from constructs import Construct

VALIDITY_PARAMETERS = ("access_token_validity", "id_token_validity", "refresh_token_validity")


@dataclass(frozen=True)
class Inputs:
    """The construct's inputs once checked, with what follows from them."""

    user_pool_id: str
    # The pool's region: literal, or a Terraform expression for a pool id known only there.
    region: str
    # The partition of a region known only to Terraform (assumed commercial, checked at plan).
    assumed_partition: Partition | None
    domain: LoginDomain
    managed_login: ManagedLogin | None
    team_name: str
    cloudflare_account_id: str
    name: str
    scopes: tuple[str, ...]
    resource_servers: tuple[CognitoResourceServer, ...]
    claims: tuple[str, ...]
    email_claim_name: str
    issuer: Issuer
    pkce: bool
    identity_providers: tuple[str | CognitoIdentityProvider, ...]
    validities: dict[str, timedelta]
    read_attributes: tuple[str, ...]
    logout_urls: tuple[str, ...]
    prevent_destroy: bool
    ignore_client_secret_changes: bool
    aws_provider: TerraformProvider | None
    cloudflare_provider: TerraformProvider | None

    @property
    def pool_is_token(self) -> bool:
        """Whether the pool id (and so its region) is known only to Terraform."""
        return self.assumed_partition is not None


def check_inputs(  # noqa: PLR0913 - the construct's keyword arguments, passed on
    fw: Framework,
    scope: Construct,
    *,
    user_pool_id: object,
    domain: object,
    managed_login: object,
    team_name: object,
    cloudflare_account_id: object,
    name: object,
    scopes: object,
    resource_servers: object,
    claims: object,
    email_claim_name: object,
    issuer: object,
    pkce: object,
    identity_providers: object,
    validities: dict[str, object],
    read_attributes: object,
    logout_urls: object,
    prevent_destroy: object,
    ignore_client_secret_changes: object,
    aws_provider: object,
    cloudflare_provider: object,
) -> Inputs:
    """Check every input, first its type, then its value; return them with what follows."""
    pool = check_string("user_pool_id", user_pool_id)
    login_domain = check_login_domain(domain)
    managed = check_managed_login(managed_login)
    constructs = _check_constructs(
        fw,
        domain=login_domain,
        resource_servers=resource_servers,
        identity_providers=identity_providers,
        aws_provider=aws_provider,
        cloudflare_provider=cloudflare_provider,
    )
    check_domain_for_pool(login_domain, pool)
    _check_same_pool(pool, constructs)
    _check_shared_version(fw, login_domain, managed)
    team = check_string("team_name", team_name)
    check_team_name(team)
    account = check_string("cloudflare_account_id", cloudflare_account_id)
    check_cloudflare_id("cloudflare_account_id", account)
    region = _region(fw, scope, pool, constructs.aws_provider)
    login_name = check_string("name", name)
    check_not_empty("name", login_name)
    checked_scopes = check_scopes(scopes)
    checked_claims = check_strings("claims", claims, allow_empty=True)
    email_claim = check_string("email_claim_name", email_claim_name)
    check_not_empty("email_claim_name", email_claim)
    return Inputs(
        user_pool_id=pool,
        region=region,
        assumed_partition=COMMERCIAL if is_token(pool) else None,
        domain=login_domain,
        managed_login=managed,
        team_name=team,
        cloudflare_account_id=account,
        name=login_name,
        scopes=checked_scopes,
        resource_servers=constructs.resource_servers,
        claims=checked_claims,
        email_claim_name=email_claim,
        issuer=check_issuer(issuer),
        pkce=check_bool("pkce", pkce),
        identity_providers=constructs.identity_providers,
        validities=_check_validities(validities),
        read_attributes=_read_attributes(
            read_attributes, checked_scopes, checked_claims, email_claim
        ),
        logout_urls=check_logout_urls(logout_urls),
        prevent_destroy=check_bool("prevent_destroy", prevent_destroy),
        ignore_client_secret_changes=check_bool(
            "ignore_client_secret_changes", ignore_client_secret_changes
        ),
        aws_provider=constructs.aws_provider,
        cloudflare_provider=constructs.cloudflare_provider,
    )


def _region(
    fw: Framework, scope: Construct, pool: str, aws_provider: TerraformProvider | None
) -> str:
    """The pool's region, read from its id: at synth for a literal, else at plan.

    A literal region must be the AWS provider's, where that is a literal too.
    """
    if is_token(pool):
        return cast("str", fw.Fn.element(fw.Fn.split("_", pool), 0))
    region = region_of_user_pool(pool)
    check_provider_region(fw, scope, region, aws_provider)
    return region


@dataclass(frozen=True)
class _Constructs:
    """The inputs that are jsii objects, checked."""

    resource_servers: tuple[CognitoResourceServer, ...]
    identity_providers: tuple[str | CognitoIdentityProvider, ...]
    aws_provider: TerraformProvider | None
    cloudflare_provider: TerraformProvider | None


def _check_constructs(  # noqa: PLR0913 - the inputs that are constructs, by keyword
    fw: Framework,
    *,
    domain: LoginDomain,
    resource_servers: object,
    identity_providers: object,
    aws_provider: object,
    cloudflare_provider: object,
) -> _Constructs:
    """The inputs that are jsii objects: of the scope's framework, and of the right class."""
    shared = domain.domain if isinstance(domain, SharedDomain) else None
    for parameter, value in (
        ("domain", shared),
        ("resource_servers", resource_servers),
        ("identity_providers", identity_providers),
        ("aws_provider", aws_provider),
        ("cloudflare_provider", cloudflare_provider),
    ):
        check_same_framework(parameter, value, fw)
    return _Constructs(
        resource_servers=check_sequence(
            "resource_servers",
            resource_servers,
            fw.CognitoResourceServer,
            "CognitoResourceServer resources",
        ),
        identity_providers=check_identity_providers(fw, identity_providers),
        aws_provider=check_optional_instance("aws_provider", aws_provider, fw.TerraformProvider),
        cloudflare_provider=check_optional_instance(
            "cloudflare_provider", cloudflare_provider, fw.TerraformProvider
        ),
    )


# Cognito's ProviderNameType: at most 32 characters.
_PROVIDER_NAME_MAX = 32


def check_identity_providers(
    fw: Framework, values: object
) -> tuple[str | CognitoIdentityProvider, ...]:
    """Return ``values``, raising unless distinct identity provider names or resources, not none."""
    checked = check_sequence(
        "identity_providers",
        values,
        (str, fw.CognitoIdentityProvider),
        "identity provider names (str) or CognitoIdentityProvider resources",
    )
    names = [value for value in checked if isinstance(value, str)]
    check_strings("identity_providers", names, allow_empty=bool(checked))
    for name in (name for name in names if not is_token(name)):
        # Cognito's ProviderNameType: 1 to 32 letters, marks, symbols, digits or punctuation.
        spaced = any(c.isspace() or not c.isprintable() for c in name)
        if spaced or not 1 <= len(name) <= _PROVIDER_NAME_MAX:
            msg = (
                "identity_providers names must be 1 to 32 characters without spaces or "
                f"control characters (Cognito's provider names); got {name!r}"
            )
            raise ValueError(msg)
    resources = [value for value in checked if not isinstance(value, str)]
    paths = [value.node.path for value in resources]
    repeated = sorted({path for path in paths if paths.count(path) > 1})
    if repeated:
        msg = f"identity_providers must not repeat a value; got the resource {repeated[0]} twice"
        raise ValueError(msg)
    # A resource whose literal provider_name is also given as a name: the same provider twice.
    named = {
        value.provider_name_input: value.node.path
        for value in resources
        if isinstance(value.provider_name_input, str) and not is_token(value.provider_name_input)
    }
    twice = sorted(set(names) & set(named))
    if twice:
        msg = (
            f"identity_providers must not repeat a value; got {twice[0]!r} as a name and as "
            f"the provider_name of the resource {named[twice[0]]}"
        )
        raise ValueError(msg)
    return checked


def _check_same_pool(pool: str, constructs: _Constructs) -> None:
    """Raise if an identity provider or resource server declares another literal pool."""
    if is_token(pool):
        return
    for parameter, resources in (
        ("identity_providers", constructs.identity_providers),
        ("resource_servers", constructs.resource_servers),
    ):
        for resource in resources:
            if isinstance(resource, str):
                continue
            other = resource.user_pool_id_input
            if isinstance(other, str) and not is_token(other) and other != pool:
                msg = (
                    f"{parameter} must belong to user_pool_id ({pool!r}); got "
                    f"{resource.node.path} of the pool {other!r}"
                )
                raise ValueError(msg)


def _check_shared_version(
    fw: Framework, domain: LoginDomain, managed_login: ManagedLogin | None
) -> None:
    """A shared domain declared with managed login needs ``managed_login`` on this client."""
    if managed_login is not None or not isinstance(domain, SharedDomain):
        return
    shared = domain.domain
    if not isinstance(shared, fw.CognitoUserPoolDomain):
        return
    version = shared.managed_login_version_input
    if version is not None and not is_token(version) and version == MANAGED_LOGIN_VERSION:
        msg = (
            "managed_login must be a ManagedLogin with a shared domain that uses managed "
            f"login (managed_login_version = {MANAGED_LOGIN_VERSION}): each app client needs "
            "its branding style there, or its users see an error page; got None"
        )
        raise ValueError(msg)


def _check_validities(validities: dict[str, object]) -> dict[str, timedelta]:
    checked = {
        parameter: check_token_validity(parameter, validity)
        for parameter, validity in validities.items()
    }
    shorter = {parameter: checked[parameter] for parameter in VALIDITY_PARAMETERS[:2]}
    check_refresh_outlives(checked["refresh_token_validity"], shorter)
    return checked


def check_provider_region(
    fw: Framework, scope: Construct, pool_region: str, aws_provider: TerraformProvider | None
) -> None:
    """Raise if the AWS provider's literal region is not the literal pool's region.

    The provider is ``aws_provider``, else the stack's default AWS provider (no alias)
    declared so far; a region known only to Terraform, or no provider yet, is not checked.
    """
    provider: object = aws_provider
    if provider is None:
        stack = fw.TerraformStack.of(scope)
        defaults = [
            found
            for found in stack.node.find_all()
            if isinstance(found, fw.AwsProvider) and found.alias is None
        ]
        provider = defaults[0] if len(defaults) == 1 else None
    region = getattr(provider, "region", None) if isinstance(provider, fw.AwsProvider) else None
    if isinstance(region, str) and not is_token(region) and region != pool_region:
        which = "aws_provider" if aws_provider is not None else "the stack's AWS provider"
        msg = (
            f"user_pool_id must be a pool in the region of {which} ({region!r}), where "
            f"Terraform looks for it; got a pool in {pool_region!r}: declare an AWS provider "
            f"for {pool_region!r} and pass it as aws_provider"
        )
        raise ValueError(msg)


def _read_attributes(
    read_attributes: object,
    scopes: Sequence[str],
    claims: Sequence[str],
    email_claim_name: str,
) -> tuple[str, ...]:
    unknown = [
        parameter
        for parameter, values in (("scopes", scopes), ("claims", claims))
        if is_list_token(values)
    ]
    if read_attributes is None and unknown:
        msg = (
            f"read_attributes must be given when {' and '.join(unknown)} is a whole list "
            "known only to Terraform: the attributes the client reads cannot be derived "
            "from it (leaving them out would let the client read every attribute); got None"
        )
        raise ValueError(msg)
    if read_attributes is None:
        return default_read_attributes(scopes, claims, email_claim_name)
    return check_read_attributes(
        read_attributes, required_read_attributes(claims, email_claim_name)
    )


def partition_for(inputs: Inputs) -> Partition | None:
    """The partition the URLs are built for: the assumed one, or the literal region's."""
    return inputs.assumed_partition or partition_of(inputs.region)
