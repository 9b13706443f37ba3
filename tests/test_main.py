"""The example app: its configuration and the stack it synthesizes."""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cdktf import Testing

import main
import settings
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
    config = settings.load_config({}, no_context)
    assert config.examples_used == (
        "CLOUDFLARE_ACCOUNT_ID",
        "CLOUDFLARE_TEAM_NAME",
        "COGNITO_DOMAIN_PREFIX",
        "AWS_REGION",
    )
    assert config.user_pool_id is None


def test_the_app_warns_with_an_annotation_when_it_uses_examples(
    capsys: pytest.CaptureFixture[str],
) -> None:
    stack = main.build(Testing.app(), {})
    (warning,) = main.warnings_of(stack)
    assert warning.startswith("cognito-access: using example values for CLOUDFLARE_ACCOUNT_ID")
    assert capsys.readouterr() == ("", "")  # nothing printed while building


def test_the_app_does_not_warn_with_every_setting_given() -> None:
    assert main.warnings_of(main.build(Testing.app(), REAL)) == []


@pytest.mark.process
def test_run_by_hand_the_app_prints_its_warning_once_to_stderr(tmp_path: Path) -> None:
    environ = {k: v for k, v in os.environ.items() if k != main.CLI_ENV}
    result = subprocess.run(  # noqa: S603 - the example app, as a user runs it
        [sys.executable, str(Path(main.__file__))],
        cwd=tmp_path,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    warnings = [line for line in result.stderr.splitlines() if "using example values" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith("[WARN] cognito-access: using example values for ")


@pytest.mark.process
def test_under_the_cdktf_cli_the_app_leaves_the_warning_to_the_cli(tmp_path: Path) -> None:
    environ = {**os.environ, main.CLI_ENV: str(tmp_path / "out")}
    result = subprocess.run(  # noqa: S603 - the example app, as the cdktf CLI runs it
        [sys.executable, str(Path(main.__file__))],
        cwd=tmp_path,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "using example values" not in result.stderr
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    annotations = manifest["stacks"]["cognito-access"]["annotations"]
    assert [a["level"] for a in annotations if "using example values" in a["message"]] == [
        main.WARNING_METADATA
    ]


def test_the_environment_wins_over_the_context() -> None:
    context = {"cloudflareTeamName": "from-context", "cognitoDomainPrefix": "context-login"}
    config = settings.load_config({"CLOUDFLARE_TEAM_NAME": "from-env"}, context.get)
    assert (config.team_name, config.domain_prefix) == ("from-env", "context-login")
    assert "CLOUDFLARE_TEAM_NAME" not in config.examples_used
    assert "COGNITO_DOMAIN_PREFIX" not in config.examples_used


def test_the_region_follows_an_existing_pool_when_aws_region_is_unset() -> None:
    config = settings.load_config(REAL, no_context)
    assert config.aws_region == "ap-southeast-2"
    assert config.examples_used == ()


def test_a_region_other_than_the_pools_is_refused() -> None:
    with pytest.raises(ValueError, match="AWS_REGION must match COGNITO_USER_POOL_ID"):
        settings.load_config({**REAL, "AWS_REGION": "eu-west-1"}, no_context)


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
    text = json.dumps({**default_stack, "resource": resources})
    assert "secret" not in text.replace('"generate_secret": true', "").replace(
        '"ignore_changes": ["generate_secret"]', ""
    )


def test_the_default_app_matches_the_reviewed_snapshot(default_stack: dict[str, Any]) -> None:
    """A reviewed copy of the default stack; regenerate: UPDATE_SNAPSHOTS=1, then review."""
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(json.dumps(default_stack, indent=2, sort_keys=True) + "\n")
    assert default_stack == json.loads(SNAPSHOT.read_text())


def test_without_a_state_bucket_the_state_stays_local(default_stack: dict[str, Any]) -> None:
    assert "backend" not in default_stack.get("terraform", {})


def test_a_state_bucket_selects_the_s3_backend_encrypted_and_locked() -> None:
    synth = synth_main({"TF_STATE_BUCKET": "acme-state"})
    assert synth["terraform"]["backend"] == {
        "s3": {
            "bucket": "acme-state",
            "key": "cognito-access/terraform.tfstate",
            "region": "eu-west-1",
            "encrypt": True,
            "use_lockfile": True,
        }
    }


def test_the_state_key_and_region_can_be_chosen() -> None:
    config = settings.load_config(
        {"TF_STATE_BUCKET": "b", "TF_STATE_KEY": "k/s.tfstate", "TF_STATE_REGION": "us-west-2"},
        no_context,
    )
    assert config.state == settings.StateBackend(bucket="b", key="k/s.tfstate", region="us-west-2")


@pytest.mark.parametrize("setting", ["TF_STATE_KEY", "TF_STATE_REGION"])
def test_a_state_setting_without_a_bucket_is_refused(setting: str) -> None:
    with pytest.raises(ValueError, match=f"{setting} needs TF_STATE_BUCKET"):
        settings.load_config({setting: "x"}, no_context)


ADOPT = {
    **REAL,
    "IMPORT_COGNITO_DOMAIN": "acme-login",
    "IMPORT_COGNITO_CLIENT_ID": "4example0client0id",
    "IMPORT_CLOUDFLARE_IDP_ID": "f174e90a-fafe-4643-bbbc-4a0ed4fc8415",
}


def test_adoption_ids_become_import_blocks_for_the_three_resources() -> None:
    synth = synth_main(ADOPT)
    imports = {block["to"].split(".")[0]: block["id"] for block in synth["import"]}
    assert imports == {
        "aws_cognito_user_pool_domain": "acme-login",
        "aws_cognito_user_pool_client": "ap-southeast-2_Zyx987/4example0client0id",
        "cloudflare_zero_trust_access_identity_provider": (
            "accounts/fedcba9876543210fedcba9876543210/f174e90a-fafe-4643-bbbc-4a0ed4fc8415"
        ),
    }


def test_import_blocks_point_at_the_constructs_resources() -> None:
    synth = synth_main(ADOPT)
    adopted_types = (
        "aws_cognito_user_pool_domain",
        "aws_cognito_user_pool_client",
        "cloudflare_zero_trust_access_identity_provider",
    )
    addresses = {f"{kind}.{name}" for kind in adopted_types for name in synth["resource"][kind]}
    assert len(addresses) == len(adopted_types)
    assert {block["to"] for block in synth["import"]} == addresses


def test_without_adoption_ids_there_are_no_import_blocks(default_stack: dict[str, Any]) -> None:
    assert "import" not in default_stack


def test_the_adopted_domain_is_the_domain_prefix_when_none_is_set() -> None:
    environ = {key: value for key, value in ADOPT.items() if key != "COGNITO_DOMAIN_PREFIX"}
    config = settings.load_config({**environ, "IMPORT_COGNITO_DOMAIN": "console-made"}, no_context)
    assert config.domain_prefix == "console-made"
    assert "COGNITO_DOMAIN_PREFIX" not in config.examples_used


def test_an_adopted_domain_other_than_the_prefix_is_refused() -> None:
    with pytest.raises(ValueError, match="COGNITO_DOMAIN_PREFIX must match IMPORT_COGNITO_DOMAIN"):
        settings.load_config({**ADOPT, "IMPORT_COGNITO_DOMAIN": "other-login"}, no_context)


def test_adopting_a_client_needs_the_pool_it_is_in() -> None:
    environ = {key: value for key, value in ADOPT.items() if key != "COGNITO_USER_POOL_ID"}
    with pytest.raises(ValueError, match="IMPORT_COGNITO_CLIENT_ID needs COGNITO_USER_POOL_ID"):
        settings.load_config(environ, no_context)


def test_the_opt_in_leaves_the_adopted_client_secret_alone() -> None:
    synth = synth_main({**ADOPT, "CLOUDFLARE_IGNORE_CLIENT_SECRET_CHANGES": "1"})
    idp = only(synth["resource"]["cloudflare_zero_trust_access_identity_provider"])
    assert idp["lifecycle"]["ignore_changes"] == ["config.client_secret"]


def test_by_default_the_client_secret_is_kept_in_step(default_stack: dict[str, Any]) -> None:
    idp = only(default_stack["resource"]["cloudflare_zero_trust_access_identity_provider"])
    assert "ignore_changes" not in idp["lifecycle"]


def test_an_unclear_opt_in_value_is_refused() -> None:
    with pytest.raises(ValueError, match="CLOUDFLARE_IGNORE_CLIENT_SECRET_CHANGES must be"):
        settings.load_config({"CLOUDFLARE_IGNORE_CLIENT_SECRET_CHANGES": "maybe"}, no_context)


def test_an_adopted_client_leaves_out_generate_secret_and_ignores_it() -> None:
    """So the IMPORT_* settings can be dropped after the import with nothing to plan.

    generate_secret is not read back on import and forces a replacement: the adopted
    client leaves it out, and its changes are ignored (issue 18, finding 1).
    """
    adopted = only(synth_main(ADOPT)["resource"]["aws_cognito_user_pool_client"])
    assert "generate_secret" not in adopted
    assert adopted["lifecycle"]["ignore_changes"] == ["generate_secret"]


def test_the_created_pool_requires_verification_before_an_email_change(
    default_stack: dict[str, Any],
) -> None:
    """Access email rules trust the email claim (issue 18, finding 4).

    The provider requires each such attribute among auto_verified_attributes.
    """
    pool = only(default_stack["resource"]["aws_cognito_user_pool"])
    required = pool["user_attribute_update_settings"][
        "attributes_require_verification_before_update"
    ]
    assert required == ["email"]
    assert set(required) <= set(pool["auto_verified_attributes"])


def test_under_managed_login_the_created_pool_states_a_plan_with_managed_login() -> None:
    """Managed login fails on the Lite feature plan (issue 18, finding 7)."""
    synth = synth_main({"COGNITO_MANAGED_LOGIN": "1"})
    assert only(synth["resource"]["aws_cognito_user_pool"])["user_pool_tier"] == "ESSENTIALS"


def test_without_managed_login_the_pool_keeps_its_feature_plan(
    default_stack: dict[str, Any],
) -> None:
    assert "user_pool_tier" not in only(default_stack["resource"]["aws_cognito_user_pool"])


def test_the_created_pool_requires_mfa_with_an_authenticator_app(
    default_stack: dict[str, Any],
) -> None:
    pool = only(default_stack["resource"]["aws_cognito_user_pool"])
    assert pool["mfa_configuration"] == "ON"
    assert pool["software_token_mfa_configuration"] == {"enabled": True}


def test_the_deployed_example_protects_the_client_and_the_login_method(
    default_stack: dict[str, Any],
) -> None:
    resources = default_stack["resource"]
    client = only(resources["aws_cognito_user_pool_client"])
    idp = only(resources["cloudflare_zero_trust_access_identity_provider"])
    assert client["lifecycle"]["prevent_destroy"] is True
    assert idp["lifecycle"]["prevent_destroy"] is True


def test_a_client_the_stack_creates_generates_its_secret(default_stack: dict[str, Any]) -> None:
    client = only(default_stack["resource"]["aws_cognito_user_pool_client"])
    assert client["generate_secret"] is True


PROTECTED = {"PROTECTED_APP_DOMAIN": "wiki.acme.example", "PROTECTED_APP_GROUPS": "eng, ops-eu"}


def test_by_default_no_application_is_protected(default_stack: dict[str, Any]) -> None:
    assert "cloudflare_zero_trust_access_application" not in default_stack["resource"]
    assert "cloudflare_zero_trust_access_policy" not in default_stack["resource"]
    assert "aws_cognito_user_group" not in default_stack["resource"]


def test_on_a_created_pool_the_protected_groups_are_declared_and_matched_by_reference() -> None:
    synth = synth_main(PROTECTED)
    (pool_name,) = synth["resource"]["aws_cognito_user_pool"]
    groups = synth["resource"]["aws_cognito_user_group"]
    assert sorted(group["name"] for group in groups.values()) == ["eng", "ops-eu"]
    assert {group["user_pool_id"] for group in groups.values()} == {
        f"${{aws_cognito_user_pool.{pool_name}.id}}"
    }
    policy = only(synth["resource"]["cloudflare_zero_trust_access_policy"])
    assert [rule["oidc"]["claim_value"] for rule in policy["include"]] == [
        f"${{aws_cognito_user_group.{name}.name}}" for name in groups
    ]


def test_on_an_existing_pool_the_protected_groups_are_matched_by_name() -> None:
    synth = synth_main({**REAL, **PROTECTED})
    assert "aws_cognito_user_group" not in synth["resource"]
    policy = only(synth["resource"]["cloudflare_zero_trust_access_policy"])
    assert [rule["oidc"]["claim_value"] for rule in policy["include"]] == ["eng", "ops-eu"]


def test_the_protected_application_is_for_the_configured_domain() -> None:
    synth = synth_main(PROTECTED)
    application = only(synth["resource"]["cloudflare_zero_trust_access_application"])
    assert application["destinations"] == [{"type": "public", "uri": "wiki.acme.example"}]


def test_a_protected_application_adds_its_id_and_aud_to_the_outputs() -> None:
    synth = synth_main(PROTECTED)
    outputs = synth["output"]
    (name,) = synth["resource"]["cloudflare_zero_trust_access_application"]
    assert outputs["access_application_id"]["value"] == (
        f"${{cloudflare_zero_trust_access_application.{name}.id}}"
    )
    assert outputs["access_application_aud"]["value"] == (
        f"${{cloudflare_zero_trust_access_application.{name}.aud}}"
    )


def test_reordering_the_protected_groups_keeps_their_addresses() -> None:
    forward = synth_main(PROTECTED)["resource"]["aws_cognito_user_group"]
    reverse = synth_main({**PROTECTED, "PROTECTED_APP_GROUPS": "ops-eu,eng"})
    assert forward == reverse["resource"]["aws_cognito_user_group"]


@pytest.mark.parametrize(
    ("groups_in_context", "expected"),
    [("eng,ops-eu", ("eng", "ops-eu")), (["eng", "ops-eu"], ("eng", "ops-eu"))],
    ids=["comma-separated", "JSON list"],
)
def test_the_protected_app_can_come_from_the_cdktf_json_context(
    groups_in_context: object, expected: tuple[str, ...]
) -> None:
    context = {"protectedAppDomain": "wiki.acme.example", "protectedAppGroups": groups_in_context}
    config = settings.load_config({}, context.get)
    assert config.protected_app == settings.ProtectedApp("wiki.acme.example", expected)


def test_blank_entries_in_the_group_list_are_ignored() -> None:
    config = settings.load_config(
        {**PROTECTED, "PROTECTED_APP_GROUPS": " eng ,, ops-eu, "}, no_context
    )
    assert config.protected_app == settings.ProtectedApp("wiki.acme.example", ("eng", "ops-eu"))


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"PROTECTED_APP_GROUPS": "eng"}, "PROTECTED_APP_GROUPS needs PROTECTED_APP_DOMAIN"),
        (
            {"PROTECTED_APP_DOMAIN": "wiki.acme.example"},
            "PROTECTED_APP_DOMAIN needs PROTECTED_APP_G",
        ),
        ({**PROTECTED, "PROTECTED_APP_GROUPS": "eng,eng"}, "must not repeat a group.*'eng'"),
    ],
)
def test_an_incomplete_protected_app_is_refused(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        settings.load_config(environ, no_context)


def test_a_malformed_protected_domain_is_refused_naming_it() -> None:
    with pytest.raises(ValueError, match=r"domain must be a hostname.*'https://wiki"):
        synth_main({**PROTECTED, "PROTECTED_APP_DOMAIN": "https://wiki.acme.example"})


CDKTF = Path(__file__).parents[1] / "node_modules" / ".bin" / "cdktf"


@pytest.mark.process
@pytest.mark.skipif(not CDKTF.exists(), reason="the cdktf CLI is not installed (make setup)")
def test_cdktf_synth_shows_the_example_notice_once_as_a_warning_not_an_error(
    tmp_path: Path,
) -> None:
    root = Path(__file__).parents[1]
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CLOUDFLARE_", "COGNITO_", "IMPORT_", "TF_STATE_", "AWS_REGION"))
    }
    environ["PATH"] = f"{CDKTF.parent}{os.pathsep}{environ.get('PATH', '')}"
    environ["CHECKPOINT_DISABLE"] = "1"
    result = subprocess.run(  # noqa: S603 - the project's own cdktf CLI
        [str(CDKTF), "synth", "--output", str(tmp_path / "out")],
        cwd=root,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    printed = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", result.stdout + result.stderr)
    notices = [line for line in printed.splitlines() if "using example values" in line]
    assert len(notices) == 1, printed
    assert notices[0].startswith("WARN [cognito-access]: cognito-access: using example values")
