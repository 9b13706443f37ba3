"""Which user attributes the app client reads: least privilege, from the scopes and claims."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cognito_access._facts import SCOPE_ATTRIBUTES
from cognito_access._validate import is_attribute, is_token

if TYPE_CHECKING:
    from collections.abc import Sequence


def default_read_attributes(
    scopes: Sequence[str], claims: Sequence[str], email_claim_name: str
) -> tuple[str, ...]:
    """The attributes the app client reads by default: the scopes', the email's, custom claims'.

    Least privilege: only what the scopes release, plus the attribute behind
    ``email_claim_name`` and every ``custom:`` attribute named in ``claims``, so
    Cloudflare always gets the email it signs users in with. Sorted.
    """
    needed = {attribute for scope in scopes for attribute in SCOPE_ATTRIBUTES.get(scope, ())}
    needed.update(required_read_attributes(claims, email_claim_name))
    return tuple(sorted(needed))


def required_read_attributes(claims: Sequence[str], email_claim_name: str) -> tuple[str, ...]:
    """The attributes the client must read whatever the scopes: the email's, custom claims'."""
    literal_claims = [claim for claim in claims if not is_token(claim)]
    required = [c for c in literal_claims if c.startswith("custom:") and is_attribute(c)]
    if not is_token(email_claim_name) and is_attribute(email_claim_name):
        required.insert(0, email_claim_name)
    return tuple(dict.fromkeys(required))
