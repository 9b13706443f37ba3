"""The login page: the user pool domain (prefix, custom or shared), managed login, and DNS.

The construct checks the inputs first (``_inputs``), then calls :func:`declare_domain`
for the domain its endpoints are on and, once the app client exists,
:func:`declare_managed_login` and :func:`declare_dns_record`.

Sources:
  [custom-domain] Cognito developer guide, using your own domain for managed login:
      https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-add-custom-domain.html
      a custom domain is served by a CloudFront distribution, to which a CNAME (or
      alias) record of the custom domain points.
  [branding-api] Cognito API reference, CreateManagedLoginBranding: each app client
      needs its branding style under managed login; ``UseCognitoProvidedValues`` must
      come without ``Settings`` and ``Assets`` when true; ``Settings`` is optional
      (botocore's model of CreateManagedLoginBranding).
  [branding-provider] hashicorp/aws, internal/service/cognitoidp/managed_login_branding.go:
      ``use_cognito_provided_values`` is validated ExactlyOneOf with ``settings`` (a
      configured value, false included, counts); import id ``<user pool id>,<branding id>``.
  [dns-record] Cloudflare provider 5.14, ``cloudflare_dns_record``: ``ttl = 1`` means
      automatic; ``proxied = false`` is DNS only (CloudFront, not Cloudflare, serves it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from cognito_access._endpoints import hosted_ui_host
from cognito_access._facts import CLASSIC_LOGIN_VERSION, MANAGED_LOGIN_VERSION
from cognito_access._inputs import partition_for
from cognito_access._login_domain import CustomDomain, SharedDomain
from cognito_access._validate import is_token

if TYPE_CHECKING:
    from cognito_access._framework import (
        CognitoManagedLoginBranding,
        CognitoUserPoolClient,
        CognitoUserPoolDomain,
        DnsRecord,
        Framework,
        TerraformResourceLifecycle,
    )
    from cognito_access._inputs import Inputs
    from constructs import Construct

DNS_RECORD_COMMENT: Final = "Cognito login page for Cloudflare Access (cognito-access)"


@dataclass(frozen=True)
class Domain:
    """The domain the login page is on.

    ``resource`` is None when it is shared by name; ``created`` is whether this
    construct declared it.
    """

    resource: CognitoUserPoolDomain | None
    hosted_ui_url: str
    created: bool


def declare_domain(
    fw: Framework,
    scope: Construct,
    inputs: Inputs,
    lifecycle: TerraformResourceLifecycle | None,
) -> Domain:
    """Declare the domain to create (``UserPoolDomain``), or take the shared one; its URL."""
    domain = inputs.domain
    if isinstance(domain, SharedDomain):
        return _shared_domain(fw, domain.domain, inputs)
    resource = fw.CognitoUserPoolDomain(
        scope,
        "UserPoolDomain",
        domain=str(domain.created),
        user_pool_id=inputs.user_pool_id,
        certificate_arn=domain.certificate_arn if isinstance(domain, CustomDomain) else None,
        # Always stated: the attribute is Optional and Computed, so leaving it out when
        # managed login is turned off would keep version 2 on a domain without branding.
        managed_login_version=(
            MANAGED_LOGIN_VERSION if inputs.managed_login else CLASSIC_LOGIN_VERSION
        ),
        provider=inputs.aws_provider,
        lifecycle=lifecycle,
    )
    if isinstance(domain, CustomDomain):
        return Domain(resource, f"https://{resource.domain}", created=True)
    host = hosted_ui_host(resource.domain, inputs.region, partition_for(inputs))
    return Domain(resource, f"https://{host}", created=True)


def _shared_domain(fw: Framework, domain: CognitoUserPoolDomain | str, inputs: Inputs) -> Domain:
    """The hosted UI base URL of a shared domain: a resource, or a prefix or a host by name."""
    partition = partition_for(inputs)
    if not isinstance(domain, str):
        if domain.certificate_arn_input is not None:
            return Domain(domain, f"https://{domain.domain}", created=False)
        host = hosted_ui_host(domain.domain, inputs.region, partition)
        return Domain(domain, f"https://{host}", created=False)
    if not is_token(domain):
        if "." in domain:
            return Domain(None, f"https://{domain}", created=False)
        host = hosted_ui_host(domain, inputs.region, partition)
        return Domain(None, f"https://{host}", created=False)
    # Known only to Terraform: a dot means a custom domain's host.
    prefix_url = f"https://{hosted_ui_host(domain, inputs.region, partition)}"
    url = fw.Token.as_string(
        fw.Fn.conditional(fw.Fn.strcontains(domain, "."), f"https://{domain}", prefix_url)
    )
    return Domain(None, url, created=False)


def declare_managed_login(
    fw: Framework,
    scope: Construct,
    inputs: Inputs,
    client: CognitoUserPoolClient,
    domain: Domain,
) -> CognitoManagedLoginBranding | None:
    """Declare the client's branding style (``ManagedLoginBranding``) under managed login.

    Cognito's style, or the given settings and assets; the pool and the client are taken
    by reference from the client. A domain this construct creates moves to managed login
    only once the branding exists, so the client's users never get an error page in
    between (a shared domain's version is its own).
    """
    managed = inputs.managed_login
    if managed is None:
        return None
    branding = fw.CognitoManagedLoginBranding(
        scope,
        "ManagedLoginBranding",
        user_pool_id=client.user_pool_id,
        client_id=client.id,
        # [branding-provider] exactly one of settings and use_cognito_provided_values;
        # [branding-api] only true must come without assets: assets alone say false.
        use_cognito_provided_values=managed.cognito_style if managed.settings is None else None,
        settings=managed.settings,
        asset=[
            fw.CognitoManagedLoginBrandingAsset(
                category=asset.category,
                color_mode=asset.color_mode,
                extension=asset.extension,
                bytes=asset.bytes_base64,
                resource_id=asset.resource_id,
            )
            for asset in managed.assets
        ]
        or None,
        provider=inputs.aws_provider,
    )
    if domain.created and domain.resource is not None:
        domain.resource.depends_on = [
            f"{branding.terraform_resource_type}.{branding.friendly_unique_id}"
        ]
    return branding


def declare_dns_record(
    fw: Framework, scope: Construct, inputs: Inputs, domain: Domain
) -> DnsRecord | None:
    """Declare the custom domain's CNAME (``DnsRecord``) when a Cloudflare zone is given.

    The record points the custom domain at its CloudFront distribution, by reference.
    """
    custom = inputs.domain
    if not isinstance(custom, CustomDomain) or custom.cloudflare_zone_id is None:
        return None
    if domain.resource is None:  # never: a custom domain is created
        return None
    return fw.DnsRecord(
        scope,
        "DnsRecord",
        zone_id=custom.cloudflare_zone_id,
        name=custom.host,
        type="CNAME",
        content=domain.resource.cloudfront_distribution,
        proxied=False,  # [dns-record] DNS only: CloudFront serves the login page
        ttl=1,  # [dns-record] automatic
        comment=DNS_RECORD_COMMENT,
        provider=inputs.cloudflare_provider,
    )
