"""Cautions: what users will feel when a change is applied, one sentence each.

Every kind is listed once, in ``_kinds``. They are found here (replacing or destroying
what users sign in with or what keeps them out, a secret copied where the provider does
not mark it), in ``_login_page`` (the login page moving), ``_weakened`` (changes that
weaken the login), ``_trigger_code`` (a trigger's code changed), ``_trust`` (federated
providers, Lambda triggers, writable attributes, users added, roles anyone may
assume), ``_hosts`` (plain HTTP, look-alike hosts), ``_widened`` (changes that widen
who gets in) and ``_unprotected`` (deny policies loosened, hosts
left unprotected). Created resources go through every check, compared with nothing, or
with the resource they recreate (``recreated``). A caution never shows a value that is
masked in the summary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cognito_access._facts import (
    ACCESS_APPLICATION,
    ACCESS_APPLICATIONS,
    CLIENT,
    DOMAIN,
    IDENTITY_PROVIDERS,
    UNMARKED_BY_PROVIDER,
    USER_POOL,
)
from cognito_access.review._hosts import hosts
from cognito_access.review._kinds import Caution, Kind
from cognito_access.review._login_page import login_page
from cognito_access.review._masking import changed_leaves
from cognito_access.review._offboarding import offboarding
from cognito_access.review._plan import (
    client_id_sources,
    kind,
    recreated,
    resource_key,
)
from cognito_access.review._text import code
from cognito_access.review._trigger_code import trigger_code
from cognito_access.review._trust import login_method_added, trust
from cognito_access.review._unprotected import unprotected
from cognito_access.review._weakened import weakened
from cognito_access.review._widened import widened

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from cognito_access.review._masking import Secrets

_VERBS = {"replace": "Replacing", "destroy": "Destroying"}
_LOST_KINDS = {
    CLIENT: Kind.CLIENT_LOST,
    DOMAIN: Kind.LOGIN_DOMAIN_LOST,
    USER_POOL: Kind.USER_POOL_LOST,
    **dict.fromkeys(ACCESS_APPLICATIONS, Kind.APPLICATION_LOST),
    **dict.fromkeys(IDENTITY_PROVIDERS, Kind.LOGIN_METHOD_LOST),
}
# What users feel when each resource is replaced or destroyed (the app client: below).
_LOST: dict[tuple[str, str], str] = {
    (DOMAIN, "replace"): (
        "The hosted UI login page is unavailable between the delete and the create: "
        "signing in through Cognito fails meanwhile."
    ),
    (DOMAIN, "destroy"): (
        "The hosted UI login page is removed: signing in through Cognito fails from then on."
    ),
    (USER_POOL, "replace"): (
        "Every user, password and group in the pool is lost: the new pool starts empty, "
        "with a new id."
    ),
    (USER_POOL, "destroy"): "Every user, password and group in the pool is lost.",
    (ACCESS_APPLICATION, "replace"): (
        "The domain is not behind Cloudflare Access between the delete and the create, so "
        "anyone who reaches it gets in meanwhile; and the new application has a new `aud`, "
        "which the origin must be given."
    ),
    (ACCESS_APPLICATION, "destroy"): (
        "The domain is no longer behind Cloudflare Access: anyone who reaches it gets in, "
        "unless the origin itself checks Access's token."
    ),
}
_LOST_LOGIN_METHOD = {
    "replace": (
        "The Cloudflare login method gets a new id. Access applications and policies that "
        "name the old one must be updated, and users see the login method disappear, then "
        "reappear."
    ),
    "destroy": (
        "The Cloudflare login method is deleted: users no longer see it, and Access "
        "applications and policies that name it must be updated."
    ),
}


def cautions(
    plan: Mapping[str, Any], resources: Sequence[Mapping[str, Any]], secrets: Secrets
) -> list[Caution]:
    """Every caution for the changed ``resources`` of ``plan``, in resource order."""
    sources = client_id_sources(plan)
    replaced = recreated(resources)
    said: list[Caution] = []
    for resource in resources:
        said.extend(_lost(resource, sources))
        said.extend(login_page(resource, plan, secrets, address(resource)))
        said.extend(offboarding(resource, address(resource)))
    for resource in resources:
        where = address(resource)
        old = replaced.get(str(resource["address"]))
        if old is not None:  # compared with the resource it recreates
            where += f" (recreating {code(str(old['address']))})"
            resource = _compared(resource, old)  # noqa: PLW2901 - the same resource, compared
        said.extend(unprotected(resource, plan, secrets, where))
        if kind(resource) not in {"create", "update", "replace"}:
            continue
        created = resource["change"].get("before") is None
        said.extend(weakened(resource, plan, sources, secrets, where))
        said.extend(trust(resource, secrets, where, created=created))
        said.extend(trigger_code(resource, plan, where))
        said.extend(login_method_added(resource, plan, secrets, where))
        said.extend(hosts(resource, secrets, where))
        said.extend(widened(resource, secrets, where))
        said.extend(_copied(resource, secrets, where))
    return said


def _compared(resource: Mapping[str, Any], old: Mapping[str, Any]) -> dict[str, Any]:
    """``resource`` (created) with the values of ``old`` (destroyed) as its before side."""
    change = old["change"]
    before = {"before": change.get("before"), "before_sensitive": change.get("before_sensitive")}
    return {**resource, "change": {**resource["change"], **before}}


def _copied(resource: Mapping[str, Any], secrets: Secrets, where: str) -> Iterator[Caution]:
    unmarked = UNMARKED_BY_PROVIDER.get(str(resource["type"]), frozenset())
    for leaf in changed_leaves(resource["change"], secrets):
        if leaf.sensitive and not leaf.copied and _under(leaf.name, unmarked):
            yield Caution(
                Kind.HIDDEN_BY_CONFIGURATION,
                f"**{code(leaf.name)} of {where} is hidden:** The provider never marks it "
                "sensitive, so the configuration does (`sensitive()` or a sensitive "
                "variable): the plan hides a value that decides who gets in. Ask for it "
                "to be shown before approving.",
            )
        if leaf.copied:
            yield Caution(
                Kind.SECRET_COPIED,
                f"**A secret is copied into {code(leaf.name)} of {where}:** It holds a value "
                "the plan marks sensitive (or names as a secret) elsewhere, so a secret is "
                "copied into an attribute the provider does not mark: it is masked here, but "
                "Terraform shows it in clear text in plans, logs and outputs.",
            )


def _under(name: str, attributes: frozenset[str]) -> bool:
    """Whether the path ``name`` is one of ``attributes`` or inside one."""
    return any(
        name == attribute or name.startswith((f"{attribute}.", f"{attribute}["))
        for attribute in attributes
    )


def _lost(resource: Mapping[str, Any], sources: Mapping[str, set[str]]) -> Iterator[Caution]:
    what = kind(resource)
    if what not in _VERBS:
        return
    kind_of = str(resource["type"])
    if kind_of == CLIENT:
        caution = _lost_client(resource, what, sources)
    elif kind_of in IDENTITY_PROVIDERS:
        caution = _LOST_LOGIN_METHOD[what]
    else:
        named = ACCESS_APPLICATION if kind_of in ACCESS_APPLICATIONS else kind_of
        found = _LOST.get((named, what))
        if found is None:
            return
        caution = found
    yield Caution(_LOST_KINDS[kind_of], f"**{_VERBS[what]} {address(resource)}:** {caution}")


def _lost_client(resource: Mapping[str, Any], what: str, sources: Mapping[str, set[str]]) -> str:
    key = resource_key(str(resource["address"]))
    logins = sorted(idp for idp, clients in sources.items() if key in clients)
    if logins:
        named = ", ".join(map(code, logins))
        if what == "replace":
            return (
                "Every user signed in to Cloudflare Access is signed out and must sign in "
                f"again: the app client that {named} signs in with gets a new client id "
                "and secret."
            )
        return (
            "Every user signed in to Cloudflare Access is signed out and cannot sign in "
            f"through Cognito again: the app client that {named} signs in with is deleted."
        )
    if what == "replace":
        return (
            "The app client gets a new client id and secret: every app that signs in with "
            "it breaks until it is given the new ones, and its signed-in users must sign in "
            "again."
        )
    return (
        "The app client and its secret are deleted: every app that signs in with it can no "
        "longer sign its users in."
    )


def address(resource: Mapping[str, Any]) -> str:
    """The resource's address as code, with its deposed object's key if it has one."""
    deposed = resource.get("deposed")
    suffix = f" (deposed object {code(str(deposed))})" if deposed else ""
    return code(str(resource["address"])) + suffix
