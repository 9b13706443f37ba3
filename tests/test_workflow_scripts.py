"""The workflows' Python scripts, run as the workflows run them, with stand-ins for aws and gh.

Each script in ``.github/scripts/`` runs as ``python3 SCRIPT`` with ``aws`` and ``gh``
replaced by small shell scripts on ``PATH`` that answer as the real ones would and
record their calls (tests/workflow_runs.py). The workflows' shell steps and
github-script modules run in test_workflow_steps.py.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

import pytest

from tests.workflow_runs import script, stand_in

if TYPE_CHECKING:
    from pathlib import Path

# Starts command-line processes: not in the fast tier (tests/tiers.py).
pytestmark = pytest.mark.process


GOOD_SETTINGS = {
    "GITHUB_EVENT_NAME": "push",
    "GITHUB_REF": "refs/heads/main",
    "EXPECTED_EVENTS": "push workflow_dispatch",
    "BRANCH": "main",
    "VARIABLES": json.dumps(
        {
            "PRODUCTION_ROLE_ARN": "arn:aws:iam::123456789012:role/cognito-access-apply",
            "TF_STATE_BUCKET": "acme-state",
            "AWS_REGION": "eu-west-1",
            "COGNITO_CUSTOM_DOMAIN": "login.example.com",
        }
    ),
    "ROLE_VARIABLES": "PRODUCTION_ROLE_ARN",
    "REQUIRED_VARIABLES": "TF_STATE_BUCKET AWS_REGION COGNITO_DOMAIN_PREFIX|COGNITO_CUSTOM_DOMAIN",
    "SYNTH_VARIABLES": "AWS_REGION COGNITO_CUSTOM_DOMAIN",
    "STACK": "cognito-access",
    "STACK_DIRECTORY": "cdktf.out/stacks/cognito-access",
    "STATE_KEY": "cognito-access/terraform.tfstate",
    "LIBRARY_VERSION": "0123456789abcdef0123456789abcdef01234567",
}


# check_settings.py: every setting, before anything starts


def test_complete_settings_pass() -> None:
    result = script("check_settings.py", env=GOOD_SETTINGS)
    assert (result.returncode, result.stdout) == (0, "The settings are complete.\n")


BAD_SETTINGS = {
    "a pull_request run of the deploy": {"GITHUB_EVENT_NAME": "pull_request"},
    "another branch": {"GITHUB_REF": "refs/heads/feature"},
    "a tag": {"GITHUB_REF": "refs/tags/v1"},
    "no role": {
        "VARIABLES": json.dumps(
            {"TF_STATE_BUCKET": "b", "AWS_REGION": "r", "COGNITO_CUSTOM_DOMAIN": "x"}
        )
    },
    "a role that is not an ARN": {
        "VARIABLES": json.dumps(
            {
                "PRODUCTION_ROLE_ARN": "cognito-access-apply",
                "TF_STATE_BUCKET": "b",
                "AWS_REGION": "r",
                "COGNITO_CUSTOM_DOMAIN": "x",
            }
        )
    },
    "neither of two alternatives": {
        "REQUIRED_VARIABLES": "TF_STATE_BUCKET COGNITO_DOMAIN_PREFIX|IMPORT_COGNITO_DOMAIN"
    },
    "a blank required variable": {
        "REQUIRED_VARIABLES": "TF_STATE_BUCKET BLANK",
        "VARIABLES": json.dumps(
            {
                "PRODUCTION_ROLE_ARN": "arn:aws:iam::123456789012:role/r",
                "TF_STATE_BUCKET": "b",
                "BLANK": " ",
            }
        ),
    },
    "a state key under plans/": {"STATE_KEY": "plans/terraform.tfstate"},
    "no state key": {"STATE_KEY": ""},
    "a stack name with a slash": {"STACK": "../other"},
    "a stack directory outside": {"STACK_DIRECTORY": "../elsewhere"},
    "no library version": {"LIBRARY_VERSION": " "},
    "a synth variable that is no name": {"SYNTH_VARIABLES": "AWS_REGION $(id)"},
    "variables that are not JSON": {"VARIABLES": "{"},
}


@pytest.mark.parametrize("change", BAD_SETTINGS.values(), ids=BAD_SETTINGS.keys())
def test_a_missing_or_wrong_setting_stops_the_workflow_naming_it(change: dict[str, str]) -> None:
    result = script("check_settings.py", env={**GOOD_SETTINGS, **change})
    assert result.returncode == 1
    assert result.stdout.startswith("::error title=cognito-access settings::")


def test_every_missing_setting_is_named_at_once() -> None:
    result = script("check_settings.py", env={**GOOD_SETTINGS, "VARIABLES": "{}", "STATE_KEY": ""})
    assert result.stdout.count("::error") == 5


# check_head.py: an old run says so and stops


@pytest.mark.parametrize(("head", "status"), [("abc123", 0), ("def456", 1)])
def test_a_run_of_a_commit_that_is_no_longer_the_head_stops(
    tmp_path: Path, head: str, status: int
) -> None:
    stand_in(tmp_path, "gh", f'echo "$*" > "{tmp_path}/args"; echo {head}')
    env = {
        "PATH": f"{tmp_path}:{os.environ['PATH']}",
        "GITHUB_REPOSITORY": "acme/infra",
        "GITHUB_SHA": "abc123",
        "BRANCH": "main",
    }
    result = script("check_head.py", env=env)
    assert result.returncode == status
    assert (
        tmp_path / "args"
    ).read_text() == "api repos/acme/infra/git/ref/heads/main --jq .object.sha\n"
    if status:
        assert "Re-running an old run" in result.stdout
        assert "def456" in result.stdout


def test_an_unreadable_head_stops_the_run(tmp_path: Path) -> None:
    stand_in(tmp_path, "gh", "echo 'HTTP 404' >&2; exit 1")
    env = {
        "PATH": f"{tmp_path}:{os.environ['PATH']}",
        "GITHUB_REPOSITORY": "a/b",
        "GITHUB_SHA": "abc",
        "BRANCH": "main",
    }
    result = script("check_head.py", env=env)
    assert result.returncode == 1
    assert "HTTP 404" in result.stdout


# lay_out_stack.py: cdk.tf.json and assets/, nothing else


def artifact(tmp_path: Path) -> Path:
    root = tmp_path / "artifact"
    (root / "assets" / "offboarding").mkdir(parents=True)
    (root / "cdk.tf.json").write_text("{}", encoding="utf-8")
    (root / "assets" / "offboarding" / "archive.zip").write_bytes(b"PK")
    return root


def test_the_stack_is_laid_out_with_its_assets(tmp_path: Path) -> None:
    result = script("lay_out_stack.py", str(artifact(tmp_path)), str(tmp_path / "stack"), env={})
    assert result.returncode == 0, result.stdout
    laid_out = sorted(
        str(p.relative_to(tmp_path / "stack")) for p in (tmp_path / "stack").rglob("*")
    )
    assert laid_out == [
        "assets",
        "assets/offboarding",
        "assets/offboarding/archive.zip",
        "cdk.tf.json",
    ]


def add(root: Path, kind: str) -> None:
    """Something a synth job that ran hostile code could put in the artifact."""
    if kind == "a provider in .terraform":
        (root / ".terraform" / "providers").mkdir(parents=True)
    elif kind == "a link to the runner's files":
        (root / "assets" / "creds").symlink_to("/etc/passwd")
    elif kind == "cdk.tf.json as a link":
        (root / "cdk.tf.json").unlink()
        (root / "cdk.tf.json").symlink_to("/etc/passwd")
    elif kind == "no cdk.tf.json":
        (root / "cdk.tf.json").unlink()
    else:
        (root / kind).write_text("{}", encoding="utf-8")


@pytest.mark.parametrize(
    "kind",
    [
        "override.tf.json",
        "terraform.tfvars.json",
        ".terraform.lock.hcl",
        "terraform.tfstate",
        "a provider in .terraform",
        "a link to the runner's files",
        "cdk.tf.json as a link",
        "no cdk.tf.json",
    ],
)
def test_anything_but_cdk_tf_json_and_assets_is_refused(tmp_path: Path, kind: str) -> None:
    root = artifact(tmp_path)
    add(root, kind)
    result = script("lay_out_stack.py", str(root), str(tmp_path / "stack"), env={})
    assert result.returncode == 1
    assert "::error title=Synthesized stack refused::" in result.stdout
    assert not (tmp_path / "stack").exists()


# delete_plan.py: every version and delete marker of the key, and only of it

LISTING = {
    "Versions": [
        {"Key": "plans/s/1-1.tfplan", "VersionId": "v2"},
        {"Key": "plans/s/1-1.tfplan", "VersionId": "v1"},
        {"Key": "plans/s/1-1.tfplan.bak", "VersionId": "other"},
    ],
    "DeleteMarkers": [{"Key": "plans/s/1-1.tfplan", "VersionId": "m1"}],
}


def test_every_version_of_the_saved_plan_is_deleted(tmp_path: Path) -> None:
    (tmp_path / "listing.json").write_text(json.dumps(LISTING), encoding="utf-8")
    stand_in(
        tmp_path,
        "aws",
        f'echo "$*" >> "{tmp_path}/calls"\n'
        f'if [[ "$2" == list-object-versions ]]; then cat "{tmp_path}/listing.json"; fi',
    )
    result = script(
        "delete_plan.py",
        "b",
        "plans/s/1-1.tfplan",
        env={"PATH": f"{tmp_path}:{os.environ['PATH']}"},
    )
    assert result.returncode == 0, result.stdout
    calls = (tmp_path / "calls").read_text().splitlines()
    assert calls == [
        "s3api list-object-versions --bucket b --prefix plans/s/1-1.tfplan --output json",
        "s3api delete-object --bucket b --key plans/s/1-1.tfplan --version-id v2",
        "s3api delete-object --bucket b --key plans/s/1-1.tfplan --version-id v1",
        "s3api delete-object --bucket b --key plans/s/1-1.tfplan --version-id m1",
    ]


def test_a_failed_deletion_fails_the_cleanup(tmp_path: Path) -> None:
    stand_in(tmp_path, "aws", "echo 'AccessDenied' >&2; exit 254")
    result = script(
        "delete_plan.py", "b", "plans/k", env={"PATH": f"{tmp_path}:{os.environ['PATH']}"}
    )
    assert result.returncode == 1
    assert "AccessDenied" in result.stdout


# export_variables.py: only the named variables, each one whole


def read_github_env(text: str) -> dict[str, str]:
    """Parse $GITHUB_ENV's NAME<<DELIMITER form as the runner does."""
    found, lines = {}, iter(text.splitlines())
    for line in lines:
        name, delimiter = line.split("<<", 1)
        value = []
        for inner in lines:
            if inner == delimiter:
                break
            value.append(inner)
        found[name] = "\n".join(value)
    return found


def test_the_named_variables_reach_the_synth_step_whole(tmp_path: Path) -> None:
    github_env = tmp_path / "env"
    variables = {"TEAM": "acme\nBASH_ENV=/tmp/evil", "OTHER": "not asked for", "EMPTY": ""}
    env = {
        "GITHUB_ENV": str(github_env),
        "VARIABLES": json.dumps(variables),
        "NAMES": "TEAM EMPTY UNSET",
    }
    result = script("export_variables.py", env=env)
    assert result.returncode == 0
    assert read_github_env(github_env.read_text()) == {"TEAM": "acme\nBASH_ENV=/tmp/evil"}


@pytest.mark.parametrize(
    "name",
    [
        "PATH",
        "GITHUB_TOKEN",
        "LD_PRELOAD",
        "NODE_OPTIONS",
        "PYTHONPATH",
        "AWS_ROLE_ARN",
        "BASH_ENV",
        "a-b",
    ],
)
def test_a_variable_the_runner_reads_is_refused(tmp_path: Path, name: str) -> None:
    env = {"GITHUB_ENV": str(tmp_path / "env"), "VARIABLES": json.dumps({name: "x"}), "NAMES": name}
    result = script("export_variables.py", env=env)
    assert result.returncode == 1
    assert not (tmp_path / "env").exists()
