"""Which values of a plan may be shown, leaf by leaf.

A resource's ``before`` and ``after`` are walked as trees together with Terraform's
``before_sensitive``/``after_sensitive`` and ``after_unknown`` markers. Objects (and
lists of objects, as blocks are) are walked into; every other value, and an empty object
(a rule such as ``everyone: {}``), is a leaf. A leaf is masked when the provider marks it
sensitive, when it is a string or number named as a secret (the value of
``client_secret``, not ``service_token.token_id``; never a boolean or an empty object:
``generate_secret``, ``any_valid_service_token``), or when it holds a value that a
resource change marks or names as secret (a copied secret, which is also cautioned).
Outputs are never a source of secrets: their values are never shown, and a sensitive
output holding a host must not mask that host elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cognito_access.review._plan import as_object, block
from cognito_access.review._text import code, show, strings, with_punycode

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

# A name (lower case, words joined by "_") that is or ends in one of these is a secret's.
_SECRET_SUFFIXES = (
    "secret",
    "password",
    "passwd",
    "private_key",
    "api_key",
    "access_key",
    "secret_key",
    "credentials",
)
# Names under one ending so are units, not secrets (token_validity_units.access_token).
_UNITS_SUFFIX = "_units"
_CAMEL_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
# A copied secret this long is also masked where it appears inside a longer string.
_MIN_EMBEDDED_SECRET = 8

PathStep = str | int


def secret_name(name: str) -> bool:
    """Whether a value under ``name`` is a secret by its name alone.

    ``client_secret``, ``DB-Password``, ``apiToken``, ``token`` are; ``token_url``,
    ``access_token_validity``, ``token_validity_units`` and ``enable_token_revocation``
    only contain a secret-sounding word, and are not.
    """
    folded = _fold(name)
    return folded == "token" or folded.endswith(("_token", *_SECRET_SUFFIXES))


def plain_name(name: str) -> bool:
    """Whether the names under ``name`` are no secrets' (``token_validity_units``)."""
    return _fold(name).endswith(_UNITS_SUFFIX)


def _fold(name: str) -> str:
    return _CAMEL_HUMP.sub("_", name).lower().replace("-", "_")


@dataclass(frozen=True)
class Leaf:
    """One value of a resource that a change touches, and whether it may be shown."""

    path: tuple[PathStep, ...]
    before: Any
    after: Any
    unknown: bool  # the new value is known only after apply
    sensitive: bool
    forces_replacement: bool
    copied: bool = False  # holds a secret, where the provider marks none: a copy

    @property
    def changed(self) -> bool:
        """Whether the value changes (or may: it is known only after apply)."""
        return self.unknown or self.before != self.after

    @property
    def name(self) -> str:
        """The path as a reviewer reads it: ``config.client_secret``, ``units[0].access``."""
        text = ""
        for step in self.path:
            text += f"[{step}]" if isinstance(step, int) else f".{step}" if text else step
        return text


class Secrets:
    """The strings of a plan that are masked: marked sensitive or named as a secret."""

    def __init__(self, plan: Mapping[str, Any]) -> None:
        """Collect them from every resource change of ``plan`` (not its outputs)."""
        changes = [resource["change"] for resource in plan.get("resource_changes") or ()]
        self._whole = frozenset(
            secret
            for change in changes
            for side in ("before", "after")
            for secret in _hidden_strings(
                change.get(side), change.get(f"{side}_sensitive"), hidden=False
            )
            if secret
        )
        embedded = sorted(
            (secret for secret in self._whole if len(secret) >= _MIN_EMBEDDED_SECRET),
            key=len,
            reverse=True,
        )
        self._embedded = re.compile("|".join(map(re.escape, embedded))) if embedded else None

    def in_text(self, text: str) -> bool:
        """Whether ``text`` is one of them, or holds one of the longer ones."""
        return text in self._whole or (
            self._embedded is not None and self._embedded.search(text) is not None
        )

    def repeated_in(self, value: object) -> bool:
        """Whether ``value`` holds one of them, as a string or a key, whole or inside."""
        return any(map(self.in_text, [*strings(value), *_keys(value)]))


def changed_leaves(change: Mapping[str, Any], secrets: Secrets) -> list[Leaf]:
    """The leaves of a resource change a reviewer is shown, the most telling first.

    A leaf is shown when it changes, forces replacement, or (when masked) sits next to
    one that changes, so that a reviewer reads whether the secret beside it changes too.
    """
    forcing = [tuple(path) for path in change.get("replace_paths") or () if isinstance(path, list)]
    root = _Node(
        change.get("before"),
        change.get("after"),
        change.get("before_sensitive"),
        change.get("after_sensitive"),
        change.get("after_unknown"),
    )
    # The root is always walked into, even when it is marked sensitive as a whole.
    leaves = list(_Walk(secrets, forcing).children((), root, hidden=False))
    leaves.sort(key=_rank)
    return leaves


def _rank(leaf: Leaf) -> int:
    """Most telling first: forcing replacement, new values, masked ones, unknown ones."""
    if leaf.forces_replacement:
        return 0
    if leaf.sensitive:
        return 2
    return 3 if leaf.unknown else 1


@dataclass(frozen=True)
class _Node:
    """A node of both trees, with its sensitivity markers and its unknown marker."""

    before: Any
    after: Any
    before_marks: Any
    after_marks: Any
    unknown: Any

    def at(self, step: PathStep) -> _Node:
        """The child at ``step``; a ``true`` sensitivity marker holds for every child."""
        return _Node(
            _at(self.before, step),
            _at(self.after, step),
            self.before_marks
            if isinstance(self.before_marks, bool)
            else _at(self.before_marks, step),
            self.after_marks if isinstance(self.after_marks, bool) else _at(self.after_marks, step),
            _at(self.unknown, step),
        )

    def steps(self) -> list[PathStep]:
        """The keys or indexes of the children, in order."""
        if isinstance(self.before, list) or isinstance(self.after, list):
            sides = (self.before, self.after, self.unknown)
            return list(range(max(len(_list(side)) for side in sides)))
        sides = (self.before, self.after, self.unknown)
        return sorted(set().union(*(as_object(side).keys() for side in sides)))


class _Walk:
    def __init__(self, secrets: Secrets, forcing: Sequence[tuple[object, ...]]) -> None:
        self._secrets = secrets
        self._forcing = forcing

    def children(
        self, path: tuple[PathStep, ...], node: _Node, *, hidden: bool, plain: bool = False
    ) -> Iterator[Leaf]:
        """The shown leaves under the object or list at ``path``."""
        found = [
            leaf
            for step in node.steps()
            for leaf in self.node((*path, step), node.at(step), hidden=hidden, plain=plain)
        ]
        # A masked leaf is shown beside a sibling that changes.
        depth = len(path) + 1
        siblings_change = any(leaf.changed and len(leaf.path) == depth for leaf in found)
        return iter(
            leaf
            for leaf in found
            if len(leaf.path) > depth  # chosen already, among its own siblings
            or leaf.changed
            or leaf.forces_replacement
            or (siblings_change and leaf.sensitive)
        )

    def node(
        self, path: tuple[PathStep, ...], node: _Node, *, hidden: bool, plain: bool
    ) -> Iterator[Leaf]:
        """The shown leaves at ``path``: itself if it is a leaf, else those under it.

        ``hidden``: the value of a secret's name (a key decides for itself, an index
        as its list's key); ``plain``: under a name that says it is none.
        """
        name = next((step for step in reversed(path) if isinstance(step, str)), "")
        if isinstance(path[-1], str):  # only the value's own name says it is a secret
            hidden = not plain and secret_name(name)
        plain = plain or plain_name(name)
        masked = node.before_marks is True or node.after_marks is True
        if (
            node.unknown is not True
            and not masked
            and _walkable(node.before, node.after)
            and not any(map(self._secrets.in_text, _own_keys(node.before, node.after)))
        ):
            yield from self.children(path, node, hidden=hidden, plain=plain)
            return
        provider = masked or marked(node.before_marks) or marked(node.after_marks)
        by_name = hidden and (secretish(node.before) or secretish(node.after))
        copied = self._secrets.repeated_in(node.after)
        sensitive = provider or by_name or copied or self._secrets.repeated_in(node.before)
        yield Leaf(
            path=path,
            before=node.before,
            after=None if node.unknown is True else node.after,
            unknown=marked(node.unknown),
            sensitive=sensitive,
            forces_replacement=any(
                path[: len(forced)] == forced or forced[: len(path)] == path
                for forced in self._forcing
            ),
            copied=copied and not provider and not by_name,
        )


def _walkable(before: object, after: object) -> bool:
    """Whether a node is walked into: objects, and lists of objects (blocks).

    An empty object on both sides (a rule kind set to ``{}``) is a leaf, so it is shown.
    """
    sides = [side for side in (before, after) if side is not None]
    if not sides:
        return False
    if all(isinstance(side, Mapping) for side in sides):
        return any(sides)
    return all(isinstance(side, list) for side in sides) and any(
        isinstance(item, Mapping) for side in sides for item in _list(side)
    )


def _own_keys(before: object, after: object) -> list[str]:
    """The keys of the objects themselves (not of those nested in them)."""
    return [str(key) for key in as_object(before).keys() | as_object(after).keys()]


def _at(value: object, step: PathStep) -> Any:  # noqa: ANN401 - a JSON value
    if isinstance(step, int):
        items = _list(value)
        return items[step] if step < len(items) else None
    return as_object(value).get(step)


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def secretish(value: object) -> bool:
    """Whether ``value`` holds what a secret can be: a string or a number, not a boolean."""
    if isinstance(value, Mapping):
        return any(map(secretish, value.values()))
    if isinstance(value, list):
        return any(map(secretish, value))
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def marked(marker: object) -> bool:
    """Whether a sensitivity or unknown marker holds ``true`` anywhere."""
    if isinstance(marker, Mapping):
        return any(marked(item) for item in marker.values())
    if isinstance(marker, list):
        return any(marked(item) for item in marker)
    return marker is True


def _hidden_strings(
    value: object, marker: object, *, hidden: bool, named: bool = False, plain: bool = False
) -> Iterator[str]:
    """The strings in ``value`` that ``marker`` marks, or that are a secret's name's value.

    ``named``: the value (or list of values) of a secret's name; an object under it is
    not, so ``service_token.token_id`` is shown, ``basic_auth.password`` is not.
    """
    hidden = hidden or marker is True
    if isinstance(value, Mapping):
        marks = marker if isinstance(marker, Mapping) else {}
        for key, item in value.items():
            yield from _hidden_strings(
                item,
                marks.get(key),
                hidden=hidden,
                named=not plain and secret_name(str(key)),
                plain=plain or plain_name(str(key)),
            )
    elif isinstance(value, list):
        items = marker if isinstance(marker, list) else []
        for index, item in enumerate(value):
            mark = items[index] if index < len(items) else None
            yield from _hidden_strings(item, mark, hidden=hidden, named=named, plain=plain)
    elif (hidden or named) and isinstance(value, str):
        yield value


def _keys(value: object) -> Iterator[str]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield str(key)
            yield from _keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item)


@dataclass(frozen=True)
class Side:
    """One side (before or after) of a resource's change, with its sensitivity markers.

    What cautions read: values by path, and values said as code or "a masked value".
    """

    value: Any
    marks: Any
    secrets: Secrets
    unknown: Any = None  # after_unknown, for the after side

    def known(self, *path: PathStep) -> bool:
        """Whether the value at ``path`` is known now (not, even in part, after apply)."""
        marker = self.unknown
        for step in path:
            if marker is True:
                return False
            marker = _walk(marker, (step,))
        return not marked(marker)

    def within(self, *path: PathStep) -> Side:
        """The part of this side at ``path`` (an inline policy), with its markers."""
        return Side(
            self.at(*path), _walk(self.marks, path), self.secrets, _walk(self.unknown, path)
        )

    def at(self, *path: PathStep) -> Any:  # noqa: ANN401 - a JSON value
        """The value at ``path``.

        A name steps into an object or a one-block list, a number into a list.
        """
        return _walk(self.value, path)

    def say(self, value: object, *path: PathStep, as_text: bool = False) -> str:
        """``value`` (found at ``path``) as code, or "a masked value".

        A string is shown as JSON (quoted), or ``as_text`` as it is.
        """
        marks = self.marks
        name = next((step for step in reversed(path) if isinstance(step, str)), "")
        named = secret_name(name)
        masked = marks is True or (named and secretish(value))
        for step in path:
            marks = _walk(marks, (step,))
            masked = masked or marks is True
        masked = masked or marked(marks) or self.secrets.repeated_in(value)
        if masked:
            return "a masked value"
        if as_text and isinstance(value, str):
            return with_punycode(code(value), value)
        return show(value)


def sides(change: Mapping[str, Any], secrets: Secrets) -> tuple[Side, Side]:
    """The before and after sides of a resource's ``change``."""
    return (
        Side(change.get("before"), change.get("before_sensitive"), secrets),
        Side(
            change.get("after"), change.get("after_sensitive"), secrets, change.get("after_unknown")
        ),
    )


def _walk(value: object, path: Sequence[PathStep]) -> Any:  # noqa: ANN401 - a JSON value
    for step in path:
        value = _at(value, step) if isinstance(step, int) else block(value).get(step)
    return value
