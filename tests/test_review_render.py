"""The plan summary's Markdown: counts, a line per change with its values, outputs, size."""

from __future__ import annotations

import re
from typing import Any

import pytest

from cognito_access.review import GITHUB_COMMENT_LIMIT, MARKER, summarize
from tests.plans import (
    NOTE,
    REPLACE,
    attributes,
    cautions,
    heading,
    listed,
    many_updates,
    note,
    outputs,
    plan,
    resource,
    update,
)

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


def test_a_destroyed_resource_is_listed_without_values() -> None:
    change = resource("aws_s3_bucket.logs", ["delete"], {"before": {"name": "VISIBLE-NAME"}})
    summary = summarize(plan(change))
    assert listed(summary)["aws_s3_bucket.logs"][1] == ""
    assert "VISIBLE-NAME" not in summary


def test_a_created_resource_is_listed_with_the_values_it_is_given() -> None:
    values = {"bucket": "logs-1", "tags": {"team": "ops"}, "versioning": [{"enabled": True}]}
    change = resource(
        "aws_s3_bucket.logs",
        ["create"],
        {"after": {**values, "arn": None, "policy": None}, "after_unknown": {"arn": True}},
    )
    said = attributes(summarize(plan(change)), "aws_s3_bucket.logs")
    assert said == {
        "bucket": '`"logs-1"`',
        "tags.team": '`"ops"`',
        "versioning[0].enabled": "`true`",
    }


def test_a_created_resource_s_sensitive_values_are_masked() -> None:
    change = resource(
        "aws_ssm_parameter.key",
        ["create"],
        {"after": {"name": "k", "value": "HUSH-5555-0000"}, "after_sensitive": {"value": True}},
    )
    summary = summarize(plan(change))
    assert attributes(summary, "aws_ssm_parameter.key")["value"] == "(sensitive)"
    assert "HUSH-5555-0000" not in summary


def test_a_created_resource_that_recreates_a_destroyed_one_says_so() -> None:
    old = resource("aws_s3_bucket.old", ["delete"], {"before": {"bucket": "logs"}})
    new = resource("aws_s3_bucket.new", ["create"], {"after": {"bucket": "logs"}})
    rest = listed(summarize(plan(old, new)))["aws_s3_bucket.new"][1]
    assert rest.startswith(" (recreates `aws_s3_bucket.old`)")


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
