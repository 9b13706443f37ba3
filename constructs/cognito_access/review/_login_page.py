"""Cautions when the login page moves: its domain, its login page version, its DNS record.

The user pool domain: replaced with another name (the login page moves, and a custom
domain's certificate and CNAME must follow), replaced under the same custom name (a new
CloudFront distribution), or switched to or from managed login (version 2, where every
app client needs a branding style). The custom domain's DNS record: replaced or
destroyed (the login page's host stops resolving). A value is shown only where the
summary would show it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cognito_access._facts import (
    BRANDING,
    CERTIFICATE_REGION,
    DNS_RECORDS,
    DOMAIN,
    MANAGED_LOGIN_VERSION,
)
from cognito_access.review._kinds import Caution, Kind
from cognito_access.review._masking import marked
from cognito_access.review._plan import (
    as_object,
    configured_references,
    kind,
    resource_key,
)
from cognito_access.review._text import code

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from cognito_access.review._masking import Secrets


def login_page(
    resource: Mapping[str, Any], plan: Mapping[str, Any], secrets: Secrets, address: str
) -> Iterator[Caution]:
    """The login page's cautions for ``resource`` (shown as ``address``) in ``plan``."""
    if resource["type"] == DOMAIN:
        yield from _domain(resource, plan, secrets, address)
    elif resource["type"] in DNS_RECORDS and kind(resource) in {"replace", "destroy"}:
        yield from _dns_record(resource, plan, secrets, address)


def _value(resource: Mapping[str, Any], side: str, name: str, secrets: Secrets) -> Any:  # noqa: ANN401 - a JSON value
    """An attribute of one side of the change, or None when unknown, masked or absent."""
    change = resource["change"]
    markers = [as_object(change.get(f"{side}_sensitive")).get(name)]
    if side == "after":
        markers.append(as_object(change.get("after_unknown")).get(name))
    value = as_object(change.get(side)).get(name)
    if any(marker is True or marked(marker) for marker in markers) or secrets.repeated_in(value):
        return None
    return value


def _domain(
    resource: Mapping[str, Any], plan: Mapping[str, Any], secrets: Secrets, address: str
) -> Iterator[Caution]:
    old, new = (_value(resource, side, "domain", secrets) for side in ("before", "after"))
    if kind(resource) == "replace" and isinstance(old, str) and isinstance(new, str):
        if old != new:
            custom = (
                f" A custom domain needs an ACM certificate ({CERTIFICATE_REGION}) that covers "
                "the new name and a CNAME to the new CloudFront distribution that Cognito "
                "sets up for it."
                if "." in new
                else ""
            )
            yield Caution(
                Kind.LOGIN_PAGE_MOVES,
                f"**The login page moves on {address}:** Users sign in at {_shape(new)} "
                f"instead of {_shape(old)}: bookmarks and links to the old one stop working, "
                f"and signing in fails between the old domain's delete and the new one's "
                f"create.{custom}",
            )
        elif "." in new:
            yield Caution(
                Kind.NEW_DISTRIBUTION,
                f"**The custom domain gets a new CloudFront distribution on {address}:** "
                f"{code(new)} must point at the new distribution (its CNAME); until the "
                "record follows and Cognito has set the distribution up, signing in fails.",
            )
    yield from _version(resource, plan, secrets, address)


def _shape(domain: str) -> str:
    what = "custom domain" if "." in domain else "prefix domain"
    return f"{code(domain)} (a {what})"


def _version(
    resource: Mapping[str, Any], plan: Mapping[str, Any], secrets: Secrets, address: str
) -> Iterator[Caution]:
    if kind(resource) not in {"update", "replace"}:
        return
    old, new = (
        _value(resource, side, "managed_login_version", secrets) for side in ("before", "after")
    )
    if not isinstance(new, int) or old == new:
        return
    if new == MANAGED_LOGIN_VERSION:
        declared = any(
            other["type"] == BRANDING and kind(other) != "destroy"
            for other in plan.get("resource_changes") or ()
        )
        missing = "" if declared else " This plan declares none."
        yield Caution(
            Kind.MANAGED_LOGIN_ON,
            f"**Managed login turned on for {address}:** {_version_change(old, new)}: "
            "the login page switches from the "
            "classic hosted UI to managed login (version 2): every app client on this domain "
            f"needs a managed login branding style (`{BRANDING}`), or "
            f"its users get an error page instead of the sign-in form.{missing}",
        )
    elif old == MANAGED_LOGIN_VERSION:
        yield Caution(
            Kind.MANAGED_LOGIN_OFF,
            f"**Managed login turned off for {address}:** {_version_change(old, new)}: "
            "the login page switches back to the classic hosted UI for every app client "
            "on this domain: their branding styles are no longer shown, and users see "
            "Cognito's classic sign-in form.",
        )


def _version_change(old: object, new: int) -> str:
    """The domain's version change as the plan shows it: ``managed_login_version`` 2 → 1."""
    before = old if isinstance(old, int) else "unset"
    return f"{code('managed_login_version')} {before} → {new}"


def _dns_record(
    resource: Mapping[str, Any], plan: Mapping[str, Any], secrets: Secrets, address: str
) -> Iterator[Caution]:
    name = _value(resource, "before", "name", secrets)
    if not _is_login_page(resource, plan, name):
        return
    host = code(name) if isinstance(name, str) else "the login page's host"
    if kind(resource) == "replace":
        yield Caution(
            Kind.LOGIN_PAGE_RECORD_LOST,
            f"**Replacing {address}:** The login page's host {host} stops resolving between "
            "the delete and the create (resolvers may remember the gap for a while): signing "
            "in through Cognito fails meanwhile.",
        )
    else:
        yield Caution(
            Kind.LOGIN_PAGE_RECORD_LOST,
            f"**Destroying {address}:** The login page's host {host} stops resolving: "
            "signing in through Cognito fails from then on, unless another record takes "
            "its place.",
        )


def _is_login_page(resource: Mapping[str, Any], plan: Mapping[str, Any], name: object) -> bool:
    """Whether the record is a user pool domain's: it references one, or has one's name."""
    references = configured_references(plan, DNS_RECORDS).get(
        resource_key(str(resource["address"])), []
    )
    if any(DOMAIN in reference.split(".") for reference in references):
        return True
    domains = {
        as_object(other["change"].get(side)).get("domain")
        for other in plan.get("resource_changes") or ()
        if other["type"] == DOMAIN
        for side in ("before", "after")
    }
    return isinstance(name, str) and name.rstrip(".") in domains
