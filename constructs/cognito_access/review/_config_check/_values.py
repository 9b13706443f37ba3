"""Rules for every value, wherever it sits: names not repeated, strings calling only pure functions.

Terraform evaluates a JSON string as a template in most places, a property name as one
inside object expressions, and ignores neither in arrays: every string and every
property name of the file is read for ``${ }`` and ``%{ }`` sequences, whatever its
depth or block, and each function they call must be one of ``ALLOWED_FUNCTIONS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cognito_access.review._config_check._allowed import ALLOWED_FUNCTIONS, REFUSED_FUNCTIONS
from cognito_access.review._config_check._syntax import JsonObject, Node, every_value, member
from cognito_access.review._config_check._templates import (
    UnreadableTemplateError,
    template_calls,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from cognito_access.review._config_check._syntax import Problems


def value_problems(root: Node, problems: Problems) -> None:
    """Refuse repeated names, and strings or names that call other functions, anywhere."""
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
                check_text(name, Node(name, member(node.path, name)), problems, "'s name")
        elif isinstance(value, str):
            check_text(value, node, problems, "")


def check_text(text: str, where: Node, problems: Problems, whose: str) -> None:
    """Refuse ``text`` (a value at ``where``, or its name) unless Terraform reads it as we do."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        problems.add(
            where, "holds a lone UTF-16 surrogate, which Terraform reads apart", whose=whose
        )
        return
    try:
        calls = template_calls(text)
    except UnreadableTemplateError as error:
        problems.add(where, f"holds a template the gate cannot read: {error}", whose=whose)
        return
    function_problems(calls, where, problems, whose)


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
