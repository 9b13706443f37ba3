"""Cautions about hosts: endpoints over plain ``http://``, and look-alike hosts.

A login method's endpoints (Cloudflare's ``auth_url``, ``token_url`` and ``certs_url``,
or a Cognito federated provider's issuer and URLs) set to ``http://``; and any host with
non-ASCII letters in a value the change sets, shown with its punycode, the name DNS
resolves. Masked values are never read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cognito_access._facts import COGNITO_IDENTITY_PROVIDER, IDENTITY_PROVIDERS
from cognito_access.review._kinds import Caution, Kind, said
from cognito_access.review._masking import changed_leaves
from cognito_access.review._text import code, non_ascii_hosts, punycode, show

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from cognito_access.review._masking import Leaf, Secrets

_LOGIN_METHODS = IDENTITY_PROVIDERS | {COGNITO_IDENTITY_PROVIDER}
_PLAIN = "http://"


def hosts(resource: Mapping[str, Any], secrets: Secrets, address: str) -> Iterator[Caution]:
    """The cautions about the hosts that ``resource`` (shown as ``address``) sets."""
    leaves = [
        leaf
        for leaf in changed_leaves(resource["change"], secrets)
        if not leaf.sensitive and not leaf.unknown
    ]
    if resource["type"] in _LOGIN_METHODS:
        for leaf in leaves:
            yield from _plain_http(leaf, address)
    seen: set[str] = set()
    for leaf in leaves:
        had = {host for text in _strings(leaf.before) for host in non_ascii_hosts(text)}
        for host in (host for text in _strings(leaf.after) for host in non_ascii_hosts(text)):
            if host not in seen | had:
                seen.add(host)
                yield said(
                    Kind.LOOK_ALIKE_HOST,
                    "Host with non-ASCII letters",
                    (
                        f"{code(leaf.name)} names the host {code(host)}, which DNS resolves "
                        f"as {code(punycode(host))}: letters of other scripts can look like "
                        "ASCII ones, so it may be another host than the one it looks like."
                    ),
                    address,
                )


def _plain_http(leaf: Leaf, address: str) -> Iterator[Caution]:
    new = [text for text in _strings(leaf.after) if text.lower().startswith(_PLAIN)]
    old = set(_strings(leaf.before))
    for url in new:
        if url not in old:
            yield said(
                Kind.PLAIN_HTTP,
                f"{code(leaf.name)} over plain HTTP",
                (
                    f"The login method's endpoint {show(url)} is reached without TLS, so "
                    "anyone on the path can read or change what passes (sign-in codes, "
                    "tokens, the client secret, the signing keys)."
                ),
                address,
            )


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []
