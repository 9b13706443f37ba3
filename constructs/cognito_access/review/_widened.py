"""Cautions for changes that widen who gets in, each one sentence saying what users feel.

An Access policy (``cloudflare_zero_trust_access_policy``) or Access group: a rule added
to ``include`` (a Cognito group, an email, an email domain, any other rule, named); a
rule that matches every user (``everyone``, an ``ip`` range of every address); the
``login_method`` requirement or another ``require`` rule removed; an ``exclude`` rule
removed; a policy's decision turned to ``bypass`` or ``non_identity`` (no user sign-in)
or from ``deny`` to ``allow``. A created policy or group is compared with nothing (or
with the one it replaces), so every rule it includes is named. An Access application
(``cloudflare_zero_trust_access_application``) updated or recreated: a login method
added to ``allowed_idps`` (its id known or not) or the list emptied (every login method
of the account), a policy attached.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from itertools import chain
from typing import TYPE_CHECKING, Any

from cognito_access._facts import (
    ACCESS_APPLICATIONS,
    ACCESS_GROUPS,
    ACCESS_POLICIES,
    GROUPS_CLAIM,
    POLICY_ALLOW,
    POLICY_BYPASS,
    POLICY_DENY,
    POLICY_NON_IDENTITY,
)
from cognito_access.review._kinds import Caution, Kind, said
from cognito_access.review._masking import Side, sides
from cognito_access.review._text import code

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from cognito_access.review._masking import Secrets

Found = tuple[Kind, str, str]  # a caution's kind, title and sentence
_NO_SIGN_IN = {
    POLICY_BYPASS: (
        Kind.NO_SIGN_IN,
        "Sign-in bypassed",
        (
            "Anyone whose request matches its rules reaches the application with no sign-in at "
            "all: Access asks no one who they are, wherever this policy is attached."
        ),
    ),
    POLICY_NON_IDENTITY: (
        Kind.NO_SIGN_IN,
        "Service Auth decision",
        (
            "Requests that match its rules (service tokens, certificates, IP addresses) reach the "
            "application with no user sign-in, wherever this policy is attached."
        ),
    ),
}
_POLICY_WHERE = "wherever this policy is attached"
_GROUP_WHERE = "wherever a policy names this group"

Rule = dict[tuple[str, ...], Any]  # a rule's known leaves, by path: ("email", "email") -> "a@b"
UNKNOWN = "(known after apply)"  # a rule's value the plan does not know yet
_UNKNOWN_SAID = "a value known only after apply"


def widened(resource: Mapping[str, Any], secrets: Secrets, address: str) -> Iterator[Caution]:
    """The cautions for ``resource`` (shown as ``address``) that widen who gets in."""
    change = resource["change"]
    before, after = sides(change, secrets)
    unknown = change.get("after_unknown")
    if resource["type"] in ACCESS_POLICIES:
        found = _policy(before, after, unknown, _POLICY_WHERE)
    elif resource["type"] in ACCESS_GROUPS:
        found = _policy(before, after, unknown, _GROUP_WHERE)
    elif resource["type"] in ACCESS_APPLICATIONS:
        found = _inline(before, after)
        if before.value is not None:
            found = chain(found, _application(before, after, unknown))
    else:
        return
    for kind, title, sentence in found:
        yield said(kind, title, sentence, address)


def _inline(before: Side, after: Side) -> Iterator[Found]:
    """Each inline policy of an application checked as a policy of its own."""
    for index, old, new in inline_policies(before, after):
        where = f"wherever the inline policy `policies[{index}]` applies"
        yield from _policy(old, new, new.unknown, where, standalone=False)


def is_inline(item: object) -> bool:
    """Whether an entry of an application's ``policies`` carries its own rules."""
    return isinstance(item, Mapping) and any(
        item.get(name) is not None for name in ("decision", "include", "require", "exclude")
    )


def inline_policies(before: Side, after: Side) -> Iterator[tuple[int, Side, Side]]:
    """Each inline policy of an application's ``after`` with the one it was in ``before``.

    The one it was: the entry with the same id, else the same name, else the inline
    entry at the same index; a new inline policy is compared with nothing.
    """
    olds = _list(before.at("policies"))
    for index, item in enumerate(_list(after.at("policies"))):
        if not is_inline(item):
            continue
        match = next(
            (
                at
                for key in ("id", "name")
                if item.get(key) is not None
                for at, old in enumerate(olds)
                if isinstance(old, Mapping) and old.get(key) == item.get(key)
            ),
            None,
        )
        if match is None and index < len(olds) and is_inline(olds[index]):
            match = index
        old = (
            before.within("policies", match)
            if match is not None
            else Side(None, None, before.secrets)
        )
        yield index, old, after.within("policies", index)


def _policy(
    before: Side, after: Side, unknown: object, where: str, *, standalone: bool = True
) -> Iterator[Found]:
    decision, was = after.at("decision"), before.at("decision")
    if not after.known("decision"):
        yield (
            Kind.DECISION_UNKNOWN,
            "Decision known only after apply",
            (
                "The plan cannot say whether the policy will allow, deny or bypass: if it "
                "bypasses, anyone whose request matches its rules gets in without signing in, "
                f"{where}."
            ),
        )
    if (
        standalone
        and before.value is not None
        and before.at("precedence") != after.at("precedence")
    ):
        yield _REORDERED  # v4's policies carry their own precedence
    if decision in _NO_SIGN_IN and was != decision:
        yield _NO_SIGN_IN[str(decision)]  # it speaks for every rule of the policy
        return
    if decision == POLICY_ALLOW and was == POLICY_DENY:
        yield (
            Kind.DENY_TO_ALLOW,
            "Decision changed from `deny` to `allow`",
            f"Users who match its rules were kept out and can now get in, {where}.",
        )
    if decision == POLICY_DENY:  # its rules keep users out: see _unprotected
        return
    whom = "group" if where == _GROUP_WHERE else "policy"
    yield from _rules_unknown(unknown, whom, where)
    if whom == "policy":
        yield from _gates_off(before, after, where)
    for index, rule in added_rules(before, after, unknown, "include"):
        everyone = matches_everyone(rule)
        if everyone:
            yield (
                Kind.EVERYONE_INCLUDED,
                f"{everyone} included",
                (
                    f"Every user who can sign in now matches the {whom}, so it no longer limits "
                    f"who gets in, {where}."
                ),
            )
        else:
            title, who = who_matches(rule, after, "include", index)
            yield (
                Kind.RULE_INCLUDED,
                f"{title} added to `include`",
                f"{_capital(who)} can now get in, {where}.",
            )
    if before.value is not None:
        yield from _removed(before, after, unknown, where)


# A policy's checks beyond its rules, each true when on (null is off: the default).
_GATES = {
    ("approval_required",): "approval by an approver",
    ("purpose_justification_required",): "a stated purpose",
    ("isolation_required",): "browser isolation",
}


def _gates_off(before: Side, after: Side, where: str) -> Iterator[Found]:
    """Checks a policy made before letting users in, turned off (false or removed)."""
    for path, what in _GATES.items():
        if before.at(*path) is True and after.at(*path) is not True and after.known(*path):
            yield (
                Kind.GATE_REMOVED,
                f"`{path[-1]}` turned off",
                f"Users the policy lets in no longer need {what}, {where}.",
            )
    if (
        after.at("mfa_config", "mfa_disabled") is True
        and before.at("mfa_config", "mfa_disabled") is not True
    ):
        yield (
            Kind.GATE_REMOVED,
            "`mfa_config.mfa_disabled` set",
            f"Users the policy lets in are no longer asked for a second factor, {where}.",
        )


def _rules_unknown(unknown: object, whom: str, where: str) -> Iterator[Found]:
    """Lists of rules known only after apply as a whole: who gets in is not known."""
    marks = unknown if isinstance(unknown, Mapping) else {}
    for name in ("include", "require", "exclude"):
        if marks.get(name) is True:
            yield (
                Kind.RULES_UNKNOWN,
                f"`{name}` known only after apply",
                (
                    f"The plan cannot say which rules the {whom}'s `{name}` will hold, so it "
                    f"cannot say who will get in, {where}."
                ),
            )


def _removed(before: Side, after: Side, unknown: object, where: str) -> Iterator[Found]:
    """Rules removed from ``require`` or ``exclude``: fewer users are held back."""
    for index, rule in added_rules(before, after, unknown, "require", removed=True):
        if matches_everyone(rule):  # it held no one back
            continue
        title, who = who_matches(rule, before, "require", index)
        if ("login_method", "id") in rule:
            yield (
                Kind.LOGIN_METHOD_NOT_REQUIRED,
                "`login_method` requirement removed",
                (
                    f"Signing in with {who} is no longer required: any login method of the "
                    "account, such as a one-time PIN mailed to an allowed address, can now "
                    f"satisfy the policy, {where}."
                ),
            )
        else:
            yield (
                Kind.RULE_NOT_REQUIRED,
                f"{title} no longer required",
                (
                    f"The policy no longer requires {who}, so users it kept out can now get "
                    f"in, {where}."
                ),
            )
    for index, rule in added_rules(before, after, unknown, "exclude", removed=True):
        title, who = who_matches(rule, before, "exclude", index)
        yield (
            Kind.EXCLUSION_REMOVED,
            f"{title} removed from `exclude`",
            f"The policy no longer keeps out {who}, {where}.",
        )


def _application(before: Side, after: Side, unknown: object) -> Iterator[Found]:
    marks = unknown if isinstance(unknown, Mapping) else {}
    if (
        after.at("options_preflight_bypass") is True
        and before.at("options_preflight_bypass") is not True
    ):
        yield (
            Kind.GATE_REMOVED,
            "`options_preflight_bypass` turned on",
            (
                "Access lets every `OPTIONS` request through to the origin with no sign-in: "
                "the origin must not act on them."
            ),
        )
    for name in ("allowed_idps", "policies"):
        if marks.get(name) is True:
            yield (
                Kind.RULES_UNKNOWN,
                f"`{name}` known only after apply",
                (
                    f"The plan cannot say what the application's `{name}` will hold, so it "
                    "cannot say which login methods or policies will let users in."
                ),
            )
    old, new = before.at("allowed_idps"), after.at("allowed_idps")
    if marks.get("allowed_idps") is not True:
        had = old if isinstance(old, list) else []
        if had and not new:
            yield (
                Kind.ALLOWED_IDPS_EMPTIED,
                "`allowed_idps` emptied",
                (
                    "The application now offers every login method of the account, so a policy "
                    "that does not require the login method lets users in through any of them "
                    "(such as a one-time PIN)."
                ),
            )
        # With none before, every login method was offered: listing some narrows.
        news = new if had and isinstance(new, list) else []
        for index, idp in enumerate(news):
            if idp is not None and idp not in had:
                yield (
                    Kind.LOGIN_METHOD_OFFERED,
                    "Login method added to `allowed_idps`",
                    (
                        "Users can now sign in to the application with the login method "
                        f"{after.say(idp, 'allowed_idps', index)}, and a policy that does not "
                        "require a login method accepts it."
                    ),
                )
        yield from _unknown_idps(had, news, marks.get("allowed_idps"))
    yield from _attached(before, after, marks)
    if marks.get("policies") is not True:
        yield from _reordered(before, after)


_REORDERED: Found = (
    Kind.POLICY_ORDER_CHANGED,
    "Policy order changed",
    (
        "Access applies an application's first matching `allow` or `deny` policy by "
        "precedence: users an earlier `deny` kept out may now be let in by a policy "
        "evaluated before it."
    ),
)


def _reordered(before: Side, after: Side) -> Iterator[Found]:
    """The policies both sides attach, in another order (by precedence, else position)."""
    old, new = _order(before.at("policies")), _order(after.at("policies"))
    both = [key for key in new if key in old]
    if both != [key for key in old if key in new]:
        yield _REORDERED


def _order(policies: object) -> list[object]:
    """The ids (or names) of ``policies`` in the order Access applies them."""
    items = list(enumerate(_list(policies)))

    def rank(entry: tuple[int, Any]) -> tuple[float, int]:
        index, item = entry
        precedence = item.get("precedence") if isinstance(item, Mapping) else None
        return (precedence if isinstance(precedence, int) else float(index), index)

    keys = []
    for _, item in sorted(items, key=rank):
        key = _policy_id(item) or (item.get("name") if isinstance(item, Mapping) else None)
        if key is not None:
            keys.append(key)
    return keys


def _unknown_idps(had: list[Any], new: list[Any], marks: object) -> Iterator[Found]:
    """Login methods whose ids are known only after apply, beyond those they may replace."""
    pending = [
        index
        for index in range(len(new))
        if isinstance(marks, list) and index < len(marks) and marks[index] is True
    ]
    gone = [idp for idp in had if idp not in new]  # an id replaced shows as unknown
    added = len(pending) - len(gone)
    if added > 0:
        what = "a login method" if added == 1 else f"{added} login methods"
        yield (
            Kind.LOGIN_METHOD_OFFERED,
            "Login method added to `allowed_idps`",
            (
                f"Users can now sign in to the application with {what} whose id is known only "
                "after apply (such as a one-time PIN), and a policy that does not require a "
                "login method accepts it."
            ),
        )


def _attached(before: Side, after: Side, marks: Mapping[str, Any]) -> Iterator[Found]:
    """A policy attached to the application: its users get in too."""
    if marks.get("policies") is True:
        return
    old, new = before.at("policies"), after.at("policies")
    old = old if isinstance(old, list) else []
    new = new if isinstance(new, list) else []
    had = {_policy_id(item) for item in old} - {None}
    named = [
        "the policy " + after.say(policy_id, "policies", index, "id")
        for index, item in enumerate(new)
        if (policy_id := _policy_id(item)) is not None and policy_id not in had
    ]
    # Inline policies are checked as policies of their own (``_inline``), not counted here.
    by_reference = [item for item in new if not is_inline(item)]
    had_by_reference = [item for item in old if not is_inline(item)]
    later = max(len(by_reference) - len(had_by_reference) - len(named), 0)
    if later:
        named.append(
            "a policy whose id is known only after apply"
            if later == 1
            else f"{later} policies whose ids are known only after apply"
        )
    if named:
        yield (
            Kind.POLICY_ATTACHED,
            "Policy attached",
            (
                f"Users allowed by {listed(named)} can now reach the application, besides "
                "those its other policies allow."
            ),
        )


def _policy_id(item: object) -> str | None:
    """A policy's id: an object's ``id`` (v5), or the item itself (v4's list of ids)."""
    policy_id = item.get("id") if isinstance(item, Mapping) else item
    return policy_id if isinstance(policy_id, str) else None


def added_rules(
    before: Side, after: Side, unknown: object, name: str, *, removed: bool = False
) -> Iterator[tuple[int, Rule]]:
    """The rules of the list ``name`` that ``after`` adds, with their index in ``after``.

    ``removed``: those it removes instead, with their index in ``before``. A rule with a
    value known only after apply (an identity provider replaced) is the same as one that
    agrees on every known value.
    """
    marks = unknown.get(name) if isinstance(unknown, Mapping) else None
    if marks is True:
        return
    old, new = before.at(name), after.at(name)
    olds = [(leaves(rule), set[tuple[str, ...]]()) for rule in _list(old)]
    news = [_with_pending(rule, _pending(marks, index)) for index, rule in enumerate(_list(new))]
    found, other = (olds, news) if removed else (news, olds)
    for index, (rule, pending) in enumerate(found):
        # A v4 rule block holds several kinds, each a list: each kind is a rule of its own.
        for kind in dict.fromkeys(path[0] for path in rule):
            part = _part(rule, kind)
            others = [(_part(them, kind), theirs) for them, theirs in other]
            if any(_same(part, them, pending | theirs) for them, theirs in others):
                continue
            part = _beyond(part, [them for them, _ in others])
            if part:
                yield index, part


def _part(rule: Rule, kind: str) -> Rule:
    """The leaves of ``rule`` of one kind."""
    return {path: value for path, value in rule.items() if path[0] == kind}


def _beyond(rule: Rule, others: list[Rule]) -> Rule:
    """``rule`` with each list value (v4: emails, domains) kept to the items ``others`` lack.

    An empty list and a list whose items all are in ``others`` say nothing new: left out.
    A rule with such a value only is empty.
    """
    kept: Rule = {}
    for path, value in rule.items():
        if isinstance(value, list):
            had = [item for them in others for item in _list(them.get(path))]
            value = [item for item in value if item not in had]  # noqa: PLW2901 - narrowed
            if not value:
                continue
        kept[path] = value
    return kept


def _with_pending(rule: object, pending: set[tuple[str, ...]]) -> tuple[Rule, set[tuple[str, ...]]]:
    """A new rule's leaves, its values known only after apply among them as ``UNKNOWN``.

    Only an id known after apply (of a login method or group replaced) may stand for
    the value it had; any other value known only after apply makes the rule a new one.
    """
    found = leaves(rule)
    found.update(dict.fromkeys(pending, UNKNOWN))
    return found, {path for path in pending if path[-1].endswith("id")}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _pending(marks: object, index: int) -> set[tuple[str, ...]]:
    """The paths of a rule whose values are known only after apply."""
    mark = marks[index] if isinstance(marks, list) and index < len(marks) else None
    return {path for path, value in leaves(mark).items() if value is True}


def _same(rule: Rule, other: Rule, pending: set[tuple[str, ...]]) -> bool:
    """Whether two rules agree on every value, but for those of ``pending`` paths."""
    return all(
        rule.get(path) == other.get(path)
        for path in rule.keys() | other.keys()
        if path not in pending
    )


def leaves(value: object, path: tuple[str, ...] = ()) -> Rule:
    """The set values of a rule, by path; an empty object (``everyone: {}``) is one leaf."""
    if isinstance(value, Mapping):
        found: Rule = {}
        for key, item in value.items():
            found.update(leaves(item, (*path, str(key))))
        return {path: {}} if path and not value else found
    return {} if value is None or value is False else {path: value}


def matches_everyone(rule: Rule) -> str | None:
    """The title of a rule that every user matches, or None."""
    kinds = {path[0] for path in rule}
    if "everyone" in kinds:
        return "`everyone`"
    cidrs = [rule.get(("ip", "ip")), *_list(rule.get(("ip",)))]  # v5; v4's list
    for cidr in cidrs:
        if not isinstance(cidr, str):
            continue
        try:
            network = ipaddress.ip_network(cidr, strict=False)
        except ValueError:
            continue
        if network.prefixlen == 0:
            return f"Every IPv{network.version} address"
    return None


# What a rule matches, as a noun phrase naming its value, by its kind and its value's name.
_WHO: dict[str, tuple[str, str, str]] = {
    "email": ("Email", "email", "the user with the address {}"),
    "email_domain": ("Email domain", "domain", "every user with an address at {}"),
    "ip": ("IP range", "ip", "requests from {}"),
    "geo": ("Country", "country_code", "requests from the country {}"),
    "group": ("Access group", "id", "members of the Access group {}"),
    "email_list": ("Email list", "id", "the addresses of the list {}"),
    "ip_list": ("IP list", "id", "requests from the addresses of the list {}"),
    "login_method": ("Login method", "id", "the login method {}"),
    "service_token": ("Service token", "token_id", "whoever holds the service token {}"),
    "common_name": ("Certificate name", "common_name", "whoever presents a certificate for {}"),
    "auth_method": ("Authentication method", "auth_method", "users who signed in by {}"),
    "device_posture": ("Device posture", "integration_uid", "devices passing the check {}"),
}
_WHO_ALONE = {
    "any_valid_service_token": (
        "Any service token",
        "whoever holds any service token of the account",
    ),
    "certificate": (
        "Any certificate",
        "whoever presents a valid client certificate of the account",
    ),
}


def who_matches(rule: Rule, side: Side, name: str, index: int) -> tuple[str, str]:
    """A rule's title and who it matches, its value said as ``side`` may show it."""
    kind = next(iter(rule))[0]

    def say(*path: str) -> str:
        if (kind, *path) not in rule and (kind,) in rule:  # v4: the kind holds a list
            return side.say(rule[(kind,)], name, index, kind)
        value = rule.get((kind, *path))
        if value == UNKNOWN and not side.known(name, index, kind, *path):
            return _UNKNOWN_SAID
        return side.say(value, name, index, kind, *path)

    if kind == "oidc":
        claim = rule.get(("oidc", "claim_name"))
        if claim == GROUPS_CLAIM:
            return "Group", f"members of the Cognito group {say('claim_value')}"
        return "Claim", f"users whose claim {say('claim_name')} holds {say('claim_value')}"
    if kind in _WHO:
        title, field, who = _WHO[kind]
        return title, who.format(say(field))
    if kind in _WHO_ALONE:
        return _WHO_ALONE[kind]
    value = side.at(name, index, kind)
    if isinstance(value, Mapping):  # the values it sets, without the nulls of the others
        value = {key: item for key, item in value.items() if item is not None}
    if value in ({}, True, None):  # a rule without values (``{}``): its name says it all
        return f"{code(kind)} rule", f"users matching the {code(kind)} rule"
    shown = side.say(value, name, index, kind)
    return f"{code(kind)} rule", f"users matching the {code(kind)} rule {shown}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
