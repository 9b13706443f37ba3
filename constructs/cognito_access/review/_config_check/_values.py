"""Rules for every value, wherever it sits: no repeated names, no impure call, no secret moved.

Terraform evaluates a JSON string as a template in most places, a property name as one
inside object expressions, and ignores neither in arrays: every string and every
property name of the file is read for ``${ }`` and ``%{ }`` sequences, whatever its
depth or block; each function they call must be one of ``ALLOWED_FUNCTIONS``, and a
secret attribute may be referred to only where the construct sends it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cognito_access.review._config_check._allowed import (
    ALLOWED_FUNCTIONS,
    REFUSED_FUNCTIONS,
    SECRET_ATTRIBUTES,
    SECRET_REFERENCE,
)
from cognito_access.review._config_check._syntax import JsonObject, Node, every_value, member
from cognito_access.review._config_check._templates import (
    UnreadableTemplateError,
    read_template,
)

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable

    from cognito_access.review._config_check._syntax import Problems


# Where a reference stops at an index (``[``), a splat or a number (``.``).
_MARKS = frozenset({"[", "."})
_ANY_SECRET = frozenset().union(*SECRET_ATTRIBUTES.values())


def value_problems(root: Node, problems: Problems, destinations: Collection[str]) -> None:
    """Refuse repeated names, other functions and secrets moved, anywhere.

    ``destinations`` are the JSON paths where the construct sends the client secret.
    """
    for node in every_value(root):
        value = node.value
        if isinstance(value, JsonObject):
            for name in value.repeated:
                problems.add(
                    Node(None, member(node.path, name)),
                    "is written twice in one object: Terraform reads both, Python the last",
                )
        if isinstance(value, dict):
            for name in value:
                key = Node(name, member(node.path, name))
                check_text(name, key, problems, whose="'s name", destination=False)
        elif isinstance(value, str):
            check_text(value, node, problems, whose="", destination=node.path in destinations)


def check_text(
    text: str, where: Node, problems: Problems, *, whose: str, destination: bool
) -> None:
    """Refuse ``text`` (a value at ``where``, or its name) unless Terraform reads it as we do."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        problems.add(
            where, "holds a lone UTF-16 surrogate, which Terraform reads apart", whose=whose
        )
        return
    try:
        found = read_template(text)
    except UnreadableTemplateError as error:
        problems.add(where, f"holds a template the gate cannot read: {error}", whose=whose)
        return
    except RecursionError:
        problems.add(where, "holds a template nested too deeply to be read", whose=whose)
        return
    function_problems(found.calls, where, problems, whose)
    sent = destination and SECRET_REFERENCE.fullmatch(text) is not None
    for reference in found.references:
        secret_problem(reference, where, problems, whose=whose, sent=sent)


def secret_problem(
    reference: tuple[str, ...], where: Node, problems: Problems, *, whose: str, sent: bool
) -> None:
    """Refuse ``reference`` if it reaches a secret, unless ``sent`` where the construct sends it.

    ``self`` (in a postcondition) may be any resource: none of its secret attributes, and
    not it as a whole. ``resource.`` may prefix a resource's address (Terraform 1.11).
    """
    root, *steps = reference
    if root == "resource" and steps:
        root, *steps = steps
    if root == "self":
        secrets, address = _ANY_SECRET, root
    elif root in SECRET_ATTRIBUTES and steps and steps[0] not in _MARKS:
        secrets, address = SECRET_ATTRIBUTES[root], f"{root}.{steps.pop(0)}"
    elif root in SECRET_ATTRIBUTES:
        secrets, address = SECRET_ATTRIBUTES[root], root
        steps = []
    else:
        return
    attribute = steps[0] if steps else "["
    if attribute in _MARKS:
        problems.add(
            where,
            f"refers to `{address}` as a whole or by index, secrets included; the stack "
            "refers to its attributes",
            whose=whose,
        )
    elif attribute in secrets and not sent:
        problems.add(
            where,
            f"refers to the secret `{address}.{attribute}`, which the stack sends only to "
            "its Cloudflare login method's `config.client_secret`: elsewhere Terraform or "
            "a provider could print it",
            whose=whose,
        )


def function_problems(calls: Iterable[str], where: Node, problems: Problems, whose: str) -> None:
    """Refuse each call in ``calls`` to a function that is not allowed."""
    for name in dict.fromkeys(calls):
        if name in ALLOWED_FUNCTIONS:
            continue
        plain = name.removeprefix("core::")
        reason = REFUSED_FUNCTIONS.get(plain) or (
            "it is provider-defined"
            if "::" in plain
            else "it is not one of the pure functions the gate allows"
        )
        problems.add(where, f"calls `{name}()`: {reason}", whose=whose)
