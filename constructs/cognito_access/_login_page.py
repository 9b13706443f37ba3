"""The login page: the user pool domain (prefix, custom or shared), managed login, and DNS.

The construct checks the inputs first (``_login_page_inputs``), then calls
:func:`declare_domain` for the domain its endpoints are on and, once the app client
exists, :func:`declare_branding` and :func:`declare_dns_record` when asked for.

Sources:
  [custom-domain] Cognito developer guide, using your own domain for managed login:
      https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-add-custom-domain.html
      a custom domain is served by a CloudFront distribution, to which a CNAME (or
      alias) record of the custom domain points.
  [branding-api] Cognito API reference, CreateManagedLoginBranding: each app client
      needs its branding style under managed login; ``UseCognitoProvidedValues`` must
      come without ``Settings`` and ``Assets``.
  [dns-record] Cloudflare provider 5.14, ``cloudflare_dns_record``: ``ttl = 1`` means
      automatic; ``proxied = false`` is DNS only (CloudFront, not Cloudflare, serves it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from cognito_access._endpoints import hosted_ui_host
from cognito_access._login_page_inputs import MANAGED_LOGIN_VERSION
from cognito_access._validate import is_token

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cognito_access._endpoints import Partition
    from cognito_access._framework import (
        CognitoManagedLoginBranding,
        CognitoUserPoolClient,
        CognitoUserPoolDomain,
        DnsRecord,
        Framework,
        TerraformProvider,
        TerraformResourceLifecycle,
    )
    from cognito_access._login_page_inputs import ManagedLoginAsset
    from constructs import Construct

DNS_RECORD_COMMENT: Final = "Cognito login page for Cloudflare Access (cognito-access)"


@dataclass(frozen=True)
class Domain:
    """The domain the login page is on: the resource (None when shared by name) and its URL."""

    resource: CognitoUserPoolDomain | None
    hosted_ui_url: str


def declare_domain(  # noqa: PLR0913 - the domain's inputs, passed on from the construct
    fw: Framework,
    scope: Construct,
    *,
    user_pool_id: str,
    region: str,
    partition: Partition | None,
    domain_prefix: str | None,
    custom_domain: str | None,
    certificate_arn: str | None,
    user_pool_domain: CognitoUserPoolDomain | str | None,
    managed_login: bool,
    lifecycle: TerraformResourceLifecycle | None,
    provider: TerraformProvider | None,
) -> Domain:
    """Declare the domain to create (``UserPoolDomain``), or take the shared one; its URL."""
    if isinstance(user_pool_domain, str):
        return Domain(None, _shared_domain_url(fw, user_pool_domain, region, partition))
    if user_pool_domain is not None:
        if user_pool_domain.certificate_arn_input is not None:
            return Domain(user_pool_domain, f"https://{user_pool_domain.domain}")
        host = hosted_ui_host(user_pool_domain.domain, region, partition)
        return Domain(user_pool_domain, f"https://{host}")
    domain = fw.CognitoUserPoolDomain(
        scope,
        "UserPoolDomain",
        domain=str(custom_domain if custom_domain is not None else domain_prefix),
        user_pool_id=user_pool_id,
        certificate_arn=certificate_arn,
        managed_login_version=MANAGED_LOGIN_VERSION if managed_login else None,
        provider=provider,
        lifecycle=lifecycle,
    )
    if custom_domain is not None:
        return Domain(domain, f"https://{domain.domain}")
    return Domain(domain, f"https://{hosted_ui_host(domain.domain, region, partition)}")


def declare_branding(  # noqa: PLR0913 - the framework, the scope and the branding's inputs
    fw: Framework,
    scope: Construct,
    client: CognitoUserPoolClient,
    *,
    settings: str | None,
    assets: Sequence[ManagedLoginAsset],
    provider: TerraformProvider | None,
) -> CognitoManagedLoginBranding:
    """Declare the client's branding (``ManagedLoginBranding``): Cognito's, or the given style.

    The pool and the client are taken by reference from the client.
    """
    custom = settings is not None or bool(assets)
    return fw.CognitoManagedLoginBranding(
        scope,
        "ManagedLoginBranding",
        user_pool_id=client.user_pool_id,
        client_id=client.id,
        use_cognito_provided_values=None if custom else True,
        settings=settings,
        asset=[
            fw.CognitoManagedLoginBrandingAsset(
                category=asset.category,
                color_mode=asset.color_mode,
                extension=asset.extension,
                bytes=asset.bytes_base64,
                resource_id=asset.resource_id,
            )
            for asset in assets
        ]
        or None,
        provider=provider,
    )


def declare_dns_record(  # noqa: PLR0913 - the framework, the scope and the record's inputs
    fw: Framework,
    scope: Construct,
    domain: CognitoUserPoolDomain,
    *,
    zone_id: str,
    name: str,
    provider: TerraformProvider | None,
) -> DnsRecord:
    """Declare the custom domain's CNAME (``DnsRecord``) to the domain's CloudFront distribution."""
    return fw.DnsRecord(
        scope,
        "DnsRecord",
        zone_id=zone_id,
        name=name,
        type="CNAME",
        content=domain.cloudfront_distribution,
        proxied=False,  # [dns-record] DNS only: CloudFront serves the login page
        ttl=1,  # [dns-record] automatic
        comment=DNS_RECORD_COMMENT,
        provider=provider,
    )


def _shared_domain_url(fw: Framework, domain: str, region: str, partition: Partition | None) -> str:
    """The hosted UI base URL of a domain shared by name: a prefix, or a custom host."""
    if not is_token(domain):
        if "." in domain:
            return f"https://{domain}"
        return f"https://{hosted_ui_host(domain, region, partition)}"
    # Known only to Terraform: a dot means a custom domain's host.
    prefix_url = f"https://{hosted_ui_host(domain, region, partition)}"
    return fw.Token.as_string(
        fw.Fn.conditional(fw.Fn.strcontains(domain, "."), f"https://{domain}", prefix_url)
    )
