"""The plan summary a reviewer reads in a pull request: counts, cautions, changes, no secrets."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from cognito_access.review import GITHUB_COMMENT_LIMIT, MARKER, main, summarize

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

CONSTRUCTS = Path(__file__).parent.parent / "constructs"
REPLACE = ["delete", "create"]
NOTE = re.compile(
    r"^_… (?P<parts>.+) not shown: this summary is cut to fit one pull-request comment "
    r"\((?P<limit>[\d,]+) characters\)\. The full plan is in the workflow run's log\._$"
)
LINE = re.compile(r"^- \*\*(?P<words>[^*]+)\*\* `(?P<address>[^`]+)`(?P<rest>.*)$")


# Builders: the smallest plan JSON that `terraform show -json` could have written.


def resource(
    address: str, actions: Sequence[str], change: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """A resource_changes[] entry; ``change`` adds to or overrides its change."""
    resource_type, name = re.sub(r"\[[^\]]*\]$", "", address).split(".")[-2:]
    return {
        "address": address,
        "mode": "managed",
        "type": resource_type,
        "name": name,
        "change": {
            "actions": list(actions),
            "before": None if actions == ["create"] else {},
            "after": None if actions == ["delete"] else {},
            "after_unknown": {},
            "before_sensitive": {},
            "after_sensitive": {},
            **(change or {}),
        },
    }


def update(address: str, before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    return resource(address, ["update"], {"before": before, "after": after})


def plan(*resources: Mapping[str, Any], outputs: Mapping[str, Any] | None = None) -> dict[str, Any]:
    return {
        "format_version": "1.2",
        "terraform_version": "1.11.4",
        "planned_values": {"root_module": {}},
        "resource_changes": list(resources),
        "output_changes": dict(outputs or {}),
    }


# Readers: the parts of a summary, parsed.


def heading(summary: str) -> str:
    return summary.splitlines()[1]


def cautions(summary: str) -> list[str]:
    """The text of each caution alert, in order."""
    alert = "> [!CAUTION]\n> "
    return [block.removeprefix(alert) for block in summary.split("\n\n") if block.startswith(alert)]


def listed(summary: str) -> dict[str, tuple[str, str]]:
    """Each listed resource's address: its action words and the rest of its line."""
    resources = summary.split("\n**Output changes:**\n", maxsplit=1)[0]
    return {
        match["address"]: (match["words"], match["rest"])
        for match in map(LINE.match, resources.splitlines())
        if match
    }


def attributes(summary: str, address: str) -> dict[str, str]:
    """The attributes listed for ``address``: name to what is said of it."""
    rest = listed(summary)[address][1].removeprefix(": ")
    notes = (re.fullmatch(r"`([^`]+)`:? ?(.*)", note) for note in rest.split("; ") if rest)
    return {note[1]: note[2] for note in notes if note}


def outputs(summary: str) -> dict[str, str]:
    """Each listed output's name: its action word."""
    if "\n**Output changes:**\n" not in summary:
        return {}
    section = summary.split("\n**Output changes:**\n")[1]
    return {
        match["address"]: match["words"] for match in map(LINE.match, section.splitlines()) if match
    }


def note(summary: str) -> dict[str, int]:
    """What the closing note says was left out: kind to count (empty without a note)."""
    match = NOTE.match(summary.rstrip("\n").splitlines()[-1])
    if match is None:
        return {}
    parts = re.findall(r"([\d,]+) more (warning|change|output change)s?", match["parts"])
    return {kind: int(count.replace(",", "")) for count, kind in parts}


# The heading


COUNTED: list[tuple[list[str], str]] = [
    (["create"], "0 to import, 1 to add, 0 to change, 0 to replace, 0 to destroy"),
    (["update"], "0 to import, 0 to add, 1 to change, 0 to replace, 0 to destroy"),
    (["delete", "create"], "0 to import, 0 to add, 0 to change, 1 to replace, 0 to destroy"),
    (["create", "delete"], "0 to import, 0 to add, 0 to change, 1 to replace, 0 to destroy"),
    (["delete"], "0 to import, 0 to add, 0 to change, 0 to replace, 1 to destroy"),
]


@pytest.mark.parametrize(("actions", "counts"), COUNTED)
def test_the_heading_counts_each_kind_of_action(actions: list[str], counts: str) -> None:
    summary = summarize(plan(resource("aws_cognito_user_pool_client.app", actions)))
    assert heading(summary) == f"**Plan:** {counts}"


def test_the_heading_adds_up_every_change() -> None:
    summary = summarize(
        plan(
            resource("aws_s3_bucket.a", ["create"]),
            resource("aws_s3_bucket.b", ["create"]),
            resource("aws_s3_bucket.c", ["update"]),
            resource("aws_s3_bucket.d", REPLACE),
            resource("aws_s3_bucket.e", ["delete"]),
            resource("aws_s3_bucket.f", ["delete"]),
            resource("aws_s3_bucket.g", ["delete"]),
            resource("aws_s3_bucket.h", ["no-op"]),
        )
    )
    assert heading(summary) == (
        "**Plan:** 0 to import, 2 to add, 1 to change, 1 to replace, 3 to destroy"
    )


def test_an_import_is_counted_as_an_import() -> None:
    imported = resource("aws_cognito_user_pool.pool", ["no-op"], {"importing": {"id": "x_1"}})
    assert heading(summarize(plan(imported))) == (
        "**Plan:** 1 to import, 0 to add, 0 to change, 0 to replace, 0 to destroy"
    )


WORDS: list[tuple[list[str], dict[str, Any], str]] = [
    (["create"], {}, "create"),
    (["update"], {}, "update"),
    (["delete", "create"], {}, "replace"),
    (["create", "delete"], {}, "replace"),
    (["delete"], {}, "destroy"),
    (["no-op"], {"importing": {"id": "eu-west-1_AbC123"}}, "import"),
    (["update"], {"importing": {"id": "eu-west-1_AbC123"}}, "import and update"),
]


@pytest.mark.parametrize(("actions", "change", "words"), WORDS)
def test_each_change_is_listed_with_its_action_in_words(
    actions: list[str], change: dict[str, Any], words: str
) -> None:
    summary = summarize(plan(resource("aws_cognito_user_pool.pool", actions, change)))
    assert listed(summary)["aws_cognito_user_pool.pool"][0] == words


@pytest.mark.parametrize("actions", [["no-op"], ["read"]])
def test_what_changes_nothing_is_neither_counted_nor_listed(actions: list[str]) -> None:
    summary = summarize(
        plan(resource("aws_s3_bucket.new", ["create"]), resource("aws_s3_bucket.same", actions))
    )
    assert list(listed(summary)) == ["aws_s3_bucket.new"]
    assert heading(summary).startswith("**Plan:** 0 to import, 1 to add, 0 to change,")


NO_CHANGES: list[dict[str, Any]] = [
    plan(),
    {"format_version": "1.2", "planned_values": {}},
    plan(
        resource("aws_cognito_user_pool.pool", ["no-op"]),
        resource("aws_cognito_user_pool.read", ["read"]),
        outputs={"pool_id": {"actions": ["no-op"], "before": "x", "after": "x"}},
    ),
]


@pytest.mark.parametrize("unchanged", NO_CHANGES)
def test_a_plan_without_changes_says_so(unchanged: dict[str, Any]) -> None:
    assert summarize(unchanged).splitlines() == [
        MARKER,
        "No changes. The infrastructure matches the configuration.",
    ]


@pytest.mark.parametrize(
    "summary",
    [
        summarize(plan()),
        summarize(plan(resource("aws_s3_bucket.a", ["create"]))),
        summarize(
            plan(*[resource(f"aws_s3_bucket.b{i}", ["create"]) for i in range(99)]), limit=500
        ),
    ],
)
def test_every_summary_starts_with_the_marker(summary: str) -> None:
    assert summary.splitlines()[0] == MARKER


# Cautions: what users will feel


CAUTIONS: list[tuple[str, list[str], tuple[str, ...]]] = [
    (
        "aws_cognito_user_pool_client.app",
        REPLACE,
        ("new client id and secret", "every app that signs in with it", "must sign in again"),
    ),
    ("aws_cognito_user_pool_client.app", ["delete"], ("deleted", "every app that signs in")),
    ("module.sso.aws_cognito_user_pool_client.app", ["create", "delete"], ("new client id",)),
    ("aws_cognito_user_pool_domain.login", REPLACE, ("unavailable between the delete and the",)),
    ("aws_cognito_user_pool_domain.login", ["delete"], ("login page is removed",)),
    (
        "cloudflare_zero_trust_access_identity_provider.idp",
        REPLACE,
        ("new id", "policies that name the old one must be updated", "disappear, then reappear"),
    ),
    ("cloudflare_zero_trust_access_identity_provider.idp", ["delete"], ("policies that name it",)),
    (
        "aws_cognito_user_pool.pool",
        REPLACE,
        ("Every user, password and group in the pool is lost",),
    ),
    (
        "aws_cognito_user_pool.pool",
        ["delete"],
        ("Every user, password and group in the pool is lost",),
    ),
]


@pytest.mark.parametrize(("address", "actions", "phrases"), CAUTIONS)
def test_replacing_or_destroying_what_users_sign_in_with_raises_one_caution(
    address: str, actions: list[str], phrases: tuple[str, ...]
) -> None:
    (caution,) = cautions(summarize(plan(resource(address, actions))))
    verb = "Destroying" if actions == ["delete"] else "Replacing"
    assert caution.startswith(f"**{verb} `{address}`:**")
    for phrase in phrases:
        assert phrase in caution


WATCHED = [
    "aws_cognito_user_pool_client.app",
    "aws_cognito_user_pool_domain.login",
    "cloudflare_zero_trust_access_identity_provider.idp",
    "aws_cognito_user_pool.pool",
]


@pytest.mark.parametrize("address", WATCHED)
def test_an_in_place_update_raises_no_caution(address: str) -> None:
    summary = summarize(plan(update(address, {"name": "a"}, {"name": "b"})))
    assert cautions(summary) == []


@pytest.mark.parametrize("address", WATCHED)
def test_a_create_raises_no_caution(address: str) -> None:
    assert cautions(summarize(plan(resource(address, ["create"])))) == []


@pytest.mark.parametrize(
    "address",
    [
        "aws_s3_bucket.logs",
        "terraform_data.cloudflare_record_www",
        # Shipped code knows no test stand-ins: this is just a terraform_data.
        "terraform_data.cloudflare_zero_trust_access_identity_provider_Sso",
    ],
)
def test_replacing_anything_else_raises_no_caution(address: str) -> None:
    assert cautions(summarize(plan(resource(address, REPLACE)))) == []


def test_cautions_come_right_after_the_heading_before_the_changes() -> None:
    summary = summarize(
        plan(
            resource("aws_s3_bucket.first", ["create"]),
            resource("aws_cognito_user_pool_client.app", REPLACE),
        )
    )
    blocks = summary.split("\n\n")
    assert blocks[1].startswith("> [!CAUTION]\n> **Replacing `aws_cognito_user_pool_client.app`")
    assert blocks[2].startswith("- **create** `aws_s3_bucket.first`")


# The attributes that change


def test_a_changed_attribute_is_listed_with_its_value_before_and_after() -> None:
    change = update(
        "aws_cognito_user_pool_client.app",
        {"callback_urls": ["https://a.example"], "name": "Sso"},
        {"callback_urls": ["https://b.example"], "name": "Sso"},
    )
    said = attributes(summarize(plan(change)), "aws_cognito_user_pool_client.app")
    assert said["callback_urls"] == '`["https://a.example"]` → `["https://b.example"]`'


def test_an_unchanged_attribute_is_not_listed() -> None:
    change = update("aws_s3_bucket.logs", {"acl": "a", "name": "Sso"}, {"acl": "b", "name": "Sso"})
    assert list(attributes(summarize(plan(change)), "aws_s3_bucket.logs")) == ["acl"]


def test_an_attribute_that_forces_replacement_is_marked_and_listed_first() -> None:
    change = resource(
        "aws_cognito_user_pool_domain.login",
        REPLACE,
        {
            "before": {"cloudfront_distribution": "d1", "domain": "acme-login"},
            "after": {"domain": "acme-sso"},
            "after_unknown": {"cloudfront_distribution": True},
            "replace_paths": [["domain"]],
        },
    )
    said = attributes(summarize(plan(change)), "aws_cognito_user_pool_domain.login")
    assert list(said) == ["domain", "cloudfront_distribution"]
    assert said["domain"] == '`"acme-login"` → `"acme-sso"` (forces replacement)'
    assert not said["cloudfront_distribution"].endswith("(forces replacement)")


@pytest.mark.parametrize(
    ("before", "unknown", "said"),
    [
        ({"arn": "arn:1"}, {"arn": True}, '`"arn:1"` → (known after apply)'),
        ({}, {"arn": True}, "(known after apply)"),
        ({"arn": ["a", "b"]}, {"arn": [False, True]}, '`["a","b"]` → (known after apply)'),
    ],
)
def test_an_unknown_value_is_shown_as_known_after_apply(
    before: dict[str, Any], unknown: dict[str, Any], said: str
) -> None:
    change = resource(
        "aws_s3_bucket.logs", ["update"], {"before": before, "after_unknown": unknown}
    )
    assert attributes(summarize(plan(change)), "aws_s3_bucket.logs")["arn"] == said


def test_a_long_value_is_cut_to_about_sixty_characters() -> None:
    change = update("aws_s3_bucket.logs", {"policy": "x" * 10}, {"policy": "y" * 500})
    after = attributes(summarize(plan(change)), "aws_s3_bucket.logs")["policy"].split(" → ")[1]
    assert after == "`" + '"' + "y" * 58 + "…`"


def test_values_that_change_come_before_masked_and_unknown_ones() -> None:
    change = resource(
        "aws_cognito_user_pool_client.app",
        ["update"],
        {
            "before": {"a_secret": "x", "arn": "arn:1", "name": "a"},
            "after": {"a_secret": "y", "name": "b"},
            "after_unknown": {"arn": True},
        },
    )
    said = attributes(summarize(plan(change)), "aws_cognito_user_pool_client.app")
    assert list(said) == ["name", "a_secret", "arn"]


def test_a_line_names_at_most_twenty_attributes() -> None:
    change = update(
        "aws_s3_bucket.logs", {f"a{i:02}": 0 for i in range(25)}, {f"a{i:02}": 1 for i in range(25)}
    )
    rest = listed(summarize(plan(change)))["aws_s3_bucket.logs"][1]
    assert rest.count(" → ") == 20
    assert rest.endswith("; … and 5 more attributes")


@pytest.mark.parametrize("actions", [["create"], ["delete"]])
def test_a_created_or_destroyed_resource_is_listed_without_values(actions: list[str]) -> None:
    values = {"name": "VISIBLE-NAME"}
    change = resource("aws_s3_bucket.logs", actions, {"before": values, "after": values})
    summary = summarize(plan(change))
    assert listed(summary)["aws_s3_bucket.logs"][1] == ""
    assert "VISIBLE-NAME" not in summary


@pytest.mark.parametrize(
    ("reason", "said"),
    [
        ("replace_because_tainted", "(the object is tainted)"),
        ("replace_by_request", "(requested with -replace)"),
        ("replace_by_triggers", "(replace_triggered_by)"),
    ],
)
def test_a_replacement_says_why_when_terraform_gives_a_reason(reason: str, said: str) -> None:
    change = {**resource("aws_s3_bucket.logs", REPLACE), "action_reason": reason}
    assert listed(summarize(plan(change)))["aws_s3_bucket.logs"][1] == f" {said}"


# Secrets: never in the output, whatever the plan says about them


SECRET = "HUSH-0123456789"  # noqa: S105 - a stand-in secret the summary must hide
SECRETS: dict[str, tuple[str, dict[str, Any]]] = {
    "marked sensitive after": (
        "settings",
        {
            "before": {"settings": "old"},
            "after": {"settings": SECRET},
            "after_sensitive": {"settings": True},
        },
    ),
    "marked sensitive before only": (
        "settings",
        {
            "before": {"settings": SECRET},
            "after": {"settings": "new"},
            "before_sensitive": {"settings": True},
        },
    ),
    "marked deep inside a list": (
        "settings.urls",
        {
            "before": {"settings": {"urls": ["VISIBLE-URL", "old"]}},
            "after": {"settings": {"urls": ["VISIBLE-URL", SECRET]}},
            "after_sensitive": {"settings": {"urls": [False, True]}},
        },
    ),
    "whole resource marked": (
        "settings",
        {"before": {"settings": "old"}, "after": {"settings": SECRET}, "after_sensitive": True},
    ),
    "unmarked client_secret": (
        "client_secret",
        {"before": {"client_secret": "old"}, "after": {"client_secret": SECRET}},
    ),
    "unmarked config.client_secret": (
        "config.client_secret",
        {
            "before": {"config": {"client_id": "VISIBLE-ID", "client_secret": "old"}},
            "after": {"config": {"client_id": "VISIBLE-ID", "client_secret": SECRET}},
        },
    ),
    "unmarked, in a list of objects": (
        "headers[0].apiToken",
        {"before": {"headers": []}, "after": {"headers": [{"name": "a", "apiToken": SECRET}]}},
    ),
    "unmarked, named in capitals": (
        "DB-Password",
        {"before": {"DB-Password": "old"}, "after": {"DB-Password": SECRET}},
    ),
    "unmarked private key": (
        "tls_private_key",
        {"before": {"tls_private_key": "old"}, "after": {"tls_private_key": SECRET}},
    ),
    "unmarked credentials": (
        "credentials",
        {"before": {"credentials": "old"}, "after": {"credentials": SECRET}},
    ),
    "a copy of a secret under an innocent name": (
        "description",
        {
            "before": {"client_secret": SECRET, "description": "old"},
            "after": {"client_secret": SECRET, "description": SECRET},
        },
    ),
    "a secret copied inside a longer string": (
        "description",
        {
            "before": {"client_secret": SECRET, "description": "old"},
            "after": {"client_secret": SECRET, "description": f"see {SECRET}!"},
        },
    ),
    "a secret copied as a map key": (
        "tags",
        {
            "before": {"client_secret": SECRET, "tags": {}},
            "after": {"client_secret": SECRET, "tags": {SECRET: "x"}},
        },
    ),
}


@pytest.mark.parametrize("change", [change for _, change in SECRETS.values()], ids=SECRETS.keys())
def test_a_secret_value_never_appears_in_the_summary(change: dict[str, Any]) -> None:
    summary = summarize(plan(resource("aws_cognito_user_pool_client.app", ["update"], change)))
    assert SECRET not in summary


@pytest.mark.parametrize(("attribute", "change"), SECRETS.values(), ids=SECRETS.keys())
def test_a_secret_attribute_is_named_as_sensitive(attribute: str, change: dict[str, Any]) -> None:
    summary = summarize(plan(resource("aws_cognito_user_pool_client.app", ["update"], change)))
    said = attributes(summary, "aws_cognito_user_pool_client.app")[attribute]
    assert said == "(sensitive, changed)"


NUMBER = 918_273_645
SECRET_NUMBERS: dict[str, dict[str, Any]] = {
    "marked sensitive": {
        "before": {"settings": 1},
        "after": {"settings": NUMBER},
        "after_sensitive": {"settings": True},
    },
    "marked inside a list": {
        "before": {"settings": [1]},
        "after": {"settings": [1, NUMBER]},
        "after_sensitive": {"settings": [False, True]},
    },
    "whole resource marked": {
        "before": {"settings": 1},
        "after": {"settings": NUMBER},
        "after_sensitive": True,
    },
    "unmarked, nested under a secret name": {
        "before": {"settings": {}},
        "after": {"settings": {"pin_password": NUMBER}},
    },
}


@pytest.mark.parametrize("change", SECRET_NUMBERS.values(), ids=SECRET_NUMBERS.keys())
def test_a_secret_number_never_appears_in_the_summary(change: dict[str, Any]) -> None:
    summary = summarize(plan(resource("aws_cognito_user_pool_client.app", ["update"], change)))
    assert str(NUMBER) not in summary


# Unchanged resources whose secret another resource copies: one by name, one by marker.
SOURCES: dict[str, dict[str, Any]] = {
    "named as a secret": {"before": {"client_secret": SECRET}, "after": {"client_secret": SECRET}},
    "marked sensitive": {
        "before": {"value": SECRET},
        "after": {"value": SECRET},
        "before_sensitive": {"value": True},
        "after_sensitive": {"value": True},
    },
}


@pytest.mark.parametrize("source", SOURCES.values(), ids=SOURCES.keys())
def test_a_secret_from_an_unchanged_resource_is_masked_where_it_is_copied(
    source: dict[str, Any],
) -> None:
    summary = summarize(
        plan(
            resource("aws_cognito_user_pool_client.app", ["no-op"], source),
            update("terraform_data.copy", {"input": "old"}, {"input": SECRET}),
        )
    )
    assert SECRET not in summary
    assert attributes(summary, "terraform_data.copy")["input"] == "(sensitive, changed)"


def test_a_value_like_a_short_secret_is_masked_only_where_it_is_whole() -> None:
    change = update(
        "aws_s3_bucket.logs",
        {"password": "abc", "acl": "x", "tags": "y"},
        {"password": "abc", "acl": "abc", "tags": "abcdef"},
    )
    said = attributes(summarize(plan(change)), "aws_s3_bucket.logs")
    assert said["acl"] == "(sensitive, changed)"
    assert said["tags"] == '`"y"` → `"abcdef"`'


# Outputs


OUTPUTS = plan(
    outputs={
        "issuer_url": {"actions": ["update"], "before": "OLD-URL", "after": "NEW-URL"},
        "client_id": {"actions": ["create"], "before": None, "after": "NEW-ID"},
        "pool_id": {"actions": ["no-op"], "before": "SAME-ID", "after": "SAME-ID"},
    }
)


def test_changed_outputs_are_listed_with_their_action() -> None:
    assert outputs(summarize(OUTPUTS)) == {"issuer_url": "update", "client_id": "create"}


@pytest.mark.parametrize("value", ["OLD-URL", "NEW-URL", "NEW-ID", "SAME-ID"])
def test_output_values_are_never_shown(value: str) -> None:
    assert value not in summarize(OUTPUTS)


# Bounded to one comment


def many_updates(count: int) -> dict[str, Any]:
    return plan(
        *[
            update(f"aws_s3_bucket.bucket_{i}", {"acl": "private"}, {"acl": "public-read"})
            for i in range(count)
        ]
    )


def test_a_huge_plan_is_cut_to_one_comment() -> None:
    summary = summarize(many_updates(5_000))
    assert len(summary) <= GITHUB_COMMENT_LIMIT
    assert len(summary) > GITHUB_COMMENT_LIMIT - 200  # cut only as far as needed


def test_a_cut_summary_ends_with_a_note_counting_what_is_left_out() -> None:
    summary = summarize(many_updates(5_000))
    assert note(summary) == {"change": 5_000 - len(listed(summary))}
    assert "(65,536 characters)" in summary.splitlines()[-1]


def test_at_500_characters_the_summary_keeps_the_heading_and_whole_cautions_and_the_note() -> None:
    replaced = [resource(f"aws_cognito_user_pool_client.app_{i}", REPLACE) for i in range(10)]
    summary = summarize(plan(*replaced), limit=500)
    assert len(summary) <= 500
    assert heading(summary).startswith(
        "**Plan:** 0 to import, 0 to add, 0 to change, 10 to replace"
    )
    assert note(summary) == {"warning": 10 - len(cautions(summary)), "change": 10}


@pytest.mark.parametrize("limit", [500, 501, 777, 1_000, 4_096])
def test_a_cut_summary_holds_only_whole_lines_of_the_full_one(limit: int) -> None:
    mixed = plan(
        *[resource(f"aws_cognito_user_pool_domain.d{i}", ["delete"]) for i in range(3)],
        *many_updates(200)["resource_changes"],
        outputs={f"out_{i}": {"actions": ["create"]} for i in range(50)},
    )
    full = summarize(mixed, limit=10**9).splitlines()
    cut = summarize(mixed, limit=limit).rstrip("\n").splitlines()
    assert len("\n".join(cut)) < limit
    assert NOTE.match(cut[-1])
    assert cut[-2] == ""
    assert cut[:-2] == full[: len(cut) - 2]


def test_a_summary_that_fits_has_no_note() -> None:
    summary = summarize(many_updates(3), limit=500)
    assert note(summary) == {}
    assert len(listed(summary)) == 3


def test_a_limit_below_500_is_refused() -> None:
    with pytest.raises(ValueError, match="limit must be at least 500 characters; got 499"):
        summarize(plan(), limit=499)


# Not a plan


NOT_PLANS: list[tuple[object, str]] = [
    ([], "is not a JSON object but list"),
    ({}, "has no format_version"),
    ({"format_version": "2.0", "planned_values": {}}, "format 1.x"),
    ({"format_version": "1.0", "values": {}}, "is Terraform state, not a plan"),
    ({"format_version": "1.2", "terraform_version": "1.11.4"}, "has no planned_values"),
    (
        {"format_version": "1.2", "resource_changes": {"a": 1}},
        "resource_changes that is not a list",
    ),
    ({"format_version": "1.2", "output_changes": ["o"]}, "output_changes that is not an object"),
    ({"format_version": "1.2", "resource_changes": [{"address": "a.b"}]}, "resource_changes[0]"),
    ({"format_version": "1.2", "output_changes": {"o": {}}}, "output_changes['o']"),
]


@pytest.mark.parametrize(("document", "phrase"), NOT_PLANS)
def test_summarize_refuses_what_is_not_a_plan(document: Any, phrase: str) -> None:  # noqa: ANN401 - any JSON
    with pytest.raises(ValueError, match=re.escape(phrase)):
        summarize(document)


# The command


def test_the_command_prints_the_summary_of_a_plan_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = plan(resource("aws_cognito_user_pool_client.app", REPLACE))
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert main([str(path)]) == 0
    assert capsys.readouterr().out == summarize(document)


@pytest.mark.parametrize("argv", [[], ["-"]])
def test_the_command_reads_standard_input(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    document = plan(resource("aws_s3_bucket.logs", ["create"]))
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(document)))
    assert main(argv) == 0
    assert list(listed(capsys.readouterr().out)) == ["aws_s3_bucket.logs"]


def test_the_command_cuts_to_max_chars(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(many_updates(100))))
    assert main(["--max-chars", "1000"]) == 0
    out = capsys.readouterr().out
    assert len(out) <= 1000
    assert "(1,000 characters)" in out


INVALID: list[tuple[str, str]] = [
    ("{not json", "standard input is not JSON"),
    ("", "standard input is not JSON"),
    ('{"format_version": "1.0", "values": {}}', "standard input is Terraform state, not a plan"),
    ('["format_version"]', "standard input is not a JSON object"),
]


@pytest.mark.parametrize(("text", "phrase"), INVALID)
def test_the_command_refuses_what_is_not_a_plan_with_exit_status_2(
    text: str, phrase: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    assert main([]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"cognito-access-plan-summary: error: {phrase}" in captured.err


def test_the_command_says_when_it_cannot_read_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.json"
    assert main([str(missing)]) == 2
    assert f"error: cannot read {missing}: No such file or directory" in capsys.readouterr().err


def test_the_command_refuses_max_chars_below_500(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--max-chars", "499", "plan.json"])
    assert exited.value.code == 2
    assert "--max-chars: must be at least 500; got 499" in capsys.readouterr().err


@pytest.mark.process
def test_the_command_starts_without_importing_cdktf() -> None:
    probe = (
        "import json, sys, cognito_access.review, cognito_access.plan_summary\n"
        "print(json.dumps(sorted(name for name in sys.modules if name.startswith('cdktf'))))"
    )
    result = subprocess.run(  # noqa: S603 - this interpreter, with a fixed program
        [sys.executable, "-c", probe],
        env={**os.environ, "PYTHONPATH": str(CONSTRUCTS)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == []


# Masking leaf by leaf: a secret hides itself, not its siblings

IDP = "cloudflare_zero_trust_access_identity_provider.login"
CONFIG_BEFORE: dict[str, Any] = {
    "client_id": "4example0client0id",
    "client_secret": SECRET,
    "auth_url": "https://acme-login.auth.eu-west-1.amazoncognito.com/oauth2/authorize",
    "pkce_enabled": True,
}


def config_change(
    after: Mapping[str, Any], *, marks: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """An update of the identity provider's ``config``, its client_secret marked sensitive."""
    sensitive = {"config": dict(marks or {"client_secret": True})}
    return resource(
        IDP,
        ["update"],
        {
            "before": {"config": CONFIG_BEFORE},
            "after": {"config": {**CONFIG_BEFORE, **after}},
            "before_sensitive": sensitive,
            "after_sensitive": sensitive,
        },
    )


def test_a_sensitive_leaf_does_not_hide_the_changes_beside_it() -> None:
    said = attributes(summarize(plan(config_change({"pkce_enabled": False}))), IDP)
    assert said["config.pkce_enabled"] == "`true` → `false`"
    assert said["config.client_secret"] == "(sensitive, unchanged)"  # noqa: S105 - not a secret


def test_a_changed_sensitive_leaf_says_it_changes() -> None:
    said = attributes(summarize(plan(config_change({"client_secret": "NEW-HUSH-987654"}))), IDP)
    assert said == {"config.client_secret": "(sensitive, changed)"}


def test_unchanged_leaves_beside_a_change_are_not_listed() -> None:
    said = attributes(summarize(plan(config_change({"pkce_enabled": False}))), IDP)
    assert "config.client_id" not in said
    assert "config.auth_url" not in said


def test_a_moved_url_is_shown_with_both_hosts_whole() -> None:
    moved = "https://login.attacker-example.net/oauth2/authorize"
    said = attributes(summarize(plan(config_change({"auth_url": moved}))), IDP)
    old, new = said["config.auth_url"].split(" → ")
    assert old.startswith('`"https://acme-login.auth.eu-west-1.amazoncognito.com')
    assert new == f'`"{moved}"`'


@pytest.mark.parametrize(
    "url",
    [
        (
            "https://a-very-long-login-domain-name-for-testing.auth.eu-west-1.amazoncognito.com/"
            "oauth2/authorize?client_id=abc&response_type=code&scope=openid"
        ),
        "http://user@" + "h" * 80 + ".example:8443/" + "p" * 100,
    ],
)
def test_a_long_url_is_shortened_but_never_its_host(url: str) -> None:
    change = update("aws_s3_bucket.logs", {"website": "x"}, {"website": url})
    after = attributes(summarize(plan(change)), "aws_s3_bucket.logs")["website"].split(" → ")[1]
    host_end = url.index("/", len("https://"))
    assert after.startswith(f'`"{url[:host_end]}')
    assert "…" in after
    assert len(after) < len(url)


def test_every_host_in_a_long_string_is_kept_whole() -> None:
    text = (
        "see "
        + "x" * 50
        + " https://first-host.example.org/a then http://second.example.net/"
        + "b" * 80
    )
    change = update("aws_s3_bucket.logs", {"description": "x"}, {"description": text})
    after = attributes(summarize(plan(change)), "aws_s3_bucket.logs")["description"].split(" → ")[1]
    assert "https://first-host.example.org" in after
    assert "http://second.example.net" in after
    assert len(after) < len(text)


def test_a_url_in_a_long_list_keeps_its_host() -> None:
    urls = ["https://" + "a" * 40 + ".example/cb", "https://second-host.example.org/callback"]
    change = update(
        "aws_cognito_user_pool_client.app", {"callback_urls": []}, {"callback_urls": urls}
    )
    said = attributes(summarize(plan(change)), "aws_cognito_user_pool_client.app")
    assert "https://second-host.example.org" in said["callback_urls"]


def test_a_block_is_walked_into_by_index() -> None:
    change = update(
        "aws_cognito_user_pool_client.app",
        {"token_validity_units": [{"access_token": "hours", "id_token": "hours"}]},
        {"token_validity_units": [{"access_token": "minutes", "id_token": "hours"}]},
    )
    said = attributes(summarize(plan(change)), "aws_cognito_user_pool_client.app")
    assert said == {"token_validity_units[0].access_token": '`"hours"` → `"minutes"`'}


SECRET_NAMES = [
    "secret",
    "client_secret",
    "clientSecret",
    "password",
    "DB-Password",
    "passwd",
    "tls_private_key",
    "api_key",
    "access_key",
    "credentials",
    "token",
    "api_token",
    "refreshToken",
]
NOT_SECRET_NAMES = [
    "access_token_validity",
    "id_token_validity",
    "refresh_token_validity",
    "token_url",
    "token_validity_units",
    "enable_token_revocation",
    "explicit_token_auth",
    "token_endpoint_auth_method",
    "secretariat_name",
    "password_policy_min_length",
    "tokenizer",
]


@pytest.mark.parametrize("name", SECRET_NAMES)
def test_a_value_under_a_secret_name_is_masked(name: str) -> None:
    change = update("aws_s3_bucket.logs", {name: "VISIBLE-OLD"}, {name: "VISIBLE-NEW"})
    summary = summarize(plan(change))
    assert attributes(summary, "aws_s3_bucket.logs")[name] == "(sensitive, changed)"
    assert "VISIBLE-" not in summary


def test_a_secret_under_an_innocent_object_is_masked() -> None:
    change = update(
        "aws_s3_bucket.logs",
        {"basic_auth": {"user": "a", "password": "VISIBLE-OLD"}},
        {"basic_auth": {"user": "b", "password": "VISIBLE-NEW"}},
    )
    summary = summarize(plan(change))
    assert attributes(summary, "aws_s3_bucket.logs")["basic_auth.password"] == (
        "(sensitive, changed)"
    )
    assert "VISIBLE-" not in summary


@pytest.mark.parametrize("name", NOT_SECRET_NAMES)
def test_a_name_that_only_contains_a_secret_word_is_shown(name: str) -> None:
    change = update("aws_s3_bucket.logs", {name: 60}, {name: 720})
    assert attributes(summarize(plan(change)), "aws_s3_bucket.logs")[name] == "`60` → `720`"


def test_a_known_secret_stays_masked_in_another_resource_under_an_innocent_name() -> None:
    summary = summarize(
        plan(
            config_change({"pkce_enabled": False}),
            update("aws_ssm_parameter.copy", {"value": "old"}, {"value": SECRET}),
        )
    )
    assert SECRET not in summary
    assert attributes(summary, "aws_ssm_parameter.copy")["value"] == "(sensitive, changed)"


# Cautions: the app client and who signs in with it

CLIENT_ADDRESS = "aws_cognito_user_pool_client.app"


def configuration(client_id_references: Sequence[str]) -> dict[str, Any]:
    """A plan's configuration section: an identity provider whose config references these."""
    return {
        "root_module": {
            "resources": [
                {
                    "address": IDP,
                    "mode": "managed",
                    "type": "cloudflare_zero_trust_access_identity_provider",
                    "name": "login",
                    "expressions": {"config": {"references": list(client_id_references)}},
                },
                {
                    "address": CLIENT_ADDRESS,
                    "mode": "managed",
                    "type": "aws_cognito_user_pool_client",
                    "name": "app",
                    "expressions": {},
                },
            ]
        }
    }


def with_configuration(document: dict[str, Any], references: Sequence[str]) -> dict[str, Any]:
    return {**document, "configuration": configuration(references)}


@pytest.mark.parametrize("actions", [REPLACE, ["delete"]])
def test_a_client_cloudflare_signs_in_with_signs_every_access_user_out(
    actions: list[str],
) -> None:
    references = [f"{CLIENT_ADDRESS}.id", CLIENT_ADDRESS, f"{CLIENT_ADDRESS}.client_secret"]
    document = with_configuration(plan(resource(CLIENT_ADDRESS, actions)), references)
    (caution,) = cautions(summarize(document))
    assert "Every user signed in to Cloudflare Access is signed out" in caution
    assert f"`{IDP}`" in caution


@pytest.mark.parametrize(
    "references",
    [
        [],  # the identity provider takes its client id from somewhere else
        ["aws_cognito_user_pool_client.other.id", "aws_cognito_user_pool_client.other"],
        [f"{CLIENT_ADDRESS}.client_secret"],  # only the secret, not the id
    ],
)
def test_a_client_no_cloudflare_login_uses_gets_a_caution_about_its_apps(
    references: list[str],
) -> None:
    document = with_configuration(plan(resource(CLIENT_ADDRESS, REPLACE)), references)
    (caution,) = cautions(summarize(document))
    assert "Cloudflare Access" not in caution
    assert "every app that signs in with it" in caution


def test_a_client_in_a_module_is_matched_with_the_module_s_identity_provider() -> None:
    module_client = f"module.sso.{CLIENT_ADDRESS}"
    document = plan(resource(module_client, REPLACE))
    document["configuration"] = {
        "root_module": {
            "module_calls": {
                "sso": {"module": configuration([f"{CLIENT_ADDRESS}.id"])["root_module"]}
            }
        }
    }
    (caution,) = cautions(summarize(document))
    assert "Every user signed in to Cloudflare Access is signed out" in caution
    assert f"`module.sso.{IDP}`" in caution


# Cautions: changes that weaken the login

CLIENT_BEFORE: dict[str, Any] = {
    "allowed_oauth_flows": ["code"],
    "allowed_oauth_scopes": ["openid", "email", "profile"],
    "callback_urls": ["https://acme.cloudflareaccess.com/cdn-cgi/access/callback"],
    "explicit_auth_flows": ["ALLOW_REFRESH_TOKEN_AUTH"],
    "generate_secret": True,
    "prevent_user_existence_errors": "ENABLED",
    "access_token_validity": 1,
    "id_token_validity": 1,
    "refresh_token_validity": 30,
    "token_validity_units": [],
}
POOL_BEFORE: dict[str, Any] = {
    "deletion_protection": "ACTIVE",
    "mfa_configuration": "ON",
    "admin_create_user_config": [{"allow_admin_create_user_only": True}],
}
IDP_BEFORE: dict[str, Any] = {
    "type": "oidc",
    "config": {
        **CONFIG_BEFORE,
        "token_url": "https://acme-login.auth.eu-west-1.amazoncognito.com/oauth2/token",
        "certs_url": "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json",
        "email_claim_name": "email",
    },
}
WEAKENED: dict[str, tuple[str, dict[str, Any], dict[str, Any], tuple[str, ...]]] = {
    "auth_url to another host": (
        IDP,
        IDP_BEFORE,
        {"config": {"auth_url": "https://login.evil-example.net/oauth2/authorize"}},
        (
            "`config.auth_url` moves to another host",
            "`login.evil-example.net`",
            "`acme-login.auth.eu-west-1.amazoncognito.com`",
            "passwords",
        ),
    ),
    "token_url to another host": (
        IDP,
        IDP_BEFORE,
        {"config": {"token_url": "https://tokens.example.org/oauth2/token"}},
        ("`config.token_url` moves to another host", "`tokens.example.org`", "secret"),
    ),
    "certs_url to another host": (
        IDP,
        IDP_BEFORE,
        {"config": {"certs_url": "https://keys.example.org/jwks.json"}},
        ("`config.certs_url` moves to another host", "`keys.example.org`", "any user"),
    ),
    "auth_url and token_url on different hosts": (
        IDP,
        {**IDP_BEFORE, "config": {**IDP_BEFORE["config"], "token_url": None}},
        {
            "config": {
                "token_url": "https://other-login.auth.eu-west-1.amazoncognito.com/oauth2/token"
            }
        },
        ("Endpoints on different hosts", "`other-login.auth.eu-west-1.amazoncognito.com`"),
    ),
    "PKCE off": (
        IDP,
        IDP_BEFORE,
        {"config": {"pkce_enabled": False}},
        ("PKCE turned off", "intercepted"),
    ),
    "type changed": (
        IDP,
        IDP_BEFORE,
        {"type": "saml"},
        ("Login type changed", '`"saml"`', '`"oidc"`'),
    ),
    "email claim changed": (
        IDP,
        IDP_BEFORE,
        {"config": {"email_claim_name": "custom:mail"}},
        ("Email claim changed", '`"custom:mail"`', '`"email"`'),
    ),
    "implicit flow": (
        CLIENT_ADDRESS,
        CLIENT_BEFORE,
        {"allowed_oauth_flows": ["code", "implicit"]},
        ('OAuth flow `"implicit"` allowed', "in the URL"),
    ),
    "client_credentials flow": (
        CLIENT_ADDRESS,
        CLIENT_BEFORE,
        {"allowed_oauth_flows": ["client_credentials"]},
        ('OAuth flow `"client_credentials"` allowed', "without any user"),
    ),
    "callback elsewhere": (
        CLIENT_ADDRESS,
        CLIENT_BEFORE,
        {"callback_urls": [*CLIENT_BEFORE["callback_urls"], "https://collector.example.com/cb"]},
        ("Callback URL other than Cloudflare's", '`"https://collector.example.com/cb"`'),
    ),
    "password sign-in": (
        CLIENT_ADDRESS,
        CLIENT_BEFORE,
        {"explicit_auth_flows": ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH"]},
        ('`"ALLOW_USER_PASSWORD_AUTH"`', "password sign-in over Cognito's API"),
    ),
    "SRP sign-in": (
        CLIENT_ADDRESS,
        CLIENT_BEFORE,
        {"explicit_auth_flows": ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"]},
        ("SRP",),
    ),
    "custom sign-in": (
        CLIENT_ADDRESS,
        CLIENT_BEFORE,
        {"explicit_auth_flows": ["ALLOW_CUSTOM_AUTH"]},
        ("custom-challenge sign-in",),
    ),
    "choice-based sign-in": (
        CLIENT_ADDRESS,
        CLIENT_BEFORE,
        {"explicit_auth_flows": ["ALLOW_USER_AUTH"]},
        ("choice-based sign-in",),
    ),
    "no secret": (
        CLIENT_ADDRESS,
        CLIENT_BEFORE,
        {"generate_secret": False},
        ("Client secret turned off",),
    ),
    "existence errors": (
        CLIENT_ADDRESS,
        CLIENT_BEFORE,
        {"prevent_user_existence_errors": "LEGACY"},
        ("User existence errors shown", "who has an account"),
    ),
    "scopes widened": (
        CLIENT_ADDRESS,
        CLIENT_BEFORE,
        {"allowed_oauth_scopes": ["openid", "email", "profile", "aws.cognito.signin.user.admin"]},
        ("Scopes widened", '`"aws.cognito.signin.user.admin"`'),
    ),
    "access token lifetime, default units": (
        CLIENT_ADDRESS,
        CLIENT_BEFORE,
        {"access_token_validity": 12},
        ("Access token lifetime lengthened", "12 hours instead of 1 hour"),
    ),
    "access token lifetime, in minutes": (
        CLIENT_ADDRESS,
        {
            **CLIENT_BEFORE,
            "access_token_validity": 60,
            "token_validity_units": [{"access_token": "minutes"}],
        },
        {"access_token_validity": 720, "token_validity_units": [{"access_token": "minutes"}]},
        ("Access token lifetime lengthened", "12 hours instead of 1 hour"),
    ),
    "refresh token lifetime, default days": (
        CLIENT_ADDRESS,
        CLIENT_BEFORE,
        {"refresh_token_validity": 3650},
        ("Refresh token lifetime lengthened", "3,650 days instead of 30 days"),
    ),
    "ID token lifetime from Cognito's default": (
        CLIENT_ADDRESS,
        {**CLIENT_BEFORE, "id_token_validity": None},
        {"id_token_validity": 1, "token_validity_units": [{"id_token": "days"}]},
        ("ID token lifetime lengthened", "1 day instead of 1 hour"),
    ),
    "deletion protection off": (
        "aws_cognito_user_pool.pool",
        POOL_BEFORE,
        {"deletion_protection": "INACTIVE"},
        ("Deletion protection turned off",),
    ),
    "MFA relaxed": (
        "aws_cognito_user_pool.pool",
        POOL_BEFORE,
        {"mfa_configuration": "OPTIONAL"},
        ("MFA relaxed", "`ON` to `OPTIONAL`"),
    ),
    "self sign-up": (
        "aws_cognito_user_pool.pool",
        POOL_BEFORE,
        {"admin_create_user_config": [{"allow_admin_create_user_only": False}]},
        ("Self sign-up allowed",),
    ),
}


def merged(before: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """``before`` with ``changes``; nested objects are merged one level deep."""
    after = dict(before)
    for key, value in changes.items():
        after[key] = {**before[key], **value} if isinstance(value, dict) else value
    return after


@pytest.mark.parametrize(
    ("address", "before", "changes", "phrases"), WEAKENED.values(), ids=WEAKENED.keys()
)
def test_a_change_that_weakens_the_login_raises_one_caution(
    address: str, before: dict[str, Any], changes: dict[str, Any], phrases: tuple[str, ...]
) -> None:
    (caution,) = cautions(summarize(plan(update(address, before, merged(before, changes)))))
    assert caution.startswith("**")
    assert f" on `{address}`:**" in caution
    for phrase in phrases:
        assert phrase in caution


# Changes whose opposite weakens nothing (a move to another host is cautioned both ways).
ONE_WAY = {
    key: value
    for key, value in WEAKENED.items()
    if "host" not in key
    and key not in {"type changed", "email claim changed"}
    and "region" not in key
}


@pytest.mark.parametrize(
    ("address", "before", "changes", "phrases"), ONE_WAY.values(), ids=ONE_WAY.keys()
)
def test_the_opposite_change_raises_no_caution(
    address: str, before: dict[str, Any], changes: dict[str, Any], phrases: tuple[str, ...]
) -> None:
    del phrases
    assert cautions(summarize(plan(update(address, merged(before, changes), before)))) == []


@pytest.mark.parametrize(
    ("address", "values"),
    [
        (CLIENT_ADDRESS, CLIENT_BEFORE),
        (IDP, IDP_BEFORE),
        ("aws_cognito_user_pool.pool", POOL_BEFORE),
    ],
)
def test_the_construct_s_own_settings_raise_no_caution_when_created(
    address: str, values: dict[str, Any]
) -> None:
    assert cautions(summarize(plan(resource(address, ["create"], {"after": values})))) == []


def test_an_email_claim_set_to_cloudflare_s_default_raises_no_caution() -> None:
    unset = {**IDP_BEFORE, "config": {**IDP_BEFORE["config"], "email_claim_name": None}}
    assert cautions(summarize(plan(update(IDP, unset, IDP_BEFORE)))) == []


def test_a_created_client_with_the_implicit_flow_raises_a_caution() -> None:
    values = {**CLIENT_BEFORE, "allowed_oauth_flows": ["implicit"]}
    (caution,) = cautions(summarize(plan(resource(CLIENT_ADDRESS, ["create"], {"after": values}))))
    assert caution.startswith('**OAuth flow `"implicit"` allowed on')


def test_the_keys_of_another_pool_than_the_client_s_raise_a_caution() -> None:
    other_pool = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other/.well-known/jwks.json"
    client = update(
        CLIENT_ADDRESS,
        {"user_pool_id": "eu-west-1_AbC123"},
        {"user_pool_id": "eu-west-1_AbC123", "name": "x"},
    )
    idp = update(IDP, IDP_BEFORE, merged(IDP_BEFORE, {"config": {"certs_url": other_pool}}))
    document = with_configuration(plan(client, idp), [f"{CLIENT_ADDRESS}.id"])
    said = cautions(summarize(document))
    assert any(
        c.startswith("**Keys of another user pool") and "`eu-west-1_Other`" in c for c in said
    )


def test_a_caution_never_shows_a_known_secret() -> None:
    client = resource(
        CLIENT_ADDRESS,
        ["update"],
        {
            "before": {**CLIENT_BEFORE, "client_secret": SECRET},
            "after": {
                **CLIENT_BEFORE,
                "client_secret": SECRET,
                "callback_urls": [f"https://collector.example.com/?k={SECRET}"],
            },
        },
    )
    summary = summarize(plan(client))
    assert SECRET not in summary
    assert any("a masked value" in caution for caution in cautions(summary))


def test_keys_moved_to_another_pool_on_the_same_host_raise_a_caution() -> None:
    other = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other/.well-known/jwks.json"
    idp = update(IDP, IDP_BEFORE, merged(IDP_BEFORE, {"config": {"certs_url": other}}))
    (caution,) = cautions(summarize(plan(idp)))
    assert caution.startswith("**Keys of another user pool on")
    assert "`eu-west-1_Other` instead of `eu-west-1_AbC123`" in caution


def test_a_created_login_whose_keys_are_in_another_region_raises_a_caution() -> None:
    config = {
        **IDP_BEFORE["config"],
        "certs_url": "https://cognito-idp.us-east-2.amazonaws.com/us-east-2_Zz9/.well-known/jwks.json",
    }
    created = resource(IDP, ["create"], {"after": {**IDP_BEFORE, "config": config}})
    (caution,) = cautions(summarize(plan(created)))
    assert caution.startswith("**Endpoints in different regions on")
    assert "`eu-west-1`" in caution
    assert "`us-east-2`" in caution
