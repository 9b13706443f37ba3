"""The provider facts table (tests/provider_facts.toml), and a synthesized stack checked against it.

The table holds one row per (resource type, argument) that the package or the example app
sets: what the provider says about the argument (Required, Optional or Optional+Computed;
ForceNew; Sensitive) and the rules it enforces at plan (ExactlyOneOf, ConflictsWith,
AtLeastOneOf, RequiredWith, allowed values, bounds), each row naming the provider source
file it was read from. ``violations`` reads a synthesized stack (``cdk.tf.json``, parsed)
and says every way it breaks the table: an argument the table does not cover, a required
argument missing, two of an ExactlyOneOf, a value out of bounds, ...

Paths are Terraform names dotted through nested blocks and nested attributes
(``config.client_id``, ``include.oidc.claim_name``); a rule's other arguments are named
relative to the same object (siblings), or from the resource's root with a leading ``/``.
Values Terraform resolves later (``${...}`` references, whole-list tokens) are present but
unknown: their presence counts, their value is not checked, as Terraform's validators do.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator, Mapping

TABLE = Path(__file__).with_name("provider_facts.toml")
PRESENCES = ("required", "optional", "optional+computed")
# Terraform's meta-arguments and cdktf's comment key: not the provider's arguments.
META_ARGUMENTS = frozenset(
    ("//", "connection", "count", "depends_on", "for_each", "lifecycle", "provider", "provisioner")
)
_SECONDS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
_RULE_KEYS = frozenset(
    (
        "exactly_one_of",
        "conflicts_with",
        "at_least_one_of",
        "required_with",
        "requires",
        "requires_absent_or",
        "values",
        "ignore_case",
        "length",
        "items",
        "item_values",
        "item_length",
        "range",
        "pattern",
        "item_pattern",
        "validity",
        "attributes_at_most",
    )
)
_ROW_KEYS = frozenset(("resource", "path", "presence", "force_new", "sensitive", "source", "note"))


@dataclass(frozen=True)
class Fact:
    """What the provider says about one argument of one resource type."""

    resource: str
    path: str
    presence: str  # "required", "optional" or "optional+computed"
    force_new: bool | str  # True, False, or when it forces a new resource (a sentence)
    sensitive: bool
    source: str  # the provider source file the row was read from
    rules: Mapping[str, Any] = field(default_factory=dict)
    note: str = ""

    @property
    def parent(self) -> str:
        """The path of the object the argument sits in ("" for the resource itself)."""
        return self.path.rpartition(".")[0]

    @property
    def name(self) -> str:
        """The argument's own name, the last part of its path."""
        return self.path.rpartition(".")[2]


def load(table: Path = TABLE) -> dict[tuple[str, str], Fact]:
    """Every row of ``table`` by (resource type, path); raise ValueError on a malformed row."""
    rows = tomllib.loads(table.read_text(encoding="utf-8")).get("argument", [])
    facts: dict[tuple[str, str], Fact] = {}
    for row in rows:
        key = (row.get("resource", "?"), row.get("path", "?"))
        unknown = set(row) - _ROW_KEYS - _RULE_KEYS
        if unknown:
            msg = f"{key}: unknown keys {sorted(unknown)}"
            raise ValueError(msg)
        missing = {"resource", "path", "presence", "force_new", "sensitive", "source"} - set(row)
        if missing:
            msg = f"{key}: missing {sorted(missing)}"
            raise ValueError(msg)
        if row["presence"] not in PRESENCES:
            msg = f"{key}: presence must be one of {PRESENCES}; got {row['presence']!r}"
            raise ValueError(msg)
        if key in facts:
            msg = f"{key}: two rows"
            raise ValueError(msg)
        facts[key] = Fact(
            resource=row["resource"],
            path=row["path"],
            presence=row["presence"],
            force_new=row["force_new"],
            sensitive=row["sensitive"],
            source=row["source"],
            rules={name: value for name, value in row.items() if name in _RULE_KEYS},
            note=row.get("note", ""),
        )
    return facts


def is_unknown(value: object) -> bool:
    """Whether Terraform knows ``value`` only at plan or apply (a reference or a token)."""
    return isinstance(value, str) and ("${" in value or "TOKEN[" in value)


def set_paths(resource: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    """Every (path, value) the resource's configuration sets, nested objects walked."""

    def walk(node: Mapping[str, Any], prefix: str) -> Iterator[tuple[str, Any]]:
        for name, value in node.items():
            if not prefix and name in META_ARGUMENTS:
                continue
            path = f"{prefix}{name}"
            yield path, value
            if isinstance(value, dict):
                yield from walk(value, f"{path}.")
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, dict):
                        yield from walk(item, f"{path}.")

    return walk(resource, "")


def objects_at(resource: Mapping[str, Any], path: str) -> list[Mapping[str, Any]]:
    """The objects (a nested block's elements, a nested attribute's value) at ``path``."""
    found: list[Mapping[str, Any]] = [resource]
    for name in path.split(".") if path else []:
        next_found: list[Mapping[str, Any]] = []
        for node in found:
            value = node.get(name)
            if isinstance(value, dict):
                next_found.append(value)
            elif isinstance(value, list):
                next_found += [item for item in value if isinstance(item, dict)]
        found = next_found
    return found


def _other(resource: Mapping[str, Any], obj: Mapping[str, Any], name: str) -> tuple[bool, object]:
    """Whether the argument a rule names is set, and its value: a sibling, or /root."""
    if name.startswith("/"):
        parts = name[1:].split(".")
        holders = objects_at(resource, ".".join(parts[:-1]))
        values = [holder[parts[-1]] for holder in holders if parts[-1] in holder]
        return (bool(values), values[0] if values else None)
    return (name in obj, obj.get(name))


def _in(value: object, allowed: list[str], *, ignore_case: bool) -> bool:
    if ignore_case and isinstance(value, str):
        return value.lower() in [item.lower() for item in allowed]
    return value in allowed


def _value_problems(fact: Fact, value: object, obj: Mapping[str, Any]) -> Iterator[str]:
    """What is wrong with one known ``value`` of the argument ``fact`` describes."""
    rules = fact.rules
    ignore_case = bool(rules.get("ignore_case"))
    if "values" in rules and not _in(value, rules["values"], ignore_case=ignore_case):
        yield f"{value!r} is not one of {rules['values']}"
    if "length" in rules and isinstance(value, str):
        low, high = rules["length"]
        if not low <= len(value) <= high:
            yield f"{value!r} is {len(value)} characters, not {low}-{high}"
    if "pattern" in rules and isinstance(value, str) and not re.search(rules["pattern"], value):
        yield f"{value!r} does not match {rules['pattern']!r}"
    if "range" in rules and isinstance(value, int | float) and not isinstance(value, bool):
        low, high = rules["range"]
        if not low <= value <= high:
            yield f"{value!r} is not within {low}-{high}"
    if isinstance(value, list):
        yield from _list_problems(rules, value, ignore_case=ignore_case)
    if "validity" in rules and isinstance(value, int | float):
        yield from _validity_problems(rules["validity"], value, obj)


def _list_problems(
    rules: Mapping[str, Any], items: list[Any], *, ignore_case: bool
) -> Iterator[str]:
    if "items" in rules:
        low, high = rules["items"]
        if not low <= len(items) <= high:
            yield f"{len(items)} items, not {low}-{high}"
    known = [item for item in items if not is_unknown(item)]
    for item in known:
        if "item_values" in rules and not _in(item, rules["item_values"], ignore_case=ignore_case):
            yield f"item {item!r} is not one of {rules['item_values']}"
        if "item_length" in rules and isinstance(item, str):
            low, high = rules["item_length"]
            if not low <= len(item) <= high:
                yield f"item {item!r} is {len(item)} characters, not {low}-{high}"
        pattern = rules.get("item_pattern")
        if pattern and isinstance(item, str) and not re.search(pattern, item):
            yield f"item {item!r} does not match {pattern!r}"


def _validity_problems(
    validity: Mapping[str, Any], value: float, obj: Mapping[str, Any]
) -> Iterator[str]:
    """A token lifetime in the unit its sibling block names, within the provider's bounds."""
    block, _, unit_name = validity["unit"].partition(".")
    units = [item.get(unit_name) for item in objects_at(obj, block)]
    unit = units[0] if units and units[0] is not None else validity["default_unit"]
    if is_unknown(unit):
        return
    seconds = value * _SECONDS[str(unit)]
    if not validity["min_seconds"] <= seconds <= validity["max_seconds"]:
        yield (
            f"{value} {unit} is {seconds:g} s, not within "
            f"{validity['min_seconds']}-{validity['max_seconds']} s"
        )


def _presence_problems(
    fact: Fact, resource: Mapping[str, Any], obj: Mapping[str, Any]
) -> Iterator[str]:
    """Required, ExactlyOneOf and AtLeastOneOf: what must be set, in one object."""
    rules = fact.rules
    is_set = fact.name in obj
    if fact.presence == "required" and not is_set:
        yield "required, but not set"
    if "exactly_one_of" in rules:
        count = is_set + sum(_other(resource, obj, name)[0] for name in rules["exactly_one_of"])
        if count != 1:
            names = [fact.name, *rules["exactly_one_of"]]
            yield f"exactly one of {names} must be set; {count} are"
    others = rules.get("at_least_one_of", [])
    if others and not is_set and not any(_other(resource, obj, name)[0] for name in others):
        yield f"at least one of {[fact.name, *others]} must be set"


def _companion_problems(
    fact: Fact, resource: Mapping[str, Any], obj: Mapping[str, Any]
) -> Iterator[str]:
    """ConflictsWith, RequiredWith and the values other arguments must have, when set."""
    rules = fact.rules
    for name in rules.get("conflicts_with", []):
        if _other(resource, obj, name)[0]:
            yield f"conflicts with {name}, which is set too"
    for name in rules.get("required_with", []):
        if not _other(resource, obj, name)[0]:
            yield f"requires {name}, which is not set"
    for name, allowed in rules.get("requires", {}).items():
        present, value = _other(resource, obj, name)
        if not present:
            yield f"requires {name} to be one of {allowed}; it is not set"
        elif not is_unknown(value) and not _in(value, allowed, ignore_case=True):
            yield f"requires {name} to be one of {allowed}; got {value!r}"
    for name, allowed in rules.get("requires_absent_or", {}).items():
        present, value = _other(resource, obj, name)
        if present and not is_unknown(value) and not _in(value, allowed, ignore_case=True):
            yield f"requires {name} to be unset or one of {allowed}; got {value!r}"


def _object_problems(
    fact: Fact, resource: Mapping[str, Any], obj: Mapping[str, Any]
) -> Iterator[str]:
    """Every rule of ``fact``, in one object that holds (or should hold) the argument."""
    yield from _presence_problems(fact, resource, obj)
    if fact.name not in obj:
        return
    yield from _companion_problems(fact, resource, obj)
    value = obj[fact.name]
    most: float = fact.rules.get("attributes_at_most", math.inf)
    for element in value if isinstance(value, list) else [value]:
        if isinstance(element, dict) and len(element) > most:
            yield f"an element sets {sorted(element)}, more than {most}"
    if not is_unknown(value):
        yield from _value_problems(fact, value, obj)


def violations(
    synth: Mapping[str, Any],
    facts: Mapping[tuple[str, str], Fact],
    *,
    skip: Collection[str] = (),
) -> list[str]:
    """Every way the resources of a synthesized stack break the table, as sentences.

    ``skip``: resource types a test declares itself (a stand-in pool's resource server),
    which neither the package nor the example app declares.
    """
    found: list[str] = []
    covered = {resource for resource, _ in facts}
    for resource_type, resources in sorted(synth.get("resource", {}).items()):
        if resource_type in skip:
            continue
        if resource_type not in covered:
            found.append(f"{resource_type}: the table has no rows for this resource type")
            continue
        for name, resource in sorted(resources.items()):
            address = f"{resource_type}.{name}"
            for path, _value in set_paths(resource):
                if (resource_type, path) not in facts:
                    found.append(f"{address}: {path} is set, but the table has no row for it")
            for (fact_type, _), fact in sorted(facts.items()):
                if fact_type != resource_type:
                    continue
                found += [
                    f"{address}: {fact.path}: {problem}"
                    for obj in objects_at(resource, fact.parent)
                    for problem in _object_problems(fact, resource, obj)
                ]
    return found
