"""Cautions for what stops keeping users out: deny policies loosened, hosts left unprotected.

A ``deny`` Access policy keeps out fewer users: a rule removed from its ``include``, a
rule added to its ``require`` or ``exclude``, or the policy destroyed. A ``deny`` policy
detached from an application (its decision read from the application's entry or from
the policy's own change in the plan; a policy the plan says nothing of is not
cautioned). An application's ``domain``, a ``destinations`` entry or a
``self_hosted_domains`` entry removed or moved: the old host is no longer behind it. A
DNS record no longer proxied: its host is reached without Cloudflare, so without Access.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cognito_access._facts import ACCESS_APPLICATIONS, ACCESS_POLICIES, DNS_RECORDS, POLICY_DENY
from cognito_access.review._kinds import Caution, Kind, said
from cognito_access.review._masking import sides
from cognito_access.review._plan import as_object, kind
from cognito_access.review._widened import (
    added_rules,
    inline_policies,
    is_inline,
    leaves,
    matches_everyone,
    who_matches,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from cognito_access.review._masking import Secrets, Side

_DENIED = "wherever this policy is attached"
_INLINE_DENIED = "in this application's inline policy"


def unprotected(
    resource: Mapping[str, Any], plan: Mapping[str, Any], secrets: Secrets, address: str
) -> Iterator[Caution]:
    """The cautions for ``resource`` (shown as ``address``) that let more users through."""
    change = resource["change"]
    before, after = sides(change, secrets)
    if resource["type"] in ACCESS_POLICIES and before.at("decision") == POLICY_DENY:
        destroyed = kind(resource) == "destroy"
        yield from _deny(before, after, change.get("after_unknown"), address, destroyed=destroyed)
    elif resource["type"] in DNS_RECORDS and before.value is not None:
        yield from _unproxied(resource, before, after, address)
    elif resource["type"] in ACCESS_APPLICATIONS:
        for _, old, new in inline_policies(before, after):
            if old.at("decision") == POLICY_DENY:
                yield from _deny(old, new, new.unknown, address, where=_INLINE_DENIED)
        if before.value is None:
            return
        if kind(resource) != "destroy":  # a destroyed application is cautioned already
            yield from _hosts(before, after, change.get("after_unknown"), address)
        yield from _detached(before, after, change.get("after_unknown"), plan, address)


def _deny(  # noqa: PLR0913 - the two sides, where, and how the policy is gone
    before: Side,
    after: Side,
    unknown: object,
    address: str,
    *,
    destroyed: bool = False,
    where: str = _DENIED,
) -> Iterator[Caution]:
    if destroyed:
        yield Caution(
            Kind.DENY_LOOSENED,
            f"**Destroying the `deny` policy {address}:** Users it kept out are no longer kept "
            f"out, {where}.",
        )
        return
    if after.at("decision") != POLICY_DENY:  # another decision: see _widened
        return
    pending = [
        name for name in ("include", "require", "exclude") if as_object(unknown).get(name) is True
    ]
    if pending:
        yield said(
            Kind.DENY_LOOSENED,
            "`deny` rules known only after apply",
            (
                f"The `deny` policy's {', '.join(f'`{name}`' for name in pending)} will be "
                f"known only after apply: the plan cannot say whom it still keeps out, {where}."
            ),
            address,
        )
        return
    if any(matches_everyone(leaves(rule)) for rule in _list(after.at("include"))):
        return  # it keeps out every user who signs in, whatever else it says
    for index, rule in added_rules(before, after, unknown, "include", removed=True):
        title, who = who_matches(rule, before, "include", index)
        yield said(
            Kind.DENY_LOOSENED,
            f"{title} no longer denied",
            f"The `deny` policy no longer keeps out {who}, {where}.",
            address,
        )
    for name in ("require", "exclude"):
        for index, rule in added_rules(before, after, unknown, name):
            title, who = who_matches(rule, after, name, index)
            sentence = (
                f"The `deny` policy now keeps out only {who}; the others it kept out get in"
                if name == "require"
                else f"The `deny` policy no longer keeps out {who}"
            )
            yield said(
                Kind.DENY_LOOSENED,
                f"{title} added to a `deny` policy's `{name}`",
                f"{sentence}, {where}.",
                address,
            )


def _unproxied(
    resource: Mapping[str, Any], before: Side, after: Side, address: str
) -> Iterator[Caution]:
    """A record Cloudflare proxied, no longer proxied (false, or removed: it defaults off)."""
    if kind(resource) == "destroy" or before.at("proxied") is not True:
        return
    if after.at("proxied") is True or not after.known("proxied"):
        return
    name = before.at("name")
    shown = before.say(name, "name", as_text=True) if isinstance(name, str) else "its host"
    yield said(
        Kind.RECORD_UNPROXIED,
        "DNS record no longer proxied",
        (
            f"Requests to {shown} go straight to the origin, not through Cloudflare, so no "
            "Access application in front of that host asks anyone to sign in."
        ),
        address,
    )


def _hosts(before: Side, after: Side, unknown: object, address: str) -> Iterator[Caution]:
    marks = as_object(unknown)
    pending = [
        name
        for name in ("domain", "destinations", "self_hosted_domains")
        if marks.get(name) is True
    ]
    if pending:
        yield said(
            Kind.HOST_UNPROTECTED,
            "Hosts known only after apply",
            (
                f"The application's {', '.join(f'`{name}`' for name in pending)} will be known "
                "only after apply: the hosts it covers now may no longer be behind it, and "
                "anyone who reaches them then gets in."
            ),
            address,
        )
        return
    kept = _hosts_of(after)
    for host in _hosts_of(before):
        if host not in kept:
            yield said(
                Kind.HOST_UNPROTECTED,
                "Host no longer protected",
                (
                    f"{before.say(host, 'domain', as_text=True)} is no longer behind this "
                    "application: unless another Access application covers it, anyone who "
                    "reaches it gets in."
                ),
                address,
            )


def _hosts_of(side: Side) -> list[str]:
    """The hosts (and paths) an application covers: its domain and each destination."""
    found = [side.at("domain")]
    for item in map(as_object, _list(side.at("destinations"))):  # public: uri; private
        found += [item.get("uri"), item.get("hostname"), item.get("cidr")]
    found += _list(side.at("self_hosted_domains"))
    return list(dict.fromkeys(host for host in found if isinstance(host, str) and host))


def _detached(
    before: Side, after: Side, unknown: object, plan: Mapping[str, Any], address: str
) -> Iterator[Caution]:
    if as_object(unknown).get("policies") is True:
        return
    kept = {_id(item) for item in _list(after.at("policies"))}
    # Entries whose id is known only after apply (an inline entry has no id: it is no
    # policy attached by reference, so it cannot be the one detached).
    pending = [
        index
        for index in range(len(_list(after.at("policies"))))
        if not after.known("policies", index, "id")
    ]
    for index, item in enumerate(_list(before.at("policies"))):
        policy_id = _id(item)
        if policy_id is None and is_inline(item):
            yield from _inline_detached(item, index, after, address)
            continue
        if policy_id is None or policy_id in kept or pending:
            continue  # an id known only after apply may be the same policy
        decision = as_object(item).get("decision") or _decision(plan, policy_id)
        if decision != POLICY_DENY:
            continue  # detaching a policy that lets users in lets no one else in
        yield said(
            Kind.DENY_DETACHED,
            "`deny` policy detached",
            (
                f"The `deny` policy {before.say(policy_id, 'policies', index, 'id')} no longer "
                "applies to this application: users it kept out can now get in."
            ),
            address,
        )


def _inline_detached(
    item: Mapping[str, Any], index: int, after: Side, address: str
) -> Iterator[Caution]:
    """An inline ``deny`` policy gone from the application (none by its name or index)."""
    if item.get("decision") != POLICY_DENY:
        return
    news = _list(after.at("policies"))
    name = item.get("name")
    if any(as_object(new).get("name") == name for new in news if name is not None):
        return
    if name is None and index < len(news) and is_inline(news[index]):
        return  # compared with the inline policy now at its index
    yield said(
        Kind.DENY_DETACHED,
        "Inline `deny` policy removed",
        (
            f"The inline `deny` policy `policies[{index}]` no longer applies to this "
            "application: users it kept out can now get in."
        ),
        address,
    )


def _decision(plan: Mapping[str, Any], policy_id: str) -> object:
    """The decision of the policy with ``policy_id`` as the plan shows it, or None."""
    for other in plan.get("resource_changes") or ():
        if other["type"] not in ACCESS_POLICIES:
            continue
        for side in ("before", "after"):
            values = as_object(other["change"].get(side))
            if values.get("id") == policy_id:
                return values.get("decision")
    return None


def _id(item: object) -> str | None:
    """A policy's id: an object's ``id`` (v5), or the item itself (v4's list of ids)."""
    value = as_object(item).get("id") if isinstance(item, Mapping) else item
    return value if isinstance(value, str) else None


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []
