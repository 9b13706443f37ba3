"""The login page's inputs: what they are, and the rules they must keep.

Checked by :func:`check_login_page` before the construct declares anything. Facts
and their sources:
  [custom-domain] Cognito developer guide, using your own domain for managed login:
      https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-add-custom-domain.html
      the certificate is an ACM certificate in US East (N. Virginia), us-east-1; the
      parent domain must resolve (a DNS A record) when the domain is created.
  [domain-api] Cognito API reference, CreateUserPoolDomain ``ManagedLoginVersion``: 1 is
      the hosted UI (classic), 2 is managed login.
  [branding-api] Cognito API reference, CreateManagedLoginBranding and ``AssetType``
      (botocore's bundled cognito-idp service model): at most 40 assets; an asset's
      ``Category``, ``ColorMode`` and ``Extension`` are the enums below, its ``Bytes``
      at most 1,000,000 bytes.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from cognito_access._endpoints import partition_of
from cognito_access._validate import (
    check_bool,
    check_cloudflare_id,
    check_domain_prefix,
    check_instances,
    check_shared_domain,
    check_string,
    is_custom_host,
    is_token,
    region_in,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cognito_access._framework import CognitoUserPoolDomain, Framework

MANAGED_LOGIN_VERSION: Final = 2  # [domain-api]
CERTIFICATE_REGION: Final = "us-east-1"  # [custom-domain]
ASSET_CATEGORIES: Final = (  # [branding-api] AssetCategoryType
    "FAVICON_ICO",
    "FAVICON_SVG",
    "EMAIL_GRAPHIC",
    "SMS_GRAPHIC",
    "AUTH_APP_GRAPHIC",
    "PASSWORD_GRAPHIC",
    "PASSKEY_GRAPHIC",
    "PAGE_HEADER_LOGO",
    "PAGE_HEADER_BACKGROUND",
    "PAGE_FOOTER_LOGO",
    "PAGE_FOOTER_BACKGROUND",
    "PAGE_BACKGROUND",
    "FORM_BACKGROUND",
    "FORM_LOGO",
    "IDP_BUTTON_ICON",
)
ASSET_COLOR_MODES: Final = ("LIGHT", "DARK", "DYNAMIC")  # [branding-api] ColorSchemeModeType
ASSET_EXTENSIONS: Final = ("ICO", "JPEG", "PNG", "SVG", "WEBP")  # [branding-api]
MAX_ASSETS: Final = 40  # [branding-api] AssetListType
MAX_ASSET_BYTES: Final = 1_000_000  # [branding-api] AssetBytesType
# arn:<partition>:acm:<region>:<account>:certificate/<id>
_CERTIFICATE_ARN = re.compile(
    r"arn:(?P<partition>aws[a-z-]*):acm:(?P<region>[a-z0-9-]+):[0-9]{12}:certificate/[A-Za-z0-9-]+"
)


@dataclass(frozen=True)
class ManagedLoginAsset:
    """One image of a managed login branding style: a logo, a background or an icon.

    Attributes:
        category: Where the image is shown, one of Cognito's asset categories, such as
            ``"PAGE_HEADER_LOGO"``, ``"FORM_LOGO"``, ``"PAGE_BACKGROUND"`` or ``"FAVICON_ICO"``.
        color_mode: The colour scheme it is for: ``"LIGHT"``, ``"DARK"`` or ``"DYNAMIC"``
            (browser-adaptive).
        extension: Its file type: ``"ICO"``, ``"JPEG"``, ``"PNG"``, ``"SVG"`` or ``"WEBP"``.
        bytes_base64: The file's content, base64-encoded, at most 1,000,000 bytes once
            decoded: ``base64.b64encode(path.read_bytes()).decode()``, or
            ``Fn.filebase64("logo.png")`` to let Terraform read the file.
        resource_id: The identity provider an ``IDP_BUTTON_ICON`` is for. Default: none.
    """

    category: str
    color_mode: str
    extension: str
    bytes_base64: str
    resource_id: str | None = None


def check_login_page(  # noqa: PLR0913 - one keyword per input of the login page
    fw: Framework,
    *,
    user_pool_id: str,
    domain_prefix: str | None,
    custom_domain: str | None,
    certificate_arn: str | None,
    user_pool_domain: CognitoUserPoolDomain | str | None,
    cloudflare_zone_id: str | None,
    managed_login: bool,
    branding_settings: str | None,
    branding_assets: Sequence[ManagedLoginAsset],
) -> None:
    """Raise ``ValueError`` unless the login page's inputs fit together; declare nothing."""
    for parameter, text in (
        ("domain_prefix", domain_prefix),
        ("custom_domain", custom_domain),
        ("certificate_arn", certificate_arn),
        ("cloudflare_zone_id", cloudflare_zone_id),
        ("managed_login_branding_settings", branding_settings),
    ):
        if text is not None:
            check_string(parameter, text)
    if not isinstance(user_pool_domain, (str, fw.CognitoUserPoolDomain, type(None))):
        msg = (
            "user_pool_domain must be a CognitoUserPoolDomain, a domain name or None; "
            f"got {user_pool_domain!r}"
        )
        raise ValueError(msg)  # noqa: TRY004 - every bad input is a ValueError, as documented
    check_bool("managed_login", managed_login)
    given = [
        name
        for name, value in (
            ("domain_prefix", domain_prefix),
            ("custom_domain", custom_domain),
            ("user_pool_domain", user_pool_domain),
        )
        if value is not None
    ]
    if len(given) != 1:
        msg = (
            "exactly one of domain_prefix (a prefix domain to create), custom_domain (a "
            "custom domain to create) or user_pool_domain (a domain to share) must be given; "
            f"got {' and '.join(given) if given else 'none'}: domain_prefix={domain_prefix!r}, "
            f"custom_domain={custom_domain!r}, user_pool_domain={user_pool_domain!r}"
        )
        raise ValueError(msg)
    if domain_prefix is not None:
        check_domain_prefix(domain_prefix)
    if isinstance(user_pool_domain, str):
        check_shared_domain(user_pool_domain)
    elif user_pool_domain is not None:
        check_same_pool(user_pool_domain, user_pool_id)
    _check_custom_domain(custom_domain, certificate_arn, user_pool_id)
    if cloudflare_zone_id is not None:
        if custom_domain is None:
            msg = (
                "cloudflare_zone_id needs custom_domain: the DNS record it declares is the "
                f"custom domain's; got cloudflare_zone_id={cloudflare_zone_id!r} without one"
            )
            raise ValueError(msg)
        check_cloudflare_id("cloudflare_zone_id", cloudflare_zone_id)
    _check_managed_login(fw, managed_login, user_pool_domain, branding_settings, branding_assets)


def _check_custom_domain(
    custom_domain: str | None, certificate_arn: str | None, user_pool_id: str
) -> None:
    if custom_domain is None:
        if certificate_arn is not None:
            msg = (
                "certificate_arn needs custom_domain, the domain it is the certificate of; "
                f"got {certificate_arn!r} without one"
            )
            raise ValueError(msg)
        return
    if not is_token(custom_domain) and (
        not is_custom_host(custom_domain) or custom_domain.count(".") < 2  # noqa: PLR2004 - a parent below a TLD
    ):
        msg = (
            "custom_domain must be a lowercase host name below a domain of yours, such as "
            "'login.example.com' (its parent domain needs a DNS A record; not the hosted "
            f"UI's amazoncognito.com host); got {custom_domain!r}"
        )
        raise ValueError(msg)
    region = None if is_token(user_pool_id) else region_in(user_pool_id)
    partition = None if region is None else partition_of(region)
    if partition is not None and not partition.custom_domains:
        msg = (
            f"custom_domain is not available for pools in the {partition.name} partition "
            f"(user_pool_id {user_pool_id!r}): Cognito custom domains are not offered there "
            f"(AWS GovCloud has only its FIPS prefix domains) or not documented; "
            f"got {custom_domain!r}"
        )
        raise ValueError(msg)
    if certificate_arn is None:
        msg = (
            "certificate_arn is required with custom_domain: the ARN of an ACM certificate "
            f"in {CERTIFICATE_REGION} for {custom_domain!r}; got None"
        )
        raise ValueError(msg)
    if is_token(certificate_arn):
        return
    match = _CERTIFICATE_ARN.fullmatch(certificate_arn)
    commercial = partition_of(CERTIFICATE_REGION)
    if (
        match is None
        or match["region"] != CERTIFICATE_REGION
        or commercial is None
        or match["partition"] != commercial.name
    ):
        msg = (
            f"certificate_arn must be an ACM certificate in {CERTIFICATE_REGION}, where "
            "Cognito looks for a custom domain's certificate: "
            f"arn:aws:acm:{CERTIFICATE_REGION}:<account>:certificate/<id>; got {certificate_arn!r}"
        )
        raise ValueError(msg)


def _check_managed_login(
    fw: Framework,
    managed_login: bool,  # noqa: FBT001 - checked, passed on from a keyword argument
    user_pool_domain: CognitoUserPoolDomain | str | None,
    settings: str | None,
    assets: Sequence[ManagedLoginAsset],
) -> None:
    if not managed_login:
        for parameter, value in (
            ("managed_login_branding_settings", settings),
            ("managed_login_assets", assets or None),
        ):
            if value is not None:
                msg = f"{parameter} needs managed_login=True; got {value!r} with managed_login off"
                raise ValueError(msg)
        if isinstance(user_pool_domain, fw.CognitoUserPoolDomain):
            version = user_pool_domain.managed_login_version_input
            if version is not None and not is_token(version) and version == MANAGED_LOGIN_VERSION:
                msg = (
                    "managed_login must be True with a shared user_pool_domain that uses "
                    f"managed login (managed_login_version = {MANAGED_LOGIN_VERSION}): each "
                    "app client needs its branding there, or its users see an error page; "
                    "got managed_login=False"
                )
                raise ValueError(msg)
        return
    _check_settings(settings)
    check_instances("managed_login_assets", assets, ManagedLoginAsset, many=True)
    if len(assets) > MAX_ASSETS:
        msg = f"managed_login_assets may hold at most {MAX_ASSETS} images; got {len(assets)}"
        raise ValueError(msg)
    for asset in assets:
        _check_asset(asset)


def _check_settings(settings: str | None) -> None:
    if settings is None or is_token(settings):
        return
    try:
        document = json.loads(settings)
    except ValueError:
        document = None
    if not isinstance(document, dict):
        msg = (
            "managed_login_branding_settings must be a JSON object (the branding "
            f"editor's settings document); got {settings!r}"
        )
        raise ValueError(msg)  # noqa: TRY004 - every bad input is a ValueError, as documented


def _check_asset(asset: ManagedLoginAsset) -> None:
    for field, value, allowed in (
        ("category", asset.category, ASSET_CATEGORIES),
        ("color_mode", asset.color_mode, ASSET_COLOR_MODES),
        ("extension", asset.extension, ASSET_EXTENSIONS),
    ):
        if not is_token(value) and value not in allowed:
            msg = (
                f"managed_login_assets: {field} must be one of {', '.join(allowed)}; "
                f"got {value!r} in {asset!r}"
            )
            raise ValueError(msg)
    strings: tuple[tuple[str, object], ...] = (
        ("bytes_base64", asset.bytes_base64),
        ("resource_id", asset.resource_id or ""),
    )
    for name, text in strings:
        if not isinstance(text, str):
            msg = f"managed_login_assets: {name} must be a string; got {text!r}"
            raise ValueError(msg)  # noqa: TRY004 - every bad input is a ValueError, as documented
    if is_token(asset.bytes_base64):
        return
    try:
        size = len(base64.b64decode(asset.bytes_base64, validate=True))
    except (binascii.Error, ValueError):
        size = -1
    if not 0 < size <= MAX_ASSET_BYTES:
        msg = (
            "managed_login_assets: bytes_base64 must be a file of 1 to 1,000,000 bytes, "
            f"base64-encoded; got {asset.bytes_base64[:40]!r} for {asset.category!r}"
        )
        raise ValueError(msg)


def check_same_pool(domain: CognitoUserPoolDomain, user_pool_id: str) -> None:
    """Raise if a shared domain's literal pool id is not the literal ``user_pool_id``."""
    domain_pool = domain.user_pool_id_input
    if domain_pool is None or is_token(domain_pool) or is_token(user_pool_id):
        return
    if domain_pool != user_pool_id:
        msg = (
            f"user_pool_domain must belong to user_pool_id ({user_pool_id!r}); got a domain "
            f"of the pool {domain_pool!r}"
        )
        raise ValueError(msg)
