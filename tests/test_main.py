"""The example app: its configuration and the stack it synthesizes."""

from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from cdktf import Testing

import main
from tests.support import only

SNAPSHOT = Path(__file__).parent / "snapshots" / "cognito-access.json"
REAL = {
    "CLOUDFLARE_ACCOUNT_ID": "fedcba9876543210fedcba9876543210",
    "CLOUDFLARE_TEAM_NAME": "acme",
    "COGNITO_DOMAIN_PREFIX": "acme-login",
    "COGNITO_USER_POOL_ID": "ap-southeast-2_Zyx987",
}


def synth_main(environ: dict[str, str], context: dict[str, Any] | None = None) -> dict[str, Any]:
    app = Testing.app(context=context)
    stack = main.build(app, environ)
    parsed: dict[str, Any] = json.loads(Testing.synth(stack))
    return parsed


def no_context(_key: str) -> object:
    return None


@pytest.fixture(scope="module")
def default_stack() -> dict[str, Any]:
    return synth_main({})


def test_with_no_configuration_every_setting_but_the_pool_is_an_example() -> None:
    config = main.load_config({}, no_context)
    assert config.examples_used == (
        "CLOUDFLARE_ACCOUNT_ID",
        "CLOUDFLARE_TEAM_NAME",
        "COGNITO_DOMAIN_PREFIX",
        "AWS_REGION",
    )
    assert config.user_pool_id is None


def test_the_app_says_on_stderr_when_it_uses_examples(capsys: pytest.CaptureFixture[str]) -> None:
    main.build(Testing.app(), {})
    captured = capsys.readouterr()
    assert "using example values for CLOUDFLARE_ACCOUNT_ID" in captured.err
    assert captured.out == ""


def test_the_environment_wins_over_the_context() -> None:
    context = {"cloudflareTeamName": "from-context", "cognitoDomainPrefix": "context-login"}
    config = main.load_config({"CLOUDFLARE_TEAM_NAME": "from-env"}, context.get)
    assert (config.team_name, config.domain_prefix) == ("from-env", "context-login")
    assert "CLOUDFLARE_TEAM_NAME" not in config.examples_used
    assert "COGNITO_DOMAIN_PREFIX" not in config.examples_used


def test_the_region_follows_an_existing_pool_when_aws_region_is_unset() -> None:
    config = main.load_config(REAL, no_context)
    assert config.aws_region == "ap-southeast-2"
    assert config.examples_used == ()


def test_a_region_other_than_the_pools_is_refused() -> None:
    with pytest.raises(ValueError, match="AWS_REGION must be the region of COGNITO_USER_POOL_ID"):
        main.load_config({**REAL, "AWS_REGION": "eu-west-1"}, no_context)


def test_the_cdktf_json_context_reaches_the_stack() -> None:
    synth = synth_main({}, context={"cloudflareTeamName": "ctx-team"})
    client = only(synth["resource"]["aws_cognito_user_pool_client"])
    assert client["callback_urls"] == [
        "https://ctx-team.cloudflareaccess.com/cdn-cgi/access/callback"
    ]


def test_without_a_pool_id_the_stack_creates_a_locked_down_pool(
    default_stack: dict[str, Any],
) -> None:
    pool = only(default_stack["resource"]["aws_cognito_user_pool"])
    assert pool["admin_create_user_config"] == {"allow_admin_create_user_only": True}
    assert pool["deletion_protection"] == "ACTIVE"
    policy = pool["password_policy"]
    assert policy["minimum_length"] >= 12
    assert all(
        policy[f"require_{kind}"] for kind in ("lowercase", "uppercase", "numbers", "symbols")
    )


def test_the_created_pool_is_the_one_the_construct_uses(default_stack: dict[str, Any]) -> None:
    (pool_name,) = default_stack["resource"]["aws_cognito_user_pool"]
    client = only(default_stack["resource"]["aws_cognito_user_pool_client"])
    assert client["user_pool_id"] == f"${{aws_cognito_user_pool.{pool_name}.id}}"


def test_with_a_pool_id_the_stack_uses_the_existing_pool() -> None:
    synth = synth_main(REAL)
    assert "aws_cognito_user_pool" not in synth["resource"]
    client = only(synth["resource"]["aws_cognito_user_pool_client"])
    assert client["user_pool_id"] == "ap-southeast-2_Zyx987"
    assert synth["provider"]["aws"] == [{"region": "ap-southeast-2"}]


def test_the_stack_outputs_what_a_user_needs_and_no_secret(default_stack: dict[str, Any]) -> None:
    outputs = default_stack["output"]
    assert set(outputs) == {
        "identity_provider_id",
        "client_id",
        "issuer_url",
        "hosted_ui_url",
        "callback_url",
    }
    assert not any("secret" in json.dumps(output) for output in outputs.values())


def test_the_client_secret_appears_only_as_a_reference(default_stack: dict[str, Any]) -> None:
    resources = copy.deepcopy(default_stack["resource"])
    idp = only(resources["cloudflare_zero_trust_access_identity_provider"])
    secret = idp["config"].pop("client_secret")
    assert re.fullmatch(r"\$\{aws_cognito_user_pool_client\.\w+\.client_secret\}", secret)
    assert "secret" not in json.dumps({**default_stack, "resource": resources}).replace(
        '"generate_secret": true', ""
    )


def test_the_default_app_matches_the_reviewed_snapshot(default_stack: dict[str, Any]) -> None:
    """A reviewed copy of the default stack; regenerate: UPDATE_SNAPSHOTS=1, then review."""
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(json.dumps(default_stack, indent=2, sort_keys=True) + "\n")
    assert default_stack == json.loads(SNAPSHOT.read_text())
