"""Reading a plan: the checks that it is ``terraform show -json`` output, and what it says.

Besides each resource's change, the plan's ``configuration`` section says which
resource an expression takes its value from (``expressions[].references``); that is
how the summary knows which app client a Cloudflare identity provider signs in with.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cognito_access._facts import (
    ACCESS_APPLICATIONS,
    ACCESS_GROUPS,
    ACCESS_POLICIES,
    CLIENT,
    DNS_RECORDS,
    IDENTITY_PROVIDERS,
)

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

EXPECTED = "the output of `terraform show -json <plan file>`"

# The words a reviewer reads for each list of actions. "no-op" and "read" change nothing.
_ACTION_WORDS: dict[tuple[str, ...], str] = {
    ("create",): "create",
    ("update",): "update",
    ("delete", "create"): "replace",
    ("create", "delete"): "replace",
    ("delete",): "destroy",
    ("forget",): "forget",
}
_UNCHANGED = frozenset({("no-op",), ("read",)})
# The names a resource type has had: a resource moved from one to another is the same.
_RENAMED = (IDENTITY_PROVIDERS, DNS_RECORDS, ACCESS_GROUPS, ACCESS_APPLICATIONS, ACCESS_POLICIES)
_INSTANCE_KEY = re.compile(r'\[(?:"(?:[^"\\]|\\.)*"|\d+)\]')


def plan_problem(plan: object) -> str | None:
    """What makes ``plan`` not a plan's JSON that this package reads, or None."""
    if not isinstance(plan, Mapping):
        return f"is not a JSON object but {type(plan).__name__}; expected {EXPECTED}"
    version = plan.get("format_version")
    if not isinstance(version, str):
        return f"has no format_version; expected {EXPECTED}"
    if version.split(".")[0] != "1":
        return f"has format_version {version!r}; this tool reads format 1.x"
    if not {"planned_values", "resource_changes", "output_changes"} & plan.keys():
        if "values" in plan:
            return (
                "is Terraform state, not a plan: run `terraform show -json` on a saved plan "
                "(`terraform plan -out=FILE`)"
            )
        return f"has no planned_values, resource_changes or output_changes; expected {EXPECTED}"
    return _changes_problem(plan)


def _changes_problem(plan: Mapping[str, Any]) -> str | None:
    resources = plan.get("resource_changes") or []
    if not isinstance(resources, list):
        return f"has resource_changes that is not a list; expected {EXPECTED}"
    for index, resource in enumerate(resources):
        problem = _resource_problem(resource)
        if problem is not None:
            return f"has resource_changes[{index}] {problem}"
    outputs = plan.get("output_changes") or {}
    if not isinstance(outputs, Mapping):
        return f"has output_changes that is not an object; expected {EXPECTED}"
    for name, change in outputs.items():
        if not _has_actions(change):
            return f"has output_changes[{name!r}] without a list of actions"
    return None


def _resource_problem(resource: object) -> str | None:
    if not isinstance(resource, Mapping):
        return "that is not an object"
    for key in ("address", "type", "name"):
        if not isinstance(resource.get(key), str):
            return f"without a string {key}"
    if not _has_actions(resource.get("change")):
        return "without change.actions, a list of strings"
    return None


def _has_actions(change: object) -> bool:
    if not isinstance(change, Mapping):
        return False
    actions = change.get("actions")
    return isinstance(actions, list) and all(isinstance(action, str) for action in actions)


def action_words(actions: Sequence[str]) -> str:
    """A list of actions as a reviewer reads it: ``["delete", "create"]`` is "replace"."""
    return _ACTION_WORDS.get(tuple(actions), "/".join(actions))


def changes_nothing(actions: Sequence[str]) -> bool:
    """Whether the actions leave the object as it is ("no-op", "read")."""
    return tuple(actions) in _UNCHANGED


def words(resource: Mapping[str, Any]) -> str | None:
    """What happens to a resource, as a reviewer reads it ("import and update"), or None."""
    change = resource["change"]
    said = []
    if change.get("importing") is not None:
        said.append("import")
    if not changes_nothing(change["actions"]):
        said.append(action_words(change["actions"]))
    return " and ".join(said) or None


def kind(resource: Mapping[str, Any]) -> str | None:
    """The counted kind of change of a resource: create, update, replace, destroy or forget."""
    return _ACTION_WORDS.get(tuple(resource["change"]["actions"]))


def changed_resources(plan: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The plan's resource changes that change or import something, in plan order."""
    return [change for change in plan.get("resource_changes") or () if words(change) is not None]


def as_object(value: object) -> Mapping[str, Any]:
    """``value`` if it is a JSON object, else an empty one."""
    return value if isinstance(value, Mapping) else {}


def block(value: object) -> Mapping[str, Any]:
    """A nested object: itself (a nested attribute), or the first of a list (a block)."""
    if isinstance(value, list):
        return as_object(value[0]) if value else {}
    return as_object(value)


def client_id_sources(plan: Mapping[str, Any]) -> dict[str, set[str]]:
    """For each Cloudflare identity provider's address, the app clients it takes ``client_id`` from.

    Read from the references in the plan's ``configuration`` section. When the plan
    gives the references of ``config`` only as a whole (a nested attribute), a
    reference to a client's ``id`` anywhere in ``config`` counts.
    """
    root = as_object(as_object(plan.get("configuration")).get("root_module"))
    sources: dict[str, set[str]] = {}
    for prefix, resource in _configured_resources(root, ""):
        if resource.get("type") not in IDENTITY_PROVIDERS or resource.get("mode") == "data":
            continue
        config = as_object(resource.get("expressions")).get("config")
        references = _client_id_references(config)
        clients = {
            prefix + reference.removesuffix(".id")
            for reference in references
            if reference.startswith(f"{CLIENT}.") and reference.endswith(".id")
        }
        address = prefix + str(resource.get("address", ""))
        sources.setdefault(address, set()).update(clients)
    return sources


def configured_references(plan: Mapping[str, Any], types: frozenset[str]) -> dict[str, list[str]]:
    """For each configured resource of ``types``, by address, every reference it makes.

    Read from the plan's ``configuration`` section, module prefixes included.
    """
    root = as_object(as_object(plan.get("configuration")).get("root_module"))
    found: dict[str, list[str]] = {}
    for prefix, resource in _configured_resources(root, ""):
        if resource.get("type") not in types or resource.get("mode") == "data":
            continue
        expressions = as_object(resource.get("expressions"))
        address = prefix + str(resource.get("address", ""))
        found[address] = [
            prefix + reference
            for expression in expressions.values()
            for reference in _references(expression)
        ]
    return found


def _client_id_references(config: object) -> list[str]:
    if isinstance(config, list):  # a block: one mapping of argument expressions per block
        return [ref for item in config for ref in _client_id_references(item)]
    config = as_object(config)
    if "client_id" in config:  # argument expressions of a nested block or object
        return _references(config["client_id"])
    return _references(config)


def _references(expression: object) -> list[str]:
    references = as_object(expression).get("references")
    return [str(ref) for ref in references] if isinstance(references, list) else []


def _configured_resources(
    module: Mapping[str, Any], prefix: str
) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every resource of ``module`` and its module calls, with its module's address prefix."""
    for resource in module.get("resources") or ():
        if isinstance(resource, Mapping):
            yield prefix, resource
    for name, call in as_object(module.get("module_calls")).items():
        child = as_object(as_object(call).get("module"))
        yield from _configured_resources(child, f"{prefix}module.{name}.")


def resource_key(address: str) -> str:
    """An address without instance keys, as the configuration names it: ``a.b[0]`` is ``a.b``."""
    return _INSTANCE_KEY.sub("", address)


def recreated(resources: Sequence[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """For each created resource that recreates a destroyed one, by address, the destroyed one.

    A resource destroyed and one of the same type created (a login method renamed, so
    under another address, or moved from a provider's old type name to its new one) are
    one resource recreated: the created one is compared with the destroyed one that
    shares the most values with it.
    """
    destroyed = [resource for resource in resources if kind(resource) == "destroy"]
    pairs: dict[str, Mapping[str, Any]] = {}
    for resource in resources:
        if kind(resource) != "create":
            continue
        candidates = [old for old in destroyed if _family(old) == _family(resource)]
        if not candidates:
            continue
        new = as_object(resource["change"].get("after"))
        old = max(candidates, key=lambda old: _shared(as_object(old["change"].get("before")), new))
        destroyed.remove(old)
        pairs[str(resource["address"])] = old
    return pairs


def _family(resource: Mapping[str, Any]) -> frozenset[str]:
    """The resource type's names, old and new (Cloudflare's v4 and v5 names)."""
    kind_of = str(resource["type"])
    return next(
        (names for names in _RENAMED if kind_of in names),
        frozenset({kind_of}),
    )


def _shared(old: Mapping[str, Any], new: Mapping[str, Any]) -> int:
    return sum(value is not None and new.get(key) == value for key, value in old.items())
