"""A reviewer's summary of a Terraform plan, written as Markdown for a pull-request comment.

It reads the JSON of ``terraform show -json <saved plan>`` and writes, in this order:

- ``MARKER``, by which a CI workflow finds and updates its own comment;
- the counts: to import, add, change, replace and destroy;
- one caution for each replacement or destruction that users of the Cognito login
  will feel (the app client, the hosted UI domain, the Cloudflare login method, the
  user pool), saying what they will feel;
- one line per changed resource, with the attributes that change;
- the names of the outputs that change.

No value is written that Terraform marks sensitive, or that sits under a name such as
``client_secret`` or ``password``, or that repeats such a value: the JSON plan holds
secrets in clear text. The whole summary fits one GitHub comment.

From the command line: ``cognito-access-plan-summary [PLAN_JSON] [--max-chars N]``.
This module imports only the standard library, so the command starts quickly.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

__all__ = ["GITHUB_COMMENT_LIMIT", "MARKER", "main", "summarize"]

MARKER = "<!-- cognito-access-plan-summary -->"
# The most characters GitHub accepts in one issue or pull-request comment.
GITHUB_COMMENT_LIMIT = 65_536
# Room for the marker, the heading and the note saying what was cut, with margin.
_MIN_LIMIT = 500
_NO_CHANGES = "No changes. The infrastructure matches the configuration."
_EXPECTED = "the output of `terraform show -json <plan file>`"

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
# Why Terraform replaces a resource when no attribute forces it (resource_changes[].action_reason).
_REPLACE_REASONS = {
    "replace_because_tainted": "the object is tainted",
    "replace_by_request": "requested with -replace",
    "replace_by_triggers": "replace_triggered_by",
}

# A value under any of these names (compared case-insensitively, ignoring "_" and "-")
# is never shown, whether or not the plan marks it sensitive.
_SECRET_WORDS = ("secret", "password", "passwd", "token", "privatekey", "credential", "apikey")
_NOT_ALNUM = re.compile(r"[^0-9a-z]")
# A copied secret this long is also masked where it appears inside a longer string.
_MIN_EMBEDDED_SECRET = 8
_MAX_VALUE_CHARS = 60
_MAX_ATTRIBUTES_PER_LINE = 20

_CLIENT = "aws_cognito_user_pool_client"
_DOMAIN = "aws_cognito_user_pool_domain"
_IDENTITY_PROVIDER = "cloudflare_zero_trust_access_identity_provider"
_USER_POOL = "aws_cognito_user_pool"
# Tests run Cloudflare resources as terraform_data named <type>_<name>.
_STAND_IN = "terraform_data"
_STOOD_IN_TYPES = (_IDENTITY_PROVIDER,)
# What users feel when each resource is replaced or destroyed.
_CAUTIONS: dict[tuple[str, str], str] = {
    (_CLIENT, "replace"): (
        "The app client gets a new client id and secret. Every user signed in to "
        "Cloudflare Access through Cognito is signed out and must sign in again, and any "
        "other app that uses this client id breaks until it is given the new one."
    ),
    (_CLIENT, "destroy"): (
        "The app client and its secret are deleted. Every user signed in to Cloudflare "
        "Access through Cognito is signed out and cannot sign in through it again, and any "
        "other app that uses this client id breaks."
    ),
    (_DOMAIN, "replace"): (
        "The hosted UI login page is unavailable between the delete and the create: "
        "signing in through Cognito fails meanwhile."
    ),
    (_DOMAIN, "destroy"): (
        "The hosted UI login page is removed: signing in through Cognito fails from then on."
    ),
    (_IDENTITY_PROVIDER, "replace"): (
        "The Cloudflare login method gets a new id. Access applications and policies that "
        "name the old one must be updated, and users see the login method disappear, then "
        "reappear."
    ),
    (_IDENTITY_PROVIDER, "destroy"): (
        "The Cloudflare login method is deleted: users no longer see it, and Access "
        "applications and policies that name it must be updated."
    ),
    (_USER_POOL, "replace"): (
        "Every user, password and group in the pool is lost: the new pool starts empty, "
        "with a new id."
    ),
    (_USER_POOL, "destroy"): "Every user, password and group in the pool is lost.",
}
_CAUTION_VERBS = {"replace": "Replacing", "destroy": "Destroying"}


def summarize(plan: Mapping[str, Any], *, limit: int = GITHUB_COMMENT_LIMIT) -> str:
    """Markdown summarizing ``plan``, the parsed JSON of ``terraform show -json <plan file>``.

    The first line is ``MARKER``; the whole text is at most ``limit`` characters (at
    least 500), ending with a newline. When the changes do not fit, the list is cut
    after a whole line and a note says how many were left out. Default: 65,536
    characters, the most one GitHub comment holds.

    Raises:
        ValueError: ``plan`` is not a Terraform plan in JSON format 1.x, or ``limit``
            is below 500.
    """
    if limit < _MIN_LIMIT:
        msg = f"limit must be at least {_MIN_LIMIT} characters; got {limit}"
        raise ValueError(msg)
    problem = _plan_problem(plan)
    if problem is not None:
        msg = f"plan {problem}"
        raise ValueError(msg)
    resources = [
        change for change in plan.get("resource_changes") or () if _words(change) is not None
    ]
    outputs = {
        name: change
        for name, change in (plan.get("output_changes") or {}).items()
        if tuple(change["actions"]) not in _UNCHANGED
    }
    if not resources and not outputs:
        return f"{MARKER}\n{_NO_CHANGES}\n"
    secrets = _Secrets(plan)
    head = f"{MARKER}\n{_heading(resources)}\n"
    pieces = [("warning", f"\n> [!CAUTION]\n> {caution}\n") for caution in _cautions(resources)]
    pieces += [
        ("change", ("\n" if index == 0 else "") + _resource_line(change, secrets) + "\n")
        for index, change in enumerate(resources)
    ]
    pieces += [
        (
            "output change",
            ("\n**Output changes:**\n" if index == 0 else "") + _output_line(name, change),
        )
        for index, (name, change) in enumerate(outputs.items())
    ]
    return _fit(head, pieces, limit)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the summary of a plan's JSON read from a file or standard input.

    Returns 0, or 2 after a message on standard error when the input is not a plan's
    JSON. Bad usage (an unknown option, a ``--max-chars`` below 500) exits with 2, as
    argparse does.
    """
    parser = argparse.ArgumentParser(
        prog="cognito-access-plan-summary",
        description=(
            "Summarize a Terraform plan for a pull-request comment, as Markdown on stdout. "
            "Sensitive and secret-looking values are never printed."
        ),
    )
    parser.add_argument(
        "plan_json",
        nargs="?",
        default="-",
        metavar="PLAN_JSON",
        help="the output of `terraform show -json <plan file>`; '-' or absent: standard input",
    )
    parser.add_argument(
        "--max-chars",
        type=_limit_argument,
        default=GITHUB_COMMENT_LIMIT,
        metavar="N",
        help=f"the most characters to print (at least {_MIN_LIMIT}). Default: %(default)s",
    )
    arguments = parser.parse_args(argv)
    source: str = arguments.plan_json
    name = "standard input" if source == "-" else source
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return _usage_error(parser, f"{name} is not UTF-8 text, so not a plan's JSON")
    except OSError as error:
        return _usage_error(parser, f"cannot read {name}: {error.strerror or error}")
    try:
        plan = json.loads(text)
    except json.JSONDecodeError as error:
        return _usage_error(parser, f"{name} is not JSON ({error}); expected {_EXPECTED}")
    problem = _plan_problem(plan)
    if problem is not None:
        return _usage_error(parser, f"{name} {problem}")
    sys.stdout.write(summarize(plan, limit=arguments.max_chars))
    return 0


def _usage_error(parser: argparse.ArgumentParser, message: str) -> int:
    parser.print_usage(sys.stderr)
    sys.stderr.write(f"{parser.prog}: error: {message}\n")
    return 2


def _limit_argument(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        msg = f"must be a whole number; got {text!r}"
        raise argparse.ArgumentTypeError(msg) from None
    if value < _MIN_LIMIT:
        msg = f"must be at least {_MIN_LIMIT}; got {value}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _plan_problem(plan: object) -> str | None:
    """What makes ``plan`` not a plan's JSON that this module reads, or None."""
    if not isinstance(plan, Mapping):
        return f"is not a JSON object but {type(plan).__name__}; expected {_EXPECTED}"
    version = plan.get("format_version")
    if not isinstance(version, str):
        return f"has no format_version; expected {_EXPECTED}"
    if version.split(".")[0] != "1":
        return f"has format_version {version!r}; this tool reads format 1.x"
    if not {"planned_values", "resource_changes", "output_changes"} & plan.keys():
        if "values" in plan:
            return (
                "is Terraform state, not a plan: run `terraform show -json` on a saved plan "
                "(`terraform plan -out=FILE`)"
            )
        return f"has no planned_values, resource_changes or output_changes; expected {_EXPECTED}"
    return _changes_problem(plan)


def _changes_problem(plan: Mapping[str, Any]) -> str | None:
    resources = plan.get("resource_changes") or []
    if not isinstance(resources, list):
        return f"has resource_changes that is not a list; expected {_EXPECTED}"
    for index, resource in enumerate(resources):
        problem = _resource_problem(resource)
        if problem is not None:
            return f"has resource_changes[{index}] {problem}"
    outputs = plan.get("output_changes") or {}
    if not isinstance(outputs, Mapping):
        return f"has output_changes that is not an object; expected {_EXPECTED}"
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


def _words(resource: Mapping[str, Any]) -> str | None:
    """What happens to a resource, as a reviewer reads it ("import and update"), or None."""
    change = resource["change"]
    actions = tuple(change["actions"])
    words = []
    if change.get("importing") is not None:
        words.append("import")
    if actions not in _UNCHANGED:
        words.append(_ACTION_WORDS.get(actions, "/".join(actions)))
    return " and ".join(words) or None


def _kind(resource: Mapping[str, Any]) -> str | None:
    """The counted kind of change of a resource: create, update, replace, destroy or forget."""
    return _ACTION_WORDS.get(tuple(resource["change"]["actions"]))


def _heading(resources: Sequence[Mapping[str, Any]]) -> str:
    kinds = Counter(_kind(resource) for resource in resources)
    imports = sum(resource["change"].get("importing") is not None for resource in resources)
    counts = [
        f"{imports:,} to import",
        f"{kinds['create']:,} to add",
        f"{kinds['update']:,} to change",
        f"{kinds['replace']:,} to replace",
        f"{kinds['destroy']:,} to destroy",
    ]
    if kinds["forget"]:
        counts.append(f"{kinds['forget']:,} to forget")
    return "**Plan:** " + ", ".join(counts)


def _watched_type(resource: Mapping[str, Any]) -> str:
    """The resource's type, or the Cloudflare type a ``terraform_data`` stands in for."""
    if resource["type"] == _STAND_IN:
        for stood_in in _STOOD_IN_TYPES:
            if resource["name"].startswith(f"{stood_in}_"):
                return stood_in
    return str(resource["type"])


def _cautions(resources: Sequence[Mapping[str, Any]]) -> Iterator[str]:
    for resource in resources:
        kind = _kind(resource)
        caution = _CAUTIONS.get((_watched_type(resource), kind or ""))
        if kind is not None and caution is not None:
            yield f"**{_CAUTION_VERBS[kind]} {_address(resource)}:** {caution}"


def _address(resource: Mapping[str, Any]) -> str:
    deposed = resource.get("deposed")
    suffix = f" (deposed object {_code(str(deposed))})" if deposed else ""
    return _code(resource["address"]) + suffix


def _resource_line(resource: Mapping[str, Any], secrets: _Secrets) -> str:
    line = f"- **{_words(resource)}** {_address(resource)}"
    if _kind(resource) not in {"update", "replace"}:
        return line
    notes = _attribute_notes(resource["change"], secrets)
    if len(notes) > _MAX_ATTRIBUTES_PER_LINE:
        hidden = len(notes) - _MAX_ATTRIBUTES_PER_LINE
        notes = [*notes[:_MAX_ATTRIBUTES_PER_LINE], f"… and {hidden:,} more attributes"]
    reason = _REPLACE_REASONS.get(resource.get("action_reason", ""))
    if reason is not None and _kind(resource) == "replace":
        line += f" ({reason})"
    return line + (": " + "; ".join(notes) if notes else "")


def _attribute_notes(change: Mapping[str, Any], secrets: _Secrets) -> list[str]:
    """One note per top-level attribute that changes, those forcing replacement first."""
    before, after = _object(change.get("before")), _object(change.get("after"))
    unknown = _object(change.get("after_unknown"))
    forcing = {
        path[0]
        for path in change.get("replace_paths") or ()
        if isinstance(path, list) and path and isinstance(path[0], str)
    }
    changed = [
        name
        for name in sorted(before.keys() | after.keys() | unknown.keys() | forcing)
        if name in forcing or _marked(unknown.get(name)) or before.get(name) != after.get(name)
    ]
    changed.sort(key=lambda name: name not in forcing)
    notes = []
    for name in changed:
        if _is_sensitive(name, change, secrets):
            note = f"{_code(name)} (sensitive)"
        elif _marked(unknown.get(name)):
            was = f"{_value(before[name])} → " if before.get(name) is not None else ""
            note = f"{_code(name)}: {was}(known after apply)"
        else:
            note = f"{_code(name)}: {_value(before.get(name))} → {_value(after.get(name))}"
        notes.append(note + " (forces replacement)" * (name in forcing))
    return notes


def _output_line(name: str, change: Mapping[str, Any]) -> str:
    actions = tuple(change["actions"])
    return f"- **{_ACTION_WORDS.get(actions, '/'.join(actions))}** {_code(name)}\n"


def _is_sensitive(name: str, change: Mapping[str, Any], secrets: _Secrets) -> bool:
    """Whether the attribute ``name`` must be masked in either its before or after value."""
    for side, marks in (("before", "before_sensitive"), ("after", "after_sensitive")):
        value, marker = _object(change.get(side)).get(name), change.get(marks)
        if marker is True or (isinstance(marker, Mapping) and _marked(marker.get(name))):
            return True
        if _secret_name(name) or _has_secret_key(value) or secrets.repeated_in(value):
            return True
    return False


def _marked(marker: object) -> bool:
    """Whether a sensitivity or unknown marker holds ``true`` anywhere."""
    if isinstance(marker, Mapping):
        return any(_marked(item) for item in marker.values())
    if isinstance(marker, list):
        return any(_marked(item) for item in marker)
    return marker is True


def _secret_name(name: str) -> bool:
    folded = _NOT_ALNUM.sub("", name.lower())
    return any(word in folded for word in _SECRET_WORDS)


def _has_secret_key(value: object) -> bool:
    if isinstance(value, Mapping):
        return any(_secret_name(str(key)) or _has_secret_key(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_secret_key(item) for item in value)
    return False


class _Secrets:
    """The strings of a plan that are sensitive or under a secret-looking name."""

    def __init__(self, plan: Mapping[str, Any]) -> None:
        changes = [resource["change"] for resource in plan.get("resource_changes") or ()]
        changes += list((plan.get("output_changes") or {}).values())
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

    def repeated_in(self, value: object) -> bool:
        """Whether ``value`` holds one of them, as a whole string or inside a longer one."""
        strings = [*_hidden_strings(value, None, hidden=True), *_keys(value)]
        return any(
            text in self._whole or (self._embedded is not None and self._embedded.search(text))
            for text in strings
        )


def _hidden_strings(value: object, marker: object, *, hidden: bool) -> Iterator[str]:
    """The strings in ``value`` that ``marker`` marks, or that sit under a secret name."""
    hidden = hidden or marker is True
    if isinstance(value, Mapping):
        marks = marker if isinstance(marker, Mapping) else {}
        for key, item in value.items():
            secret = hidden or _secret_name(str(key))
            yield from _hidden_strings(item, marks.get(key), hidden=secret)
    elif isinstance(value, list):
        items = marker if isinstance(marker, list) else []
        for index, item in enumerate(value):
            mark = items[index] if index < len(items) else None
            yield from _hidden_strings(item, mark, hidden=hidden)
    elif hidden and isinstance(value, str):
        yield value


def _keys(value: object) -> list[str]:
    if isinstance(value, Mapping):
        return [str(key) for key in value] + [k for item in value.values() for k in _keys(item)]
    if isinstance(value, list):
        return [key for item in value for key in _keys(item)]
    return []


def _object(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _value(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if len(text) > _MAX_VALUE_CHARS:
        text = text[: _MAX_VALUE_CHARS - 1] + "…"
    return _code(text)


def _code(text: str) -> str:
    """``text`` as one Markdown code span, on one line, whatever backticks it holds."""
    text = text.replace("\r", "\\r").replace("\n", "\\n")
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    padded = text[:1] == "`" or text[-1:] == "`" or (text[:1] == " " and text[-1:] == " ")
    pad = " " if padded else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _fit(head: str, pieces: Sequence[tuple[str, str]], limit: int) -> str:
    """``head`` and as many whole ``pieces`` as fit in ``limit``, with a note if any are cut."""
    whole = head + "".join(text for _, text in pieces)
    if len(whole) <= limit:
        return whole
    # The note is never longer than when every piece is left out.
    budget = limit - len(head) - len(_note(Counter(kind for kind, _ in pieces), limit))
    kept = 0
    for _, text in pieces:
        if len(text) > budget:
            break
        budget -= len(text)
        kept += 1
    left_out = Counter(kind for kind, _ in pieces[kept:])
    return head + "".join(text for _, text in pieces[:kept]) + _note(left_out, limit)


def _note(left_out: Counter[str], limit: int) -> str:
    parts = [
        f"{count:,} more {kind}{'s' * (count != 1)}"
        for kind in ("warning", "change", "output change")
        if (count := left_out[kind])
    ]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return (
        f"\n_… {listed} not shown: this summary is cut to fit one pull-request comment "
        f"({limit:,} characters). See the uploaded plan._\n"
    )


if __name__ == "__main__":
    raise SystemExit(main())
