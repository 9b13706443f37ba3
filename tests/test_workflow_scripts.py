"""The workflows' own scripts and shell steps, run here with stand-ins for aws, gh and GitHub's API.

The Python scripts in ``.github/scripts/`` run as the workflows run them (``python3
SCRIPT``), with ``aws`` and ``gh`` replaced by small shell scripts on ``PATH`` that
answer as the real ones would and record their calls. Shell steps are taken from the
workflow files and run with bash as GitHub runs them (``-eo pipefail``). The
github-script modules run in Node.js against a fake client (tests/fake_github.cjs).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import pytest

from tests.workflows import ROOT, SCRIPTS, WORKFLOWS, load, steps

if TYPE_CHECKING:
    from pathlib import Path

DEPLOY = load(WORKFLOWS / "cognito-access-deploy.yml")
DRIFT = load(WORKFLOWS / "cognito-access-drift.yml")
NODE = shutil.which("node")
SAVED_PLAN = b"saved plan"
SAVED_PLAN_SHA256 = hashlib.sha256(SAVED_PLAN).hexdigest()
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


def script(
    name: str, *arguments: str, env: dict[str, str], cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - the repository's own script, by this interpreter
        [sys.executable, str(SCRIPTS / name), *arguments],
        env={"PATH": os.environ["PATH"], **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def stand_in(directory: Path, name: str, body: str) -> None:
    """Put an executable shell script called ``name`` in ``directory``."""
    path = directory / name
    path.write_text(f"#!/usr/bin/env bash\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


def step_run(job: dict[str, Any], name: str) -> str:
    (found,) = [step["run"] for step in steps(job) if step.get("name") == name]
    return str(found)


def bash(command: str, *, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a workflow's shell step as GitHub does: bash --noprofile --norc -eo pipefail."""
    return subprocess.run(  # noqa: S603 - a step of the repository's own workflow
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command],  # noqa: S607 - bash
        env={"PATH": os.environ["PATH"], **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


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


# The workflows' shell steps


@pytest.mark.parametrize(
    ("digest", "status"),
    [
        (SAVED_PLAN_SHA256, 0),
        ("0" * 64, 1),
        ("", 1),
    ],
    ids=["the approved plan", "another plan", "no digest"],
)
def test_the_apply_job_refuses_a_saved_plan_of_another_digest(
    tmp_path: Path, digest: str, status: int
) -> None:
    (tmp_path / "stack").mkdir()
    (tmp_path / "stack" / "tfplan").write_bytes(SAVED_PLAN)
    command = step_run(DEPLOY["jobs"]["apply"], "Refuse a plan that is not the approved one")
    result = bash(command, env={"PLAN_SHA256": digest}, cwd=tmp_path)
    assert result.returncode == status, result.stdout


def test_the_plan_job_s_digest_is_the_saved_plan_s_sha256(tmp_path: Path) -> None:
    (tmp_path / "stack").mkdir()
    (tmp_path / "stack" / "tfplan").write_bytes(SAVED_PLAN)
    command = step_run(DEPLOY["jobs"]["plan"], "Take the saved plan's SHA-256")
    bash(command, env={"GITHUB_OUTPUT": str(tmp_path / "out")}, cwd=tmp_path)
    assert (tmp_path / "out").read_text() == f"plan-sha256={SAVED_PLAN_SHA256}\n"


@pytest.mark.parametrize(
    ("exit_code", "output", "status"), [(0, "drift=false\n", 0), (2, "drift=true\n", 0), (1, "", 1)]
)
def test_the_drift_plan_says_whether_there_is_drift(
    tmp_path: Path, exit_code: int, output: str, status: int
) -> None:
    stand_in(tmp_path, "terraform", f"exit {exit_code}")
    command = step_run(DRIFT["jobs"]["plan"], "terraform plan")
    out = tmp_path / "out"
    out.touch()
    result = bash(
        command,
        env={"PATH": f"{tmp_path}:{os.environ['PATH']}", "GITHUB_OUTPUT": str(out)},
        cwd=tmp_path,
    )
    assert (result.returncode, out.read_text()) == (status, output)


# The github-script modules

needs_node = pytest.mark.skipif(NODE is None, reason="Node.js is not on PATH")


def fake_github(module: str, scenario: dict[str, Any]) -> dict[str, Any]:
    assert NODE is not None
    result = subprocess.run(  # noqa: S603 - Node.js on the repository's own harness
        [
            NODE,
            str(ROOT / "tests" / "fake_github.cjs"),
            str(SCRIPTS / module),
            json.dumps(scenario),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def drift_scenario(*, drift: bool, existing: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "existing": existing,
        "options": {"stack": "login", "drift": drift, "summary": "> [!CAUTION]\n> wider"},
    }


OPEN_ISSUE = {"number": 7, "body": "<!-- cognito-access-drift: login -->\nold summary"}
OTHER_STACK = {"number": 8, "body": "<!-- cognito-access-drift: other -->\n"}


@needs_node
def test_drift_opens_one_issue_with_the_summary_and_its_cautions() -> None:
    done = fake_github("drift_issue.cjs", drift_scenario(drift=True, existing=[OTHER_STACK]))
    assert done["result"] == {"action": "opened", "number": 99}
    (create,) = [params for name, params in done["calls"] if name == "create"]
    assert create["body"].startswith("<!-- cognito-access-drift: login -->")
    assert "> [!CAUTION]\n> wider" in create["body"]


@needs_node
def test_drift_seen_again_updates_the_open_issue() -> None:
    done = fake_github(
        "drift_issue.cjs", drift_scenario(drift=True, existing=[OTHER_STACK, OPEN_ISSUE])
    )
    assert done["result"] == {"action": "updated", "number": 7}
    assert [name for name, _ in done["calls"]] == ["listForRepo", "update"]


@needs_node
def test_the_issue_closes_when_the_drift_is_gone() -> None:
    done = fake_github("drift_issue.cjs", drift_scenario(drift=False, existing=[OPEN_ISSUE]))
    assert done["result"] == {"action": "closed", "number": 7}
    (update,) = [params for name, params in done["calls"] if name == "update"]
    assert update["state"] == "closed"


@needs_node
def test_no_drift_and_no_issue_writes_nothing() -> None:
    done = fake_github("drift_issue.cjs", drift_scenario(drift=False, existing=[OTHER_STACK]))
    assert done["result"] == {"action": "none", "number": None}
    assert [name for name, _ in done["calls"]] == ["listForRepo"]


def comment_scenario(summary: str | None, existing: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "existing": existing,
        "options": {
            "summary": summary,
            "outcome": "success" if summary else "failure",
            "stack": "login",
        },
        "payload": {"pull_request": {"number": 3, "head": {"sha": "abc"}}},
    }


@needs_node
def test_the_plan_comment_is_rewritten_on_each_push() -> None:
    mine = {
        "id": 5,
        "user": {"login": "github-actions[bot]"},
        "body": "<!-- cognito-access-plan-summary --><!-- stack: login -->\nold",
    }
    someone = {"id": 6, "user": {"login": "mallory"}, "body": mine["body"]}
    done = fake_github("pr_comment.cjs", comment_scenario("**Plan:** 1 to add", [someone, mine]))
    (update,) = [params for name, params in done["calls"] if name == "updateComment"]
    assert update["comment_id"] == 5
    assert "**Plan:** 1 to add" in update["body"]


@needs_node
def test_no_plan_says_so_in_the_comment() -> None:
    done = fake_github("pr_comment.cjs", comment_scenario(None, []))
    (create,) = [params for name, params in done["calls"] if name == "createComment"]
    assert "There is no plan for this push" in create["body"]
