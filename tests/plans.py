"""Plan builders and summary readers shared by the plan summary's tests.

Builders write the smallest plan JSON that `terraform show -json` could have written
(``resource_changes`` with ``change.before``/``after``/``after_unknown``/
``before_sensitive``/``after_sensitive`` and ``actions``); readers parse a summary's
parts. Test modules import from here, never from each other.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

REPLACE = ["delete", "create"]
SECRET = "HUSH-0123456789"  # noqa: S105 - a stand-in secret the summary must hide
NOTE = re.compile(
    r"^_… (?P<parts>.+) not shown: this summary is cut to fit one pull-request comment "
    r"\((?P<limit>[\d,]+) characters\)\. The full plan is in the workflow run's log\._$"
)
LINE = re.compile(r"^- \*\*(?P<words>[^*]+)\*\* `(?P<address>[^`]+)`(?P<rest>.*)$")
IDP = "cloudflare_zero_trust_access_identity_provider.login"
CLIENT_ADDRESS = "aws_cognito_user_pool_client.app"
CONFIG_BEFORE: dict[str, Any] = {
    "client_id": "4example0client0id",
    "client_secret": SECRET,
    "auth_url": "https://acme-login.auth.eu-west-1.amazoncognito.com/oauth2/authorize",
    "pkce_enabled": True,
}


# Builders: the smallest plan JSON that `terraform show -json` could have written.


def resource(
    address: str, actions: Sequence[str], change: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """A resource_changes[] entry; ``change`` adds to or overrides its change."""
    resource_type, name = re.sub(r"\[[^\]]*\]$", "", address).split(".")[-2:]
    return {
        "address": address,
        "mode": "managed",
        "type": resource_type,
        "name": name,
        "change": {
            "actions": list(actions),
            "before": None if actions == ["create"] else {},
            "after": None if actions == ["delete"] else {},
            "after_unknown": {},
            "before_sensitive": {},
            "after_sensitive": {},
            **(change or {}),
        },
    }


def update(address: str, before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    return resource(address, ["update"], {"before": before, "after": after})


def plan(*resources: Mapping[str, Any], outputs: Mapping[str, Any] | None = None) -> dict[str, Any]:
    return {
        "format_version": "1.2",
        "terraform_version": "1.11.4",
        "planned_values": {"root_module": {}},
        "resource_changes": list(resources),
        "output_changes": dict(outputs or {}),
    }


def merged(before: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """``before`` with ``changes``; nested objects are merged one level deep."""
    after = dict(before)
    for key, value in changes.items():
        after[key] = {**before[key], **value} if isinstance(value, dict) else value
    return after


def many_updates(count: int) -> dict[str, Any]:
    return plan(
        *[
            update(f"aws_s3_bucket.bucket_{i}", {"acl": "private"}, {"acl": "public-read"})
            for i in range(count)
        ]
    )


def config_change(
    after: Mapping[str, Any], *, marks: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """An update of the identity provider's ``config``, its client_secret marked sensitive."""
    sensitive = {"config": dict(marks or {"client_secret": True})}
    return resource(
        IDP,
        ["update"],
        {
            "before": {"config": CONFIG_BEFORE},
            "after": {"config": {**CONFIG_BEFORE, **after}},
            "before_sensitive": sensitive,
            "after_sensitive": sensitive,
        },
    )


def configuration(client_id_references: Sequence[str]) -> dict[str, Any]:
    """A plan's configuration section: an identity provider whose config references these."""
    return {
        "root_module": {
            "resources": [
                {
                    "address": IDP,
                    "mode": "managed",
                    "type": "cloudflare_zero_trust_access_identity_provider",
                    "name": "login",
                    "expressions": {"config": {"references": list(client_id_references)}},
                },
                {
                    "address": CLIENT_ADDRESS,
                    "mode": "managed",
                    "type": "aws_cognito_user_pool_client",
                    "name": "app",
                    "expressions": {},
                },
            ]
        }
    }


def with_configuration(document: dict[str, Any], references: Sequence[str]) -> dict[str, Any]:
    return {**document, "configuration": configuration(references)}


# Readers: the parts of a summary, parsed.


def heading(summary: str) -> str:
    return summary.splitlines()[1]


def cautions(summary: str) -> list[str]:
    """The text of each caution alert, in order."""
    alert = "> [!CAUTION]\n> "
    return [block.removeprefix(alert) for block in summary.split("\n\n") if block.startswith(alert)]


def listed(summary: str) -> dict[str, tuple[str, str]]:
    """Each listed resource's address: its action words and the rest of its line."""
    resources = summary.split("\n**Output changes:**\n", maxsplit=1)[0]
    return {
        match["address"]: (match["words"], match["rest"])
        for match in map(LINE.match, resources.splitlines())
        if match
    }


def attributes(summary: str, address: str) -> dict[str, str]:
    """The attributes listed for ``address``: name to what is said of it."""
    rest = listed(summary)[address][1].removeprefix(": ")
    notes = (re.fullmatch(r"`([^`]+)`:? ?(.*)", note) for note in rest.split("; ") if rest)
    return {note[1]: note[2] for note in notes if note}


def outputs(summary: str) -> dict[str, str]:
    """Each listed output's name: its action word."""
    if "\n**Output changes:**\n" not in summary:
        return {}
    section = summary.split("\n**Output changes:**\n")[1]
    return {
        match["address"]: match["words"] for match in map(LINE.match, section.splitlines()) if match
    }


def note(summary: str) -> dict[str, int]:
    """What the closing note says was left out: kind to count (empty without a note)."""
    match = NOTE.match(summary.rstrip("\n").splitlines()[-1])
    if match is None:
        return {}
    parts = re.findall(r"([\d,]+) more (warning|change|output change)s?", match["parts"])
    return {kind: int(count.replace(",", "")) for count, kind in parts}
