"""Checks on the construct's inputs, run before anything is declared.

Each check raises ``ValueError`` naming the parameter, what it received and
what is allowed. Unresolved tokens (values known only at apply time) are
skipped: Terraform and the providers check those.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cdktf import Token

if TYPE_CHECKING:
    from collections.abc import Sequence

# A DNS label: what Cloudflare allows as a Zero Trust team name (<team>.cloudflareaccess.com).
_DNS_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
# Cognito's prefix domains: 1-63 of a-z, 0-9 and hyphens, not at either end.
_DOMAIN_PREFIX = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
# Words Cognito reserves in prefix domains; it rejects them only at apply time.
RESERVED_PREFIX_WORDS = ("aws", "amazon", "cognito")
_ACCOUNT_ID = re.compile(r"[0-9a-f]{32}")
# <region>_<id>, for example eu-west-1_AbC123 or us-gov-west-1_AbC123.
_USER_POOL_ID = re.compile(r"(?P<region>[a-z]{2}(?:-[a-z]+)+-[0-9]+)_[0-9A-Za-z]+")
STANDARD_SCOPES = ("openid", "email", "profile", "phone", "aws.cognito.signin.user.admin")
# A resource server's custom scope: <resource server identifier>/<scope name>.
_CUSTOM_SCOPE = re.compile(r"[\x21\x23-\x5b\x5d-\x7e]+/[\x21\x23-\x2e\x30-\x5b\x5d-\x7e]+")


def is_token(value: object) -> bool:
    """Whether ``value`` is an unresolved cdktf token, known only at apply time."""
    return Token.is_unresolved(value)


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


def check_account_id(value: str) -> None:
    """Raise unless ``value`` looks like a Cloudflare account id."""
    if is_token(value):
        return
    if not _ACCOUNT_ID.fullmatch(value):
        msg = f"cloudflare_account_id must be 32 lowercase hexadecimal characters; got {value!r}"
        raise ValueError(msg)


def region_of_user_pool(value: str) -> str:
    """Return the region a literal user pool id carries, raising if it is malformed."""
    match = _USER_POOL_ID.fullmatch(value)
    if match is None:
        msg = (
            "user_pool_id must be <region>_<id> with an AWS region and letters or digits, "
            f"for example 'eu-west-1_AbC123', or a reference to a user pool; got {value!r}"
        )
        raise ValueError(msg)
    return match["region"]


def check_strings(parameter: str, values: Sequence[str]) -> None:
    """Raise unless ``values`` is a non-empty sequence of distinct, non-empty strings."""
    if isinstance(values, str):
        msg = f"{parameter} must be a sequence of strings, not one string; got {values!r}"
        raise ValueError(msg)  # noqa: TRY004 - every bad input is a ValueError, as documented
    if not values:
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
