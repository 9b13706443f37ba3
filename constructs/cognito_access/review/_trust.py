"""Cautions for who else may sign users in, and what runs when they do.

A federated identity provider: one added to the app client's
``supported_identity_providers`` (beyond the pool's own users), or an
``aws_cognito_identity_provider`` created or pointed elsewhere. A Lambda trigger set or
changed in a ``lambda_config`` (any trigger, such as ``pre_token_generation``), on the
user pool or the app client. ``write_attributes`` widened: users may change more of
their own attributes (an empty list, Cognito's default, lets them change every standard
one). An IAM role whose trust policy lets any principal (``*``) assume it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cognito_access._facts import (
    CLIENT,
    COGNITO_IDENTITY_PROVIDER,
    COGNITO_USERS,
    IAM_ROLE,
    USER_POOL,
)
from cognito_access.review._kinds import Caution, Kind, said
from cognito_access.review._masking import sides
from cognito_access.review._plan import block
from cognito_access.review._text import code

if TYPE_CHECKING:
    from collections.abc import Iterator

    from cognito_access.review._masking import Secrets, Side

# Settings in a lambda_config that are no trigger.
_NOT_TRIGGERS = frozenset({"kms_key_id"})
_ANYONE = "*"


def trust(
    resource: Mapping[str, Any], secrets: Secrets, address: str, *, created: bool
) -> Iterator[Caution]:
    """The cautions for ``resource`` (shown as ``address``); ``created``: nothing before it."""
    before, after = sides(resource["change"], secrets)
    kind_of = resource["type"]
    if kind_of in {USER_POOL, CLIENT}:
        yield from _triggers(before, after, address)
    if kind_of == CLIENT:
        yield from _client(before, after, address)
        yield from _write_attributes(before, after, address, created=created)
    elif kind_of == COGNITO_IDENTITY_PROVIDER:
        yield from _federated(before, after, address, created=created)
    elif kind_of == IAM_ROLE:
        yield from _role(before, after, address)


def _triggers(before: Side, after: Side, address: str) -> Iterator[Caution]:
    new, old = block(after.at("lambda_config")), block(before.at("lambda_config"))
    for name in sorted(new):
        function = _function(new[name])
        if name in _NOT_TRIGGERS or function is None or function == _function(old.get(name)):
            continue
        yield said(
            Kind.LAMBDA_TRIGGER,
            f"Lambda trigger {code(name)} set",
            (
                f"Cognito runs the function {after.say(function, 'lambda_config', name)} "
                "when users sign up or sign in, and it can change their tokens (their groups "
                "and claims), let users in or keep them out."
            ),
            address,
        )


def _function(value: object) -> str | None:
    """A trigger's function: the ARN itself, or a block's ``lambda_arn``."""
    if isinstance(value, str):
        return value or None
    arn = block(value).get("lambda_arn")
    return arn if isinstance(arn, str) and arn else None


def _client(before: Side, after: Side, address: str) -> Iterator[Caution]:
    for provider in _added(before, after, "supported_identity_providers"):
        if provider != COGNITO_USERS:
            yield said(
                Kind.FEDERATED_LOGIN,
                "Federated identity provider added",
                (
                    f"Users of {after.say(provider, 'supported_identity_providers')} can now "
                    "sign in through this app client, and so to Cloudflare Access: whoever "
                    "runs that provider decides who they are."
                ),
                address,
            )


def _write_attributes(
    before: Side, after: Side, address: str, *, created: bool
) -> Iterator[Caution]:
    """``write_attributes`` widened.

    Cognito reads no list, or an empty one, as unspecified: every standard attribute is
    writable (and it then returns none). So a client that had none loses nothing to a
    list, and emptying a client's list widens it to all. A created client is cautioned
    for the attributes it lists, not for leaving them unspecified: that is what the
    construct's own client does, and the plan shows it as unknown or empty.
    """
    old, new = before.at("write_attributes"), after.at("write_attributes")
    if not created and not old:
        return  # it could already write every standard attribute
    emptied = not created and isinstance(new, list) and not new
    if emptied:
        changes = "every standard attribute of their own (the email among them)"
    else:
        added = _added(before, after, "write_attributes")
        if not added:
            return
        changes = "their own " + ", ".join(after.say(name, "write_attributes") for name in added)
    yield said(
        Kind.WRITE_ATTRIBUTES,
        "`write_attributes` widened",
        (
            f"Users can now change {changes} through this app client, so policies that "
            "trust those attributes (an email, a claim) match what users write."
            + (" Cognito reads an empty list as unspecified." if emptied else "")
        ),
        address,
    )


def _federated(before: Side, after: Side, address: str, *, created: bool) -> Iterator[Caution]:
    details, was = after.at("provider_details"), before.at("provider_details")
    if not created and details == was:
        return
    name = after.at("provider_name")
    shown = after.say(name, "provider_name") if name is not None else "a federated provider"
    verb = "added to" if created else "pointed elsewhere in"
    yield said(
        Kind.FEDERATED_LOGIN,
        "Federated identity provider",
        (
            f"{shown} is {verb} the user pool: its users can sign in to every app client "
            "that lists it, and whoever runs it decides who they are."
        ),
        address,
    )


def _role(before: Side, after: Side, address: str) -> Iterator[Caution]:
    if _trusts_anyone(after.at("assume_role_policy")) and not _trusts_anyone(
        before.at("assume_role_policy")
    ):
        yield said(
            Kind.ROLE_TRUSTS_ANYONE,
            "Role trusted by any principal",
            (
                "Its trust policy allows `*` to assume it: any AWS account (any identity, "
                "unless a condition limits it) can take the role's permissions."
            ),
            address,
        )


def _trusts_anyone(policy: object) -> bool:
    """Whether a trust policy (JSON text or object) allows the principal ``*``."""
    if isinstance(policy, str):
        try:
            policy = json.loads(policy)
        except ValueError:
            return False
    statements = policy.get("Statement") if isinstance(policy, Mapping) else None
    if isinstance(statements, Mapping):
        statements = [statements]
    for statement in statements if isinstance(statements, list) else []:
        if not isinstance(statement, Mapping) or statement.get("Effect") != "Allow":
            continue
        principal = statement.get("Principal")
        values = principal.values() if isinstance(principal, Mapping) else [principal]
        if any(_ANYONE in (value if isinstance(value, list) else [value]) for value in values):
            return True
    return False


def _added(before: Side, after: Side, name: str) -> list[Any]:
    old, new = before.at(name), after.at(name)
    had = old if isinstance(old, list) else []
    return [item for item in new if item not in had] if isinstance(new, list) else []
