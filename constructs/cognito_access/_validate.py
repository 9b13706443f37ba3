"""Checks on the constructs' inputs, run before anything is declared.

A value of the wrong type raises ``TypeError``, a wrong value ``ValueError``; each
names the parameter, what it received and what is allowed. Unresolved tokens (values
known only at apply time) pass the value rules: Terraform and the providers check those.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from cognito_access._endpoints import why_not_established
from cognito_access._facts import (
    CLOUDFLARE_ACCESS_DOMAIN,
    CLOUDFLARE_ID,
    CUSTOM_ATTRIBUTE,
    CUSTOM_SCOPE,
    DNS_LABEL,
    ISSUERS,
    OPENID_SCOPE,
    STANDARD_ATTRIBUTES,
    STANDARD_SCOPES,
    TOKEN_VALIDITY_BOUNDS,
    TOKEN_VALIDITY_UNITS,
    USER_POOL_ID,
    Issuer,
)
from cognito_access._framework import is_unresolved

if TYPE_CHECKING:
    from collections.abc import Collection

    from constructs import Construct

T = TypeVar("T")
_DNS_LABEL = re.compile(DNS_LABEL)
_CLOUDFLARE_ID = re.compile(CLOUDFLARE_ID)
_USER_POOL_ID = re.compile(USER_POOL_ID)
_CUSTOM_SCOPE = re.compile(CUSTOM_SCOPE)
_CUSTOM_ATTRIBUTE = re.compile(CUSTOM_ATTRIBUTE)
# What Cognito allows as a sign-out URL: HTTPS, or HTTP on localhost only (AWS docs,
# CreateUserPoolClient LogoutURLs / CallbackURLs), without a fragment, at most 1024 long.
_LOGOUT_URL = re.compile(r"(https://[^\s#/?]+|http://localhost(:[0-9]+)?)(/[^\s#]*)?")
_MAX_URL = 1024


def is_token(value: object) -> bool:
    """Whether ``value`` is an unresolved token (cdktf's or cdktn's), known only at apply time."""
    return is_unresolved(value)


def is_list_token(values: Sequence[str]) -> bool:
    """Whether ``values`` is a whole list known only to Terraform (``variable.list_value``).

    Such a list reaches Python as one placeholder item; a list that merely holds tokens
    among literals is not one.
    """
    return bool(values) and is_token(list(values))


def received(value: object) -> str:
    """What a message says was received: the type and the value (``int 5``)."""
    return f"{type(value).__name__} {value!r}"


# --- Types: TypeError ---------------------------------------------------------------------------


def check_string(parameter: str, value: object) -> str:
    """Return ``value``, raising ``TypeError`` unless it is a str (a literal or a token)."""
    if not isinstance(value, str):
        msg = f"{parameter} must be a str; got {received(value)}"
        raise TypeError(msg)
    return value


def check_construct_id(scope: Construct, id_: object) -> str:
    """Return ``id_``, raising unless a non-empty str that no child of ``scope`` has yet.

    Checked before the construct is made, so that the framework's own errors (a
    ``RuntimeError`` for an id taken) do not stand for a wrong value.
    """
    value = check_string("id_", id_)
    if not value:
        msg = f"id_ must be a non-empty str (a construct's name in its scope); got {value!r}"
        raise ValueError(msg)
    if scope.node.try_find_child(value) is not None:
        msg = (
            f"id_ must be unique in its scope: {scope.node.path or 'the app'} already has a "
            f"construct of that id; got {value!r}"
        )
        raise ValueError(msg)
    return value


def check_bool(parameter: str, value: object) -> bool:
    """Return ``value``, raising ``TypeError`` unless it is True or False."""
    if not isinstance(value, bool):
        msg = f"{parameter} must be a bool (True or False); got {received(value)}"
        raise TypeError(msg)
    return value


def check_sequence(
    parameter: str, values: object, kinds: type | tuple[type, ...], of: str
) -> tuple[Any, ...]:
    """Return ``values`` as a tuple; ``TypeError`` unless a sequence (not a str) of ``kinds``.

    ``of`` names the items in words: "strings", "CognitoResourceServer resources".
    """
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        msg = (
            f"{parameter} must be a sequence of {of} (a list or a tuple)"
            f"{', not one string' if isinstance(values, str) else ''}; got {received(values)}"
        )
        raise TypeError(msg)
    for item in values:
        if not isinstance(item, kinds) or isinstance(item, bool):
            msg = f"{parameter} must hold only {of}; got {received(item)} in {list(values)!r}"
            raise TypeError(msg)
    return tuple(values)


def check_optional_instance(parameter: str, value: object, kind: type[T]) -> T | None:
    """Return ``value``, raising ``TypeError`` unless it is a ``kind`` or None."""
    if value is not None and not isinstance(value, kind):
        msg = f"{parameter} must be a {kind.__name__} or None; got {received(value)}"
        raise TypeError(msg)
    return value


# --- Values: ValueError ---------------------------------------------------------------------------


def check_strings(parameter: str, values: object, *, allow_empty: bool = False) -> tuple[str, ...]:
    """Return ``values``, raising unless a sequence of distinct, non-empty strings (not empty)."""
    values = check_sequence(parameter, values, str, "strings")
    if not values and not allow_empty:
        msg = f"{parameter} must not be empty; got {list(values)!r}"
        raise ValueError(msg)
    literals = [value for value in values if not is_token(value)]
    if any(not value for value in literals):
        msg = f"{parameter} must not contain an empty string; got {list(values)!r}"
        raise ValueError(msg)
    duplicates = sorted({value for value in literals if literals.count(value) > 1})
    if duplicates:
        msg = (
            f"{parameter} must not repeat a value; got {list(values)!r}, "
            f"repeating {duplicates[0]!r}"
        )
        raise ValueError(msg)
    return values


def check_not_empty(parameter: str, value: str) -> None:
    """Raise if ``value`` is an empty or blank string."""
    if is_token(value):
        return
    if not value.strip():
        msg = f"{parameter} must not be empty or blank; got {value!r}"
        raise ValueError(msg)


def check_team_name(value: str) -> None:
    """Raise unless ``value`` is a DNS label, as Zero Trust team names are."""
    if is_token(value):
        return
    if not _DNS_LABEL.fullmatch(value):
        msg = (
            "team_name must be a DNS label: 1-63 lowercase letters, digits and inner hyphens, "
            f"as in <team>.{CLOUDFLARE_ACCESS_DOMAIN}; got {value!r}"
        )
        raise ValueError(msg)


def check_cloudflare_id(parameter: str, value: str) -> None:
    """Raise unless ``value`` looks like a Cloudflare id (an account's or a zone's)."""
    if is_token(value):
        return
    if not _CLOUDFLARE_ID.fullmatch(value):
        msg = f"{parameter} must be 32 lowercase hexadecimal characters; got {value!r}"
        raise ValueError(msg)


def region_in(user_pool_id: str) -> str | None:
    """The region a literal user pool id names, or None when it is not ``<region>_<id>``."""
    match = _USER_POOL_ID.fullmatch(user_pool_id)
    return None if match is None else match["region"]


def region_of_user_pool(value: str) -> str:
    """Return the region a literal user pool id carries, raising if it is malformed."""
    region = region_in(value)
    if region is None:
        msg = (
            "user_pool_id must be <region>_<id> with an AWS region and letters or digits, "
            f"for example 'eu-west-1_AbC123', or a reference to a user pool; got {value!r}"
        )
        raise ValueError(msg)
    reason = why_not_established(region)
    if reason is not None:
        msg = (
            f"user_pool_id must be a pool in a partition whose Cognito endpoints are "
            f"documented (the commercial AWS regions); got {value!r}: {reason}"
        )
        raise ValueError(msg)
    return region


def check_scopes(values: object) -> tuple[str, ...]:
    """Return ``values``, raising unless OAuth scopes Cognito knows, including openid."""
    values = check_strings("scopes", values)
    if is_list_token(values):
        return values  # checked at plan: a precondition that openid is among them
    literals = [value for value in values if not is_token(value)]
    for value in literals:
        if value not in STANDARD_SCOPES and not _CUSTOM_SCOPE.fullmatch(value):
            msg = (
                f"scopes may hold only Cognito's standard scopes ({', '.join(STANDARD_SCOPES)}) "
                f"or a resource server's 'identifier/scope'; got {value!r}"
            )
            raise ValueError(msg)
    if len(literals) == len(values) and OPENID_SCOPE not in literals:
        msg = (
            f"scopes must include {OPENID_SCOPE!r}: Cloudflare signs users in with OpenID "
            f"Connect; got {list(values)!r}"
        )
        raise ValueError(msg)
    return values


def check_issuer(value: object) -> Issuer:
    """Return ``value`` as an issuer type, raising unless it is one Cognito has."""
    value = check_string("issuer", value)
    for issuer in ISSUERS:
        if value == issuer:
            return issuer
    msg = (
        f"issuer must be one of {', '.join(map(repr, ISSUERS))} (the user pool's "
        f"IssuerConfiguration type, in lowercase); got {value!r}"
    )
    raise ValueError(msg)


def check_token_validity(parameter: str, value: object) -> timedelta:
    """Return ``value``, raising unless it is a timedelta of whole seconds in Cognito's bounds."""
    if not isinstance(value, timedelta):
        msg = f"{parameter} must be a datetime.timedelta; got {received(value)}"
        raise TypeError(msg)
    low, high, bounds = TOKEN_VALIDITY_BOUNDS[parameter]
    if value % timedelta(seconds=1) or not low <= value <= high:
        msg = f"{parameter} must be a whole number of seconds from {bounds}; got {value!r}"
        raise ValueError(msg)
    return value


def check_refresh_outlives(refresh: timedelta, others: dict[str, timedelta]) -> None:
    """Raise unless the refresh token lives longer than the access and ID tokens."""
    for parameter, value in others.items():
        if refresh <= value:
            msg = (
                f"refresh_token_validity must be longer than {parameter} ({_describe(value)}); "
                f"got {refresh!r}"
            )
            raise ValueError(msg)


def _describe(value: timedelta) -> str:
    amount, unit = in_units(value)
    return f"{amount} {unit.removesuffix('s') if amount == 1 else unit}"


def in_units(value: timedelta) -> tuple[int, str]:
    """``value`` as an amount of the largest unit Cognito accepts that divides it exactly."""
    for unit, length in TOKEN_VALIDITY_UNITS:
        if value % length == timedelta(0):
            return value // length, unit
    unit, length = TOKEN_VALIDITY_UNITS[-1]
    return value // length, unit


def is_attribute(value: str) -> bool:
    """Whether ``value`` names a user attribute (standard, or ``custom:``)."""
    return value in STANDARD_ATTRIBUTES or bool(_CUSTOM_ATTRIBUTE.fullmatch(value))


def check_read_attributes(values: object, required: Collection[str]) -> tuple[str, ...]:
    """Return ``values``, raising unless attributes that include every one of ``required``."""
    values = check_strings("read_attributes", values, allow_empty=True)
    if is_list_token(values):
        return values
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
            f"got {list(values)!r}"
        )
        raise ValueError(msg)
    return values


def check_logout_urls(values: object) -> tuple[str, ...]:
    """Return ``values``, raising unless distinct HTTPS (or http://localhost) URLs, no fragments."""
    values = check_strings("logout_urls", values, allow_empty=True)
    if is_list_token(values):
        return values  # Cognito checks each URL at apply
    for value in values:
        if not is_token(value) and (not _LOGOUT_URL.fullmatch(value) or len(value) > _MAX_URL):
            msg = (
                "logout_urls must be HTTPS URLs (or http://localhost) of at most 1024 "
                f"characters, without a fragment; got {value!r}"
            )
            raise ValueError(msg)
    return values
