"""Usable from the user's own repository: reusable workflows, thin callers, a caller from elsewhere.

The plan, deploy and drift workflows are reusable (``on: workflow_call``); this
repository's own workflows only call them, and ``examples/github-workflows/`` holds the
callers another repository would commit, checked here from that repository's point of
view: the workflow it names exists, gets the inputs and permissions it needs, and runs
the review tools of the release it pins. Every variable a workflow reads is checked
before its first job starts. Each check also runs on a bad variant.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from settings import DEFAULT_STATE_KEY, SETTINGS
from tests.workflows import (
    EXAMPLES,
    GUIDE,
    LIBRARY_REPOSITORY,
    LIBRARY_VERSION,
    WORKFLOWS,
    called_workflow,
    caller_problems,
    checkouts,
    load,
    runs,
    steps,
    triggers_of,
    uses,
    variables_used,
)

REUSABLE = ["cognito-access-plan.yml", "cognito-access-deploy.yml", "cognito-access-drift.yml"]
OWN_CALLERS = {"plan.yml": "plan", "deploy.yml": "deploy", "drift.yml": "drift"}
EXAMPLE_CALLERS = sorted(EXAMPLES.glob("*.yml"))
INPUTS = {
    "stack",
    "stack-directory",
    "synth-command",
    "state-key",
    "library-repository",
    "library-version",
}


def only_job(workflow: dict[Any, Any]) -> dict[str, Any]:
    (job,) = workflow["jobs"].values()
    return dict(job)


def checked_variables(workflow: dict[Any, Any]) -> set[str]:
    """The variables the preflight job checks by name before anything else runs."""
    (check,) = [
        s for s in steps(workflow["jobs"]["preflight"]) if "check_settings.py" in str(s.get("run"))
    ]
    names = f"{check['env']['ROLE_VARIABLES']} {check['env']['REQUIRED_VARIABLES']}"
    return set(re.findall(r"[A-Z][A-Z0-9_]+", re.sub(r"\$\{\{.*?\}\}", " ", names))) | set(
        re.findall(r"'([A-Z][A-Z0-9_]+)'", names)
    )


def preflight_problems(workflow: dict[Any, Any]) -> list[str]:
    """Variables read but not checked first, and jobs that can start before the check."""
    found = [
        f"reads vars.{name} without checking it first"
        for name in sorted(variables_used(workflow) - checked_variables(workflow))
    ]
    jobs = workflow["jobs"]

    def needs(job_id: str) -> set[str]:
        direct = jobs[job_id].get("needs") or []
        direct = {direct} if isinstance(direct, str) else set(direct)
        return direct.union(*(needs(n) for n in direct)) if direct else set()

    found += [
        f"{job_id} can start before preflight"
        for job_id in jobs
        if job_id != "preflight" and "preflight" not in needs(job_id)
    ]
    return found


@pytest.mark.parametrize("name", REUSABLE)
def test_each_reusable_workflow_takes_the_stack_the_synth_command_the_state_key_and_the_library(
    name: str,
) -> None:
    inputs = triggers_of(load(WORKFLOWS / name))["workflow_call"]["inputs"]
    assert set(inputs) >= INPUTS


@pytest.mark.parametrize("name", REUSABLE)
def test_every_variable_is_checked_before_the_workflow_starts(name: str) -> None:
    assert preflight_problems(load(WORKFLOWS / name)) == []


@pytest.mark.parametrize("name", REUSABLE)
def test_the_tools_come_only_from_the_library_release(name: str) -> None:
    workflow = load(WORKFLOWS / name)
    for job in workflow["jobs"].values():
        tools = [c for c in checkouts(job) if c.get("path") == "cognito-access-tools"]
        assert all(
            c["repository"] == LIBRARY_REPOSITORY and c["ref"] == LIBRARY_VERSION for c in tools
        )
        if any("cognito_access" in command for command in runs(job)):
            assert tools
            assert (
                job["env"]["PYTHONPATH"]
                == "${{ github.workspace }}/cognito-access-tools/constructs"
            )
            assert job["env"]["PYTHONSAFEPATH"] == "1"


@pytest.mark.parametrize("name", REUSABLE)
def test_the_synthesized_stack_travels_as_cdk_tf_json_and_its_assets(name: str) -> None:
    synth = load(WORKFLOWS / name)["jobs"]["synth"]
    (upload,) = [step for step in steps(synth) if uses(step, "actions/upload-artifact")]
    assert upload["with"]["path"].splitlines() == [
        "${{ env.STACK_DIRECTORY }}/cdk.tf.json",
        "${{ env.STACK_DIRECTORY }}/assets/",
    ]


@pytest.mark.parametrize(("caller", "kind"), OWN_CALLERS.items())
def test_this_repository_s_workflows_only_call_the_reusable_ones(caller: str, kind: str) -> None:
    job = only_job(load(WORKFLOWS / caller))
    assert job["uses"] == f"./.github/workflows/cognito-access-{kind}.yml"
    assert "steps" not in job
    assert caller_problems(job, load(WORKFLOWS / f"cognito-access-{kind}.yml")) == []


@pytest.mark.parametrize("caller", OWN_CALLERS)
def test_this_repository_runs_the_tools_of_a_commit_on_main(caller: str) -> None:
    given = only_job(load(WORKFLOWS / caller))["with"]
    assert given["library-repository"] == "${{ github.repository }}"
    trusted = (
        "${{ github.event.pull_request.base.sha }}" if caller == "plan.yml" else "${{ github.sha }}"
    )
    assert given["library-version"] == trusted


@pytest.mark.parametrize("caller", OWN_CALLERS)
def test_the_example_app_gets_all_its_settings_and_its_state_key(caller: str) -> None:
    given = only_job(load(WORKFLOWS / caller))["with"]
    assert given["synth-variables"].split() == [setting.env for setting in SETTINGS]
    assert given["state-key"] == f"${{{{ vars.TF_STATE_KEY || '{DEFAULT_STATE_KEY}' }}}}"
    # main.py's backend: TF_STATE_REGION, else the pool's region.
    assert given["state-region"] == "${{ vars.TF_STATE_REGION || vars.AWS_REGION }}"


@pytest.mark.parametrize("path", EXAMPLE_CALLERS, ids=lambda p: p.name)
def test_a_caller_in_another_repository_runs_a_pinned_release(path: Any) -> None:  # noqa: ANN401 - a Path
    job = only_job(load(path))
    match = re.fullmatch(
        r"(\w+/cognito-access)/\.github/workflows/([\w-]+\.yml)@([0-9a-f]{40})", job["uses"]
    )
    assert match is not None, job["uses"]
    assert match.group(2) in REUSABLE
    assert job["with"]["library-repository"] == match.group(1)
    assert job["with"]["library-version"] == match.group(3)


@pytest.mark.parametrize("path", EXAMPLE_CALLERS, ids=lambda p: p.name)
def test_a_caller_in_another_repository_gives_what_the_workflow_needs(path: Any) -> None:  # noqa: ANN401 - a Path
    job = only_job(load(path))
    called = called_workflow(job)
    assert called is not None
    assert called.exists()
    assert caller_problems(job, load(called)) == []
    assert "make" not in job["with"]["synth-command"].split()


def test_there_is_an_example_caller_for_each_reusable_workflow() -> None:
    named = {called_workflow(only_job(load(path))) for path in EXAMPLE_CALLERS}
    assert named == {WORKFLOWS / name for name in REUSABLE}


def test_the_guide_lists_the_cloudflare_token_permissions_of_each_feature() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    for permission in (
        "Access: Organizations, Identity Providers, and Groups",
        "Access: Apps and Policies",
        "Zone > DNS",
    ):
        assert permission in guide


def test_the_guide_says_nothing_here_has_run_on_github() -> None:
    assert "has not run on GitHub" in GUIDE.read_text(encoding="utf-8")


# The checks themselves, on bad callers and workflows

CALLED = load(WORKFLOWS / "cognito-access-plan.yml")
GOOD_CALLER = only_job(load(WORKFLOWS / "plan.yml"))


def caller_with(**changes: Any) -> dict[str, Any]:  # noqa: ANN401 - workflow values
    job = {**GOOD_CALLER, **changes}
    return {key: value for key, value in job.items() if value is not None}


BAD_CALLERS = {
    "no OIDC token for the plan job": caller_with(
        permissions={"contents": "read", "pull-requests": "write"}
    ),
    "no permissions at all": caller_with(permissions=None),
    "an unknown input": caller_with(
        with_={}, **{"with": {**GOOD_CALLER["with"], "stack-name": "x"}}
    ),
    "a required input left out": caller_with(
        **{"with": {k: v for k, v in GOOD_CALLER["with"].items() if k != "library-version"}}
    ),
    "secrets passed on": caller_with(secrets="inherit"),
}


@pytest.mark.parametrize("job", BAD_CALLERS.values(), ids=BAD_CALLERS.keys())
def test_a_caller_that_cannot_run_the_workflow_is_caught(job: dict[str, Any]) -> None:
    job.pop("with_", None)
    assert caller_problems(job, CALLED) != []


def test_a_variable_read_but_not_checked_first_is_caught() -> None:
    workflow = yaml.safe_load(yaml.safe_dump(CALLED))
    workflow["jobs"]["plan"]["env"]["EXTRA"] = "${{ vars.SOMETHING_ELSE }}"
    assert preflight_problems(workflow) != []


def test_a_job_that_starts_before_the_check_is_caught() -> None:
    workflow = yaml.safe_load(yaml.safe_dump(CALLED))
    del workflow["jobs"]["synth"]["needs"]
    assert preflight_problems(workflow) != []
