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

from cognito_access.plan_summary import GITHUB_COMMENT_LIMIT, MARKER, main, summarize

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

CONSTRUCTS = Path(__file__).parent.parent / "constructs"
REPLACE = ["delete", "create"]
NOTE = re.compile(
    r"^_… (?P<parts>.+) not shown: this summary is cut to fit one pull-request comment "
    r"\((?P<limit>[\d,]+) characters\)\. See the uploaded plan\._$"
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
        ("new client id and secret", "signed out and must sign in again", "other app"),
    ),
    ("aws_cognito_user_pool_client.app", ["delete"], ("signed out", "other app")),
    ("module.sso.aws_cognito_user_pool_client.app", ["create", "delete"], ("new client id",)),
    ("aws_cognito_user_pool_domain.login", REPLACE, ("unavailable between the delete and the",)),
    ("aws_cognito_user_pool_domain.login", ["delete"], ("login page is removed",)),
    (
        "cloudflare_zero_trust_access_identity_provider.idp",
        REPLACE,
        ("new id", "policies that name the old one must be updated", "disappear, then reappear"),
    ),
    (
        "terraform_data.cloudflare_zero_trust_access_identity_provider_Sso_IdentityProvider",
        REPLACE,
        ("new id", "policies that name the old one must be updated"),
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
    "terraform_data.cloudflare_zero_trust_access_identity_provider_Sso",
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
    ["aws_s3_bucket.logs", "terraform_data.cloudflare_record_www", "terraform_data.other"],
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
        "settings",
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
        "config",
        {
            "before": {"config": {"client_id": "VISIBLE-ID", "client_secret": "old"}},
            "after": {"config": {"client_id": "VISIBLE-ID", "client_secret": SECRET}},
        },
    ),
    "unmarked, in a list of objects": (
        "headers",
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
    assert attributes(summary, "aws_cognito_user_pool_client.app")[attribute] == "(sensitive)"


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
    assert attributes(summary, "terraform_data.copy")["input"] == "(sensitive)"


def test_a_value_like_a_short_secret_is_masked_only_where_it_is_whole() -> None:
    change = update(
        "aws_s3_bucket.logs",
        {"password": "abc", "acl": "x", "tags": "y"},
        {"password": "abc", "acl": "abc", "tags": "abcdef"},
    )
    said = attributes(summarize(plan(change)), "aws_s3_bucket.logs")
    assert said["acl"] == "(sensitive)"
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


def test_the_command_starts_without_importing_cdktf() -> None:
    probe = (
        "import json, sys, cognito_access.plan_summary\n"
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
