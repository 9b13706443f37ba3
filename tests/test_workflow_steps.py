"""The workflows' shell steps and github-script modules, run as GitHub runs them.

Shell steps are taken from the workflow files and run with bash as GitHub does
(``-eo pipefail``), with ``terraform`` replaced by a stand-in where they call it. The
github-script modules run in Node.js against a fake client (tests/fake_github.cjs) that
records each call.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from typing import TYPE_CHECKING, Any

import pytest

from tests.config_gate import BUCKET, KEY, REGION, example_stack
from tests.workflow_runs import NODE, bash, fake_github, stand_in, step_run
from tests.workflows import ROOT, WORKFLOWS, load

if TYPE_CHECKING:
    from pathlib import Path

# Starts command-line processes: not in the fast tier (tests/tiers.py).
pytestmark = pytest.mark.process


DEPLOY = load(WORKFLOWS / "cognito-access-deploy.yml")
DRIFT = load(WORKFLOWS / "cognito-access-drift.yml")
PLAN = load(WORKFLOWS / "cognito-access-plan.yml")
SAVED_PLAN = b"saved plan"
SAVED_PLAN_SHA256 = hashlib.sha256(SAVED_PLAN).hexdigest()


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


# The configuration gate's step of every job that plans or applies
GATE_STEPS = [
    pytest.param(job, id=name)
    for name, job in [
        ("plan:plan", PLAN["jobs"]["plan"]),
        ("deploy:plan", DEPLOY["jobs"]["plan"]),
        ("deploy:apply", DEPLOY["jobs"]["apply"]),
        ("drift:plan", DRIFT["jobs"]["plan"]),
    ]
]


def run_gate(job: dict[str, Any], config: dict[str, Any], tmp_path: Path, **env: str) -> int:
    """Run ``job``'s gate step on ``config`` laid out as the workflows lay it out."""
    (tmp_path / "stack").mkdir()
    (tmp_path / "stack" / "cdk.tf.json").write_text(json.dumps(config), encoding="utf-8")
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "python3").symlink_to(sys.executable)
    settings = {
        "TF_STATE_BUCKET": BUCKET,
        "STATE_KEY": KEY,
        "STATE_REGION": REGION,
        "ALLOW_RESOURCE_TYPES": "",
        "PYTHONPATH": str(ROOT / "constructs"),
        "PYTHONSAFEPATH": "1",
        **env,
    }
    command = step_run(job, "Check the synthesized configuration")
    result = bash(f'PATH="{tools}:$PATH"\n{command}', env=settings, cwd=tmp_path)
    return result.returncode


@pytest.mark.parametrize("job", GATE_STEPS)
@pytest.mark.parametrize(("region", "status"), [(REGION, 0), ("us-east-1", 1), ("cn-north-1", 1)])
def test_the_gate_step_holds_the_backend_to_the_state_region(
    job: dict[str, Any], region: str, status: int, tmp_path: Path
) -> None:
    config = example_stack()
    config["terraform"]["backend"]["s3"]["region"] = region
    assert run_gate(job, config, tmp_path) == status


@pytest.mark.parametrize("job", GATE_STEPS)
@pytest.mark.parametrize(
    ("allowed", "status"),
    [("", 1), ("aws_sns_topic", 1), ("aws_sns_topic aws_s3_bucket", 0), ("aws_*", 2)],
    ids=["none", "another", "it among others", "a pattern"],
)
def test_the_gate_step_allows_only_the_types_the_caller_lists(
    job: dict[str, Any], allowed: str, status: int, tmp_path: Path
) -> None:
    config = example_stack()
    config["resource"]["aws_s3_bucket"] = {"Logs": {"bucket": "acme-logs"}}
    (tmp_path / "aws_s3_bucket").touch()  # what `aws_*` would match, were it expanded
    assert run_gate(job, config, tmp_path, ALLOW_RESOURCE_TYPES=allowed) == status


# The github-script modules

needs_node = pytest.mark.skipif(NODE is None, reason="Node.js is not on PATH")


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
