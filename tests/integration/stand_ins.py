"""Map the harness's ``terraform_data`` stand-ins in a real plan back to Cloudflare resources.

The harness (``harness.stand_in_for_cloudflare``) runs each ``cloudflare_<type>``
resource ``<name>`` as ``terraform_data.cloudflare_<type>_<name>`` whose ``input`` holds
the arguments. The plan summary knows nothing of that, so before summarizing a real
plan the tests turn each stand-in back: its type and name, its ``input`` as the values
(``output`` dropped: it repeats ``input``), its sensitivity and unknown markers and
replace paths likewise, and in the ``configuration`` section its ``input`` expression
as the ``config`` expression (the references Terraform found in the arguments).
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from tests.integration.harness import STAND_IN

# The Cloudflare resource types the tests' stacks use.
CLOUDFLARE_TYPES = (
    "cloudflare_zero_trust_access_identity_provider",
    "cloudflare_zero_trust_access_application",
    "cloudflare_zero_trust_access_policy",
)
# A stand-in's address, and in references the ``.output`` its attributes sit under.
_STAND_IN_ADDRESS = re.compile(rf"\b{STAND_IN}\.(cloudflare_[A-Za-z0-9_-]+)(?:\.output\b)?")


def _cloudflare(stand_in_name: str) -> tuple[str, str] | None:
    """The Cloudflare type and name a stand-in's name stands for, or None."""
    for resource_type in sorted(CLOUDFLARE_TYPES, key=len, reverse=True):
        if stand_in_name.startswith(f"{resource_type}_"):
            return resource_type, stand_in_name.removeprefix(f"{resource_type}_")
    return None


def _address(match: re.Match[str]) -> str:
    found = _cloudflare(match[1])
    return match[0] if found is None else ".".join(found)


def _input(value: Any) -> Any:  # noqa: ANN401 - a JSON value or marker
    """The ``input`` part of a stand-in's value or marker; a bare ``true``/None stays."""
    return value.get("input") if isinstance(value, dict) else value


def as_cloudflare(plan: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``plan`` in which every stand-in is the Cloudflare resource it stands for."""
    mapped = copy.deepcopy(plan)
    for resource in mapped.get("resource_changes", []):
        found = _cloudflare(resource["name"]) if resource["type"] == STAND_IN else None
        if found is None:
            continue
        resource["type"], resource["name"] = found
        resource["address"] = _STAND_IN_ADDRESS.sub(_address, resource["address"])
        change = resource["change"]
        for key in ("before", "after", "before_sensitive", "after_sensitive", "after_unknown"):
            change[key] = _input(change.get(key))
        change["replace_paths"] = [
            path[1:] for path in change.get("replace_paths") or [] if path[:1] == ["input"]
        ]
    root = mapped.get("configuration", {}).get("root_module", {})
    for resource in root.get("resources", []):
        found = _cloudflare(resource["name"]) if resource["type"] == STAND_IN else None
        if found is not None:
            resource["type"], resource["name"] = found
            expressions = resource.get("expressions", {})
            resource["expressions"] = {"config": expressions.get("input", {})}
    # Addresses and references: terraform_data.<stand-in>[.output].<attribute> -> <type>.<name>.
    remapped: dict[str, Any] = json.loads(_STAND_IN_ADDRESS.sub(_address, json.dumps(mapped)))
    return remapped
