"""Checks on an Access application's inputs, run before anything is declared.

A value of the wrong type raises ``TypeError``, a wrong value ``ValueError``; each
names the parameter, what it received and what is allowed. Unresolved tokens (values
known only at apply time) pass the value rules: Terraform, Cognito and Cloudflare check
those.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from cognito_access._facts import GROUPS_CLAIM, HOST_NAME
from cognito_access._validate import check_sequence, is_token

if TYPE_CHECKING:
    from collections.abc import Sequence

# Host names compare without regard to case (DNS does): matched in lower case, once known
# to be ASCII (str.lower maps some other characters, such as the Kelvin sign, to a-z).
_HOSTNAME = re.compile(HOST_NAME)
# What Cloudflare protects: a hostname, optionally a wildcard for its leftmost label,
# and optionally a path (RFC 3986 path characters; no query, fragment or port).
_APP_DOMAIN = re.compile(r"(?P<host>(?:\*\.)?[^/]+)(?P<path>/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?")
# The local part of an address: printable ASCII but spaces, quotes, angle brackets and @.
_EMAIL = re.compile(r"(?P<local>[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64})@(?P<domain>[^@]+)")
_MAX_EMAIL = 254
# Cloudflare's durations (Go's time.ParseDuration without a sign): number-and-unit pairs.
_DURATION = re.compile(r"(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:ns|us|\u00b5s|\u03bcs|ms|s|m|h))+")
# Cognito's GroupName: 1-128 of [\p{L}\p{M}\p{S}\p{N}\p{P}], checked by Unicode category.
_MAX_GROUP_NAME = 128
_GROUP_NAME_CATEGORIES = ("L", "M", "S", "N", "P")


def _is_hostname(value: str) -> bool:
    return value.isascii() and _HOSTNAME.fullmatch(value.lower()) is not None


def check_app_domain(value: str) -> None:
    """Raise unless ``value`` is a hostname with an optional path, without a scheme."""
    if is_token(value):
        return
    match = _APP_DOMAIN.fullmatch(value)
    host = "" if match is None else match["host"].removeprefix("*.")
    if "://" in value or match is None or not _is_hostname(host):
        msg = (
            "domain must be a hostname with an optional path and no scheme or port, such as "
            f"'app.example.com' or 'app.example.com/admin'; got {value!r}"
        )
        raise ValueError(msg)


def check_session_duration(value: str) -> None:
    """Raise unless ``value`` is a duration Cloudflare accepts, such as ``24h`` or ``2h45m``."""
    if is_token(value):
        return
    if not _DURATION.fullmatch(value):
        msg = (
            "session_duration must be one or more number-and-unit pairs such as '24h' or "
            f"'2h45m', with units ns, us, \u00b5s, ms, s, m or h; got {value!r}"
        )
        raise ValueError(msg)


def check_group_name(value: str) -> None:
    """Raise unless ``value`` is a group name Cognito accepts."""
    if is_token(value):
        return
    bad = [char for char in value if unicodedata.category(char)[0] not in _GROUP_NAME_CATEGORIES]
    if not 1 <= len(value) <= _MAX_GROUP_NAME or bad:
        msg = (
            "allowed_groups must hold Cognito group names: 1-128 letters, marks, symbols, "
            "numbers or punctuation, without spaces or control characters"
            f"{f' (found {bad[0]!r})' if bad else ''}; got {value!r}"
        )
        raise ValueError(msg)


def check_email(value: str) -> None:
    """Raise unless ``value`` is an email address of a sane shape: local part @ hostname."""
    if is_token(value):
        return
    match = _EMAIL.fullmatch(value)
    if len(value) > _MAX_EMAIL or match is None or not _is_hostname(match["domain"]):
        msg = (
            "allowed_emails must hold email addresses such as 'ana@example.com': a local "
            f"part without spaces, '@' and a hostname; got {value!r}"
        )
        raise ValueError(msg)


def check_email_domain(value: str) -> None:
    """Raise unless ``value`` is a bare hostname, as in the part of an address after '@'."""
    if is_token(value):
        return
    if not _is_hostname(value):
        msg = (
            "allowed_email_domains must hold hostnames such as 'example.com', without '@', "
            f"a scheme or a path; got {value!r}"
        )
        raise ValueError(msg)


def check_allow_list(parameter: str, values: object) -> tuple[str, ...]:
    """Return ``values``, raising unless a sequence of strings that repeats no value.

    Emails and domains compare without regard to case, as mail systems and DNS do.
    """
    values = check_sequence(parameter, values, str, "strings")
    if values and is_token(list(values)):
        msg = (
            f"{parameter} must be a list written in the stack, one rule per item (each item "
            f"may be a reference), not a reference to a whole list; got {list(values)!r}"
        )
        raise ValueError(msg)
    fold = parameter != "allowed_groups"  # Cognito group names are case-sensitive
    seen: set[str] = set()
    for value in values:
        key = value.casefold() if fold and not is_token(value) else value
        if key in seen:
            msg = f"{parameter} must not repeat a value; got {list(values)!r}, repeating {value!r}"
            raise ValueError(msg)
        seen.add(key)
    return values


def check_something_allowed(
    allowed_groups: Sequence[object],
    allowed_emails: Sequence[str],
    allowed_email_domains: Sequence[str],
) -> None:
    """Raise if all three allow lists are empty: such a policy would let nobody in."""
    if not (allowed_groups or allowed_emails or allowed_email_domains):
        msg = (
            "at least one of allowed_groups, allowed_emails or allowed_email_domains must be "
            "given: a policy that includes nobody lets nobody in; got all three empty"
        )
        raise ValueError(msg)


def check_groups_claim(claims: Sequence[str]) -> None:
    """Raise unless the login method's ``claims`` include the groups claim.

    Cloudflare matches an OIDC claim rule only on the claims its login method lists;
    without ``cognito:groups`` no group rule could ever match. Claims that are tokens
    could be anything, so they pass.
    """
    # A list token (a Terraform variable, say) is a list of one encoded string.
    if GROUPS_CLAIM in claims or is_token(list(claims)) or any(map(is_token, claims)):
        return
    msg = (
        f"allowed_groups needs the identity provider's claims to include {GROUPS_CLAIM!r} "
        "(Cloudflare matches a group rule only on the claims its login method lists); "
        f"got claims {list(claims)!r}"
    )
    raise ValueError(msg)
