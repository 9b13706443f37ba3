"""Cautions for changes that weaken the login, each one sentence saying what users feel.

The identity provider: an endpoint on another host, endpoints of different hosts,
regions or pools, PKCE off, another login type, another email claim. The app client:
OAuth flows other than ``code``, callbacks other than Cloudflare's, API sign-in flows,
no secret, user existence errors, wider scopes, longer-lived tokens. The user pool:
deletion protection off, MFA relaxed, self sign-up allowed.
"""

from __future__ import annotations

import urllib.parse
from typing import TYPE_CHECKING, Any

from cognito_access._facts import (
    CALLBACK_URL_PATTERN,
    CLIENT,
    CODE_FLOW,
    COGNITO_API_HOST_PATTERN,
    DEFAULT_EMAIL_CLAIM,
    DEFAULT_SCOPES,
    DELETION_PROTECTION_ACTIVE,
    HOSTED_UI_HOST_PATTERN,
    IDENTITY_PROVIDERS,
    OTHER_OAUTH_FLOWS,
    REFRESH_TOKEN_FLOW,
    SIGN_IN_FLOWS,
    USER_POOL,
)
from cognito_access.review._kinds import Caution, Kind, said
from cognito_access.review._lifetimes import lifetimes
from cognito_access.review._masking import Side, sides
from cognito_access.review._plan import (
    as_object,
    resource_key,
)
from cognito_access.review._text import code

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping

    from cognito_access.review._masking import Secrets

Found = tuple[Kind, str, str]  # a caution's kind, title and sentence

_ENDPOINTS = {
    "auth_url": (
        "Users are sent to sign in at {new} instead of {old}, so whoever runs that host "
        "sees their passwords and decides who gets in."
    ),
    "token_url": (
        "Cloudflare redeems sign-in codes, with the client secret, at {new} instead of "
        "{old}, so whoever runs that host gets the secret and decides who gets in."
    ),
    "certs_url": (
        "Cloudflare trusts tokens signed with the keys served at {new} instead of {old}, "
        "so whoever runs that host can sign in as any user."
    ),
}
_MFA_STRENGTH = {"OFF": 0, "OPTIONAL": 1, "ON": 2}


def weakened(
    resource: Mapping[str, Any],
    plan: Mapping[str, Any],
    sources: Mapping[str, set[str]],
    secrets: Secrets,
    address: str,
) -> Iterator[Caution]:
    """The cautions for ``resource`` (shown as ``address``) in ``plan``."""
    change = resource["change"]
    before, after = sides(change, secrets)
    checks: dict[str, Callable[[Side, Side], Iterator[Found]]] = {
        CLIENT: _client,
        USER_POOL: _user_pool,
    }
    if resource["type"] in IDENTITY_PROVIDERS:
        found = _identity_provider(before, after, _client_pools(resource, plan, sources))
    elif resource["type"] in checks:
        found = checks[resource["type"]](before, after)
    else:
        return
    for kind, title, sentence in found:
        yield said(kind, title, sentence, address)


def _client_pools(
    resource: Mapping[str, Any], plan: Mapping[str, Any], sources: Mapping[str, set[str]]
) -> set[str]:
    """The user pools of the app clients an identity provider signs in with, where known."""
    clients = sources.get(resource_key(str(resource["address"])), set())
    return {
        str(pool)
        for other in plan.get("resource_changes") or ()
        if resource_key(str(other["address"])) in clients
        and isinstance(pool := as_object(other["change"].get("after")).get("user_pool_id"), str)
    }


def _identity_provider(before: Side, after: Side, pools: set[str]) -> Iterator[Found]:
    hosts: dict[str, str] = {}
    moved = False
    for name, sentence in _ENDPOINTS.items():
        old, new = before.at("config", name), after.at("config", name)
        if isinstance(new, str):
            hosts[name] = _host(new)
        if isinstance(old, str) and isinstance(new, str) and _host(old) != _host(new):
            moved = True
            olds = before.say(_host(old), "config", name, as_text=True)
            news = after.say(_host(new), "config", name, as_text=True)
            yield (
                Kind.ENDPOINT_MOVED,
                f"`config.{name}` moves to another host",
                sentence.format(old=olds, new=news),
            )
    if not moved:  # a move is cautioned already; these follow from it
        yield from _endpoints_disagree(before, after, hosts, pools)
    if turned_off(before, after, "config", "pkce_enabled"):
        yield (
            Kind.PKCE_OFF,
            "PKCE turned off",
            (
                "A sign-in code intercepted on its way back to Cloudflare can be redeemed by "
                "someone else, because Cloudflare no longer proves it started the sign-in."
            ),
        )
    old_type, new_type = before.at("type"), after.at("type")
    if old_type is not None and new_type is not None and old_type != new_type:
        yield (
            Kind.LOGIN_TYPE_CHANGED,
            "Login type changed",
            (
                f"Users sign in through {after.say(new_type, 'type')} instead of "
                f"{before.say(old_type, 'type')}, with other endpoints and claims, so Access "
                "policies written for the old login may let in or shut out other users."
            ),
        )
    # Unset, Cloudflare reads the claim "email".
    old_claim, new_claim = (
        side.at("config", "email_claim_name") or DEFAULT_EMAIL_CLAIM for side in (before, after)
    )
    if before.value is not None and old_claim != new_claim:
        yield (
            Kind.EMAIL_CLAIM_CHANGED,
            "Email claim changed",
            (
                f"Cloudflare takes each user's email from the claim "
                f"{after.say(new_claim, 'config', 'email_claim_name')} instead of "
                f"{before.say(old_claim, 'config', 'email_claim_name')}, so policies that allow "
                "by email match whatever that claim holds."
            ),
        )


def _endpoints_disagree(
    before: Side, after: Side, hosts: Mapping[str, str], pools: set[str]
) -> Iterator[Found]:
    """The identity provider's endpoints no longer all belong to one pool and its domain."""
    auth, token, certs = (hosts.get(name) for name in ("auth_url", "token_url", "certs_url"))
    was_auth, was_token = (
        _host(value) if isinstance(value := before.at("config", name), str) else None
        for name in ("auth_url", "token_url")
    )
    if auth and token and auth != token and (was_auth, was_token) != (auth, token):
        yield (
            Kind.ENDPOINTS_DISAGREE,
            "Endpoints on different hosts",
            (
                f"Users sign in at {after.say(auth, 'config', 'auth_url', as_text=True)} but "
                "Cloudflare redeems their codes at "
                f"{after.say(token, 'config', 'token_url', as_text=True)}, so one of them is not "
                "the user pool's login domain."
            ),
        )
    hosted, keys = (
        HOSTED_UI_HOST_PATTERN.fullmatch(auth or ""),
        COGNITO_API_HOST_PATTERN.fullmatch(certs or ""),
    )
    if hosted and keys and hosted["region"] != keys["region"]:
        yield (
            Kind.ENDPOINTS_IN_REGIONS,
            "Endpoints in different regions",
            (
                f"Users sign in at a login domain in {code(hosted['region'])} but Cloudflare "
                f"checks their tokens with keys of a pool in {code(keys['region'])}, so the "
                "login and the keys belong to different user pools."
            ),
        )
    key_pool, old_key_pool = (_key_pool(side.at("config", "certs_url")) for side in (after, before))
    if key_pool and pools and key_pool not in pools:
        yield (
            Kind.KEYS_OF_ANOTHER_POOL,
            "Keys of another user pool",
            (
                "Cloudflare checks users' tokens with the keys of the pool "
                f"{after.say(key_pool, 'config', 'certs_url', as_text=True)}, not of the "
                "pool whose app client it signs in with, so tokens from another pool are "
                "accepted."
            ),
        )
    elif key_pool and old_key_pool and key_pool != old_key_pool and not pools:
        yield (
            Kind.KEYS_OF_ANOTHER_POOL,
            "Keys of another user pool",
            (
                "Cloudflare checks users' tokens with the keys of the pool "
                f"{after.say(key_pool, 'config', 'certs_url', as_text=True)} instead of "
                f"{before.say(old_key_pool, 'config', 'certs_url', as_text=True)}, so users "
                "of that pool can sign in."
            ),
        )


def _key_pool(certs_url: object) -> str | None:
    """The user pool id in a Cognito JWKS URL (``https://<host>/<pool id>/...``), or None."""
    if not isinstance(certs_url, str):
        return None
    return urllib.parse.urlsplit(certs_url).path.strip("/").split("/")[0] or None


def _client(before: Side, after: Side) -> Iterator[Found]:
    for flow in _added(before, after, "allowed_oauth_flows"):
        if flow != CODE_FLOW:
            effect = OTHER_OAUTH_FLOWS.get(str(flow), "users are signed in without the code grant")
            yield (
                Kind.OAUTH_FLOW,
                f"OAuth flow {after.say(flow, 'allowed_oauth_flows')} allowed",
                f"With this flow, {effect}.",
            )
    teams = {
        match["team"]
        for url in _list(before.at("callback_urls"))
        if isinstance(url, str) and (match := CALLBACK_URL_PATTERN.fullmatch(url))
    }
    for url in _added(before, after, "callback_urls"):
        team = CALLBACK_URL_PATTERN.fullmatch(url) if isinstance(url, str) else None
        if team is not None and teams and team["team"] not in teams:
            yield (
                Kind.CALLBACK_OTHER_TEAM,
                "Callback to another Zero Trust team",
                (
                    f"Cognito may send users' sign-in codes to {after.say(url, 'callback_urls')}, "
                    f"the callback of the team {code(team['team'])} instead of "
                    f"{_listed(sorted(map(code, teams)))}, so whoever runs that team can sign in "
                    "as them."
                ),
            )
        elif team is None:
            yield (
                Kind.CALLBACK_ELSEWHERE,
                "Callback URL other than Cloudflare's",
                (
                    f"Cognito may send users' sign-in codes to {after.say(url, 'callback_urls')}, "
                    "so whoever runs that address can sign in as them."
                ),
            )
    yield from _client_settings(before, after)


def _client_settings(before: Side, after: Side) -> Iterator[Found]:
    for flow in _added(before, after, "explicit_auth_flows"):
        if flow != REFRESH_TOKEN_FLOW:
            what = SIGN_IN_FLOWS.get(str(flow), "sign-in")
            yield (
                Kind.SIGN_IN_FLOW,
                f"Explicit auth flow {after.say(flow, 'explicit_auth_flows')} allowed",
                (
                    f"Users can now sign in by {what} over Cognito's API with this client, "
                    "outside the hosted login page, so passwords can be tried directly."
                ),
            )
    if turned_off(before, after, "generate_secret"):
        yield (
            Kind.CLIENT_SECRET_OFF,
            "Client secret turned off",
            (
                "The app client has no secret, so anyone who knows its id can redeem users' "
                "sign-in codes for tokens."
            ),
        )
    errors = after.at("prevent_user_existence_errors")
    if errors == "LEGACY" and before.at("prevent_user_existence_errors") != "LEGACY":
        yield (
            Kind.USER_EXISTENCE_ERRORS,
            "User existence errors shown",
            (
                "Failed sign-ins tell whether a user exists, so anyone can find out who has an "
                "account."
            ),
        )
    if before.value is not None:
        added = _added(before, after, "allowed_oauth_scopes")
    else:  # a new client: the scopes beyond the default ones
        scopes = after.at("allowed_oauth_scopes")
        added = [scope for scope in _list(scopes) if scope not in DEFAULT_SCOPES]
    if added:
        names = ", ".join(after.say(scope, "allowed_oauth_scopes") for scope in added)
        yield (
            Kind.SCOPES_WIDENED,
            "Scopes widened",
            (
                f"Tokens for this client can now carry {names}, giving whoever holds them "
                "more of users' data or rights."
            ),
        )
    if before.value is not None:
        yield from lifetimes(before, after)


def _user_pool(before: Side, after: Side) -> Iterator[Found]:
    protection = after.at("deletion_protection")
    active = DELETION_PROTECTION_ACTIVE
    if before.at("deletion_protection") == active and protection not in (None, active):
        yield (
            Kind.DELETION_PROTECTION_OFF,
            "Deletion protection turned off",
            (
                "The pool can now be deleted, by a plan or by hand, and every user and password "
                "in it with it."
            ),
        )
    old_mfa, new_mfa = before.at("mfa_configuration"), after.at("mfa_configuration")
    if _MFA_STRENGTH.get(str(new_mfa), 2) < _MFA_STRENGTH.get(str(old_mfa), -1):
        yield (
            Kind.MFA_RELAXED,
            "MFA relaxed",
            (
                f"MFA goes from {code(str(old_mfa))} to {code(str(new_mfa))}, so users can sign "
                "in with a password alone."
            ),
        )
    admin_only = ("admin_create_user_config", "allow_admin_create_user_only")
    if turned_off(before, after, *admin_only):
        yield (
            Kind.SELF_SIGN_UP,
            "Self sign-up allowed",
            (
                "Anyone can create an account in the pool and sign in to Cloudflare Access with "
                "it, unless an Access policy stops them."
            ),
        )


def _added(before: Side, after: Side, name: str) -> list[Any]:
    """The items of the list ``name`` that the change adds, in order."""
    old, new = before.at(name), after.at(name)
    had = old if isinstance(old, list) else []
    return [item for item in new if item not in had] if isinstance(new, list) else []


def turned_off(before: Side, after: Side, *path: str) -> bool:
    """Whether a boolean that defaults off goes from on to off, or to null (its default).

    A created resource (nothing before) is compared with the default: set false.
    """
    new = after.at(*path)
    if not after.known(*path):
        return False
    if before.value is None:
        return new is False
    return before.at(*path) is True and new in (False, None)


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _host(url: str) -> str:
    return urllib.parse.urlsplit(url).netloc or url
