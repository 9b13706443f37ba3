"""Terraform's JSON syntax, read as Terraform reads it.

HCL's JSON syntax (``hcl/json/spec.md``; Terraform's "JSON Configuration Syntax") lets
every block level be written in two forms: an object, or an array of objects whose
properties are taken together. A body (the top level, a ``terraform`` block, a resource,
a ``lifecycle`` block...) is an object, an array of objects, or null (empty); a block
with no labels left is one object (one block), an array (one block per element) or null
(none); a label level (a resource's type, then its name) is an object or an array of
objects whose property names are the labels. A ``"//"`` property of a body is a comment.

Python's ``json`` keeps the last of two properties with the same name, where Terraform
reads both: ``read`` keeps the names an object repeats so the gate can refuse them.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

# A body's property that Terraform ignores: cdktf writes its metadata there.
COMMENT = "//"
# A JSON path member written plainly (other names are quoted in brackets).
_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


class JsonObject(dict[str, object]):
    """A JSON object as read, with the names it repeats (``repeated``), in order."""

    repeated: tuple[str, ...] = ()


class UnreadableJsonError(ValueError):
    """The text is not JSON that Terraform reads as Python does."""


def read(text: str) -> object:
    """Parse ``text`` as JSON, keeping repeated property names (see ``JsonObject``).

    Raises:
        UnreadableJsonError: Not JSON, or JSON with ``NaN``/``Infinity``, which Python
            accepts and Terraform does not.
    """
    try:
        return json.loads(text, object_pairs_hook=_object, parse_constant=_constant)
    except json.JSONDecodeError as error:
        raise UnreadableJsonError(str(error)) from None
    except RecursionError:
        msg = "it nests too deeply to be read"
        raise UnreadableJsonError(msg) from None


def _object(pairs: list[tuple[str, object]]) -> JsonObject:
    found = JsonObject()
    repeated = []
    for name, value in pairs:
        if name in found:
            repeated.append(name)
        found[name] = value
    found.repeated = tuple(repeated)
    return found


def _constant(name: str) -> object:
    msg = f"{name} is not JSON"
    raise UnreadableJsonError(msg)


def shown(value: object) -> str:
    """A value as a problem quotes it: a string as is, others as JSON, cut at 80 characters."""
    text = value if isinstance(value, str) else json.dumps(value)
    return f"`{text[:80]}`"


def member(path: str, name: str) -> str:
    """The JSON path of property ``name`` of the value at ``path``."""
    if _PLAIN_NAME.fullmatch(name):
        return f"{path}.{name}" if path else name
    return f"{path}[{json.dumps(name, ensure_ascii=False)}]"


@dataclass(frozen=True)
class Node:
    """A value of the configuration and its JSON path (``resource.aws_x.y[0].name``)."""

    value: object
    path: str

    def child(self, name: str) -> Node:
        """The value of property ``name`` (which must exist)."""
        assert isinstance(self.value, dict)  # noqa: S101 - callers pass a property they found
        return Node(self.value[name], member(self.path, name))

    @property
    def shown(self) -> str:
        """The path as a problem names it: the top level is ``(top level)``."""
        return f"`{self.path}`" if self.path else "the top level"


class Problems:
    """Why a configuration is refused, one line each, in the order found."""

    def __init__(self) -> None:
        """No problem yet."""
        self.lines: list[str] = []

    def add(self, where: Node, message: str, *, whose: str = "") -> None:
        """Refuse the value at ``where`` (or its ``whose="'s name"``) for ``message``."""
        self.lines.append(printable(f"{where.shown}{whose} {message}"))


# Characters a problem line shows escaped: controls, invisible formatting (bidirectional
# overrides, zero-width), line and paragraph separators.
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp"})


def printable(text: str) -> str:
    r"""``text`` on one line, each invisible or control character escaped (``\u000a``).

    Names and values come from the pull request: a newline in one could otherwise forge
    another line of the gate's output, or a workflow command such as ``::error::``.
    """
    return "".join(
        f"\\u{ord(char):04x}" if unicodedata.category(char) in _HIDDEN else char for char in text
    )


def body(node: Node, problems: Problems) -> Iterator[tuple[str, Node]]:
    """A body's arguments and nested blocks, by name, in every form Terraform reads.

    An object, an array of objects (its properties taken together) or null (nothing).
    ``"//"`` comments are left out; anything else is a problem.
    """
    for name, item in _properties(node, problems, "a body"):
        if name != COMMENT:
            yield name, item


def labels(node: Node, problems: Problems) -> Iterator[tuple[str, Node]]:
    """A label level of a block (a resource's types, then its names): label, contents."""
    yield from _properties(node, problems, "a level of block labels")


def blocks(node: Node, problems: Problems) -> Iterator[Node]:
    """The bodies of the blocks at ``node``: one object, an array of bodies, or null."""
    value = node.value
    if value is None:
        return
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield Node(item, f"{node.path}[{index}]")
    elif isinstance(value, dict):
        yield node
    else:
        problems.add(node, "must be an object or an array of objects, as a block is")


def _properties(node: Node, problems: Problems, what: str) -> Iterator[tuple[str, Node]]:
    value = node.value
    if value is None:
        return
    if isinstance(value, dict):
        for name in value:
            yield name, node.child(name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            element = Node(item, f"{node.path}[{index}]")
            if isinstance(item, dict):
                for name in item:
                    yield name, element.child(name)
            else:
                problems.add(element, f"must be an object, as an element of {what} is")
    else:
        problems.add(node, f"must be an object or an array of objects, as {what} is")


def every_value(node: Node) -> Iterator[Node]:
    """``node`` and every value under it, whatever the block structure, in document order."""
    pending = [node]
    while pending:
        current = pending.pop()
        yield current
        value = current.value
        if isinstance(value, dict):
            pending.extend(current.child(name) for name in reversed(value))
        elif isinstance(value, list):
            pending.extend(
                Node(item, f"{current.path}[{index}]")
                for index, item in reversed(list(enumerate(value)))
            )
