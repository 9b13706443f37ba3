"""Checks on the construct's inputs, run before anything is declared.

Each check raises ``ValueError`` naming the parameter, what it received and
what is allowed. Unresolved tokens (values known only at apply time) are
skipped: Terraform and the providers check those.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING, Final

from cognito_access._endpoints import ISSUERS, why_not_established
from cognito_access._framework import is_unresolved

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cognito_access._endpoints import Issuer

# A DNS label: what Cloudflare allows as a Zero Trust team name (<team>.cloudflareaccess.com).
_DNS_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
# Cognito's prefix domains: 1-63 of a-z, 0-9 and hyphens, not at either end.
_DOMAIN_PREFIX = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
# Words Cognito reserves in prefix domains; it rejects them only at apply time.
RESERVED_PREFIX_WORDS = ("aws", "amazon", "cognito")
_ACCOUNT_ID = re.compile(r"[0-9a-f]{32}")
# <region>_<id>, for example eu-west-1_AbC123, us-gov-west-1_AbC123 or eusc-de-east-1_AbC123.
_USER_POOL_ID = re.compile(r"(?P<region>[a-z]{2,}(?:-[a-z]+)+-[0-9]+)_[0-9A-Za-z]+")
STANDARD_SCOPES = ("openid", "email", "profile", "phone", "aws.cognito.signin.user.admin")
# A resource server's custom scope: <resource server identifier>/<scope name>.
_CUSTOM_SCOPE = re.compile(r"[\x21\x23-\x5b\x5d-\x7e]+/[\x21\x23-\x2e\x30-\x5b\x5d-\x7e]+")


def is_token(value: object) -> bool:
    """Whether ``value`` is an unresolved token (cdktf's or cdktn's), known only at apply time."""
    return is_unresolved(value)


def check_string(parameter: str, value: object) -> None:
    """Raise unless ``value`` is a string (a literal or a token)."""
    if not isinstance(value, str):
        msg = f"{parameter} must be a string; got {value!r}"
        raise ValueError(msg)  # noqa: TRY004 - every bad input is a ValueError, as documented


def check_team_name(value: str) -> None:
    """Raise unless ``value`` is a DNS label, as Zero Trust team names are."""
    if is_token(value):
        return
    if not _DNS_LABEL.fullmatch(value):
        msg = (
            "team_name must be a DNS label: 1-63 lowercase letters, digits and inner hyphens, "
            f"as in <team>.cloudflareaccess.com; got {value!r}"
        )
        raise ValueError(msg)


def check_domain_prefix(value: str) -> None:
    """Raise unless ``value`` is a prefix domain Cognito will accept."""
    if is_token(value):
        return
    if not _DOMAIN_PREFIX.fullmatch(value):
        msg = f"domain_prefix must be 1-63 characters of a-z, 0-9 and inner hyphens; got {value!r}"
        raise ValueError(msg)
    reserved = [word for word in RESERVED_PREFIX_WORDS if word in value]
    if reserved:
        msg = (
            f"domain_prefix must not contain {', '.join(map(repr, RESERVED_PREFIX_WORDS))} "
            f"(Cognito reserves them); got {value!r}, which contains {reserved[0]!r}"
        )
        raise ValueError(msg)


def check_cloudflare_id(parameter: str, value: str) -> None:
    """Raise unless ``value`` looks like a Cloudflare id (an account's or a zone's)."""
    if is_token(value):
        return
    if not _ACCOUNT_ID.fullmatch(value):
        msg = f"{parameter} must be 32 lowercase hexadecimal characters; got {value!r}"
        raise ValueError(msg)


def check_account_id(value: str) -> None:
    """Raise unless ``value`` looks like a Cloudflare account id."""
    check_cloudflare_id("cloudflare_account_id", value)


def region_in(user_pool_id: str) -> str | None:
    """The region a literal user pool id names, or None when it is not ``<region>_<id>``."""
    match = _USER_POOL_ID.fullmatch(user_pool_id)
    return None if match is None else match["region"]


def region_of_user_pool(value: str) -> str:
    """Return the region a literal user pool id carries, raising if it is malformed."""
    match = _USER_POOL_ID.fullmatch(value)
    if match is None:
        msg = (
            "user_pool_id must be <region>_<id> with an AWS region and letters or digits, "
            f"for example 'eu-west-1_AbC123', or a reference to a user pool; got {value!r}"
        )
        raise ValueError(msg)
    region = match["region"]
    reason = why_not_established(region)
    if reason is not None:
        msg = (
            f"user_pool_id must be a pool in a partition whose Cognito endpoints are "
            f"documented (the commercial AWS regions); got {value!r}: {reason}"
        )
        raise ValueError(msg)
    return region


def check_strings(parameter: str, values: Sequence[str], *, allow_empty: bool = False) -> None:
    """Raise unless ``values`` is a sequence of distinct, non-empty strings (non-empty itself)."""
    if isinstance(values, str) or not isinstance(values, (list, tuple)):
        msg = f"{parameter} must be a sequence of strings, not one string; got {values!r}"
        raise ValueError(msg)  # noqa: TRY004 - every bad input is a ValueError, as documented
    if any(not isinstance(value, str) for value in values):
        msg = f"{parameter} must hold only strings; got {values!r}"
        raise ValueError(msg)
    if not values and not allow_empty:
        msg = f"{parameter} must not be empty; got {values!r}"
        raise ValueError(msg)
    literals = [value for value in values if not is_token(value)]
    if any(not value for value in literals):
        msg = f"{parameter} must not contain an empty string; got {values!r}"
        raise ValueError(msg)
    duplicates = sorted({value for value in literals if literals.count(value) > 1})
    if duplicates:
        msg = f"{parameter} must not repeat a value; got {values!r}, repeating {duplicates[0]!r}"
        raise ValueError(msg)


def check_scopes(values: Sequence[str]) -> None:
    """Raise unless ``values`` are OAuth scopes Cognito knows, including openid."""
    check_strings("scopes", values)
    literals = [value for value in values if not is_token(value)]
    for value in literals:
        if value not in STANDARD_SCOPES and not _CUSTOM_SCOPE.fullmatch(value):
            msg = (
                f"scopes may hold only Cognito's standard scopes ({', '.join(STANDARD_SCOPES)}) "
                f"or a resource server's 'identifier/scope'; got {value!r}"
            )
            raise ValueError(msg)
    if len(literals) == len(values) and "openid" not in literals:
        msg = (
            "scopes must include 'openid': Cloudflare signs users in with OpenID Connect; "
            f"got {values!r}"
        )
        raise ValueError(msg)


def check_not_empty(parameter: str, value: str) -> None:
    """Raise if ``value`` is an empty or blank string."""
    if is_token(value):
        return
    if not value.strip():
        msg = f"{parameter} must not be empty or blank; got {value!r}"
        raise ValueError(msg)


def check_issuer(value: str) -> Issuer:
    """Return ``value`` as an issuer type, raising unless it is one Cognito has."""
    for issuer in ISSUERS:
        if value == issuer:
            return issuer
    msg = (
        f"issuer must be one of {', '.join(map(repr, ISSUERS))} (the user pool's "
        f"IssuerConfiguration type, in lowercase); got {value!r}"
    )
    raise ValueError(msg)


# Cognito's bounds on token lifetimes (CreateUserPoolClient, AccessTokenValidity,
# IdTokenValidity, RefreshTokenValidity: "between 5 minutes and 1 day" for access and
# ID tokens, "between 60 minutes and 10 years" for refresh tokens):
# https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
TOKEN_VALIDITY_BOUNDS: Final[dict[str, tuple[timedelta, timedelta, str]]] = {
    "access_token_validity": (timedelta(minutes=5), timedelta(days=1), "5 minutes to 1 day"),
    "id_token_validity": (timedelta(minutes=5), timedelta(days=1), "5 minutes to 1 day"),
    "refresh_token_validity": (
        timedelta(minutes=60),
        timedelta(days=3650),
        "60 minutes to 10 years (3650 days)",
    ),
}
# Units Cognito accepts in token_validity_units, largest first, with their length.
_UNITS: Final = (
    ("days", timedelta(days=1)),
    ("hours", timedelta(hours=1)),
    ("minutes", timedelta(minutes=1)),
    ("seconds", timedelta(seconds=1)),
)


def _describe(value: timedelta) -> str:
    amount, unit = in_units(value)
    return f"{amount} {unit.removesuffix('s') if amount == 1 else unit}"


def check_token_validity(parameter: str, value: timedelta) -> None:
    """Raise unless ``value`` is a whole number of seconds within Cognito's bounds."""
    if not isinstance(value, timedelta):
        msg = f"{parameter} must be a datetime.timedelta; got {value!r}"
        raise ValueError(msg)  # noqa: TRY004 - every bad input is a ValueError, as documented
    low, high, bounds = TOKEN_VALIDITY_BOUNDS[parameter]
    if value % timedelta(seconds=1) or not low <= value <= high:
        msg = f"{parameter} must be a whole number of seconds from {bounds}; got {value!r}"
        raise ValueError(msg)


def check_refresh_outlives(refresh: timedelta, others: dict[str, timedelta]) -> None:
    """Raise unless the refresh token lives longer than the access and ID tokens."""
    for parameter, value in others.items():
        if refresh <= value:
            msg = (
                f"refresh_token_validity must be longer than {parameter} ({_describe(value)}); "
                f"got {refresh!r}"
            )
            raise ValueError(msg)


def in_units(value: timedelta) -> tuple[int, str]:
    """``value`` as an amount of the largest unit Cognito accepts that divides it exactly."""
    for unit, length in _UNITS:
        if value % length == timedelta(0):
            return value // length, unit
    return int(value.total_seconds()), "seconds"


# Cognito's standard user attributes:
# https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html
STANDARD_ATTRIBUTES: Final = frozenset(
    {
        "address",
        "birthdate",
        "email",
        "email_verified",
        "family_name",
        "gender",
        "given_name",
        "locale",
        "middle_name",
        "name",
        "nickname",
        "phone_number",
        "phone_number_verified",
        "picture",
        "preferred_username",
        "profile",
        "updated_at",
        "website",
        "zoneinfo",
    }
)
# A custom attribute as a claim or an attribute name: custom:<name>.
_CUSTOM_ATTRIBUTE = re.compile(r"custom:[\w.:-]{1,20}")


def is_attribute(value: str) -> bool:
    """Whether ``value`` names a user attribute (standard, or ``custom:``)."""
    return value in STANDARD_ATTRIBUTES or bool(_CUSTOM_ATTRIBUTE.fullmatch(value))


def check_read_attributes(values: Sequence[str], required: Sequence[str]) -> None:
    """Raise unless ``values`` are attributes that include every one of ``required``."""
    check_strings("read_attributes", values, allow_empty=True)
    literals = [value for value in values if not is_token(value)]
    for value in literals:
        if not is_attribute(value):
            msg = (
                "read_attributes may hold only Cognito's standard attributes or "
                f"'custom:<name>'; got {value!r}"
            )
            raise ValueError(msg)
    missing = [value for value in required if value not in literals]
    if missing and len(literals) == len(values):
        msg = (
            f"read_attributes must include {', '.join(map(repr, missing))}, the attribute(s) "
            f"behind email_claim_name and the custom claims, or Cloudflare loses them; "
            f"got {values!r}"
        )
        raise ValueError(msg)


# What Cognito allows as a sign-out URL: HTTPS, or HTTP on localhost only (AWS docs,
# CreateUserPoolClient LogoutURLs / CallbackURLs), without a fragment.
_LOGOUT_URL = re.compile(r"(https://[^\s#/?]+|http://localhost(:[0-9]+)?)(/[^\s#]*)?")


def check_logout_urls(values: Sequence[str]) -> None:
    """Raise unless ``values`` are distinct HTTPS URLs (or http://localhost) without fragments."""
    check_strings("logout_urls", values, allow_empty=True)
    for value in values:
        if not is_token(value) and (not _LOGOUT_URL.fullmatch(value) or len(value) > 1024):  # noqa: PLR2004 - Cognito's limit
            msg = (
                "logout_urls must be HTTPS URLs (or http://localhost) of at most 1024 "
                f"characters, without a fragment; got {value!r}"
            )
            raise ValueError(msg)


# A custom domain's host name: dot-separated DNS labels, at least two.
_HOST = re.compile(
    r"(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
)


def is_custom_host(value: str) -> bool:
    """Whether ``value`` can be a custom domain's host: a lowercase host name, not Cognito's."""
    return bool(_HOST.fullmatch(value)) and not value.endswith(".amazoncognito.com")


def check_shared_domain(value: str) -> None:
    """Raise unless ``value`` is a prefix (no dot) or a custom domain's host (with a dot)."""
    if is_token(value):
        return
    if "." in value:
        if not is_custom_host(value):
            msg = (
                "user_pool_domain, as a custom domain, must be a lowercase host name such as "
                f"'auth.example.com' (not the hosted UI's amazoncognito.com host); got {value!r}"
            )
            raise ValueError(msg)
        return
    if not _DOMAIN_PREFIX.fullmatch(value):
        msg = (
            "user_pool_domain, as a prefix, must be 1-63 characters of a-z, 0-9 and inner "
            f"hyphens (with a dot: a custom domain's host); got {value!r}"
        )
        raise ValueError(msg)


def check_bool(parameter: str, value: object) -> None:
    """Raise unless ``value`` is True or False."""
    if not isinstance(value, bool):
        msg = f"{parameter} must be True or False; got {value!r}"
        raise ValueError(msg)  # noqa: TRY004 - every bad input is a ValueError, as documented


def check_instances(parameter: str, values: object, kind: type, *, many: bool) -> None:
    """Raise unless ``values`` is a ``kind`` or None (``many``: a sequence of ``kind``)."""
    if many:
        if isinstance(values, (list, tuple)) and all(isinstance(v, kind) for v in values):
            return
        msg = f"{parameter} must be a sequence of {kind.__name__}; got {values!r}"
        raise ValueError(msg)
    if values is not None and not isinstance(values, kind):
        msg = f"{parameter} must be a {kind.__name__} or None; got {values!r}"
        raise ValueError(msg)
