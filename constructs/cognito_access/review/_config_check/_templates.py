"""The functions a Terraform string calls, found the way HCL's scanner reads templates.

A JSON string Terraform evaluates is a template: literal text with ``${ expression }``
interpolations and ``%{ if/for ... }`` directives; ``$${`` and ``%%{`` are a literal
``${`` and ``%{``. Inside a sequence, the native expression syntax: names, numbers,
operators, comments (``#``, ``//``, ``/* */``), braces, and quoted strings that are
templates again. A name followed by ``(``, blanks and comments allowed between, is a
function call; ``a::b::name(`` is a namespaced one (``provider::aws::...``, ``core::...``).

This follows HCL's ``scan_tokens.rl``. Where it could read a string otherwise than HCL
does, it refuses it (``UnreadableTemplateError``) rather than guess: a heredoc, a
character HCL's expressions do not use, an unclosed sequence, string or comment.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Blanks between tokens inside a sequence (HCL: spaces, tabs and newlines).
_BLANKS = frozenset(" \t\r\n")
# Operators and delimiters of HCL's expressions, other than braces and quotes.
_PUNCTUATION = frozenset("[]().,*/%+-=<>!?:&|~")
_DIGITS = frozenset("0123456789")
# Keywords a `(` may follow without a call: `%{ if (a) }`, `[for x in (b) : x]`.
_KEYWORDS = frozenset({"for", "if", "in"})


class UnreadableTemplateError(ValueError):
    """A string the gate cannot read as HCL would (the message says what it holds)."""


@dataclass
class Found:
    """What a template or an expression refers to, in order, repeats included."""

    # The names of the functions it calls (``provider::aws::arn_parse`` for namespaced ones).
    calls: list[str] = field(default_factory=list)
    # Each reference by its steps: ``("aws_x", "name", "id")``; ``"["`` where an index
    # follows, ``"."`` where a splat or a number does (``aws_x.name[0]``: ``("aws_x",
    # "name", "[")``).
    references: list[tuple[str, ...]] = field(default_factory=list)


def read_template(text: str) -> Found:
    """The calls and references of the template ``text`` (its ``${ }`` and ``%{ }``).

    Raises:
        UnreadableTemplateError: ``text`` holds what the gate does not read.
    """
    scanner = _Scanner(text)
    scanner.template(quoted=False)
    return scanner.found


def read_expression(text: str) -> Found:
    """The calls and references of ``text`` read as one native expression.

    Raises:
        UnreadableTemplateError: ``text`` holds what the gate does not read.
    """
    scanner = _Scanner(text)
    scanner.expression(in_sequence=False)
    return scanner.found


def _starts_name(char: str) -> bool:
    return char == "_" or char.isalpha()


def _continues_name(char: str) -> bool:
    return char in "_-" or char.isalnum()


class _Scanner:
    """One pass over a string; ``found`` collects its calls and references."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0
        self.found = Found()

    def template(self, *, quoted: bool) -> None:
        """Literal text and sequences, to the end or (``quoted``) to the closing quote."""
        text = self.text
        while self.at < len(text):
            char = text[self.at]
            if quoted and char == '"':
                self.at += 1
                return
            if quoted and char == "\\":
                self.at += 2  # an escape: the next character is literal
            elif text.startswith(("$${", "%%{"), self.at):
                self.at += 3
            elif text.startswith(("${", "%{"), self.at):
                self.at += 2
                self.expression(in_sequence=True)
            else:
                self.at += 1
        if quoted:
            msg = "a quoted string that is not closed"
            raise UnreadableTemplateError(msg)

    def expression(self, *, in_sequence: bool) -> None:
        """Tokens to the brace that closes the sequence (``in_sequence``) or to the end."""
        depth = 0
        while self.at < len(self.text):
            char = self.text[self.at]
            if char not in "{}":
                self.token(char)
                continue
            self.at += 1
            if char == "{":
                depth += 1
            elif depth:
                depth -= 1
            elif in_sequence:
                return
            else:
                msg = "a `}` that closes nothing"
                raise UnreadableTemplateError(msg)
        if in_sequence:
            msg = "a `${` or `%{` sequence that is not closed"
            raise UnreadableTemplateError(msg)

    def token(self, char: str) -> None:
        """Skip the token (not a brace) that starts with ``char``; read a string, note a call."""
        if char in _BLANKS:
            self.at += 1
        elif self.comment():
            pass
        elif self.text.startswith("<<", self.at):
            msg = "a heredoc (`<<`)"
            raise UnreadableTemplateError(msg)
        elif self.text.startswith("::", self.at):
            msg = "`::` after no name"
            raise UnreadableTemplateError(msg)
        elif char == '"':
            self.at += 1
            self.template(quoted=True)
        elif char in _DIGITS or char in _PUNCTUATION:
            self.at += 1
        elif _starts_name(char):
            self.name()
        else:
            msg = f"the character {char!r}, which HCL's expressions do not use"
            raise UnreadableTemplateError(msg)

    def comment(self) -> bool:
        """Skip one comment at the current position; whether there was one."""
        text = self.text
        if text.startswith(("#", "//"), self.at):
            end = text.find("\n", self.at)
            self.at = len(text) if end < 0 else end + 1
            return True
        if text.startswith("/*", self.at):
            end = text.find("*/", self.at + 2)
            if end < 0:
                msg = "a `/*` comment that is not closed"
                raise UnreadableTemplateError(msg)
            self.at = end + 2
            return True
        return False

    def identifier(self) -> str:
        """The name that starts at the current position."""
        start = self.at
        self.at += 1
        while self.at < len(self.text) and _continues_name(self.text[self.at]):
            self.at += 1
        return self.text[start : self.at]

    def skip_blanks(self) -> None:
        """Skip blanks and comments."""
        while self.at < len(self.text):
            if self.text[self.at] in _BLANKS:
                self.at += 1
            elif not self.comment():
                return

    def name(self) -> None:
        """A name, namespaced or not: a call when ``(`` follows, else a reference."""
        name = self.identifier()
        self.skip_blanks()
        while self.text.startswith("::", self.at):
            self.at += 2
            self.skip_blanks()
            if self.at >= len(self.text) or not _starts_name(self.text[self.at]):
                msg = f"`{name}::` followed by no name"
                raise UnreadableTemplateError(msg)
            name = f"{name}::{self.identifier()}"
            self.skip_blanks()
        if self.text.startswith("(", self.at):
            if name not in _KEYWORDS:
                self.found.calls.append(name)
        elif "::" not in name:
            self.found.references.append(self.traversal(name))

    def traversal(self, root: str) -> tuple[str, ...]:
        """The attribute steps after ``root``, up to an index, a splat or anything else."""
        steps = [root]
        while self.text.startswith(".", self.at) and not self.text.startswith("..", self.at):
            self.at += 1
            self.skip_blanks()
            if self.at >= len(self.text) or not _starts_name(self.text[self.at]):
                steps.append(".")
                break
            steps.append(self.identifier())
            self.skip_blanks()
            if self.text.startswith("(", self.at):
                # Not HCL (a call is never an attribute), but refused as the call it reads as.
                self.found.calls.append(steps[-1])
        if self.text.startswith("[", self.at):
            steps.append("[")
        return tuple(steps)
