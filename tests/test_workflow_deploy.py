"""Deploy: exactly the approved plan of main's head, and no saved plan left behind. Drift, seen.

These read the reusable deploy and drift workflows: the plan job's SHA-256 reaches the
apply job through GitHub (a job output), which refuses a saved plan of another digest
before applying; a cleanup job deletes every version of the saved plan whatever
happened; the bucket's lifecycle rule expires what a failed cleanup leaves; every
credentialed deploy job first checks that its commit is still the branch's head. Each
check also runs on a bad variant. The scripts themselves run in test_workflow_scripts.py.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from tests.workflows import (
    EXAMPLES,
    SCRIPTS,
    WORKFLOWS,
    always_runs,
    holds_credentials,
    load,
    load_json,
    permissions,
    runs,
    steps,
    triggers,
    triggers_of,
    uses,
)

DEPLOY = load(WORKFLOWS / "cognito-access-deploy.yml")
DRIFT = load(WORKFLOWS / "cognito-access-drift.yml")
LIFECYCLE = load_json(EXAMPLES / "state-bucket-lifecycle.json")
DIGEST_OUTPUT = "${{ needs.plan.outputs.plan-sha256 }}"


def kinds(job: dict[str, Any]) -> list[str]:
    """Each step of a job as what it does to the saved plan, in order."""
    found = []
    for step in steps(job):
        command = str(step.get("run", ""))
        if not always_runs(step) and "delete_plan.py" not in command:
            found.append("")
        elif "check_head.py" in command:
            found.append("head")
        elif uses(step, "aws-actions/configure-aws-credentials"):
            found.append("credential")
        elif re.search(r"aws s3 cp \S+ stack/tfplan", command):
            found.append("fetch")
        elif (
            "sha256sum stack/tfplan" in command
            and "$PLAN_SHA256" in command
            and "exit 1" in command
        ):
            found.append("digest")
        elif re.search(r"terraform \S* ?apply", command):
            found.append("apply")
        elif "delete_plan.py" in command:
            found.append("delete")
        else:
            found.append("")
    return [kind for kind in found if kind]


def digest_problems(workflow: dict[Any, Any]) -> list[str]:
    """Why the apply job could apply a saved plan other than the one its plan job printed."""
    apply = workflow["jobs"]["apply"]
    found = []
    if (apply.get("env") or {}).get("PLAN_SHA256") != DIGEST_OUTPUT:
        found.append("PLAN_SHA256 is not the plan job's output")
    order = kinds(apply)
    if not {"fetch", "digest", "apply"} <= set(order):
        return [*found, f"lacks a step of fetch, digest check, apply: {order}"]
    if not order.index("fetch") < order.index("digest") < order.index("apply"):
        found.append(f"checks the digest out of order: {order}")
    return found


def cleanup_problems(workflow: dict[Any, Any]) -> list[str]:
    """Why a saved plan could outlive its run: no cleanup after apply, or not of every version."""
    cleanups = [job for job in workflow["jobs"].values() if "delete" in kinds(job)]
    if not cleanups:
        return ["no job deletes the saved plan's versions"]
    found = []
    for job in cleanups:
        needs = job.get("needs") or []
        if {"plan", "apply"} - set([needs] if isinstance(needs, str) else needs):
            found.append("the cleanup does not wait for both plan and apply")
        if "always()" not in str(job.get("if", "")):
            found.append("the cleanup is skipped when the apply fails or is rejected")
    return found


def head_problems(job: dict[str, Any]) -> list[str]:
    """A credentialed deploy job that could plan or apply a commit that is no longer the head."""
    order = kinds(job)
    if "head" not in order:
        return ["does not check the branch's head"]
    if "credential" in order and order.index("head") > order.index("credential"):
        return ["checks the head after getting a credential"]
    return []


def test_the_plan_job_hands_the_saved_plan_s_sha256_to_the_apply_job() -> None:
    plan = DEPLOY["jobs"]["plan"]
    (digest,) = [step for step in steps(plan) if step.get("id") == "digest"]
    assert "sha256sum stack/tfplan" in digest["run"]
    assert "plan-sha256=" in digest["run"]
    assert '>> "$GITHUB_OUTPUT"' in digest["run"]
    assert plan["outputs"]["plan-sha256"] == "${{ steps.digest.outputs.plan-sha256 }}"


def test_the_approver_reads_the_sha256_next_to_the_summary() -> None:
    (summary,) = [
        s for s in steps(DEPLOY["jobs"]["plan"]) if "-m cognito_access.review" in str(s.get("run"))
    ]
    assert summary["env"]["PLAN_SHA256"] == "${{ steps.digest.outputs.plan-sha256 }}"
    assert "$PLAN_SHA256" in summary["run"]
    assert '>> "$GITHUB_STEP_SUMMARY"' in summary["run"]


def test_the_apply_job_refuses_a_plan_whose_digest_differs() -> None:
    assert digest_problems(DEPLOY) == []


def test_the_saved_plan_is_kept_under_plans_and_deleted_with_every_version() -> None:
    (name,) = [s for s in steps(DEPLOY["jobs"]["plan"]) if s.get("id") == "key"]
    assert "plan-key=plans/$STACK/$GITHUB_RUN_ID-$GITHUB_RUN_ATTEMPT.tfplan" in name["run"]
    assert cleanup_problems(DEPLOY) == []
    assert DEPLOY["jobs"]["cleanup"]["environment"] == "production-plan"


def test_the_lifecycle_rule_expires_current_and_older_versions_of_saved_plans() -> None:
    rules = [rule for rule in LIFECYCLE["Rules"] if rule["Status"] == "Enabled"]
    assert {rule["Filter"]["Prefix"] for rule in rules} == {"plans/"}
    expiring = [rule for rule in rules if "Days" in rule.get("Expiration", {})]
    assert [rule["NoncurrentVersionExpiration"]["NoncurrentDays"] for rule in expiring] == [1]
    # Longer than GitHub keeps a deployment waiting for its approval (30 days).
    assert expiring[0]["Expiration"]["Days"] > 30
    assert any(rule.get("Expiration", {}).get("ExpiredObjectDeleteMarker") for rule in rules)


def test_the_settings_check_refuses_a_state_key_where_plans_expire() -> None:
    assert 'PLANS_PREFIX = "plans/"' in (SCRIPTS / "check_settings.py").read_text("utf-8")


@pytest.mark.parametrize("job_id", ["preflight", "plan", "apply"])
def test_every_deploy_job_before_cleanup_checks_that_its_commit_is_the_head(job_id: str) -> None:
    assert head_problems(DEPLOY["jobs"][job_id]) == []


# "Re-run job" on an old run's plan or report skips preflight: each checks again, or an
# old run would compare an old commit with what is deployed, or close the drift issue.
@pytest.mark.parametrize("job_id", ["preflight", "plan", "report"])
def test_the_drift_check_compares_only_the_head(job_id: str) -> None:
    assert head_problems(DRIFT["jobs"][job_id]) == []


def test_the_deploy_runs_only_on_pushes_and_by_hand() -> None:
    caller = load(WORKFLOWS / "deploy.yml")
    assert triggers(caller) == {"push", "workflow_dispatch"}
    assert triggers_of(caller)["push"] == {"branches": ["main"]}


# Drift, seen


def test_a_schedule_runs_the_drift_check() -> None:
    caller = load(WORKFLOWS / "drift.yml")
    assert "schedule" in triggers(caller)
    assert (
        caller["jobs"]["cognito-access"]["uses"] == "./.github/workflows/cognito-access-drift.yml"
    )


def test_the_drift_plan_tells_an_empty_plan_from_one_that_is_not() -> None:
    plan = DRIFT["jobs"]["plan"]
    (command,) = [c for c in runs(plan) if "-detailed-exitcode" in c]
    assert '2) echo "drift=true"' in command
    assert '0) echo "drift=false"' in command
    assert plan["outputs"]["drift"] == "${{ steps.plan.outputs.drift }}"
    assert plan["environment"] == "drift"


def test_the_drift_issue_holds_the_full_summary_cautions_included() -> None:
    plan = DRIFT["jobs"]["plan"]
    (summary,) = [c for c in runs(plan) if "-m cognito_access.review" in c]
    assert "python3 -m cognito_access.review --max-chars 60000" in summary


def test_the_job_that_writes_issues_holds_no_cloud_credential() -> None:
    report = DRIFT["jobs"]["report"]
    assert permissions(report) == {"contents": "read", "issues": "write"}
    assert not holds_credentials(report)
    script = report["steps"][-1]["with"]["script"]
    assert "drift_issue.cjs" in script
    assert report["steps"][-1]["env"]["DRIFT"] == "${{ needs.plan.outputs.drift }}"


# The checks themselves, on bad variants


def apply_with(commands: list[str], env: dict[str, str] | None = None) -> dict[Any, Any]:
    job = {"env": env or {"PLAN_SHA256": DIGEST_OUTPUT}, "steps": [{"run": c} for c in commands]}
    return {"jobs": {"apply": job}}


FETCH = 'aws s3 cp "s3://$TF_STATE_BUCKET/$PLAN_KEY" stack/tfplan'
CHECK = '[[ "$(sha256sum stack/tfplan | cut -d" " -f1)" == "$PLAN_SHA256" ]] || exit 1'
APPLY = "terraform -chdir=stack apply -input=false tfplan"
BAD_APPLIES = {
    "no digest check": apply_with([FETCH, APPLY]),
    "the digest checked after the apply": apply_with([FETCH, APPLY, CHECK]),
    "the digest checked before the fetch": apply_with([CHECK, FETCH, APPLY]),
    "the digest read from the bucket": apply_with(
        [FETCH, CHECK, APPLY], {"PLAN_SHA256": "${{ steps.object.outputs.sha256 }}"}
    ),
}


@pytest.mark.parametrize("workflow", BAD_APPLIES.values(), ids=BAD_APPLIES.keys())
def test_an_apply_that_could_take_another_plan_is_caught(workflow: dict[Any, Any]) -> None:
    assert digest_problems(workflow) != []


BAD_CLEANUPS = {
    "only rm, which keeps the versions": """
        jobs:
          apply: {steps: [{run: terraform -chdir=stack apply tfplan}]}
          cleanup: {needs: [plan, apply], if: always(), steps: [{run: aws s3 rm s3://b/k}]}
        """,
    "skipped when the approval is rejected": """
        jobs:
          cleanup: {needs: [plan, apply], steps: [{run: python3 delete_plan.py b k}]}
        """,
    "before the apply": """
        jobs:
          cleanup: {needs: plan, if: always(), steps: [{run: python3 delete_plan.py b k}]}
        """,
}


@pytest.mark.parametrize("text", BAD_CLEANUPS.values(), ids=BAD_CLEANUPS.keys())
def test_a_cleanup_that_leaves_the_plan_behind_is_caught(text: str) -> None:
    assert cleanup_problems(yaml.safe_load(text)) != []


@pytest.mark.parametrize(
    "commands",
    [
        ["terraform -chdir=stack plan -out=tfplan"],
        ["aws-actions/configure-aws-credentials", "python3 t/.github/scripts/check_head.py"],
    ],
    ids=["no head check", "the head checked after the credential"],
)
def test_a_deploy_job_that_could_plan_an_old_commit_is_caught(commands: list[str]) -> None:
    job = {
        "steps": [
            {"uses": f"{c}@x"} if c.startswith("aws-actions") else {"run": c} for c in commands
        ]
    }
    assert head_problems(job) != []
