"""What the summary masks: sensitive values, secrets by name and their copies, leaf by leaf."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from cognito_access.review import summarize
from tests.plans import (
    IDP,
    SECRET,
    attributes,
    cautions,
    config_change,
    plan,
    resource,
    update,
)

if TYPE_CHECKING:
    from collections.abc import Callable

# Secrets: never in the output, whatever the plan says about them


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


# Masking leaf by leaf: a secret hides itself, not its siblings


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


# Masking only what the providers mark: booleans and empty objects are no secrets.


@pytest.mark.parametrize(
    ("name", "before", "after", "said"),
    [
        ("generate_secret", True, False, "`true` → `false`"),
        ("generate_secret", None, True, "`null` → `true`"),
        ("any_valid_service_token", None, {}, "`null` → `{}`"),
        ("enable_token_revocation", False, True, "`false` → `true`"),
        ("api_token", None, {}, "`null` → `{}`"),
    ],
)
def test_a_boolean_or_empty_object_under_a_secret_s_name_is_shown(
    name: str, before: object, after: object, said: str
) -> None:
    change = update("aws_s3_bucket.logs", {name: before}, {name: after})
    assert attributes(summarize(plan(change)), "aws_s3_bucket.logs")[name] == said


def sensitive_output(value: str) -> dict[str, Any]:
    """An output marked sensitive, as `terraform show -json` writes its change."""
    return {
        "actions": ["update"],
        "before": "old",
        "after": value,
        "after_unknown": False,
        "before_sensitive": True,
        "after_sensitive": True,
    }


@pytest.mark.parametrize("host", ["wiki.example.com", "login.example.org", "intranet.example"])
def test_a_sensitive_output_holding_a_host_masks_it_nowhere(host: str) -> None:
    app = "cloudflare_zero_trust_access_application.wiki"
    change = update(app, {"domain": "old.example.net", "name": "w"}, {"domain": host, "name": "w"})
    summary = summarize(plan(change, outputs={"origin": sensitive_output(host)}))
    assert attributes(summary, app)["domain"] == f'`"old.example.net"` → `"{host}"`'
    (caution,) = cautions(summary)
    assert caution.startswith(f"**Host no longer protected on `{app}`:** `old.example.net` is")
    assert "sensitive" not in summary


@pytest.mark.parametrize("group", ["engineering", "contractors-2026"])
def test_a_sensitive_output_holding_a_rule_s_value_masks_it_nowhere(group: str) -> None:
    policy = "cloudflare_zero_trust_access_policy.p"
    rule = {"oidc": {"claim_name": "cognito:groups", "claim_value": group}}
    change = update(
        policy, {"decision": "allow", "include": []}, {"decision": "allow", "include": [rule]}
    )
    summary = summarize(plan(change, outputs={"group": sensitive_output(group)}))
    (caution,) = cautions(summary)
    assert f'Cognito group `"{group}"`' in caution


COPIES: dict[str, Callable[[str], object]] = {
    "whole": lambda secret: secret,
    "inside a URL": lambda secret: f"https://hooks.example.com/?key={secret}",
    "in a list": lambda secret: ["a", secret],
}


@pytest.mark.parametrize("copy", COPIES.values(), ids=COPIES.keys())
@pytest.mark.parametrize("actions", [["update"], ["create"]])
def test_a_marked_value_copied_where_the_provider_marks_none_is_masked_and_cautioned(
    copy: Callable[[str], object],
    actions: list[str],
) -> None:
    source = resource(
        "aws_cognito_user_pool_client.app",
        ["no-op"],
        {
            "before": {"client_secret": SECRET},
            "after": {"client_secret": SECRET},
            "before_sensitive": {"client_secret": True},
            "after_sensitive": {"client_secret": True},
        },
    )
    values = {"description": copy(SECRET), "name": "hook"}
    change = (
        {"after": values}
        if actions == ["create"]
        else {"before": {"name": "hook"}, "after": values}
    )
    summary = summarize(plan(source, resource("aws_ssm_parameter.hook", actions, change)))
    assert SECRET not in summary
    said = attributes(summary, "aws_ssm_parameter.hook")["description"]
    assert said.startswith("(sensitive")
    (caution,) = cautions(summary)
    assert caution.startswith(
        "**A secret is copied into `description` of `aws_ssm_parameter.hook`:**"
    )


def test_a_value_the_provider_marks_is_masked_but_not_cautioned_as_a_copy() -> None:
    change = resource(
        "aws_ssm_parameter.hook",
        ["update"],
        {
            "before": {"value": "old"},
            "after": {"value": SECRET},
            "after_sensitive": {"value": True},
        },
    )
    summary = summarize(plan(change))
    assert attributes(summary, "aws_ssm_parameter.hook")["value"] == "(sensitive, changed)"
    assert cautions(summary) == []
