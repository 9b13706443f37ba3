"""The summary as Markdown: heading, cautions, one line per changed resource, outputs."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from cognito_access.review._cautions import address, cautions
from cognito_access.review._masking import Leaf, Secrets, changed_leaves
from cognito_access.review._plan import (
    action_words,
    changed_resources,
    changes_nothing,
    kind,
    plan_problem,
    recreated,
    words,
)
from cognito_access.review._text import code, show, show_pair

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

MARKER = "<!-- cognito-access-plan-summary -->"
# The most characters GitHub accepts in one issue or pull-request comment.
GITHUB_COMMENT_LIMIT = 65_536
# Room for the marker, the heading and the note saying what was cut, with margin.
MIN_LIMIT = 500
_NO_CHANGES = "No changes. The infrastructure matches the configuration."
_MAX_ATTRIBUTES_PER_LINE = 20
# Why Terraform replaces a resource when no attribute forces it (resource_changes[].action_reason).
_REPLACE_REASONS = {
    "replace_because_tainted": "the object is tainted",
    "replace_by_request": "requested with -replace",
    "replace_by_triggers": "replace_triggered_by",
}


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
    if limit < MIN_LIMIT:
        msg = f"limit must be at least {MIN_LIMIT} characters; got {limit}"
        raise ValueError(msg)
    problem = plan_problem(plan)
    if problem is not None:
        msg = f"plan {problem}"
        raise ValueError(msg)
    resources = changed_resources(plan)
    outputs = {
        name: change
        for name, change in (plan.get("output_changes") or {}).items()
        if not changes_nothing(change["actions"])
    }
    if not resources and not outputs:
        return f"{MARKER}\n{_NO_CHANGES}\n"
    secrets = Secrets(plan)
    head = f"{MARKER}\n{_heading(resources)}\n"
    pieces: list[Piece] = [
        ("warning", f"\n> [!CAUTION]\n> {caution.text}\n", caution.kind.key)
        for caution in cautions(plan, resources, secrets)
    ]
    replaced = {new: str(old["address"]) for new, old in recreated(resources).items()}
    pieces += [
        (
            "change",
            ("\n" if index == 0 else "")
            + _resource_line(change, secrets, replaced.get(str(change["address"])))
            + "\n",
            None,
        )
        for index, change in enumerate(resources)
    ]
    pieces += [
        (
            "output change",
            ("\n**Output changes:**\n" if index == 0 else "")
            + f"- **{action_words(change['actions'])}** {code(name)}\n",
            None,
        )
        for index, (name, change) in enumerate(outputs.items())
    ]
    return _fit(head, pieces, limit)


def _heading(resources: Sequence[Mapping[str, Any]]) -> str:
    kinds = Counter(kind(resource) for resource in resources)
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


def _resource_line(
    resource: Mapping[str, Any], secrets: Secrets, recreates: str | None = None
) -> str:
    """A changed resource and its values: what changes, or what a created one is set to."""
    line = f"- **{words(resource)}** {address(resource)}"
    if recreates is not None:
        line += f" (recreates {code(recreates)})"
    if kind(resource) == "create":
        notes = [_set(leaf) for leaf in changed_leaves(resource["change"], secrets) if _shown(leaf)]
    elif kind(resource) in {"update", "replace"}:
        notes = [_note(leaf) for leaf in changed_leaves(resource["change"], secrets)]
    else:
        return line
    if len(notes) > _MAX_ATTRIBUTES_PER_LINE:
        hidden = len(notes) - _MAX_ATTRIBUTES_PER_LINE
        notes = [*notes[:_MAX_ATTRIBUTES_PER_LINE], f"… and {hidden:,} more attributes"]
    reason = _REPLACE_REASONS.get(resource.get("action_reason", ""))
    if reason is not None and kind(resource) == "replace":
        line += f" ({reason})"
    return line + (": " + "; ".join(notes) if notes else "")


def _shown(leaf: Leaf) -> bool:
    """Whether a created resource's value is listed: not unknown, not an empty list."""
    return not leaf.unknown and leaf.after != []


def _set(leaf: Leaf) -> str:
    """One value of a created resource: its path and value, or that it is masked."""
    if leaf.sensitive:
        return f"{code(leaf.name)} (sensitive)"
    return f"{code(leaf.name)}: {show(leaf.after)}"


def _note(leaf: Leaf) -> str:
    """One leaf as a reviewer reads it: its path, and its values or that they are masked."""
    if leaf.sensitive:
        said = f"{code(leaf.name)} (sensitive, {'changed' if leaf.changed else 'unchanged'})"
    elif leaf.unknown:
        was = f"{show(leaf.before)} → " if leaf.before is not None else ""
        said = f"{code(leaf.name)}: {was}(known after apply)"
    else:
        old, new = show_pair(leaf.before, leaf.after)
        said = f"{code(leaf.name)}: {old} → {new}"
    return said + " (forces replacement)" * leaf.forces_replacement


Piece = tuple[str, str, str | None]  # what it is, its text, its caution kind


def _fit(head: str, pieces: Sequence[Piece], limit: int) -> str:
    """``head`` and as many whole ``pieces`` as fit in ``limit``, with a note if any are cut."""
    whole = head + "".join(text for _, text, _ in pieces)
    if len(whole) <= limit:
        return whole
    # The note is never longer than when every piece is left out.
    budget = limit - len(head) - len(_cut_note(pieces, limit))
    kept = 0
    for _, text, _ in pieces:
        if len(text) > budget:
            break
        budget -= len(text)
        kept += 1
    return head + "".join(text for _, text, _ in pieces[:kept]) + _cut_note(pieces[kept:], limit)


def _cut_note(left: Sequence[Piece], limit: int) -> str:
    left_out = Counter(what for what, _, _ in left)
    kinds = list(dict.fromkeys(kind for _, _, kind in left if kind is not None))
    parts = [
        f"{count:,} more {kind}{'s' * (count != 1)}"
        + (f" ({', '.join(map(code, kinds))})" if kind == "warning" else "")
        for kind in ("warning", "change", "output change")
        if (count := left_out[kind])
    ]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return (
        f"\n_… {listed} not shown: this summary is cut to fit one pull-request comment "
        f"({limit:,} characters). The full plan is in the workflow run's log._\n"
    )
