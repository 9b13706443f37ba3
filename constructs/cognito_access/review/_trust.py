"""Cautions for who else may sign users in, and what runs when they do.

A federated identity provider: one added to the app client's
``supported_identity_providers`` (beyond the pool's own users), or an
``aws_cognito_identity_provider`` created or pointed elsewhere. A Lambda trigger set or
changed in a ``lambda_config`` (any trigger, such as ``pre_token_generation``), on the
user pool or the app client. A user created in the pool or put in a group
(``aws_cognito_user``, ``aws_cognito_user_in_group``). An identity pool's guest
(unauthenticated) access allowed or given a role. A Cloudflare login method created
that signs users in elsewhere than Cognito. ``write_attributes`` widened: users may
change more of their own attributes (an empty list, Cognito's default, lets them change
every standard one). An IAM role whose trust policy lets any
principal (``*``) assume it, or a new account, role, user or federated principal.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from cognito_access._facts import (
    CLIENT,
    COGNITO_IDENTITY_PROVIDER,
    COGNITO_USER,
    COGNITO_USERS,
    DOMAIN,
    HOSTED_UI_HOST_PATTERN,
    IAM_ROLE,
    IDENTITY_POOL,
    IDENTITY_POOL_ROLES,
    IDENTITY_PROVIDERS,
    USER_IN_GROUP,
    USER_POOL,
)
from cognito_access.review._kinds import Caution, Kind, said
from cognito_access.review._masking import sides
from cognito_access.review._plan import as_object, block
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
    elif kind_of in {COGNITO_USER, USER_IN_GROUP}:
        yield from _user(before, after, address)
    elif kind_of in {IDENTITY_POOL, IDENTITY_POOL_ROLES}:
        yield from _guests(before, after, address)


def login_method_added(
    resource: Mapping[str, Any], plan: Mapping[str, Any], secrets: Secrets, address: str
) -> Iterator[Caution]:
    """A Cloudflare login method created that signs users in elsewhere than Cognito.

    Cognito's hosts are a hosted UI host, or a custom domain a user pool domain of the
    plan declares; any other host, or a login method of another type, is cautioned.
    """
    if resource["type"] not in IDENTITY_PROVIDERS or resource["change"].get("before") is not None:
        return
    after = sides(resource["change"], secrets)[1]
    kind_of = after.at("type")
    urls = [after.at("config", name) for name in ("auth_url", "token_url")]
    found = [urlsplit(url).hostname or "" for url in urls if isinstance(url, str)]
    ours = _cognito_domains(plan)
    if found and all(HOSTED_UI_HOST_PATTERN.fullmatch(host) or host in ours for host in found):
        return
    if not found and kind_of is None and after.known("type"):
        return
    hosts = [after.say(host, "config", as_text=True) for host in dict.fromkeys(found) if host]
    through = (
        f"through {', '.join(hosts)}, whose owner decides who users are"
        if hosts
        else f"of type {after.say(kind_of, 'type')}"
        if kind_of is not None
        else "of a type known only after apply"
    )
    yield said(
        Kind.LOGIN_METHOD_ADDED,
        "Login method added",
        (
            f"Users can sign in {through}. Every Access application whose `allowed_idps` is "
            "empty offers it at once, and a policy that does not require a login method "
            "accepts it."
        ),
        address,
    )


def _cognito_domains(plan: Mapping[str, Any]) -> set[str]:
    """The custom domains the plan's user pool domains have (before, after, in state)."""
    found: set[str] = set()
    for resource in plan.get("resource_changes") or ():
        if resource.get("type") == DOMAIN:
            for side in ("before", "after"):
                found.add(str(as_object(resource["change"].get(side)).get("domain")))
    for state in ("prior_state", "planned_values"):
        values = as_object(plan.get(state))
        module = as_object(values.get("values")) if "values" in values else values
        found.update(_module_domains(as_object(module.get("root_module"))))
    return found


def _module_domains(module: Mapping[str, Any]) -> Iterator[str]:
    for resource in module.get("resources") or ():
        if as_object(resource).get("type") == DOMAIN:
            yield str(as_object(as_object(resource).get("values")).get("domain"))
    for child in module.get("child_modules") or ():
        yield from _module_domains(as_object(child))


def _guests(before: Side, after: Side, address: str) -> Iterator[Caution]:
    """Unauthenticated identities allowed, or given a role: AWS credentials for anyone."""
    flag = "allow_unauthenticated_identities"
    role, was = after.at("roles", "unauthenticated"), before.at("roles", "unauthenticated")
    if after.at(flag) is True and before.at(flag) is not True:
        what = "allows unauthenticated identities"
    elif role is not None and role != was:
        what = "gives unauthenticated identities the role " + after.say(
            role, "roles", "unauthenticated"
        )
    else:
        return
    yield said(
        Kind.UNAUTHENTICATED_IDENTITIES,
        "Guest access",
        (
            f"The identity pool {what}: anyone, signed in or not, can get AWS credentials "
            "for the pool's unauthenticated role."
        ),
        address,
    )


def _user(before: Side, after: Side, address: str) -> Iterator[Caution]:
    """A user created in the pool, or put in a group: who they are is the change's author's say."""
    user, group = after.at("username"), after.at("group_name")
    if (user, group) == (before.at("username"), before.at("group_name")):
        return
    who = after.say(user, "username") if user is not None else "a user"
    if group is None:
        sentence = (
            f"{who} is created in the user pool by this change, so whoever wrote it may sign "
            "in as that user wherever the pool's users get in."
        )
    else:
        sentence = (
            f"{who} is put in the Cognito group {after.say(group, 'group_name')} by this "
            "change: every Access policy that allows that group lets the user in."
        )
    yield said(Kind.USER_ADDED, "User added", sentence, address)


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
    # A role created names whom it trusts as it should; an existing role's trust widening
    # to another principal is the change to see. `*` is said below.
    had = set(_principals(before.at("assume_role_policy")))
    added = [p for p in dict.fromkeys(_principals(after.at("assume_role_policy"))) if p not in had]
    if added and before.value is not None and not _trusts_anyone(after.at("assume_role_policy")):
        shown = ", ".join(after.say(p, "assume_role_policy") for p in added)
        yield said(
            Kind.ROLE_TRUST_WIDENED,
            "Role trusted by a new principal",
            (
                f"Its trust policy now lets {shown} assume it: whoever holds that identity "
                "(another account, a federated user) can take the role's permissions."
            ),
            address,
        )
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


def _principals(policy: object) -> list[str]:
    """The principals a trust policy (JSON text or object) allows, as ``Type:value``.

    Accounts, roles, users and federated providers; ``*`` and services are left out.
    """
    if isinstance(policy, str):
        try:
            policy = json.loads(policy)
        except ValueError:
            return []
    statements = policy.get("Statement") if isinstance(policy, Mapping) else None
    if isinstance(statements, Mapping):
        statements = [statements]
    found: list[str] = []
    for statement in statements if isinstance(statements, list) else []:
        if not isinstance(statement, Mapping) or statement.get("Effect") != "Allow":
            continue
        principal = statement.get("Principal")
        for kind_of, values in principal.items() if isinstance(principal, Mapping) else ():
            if kind_of == "Service":
                continue
            items = values if isinstance(values, list) else [values]
            found.extend(f"{kind_of}:{value}" for value in items if value != _ANYONE)
    return found


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
