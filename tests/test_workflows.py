"""The GitHub workflows: no credential where the caller's code runs, none outside an environment.

These parse the workflow files (``.github/workflows/*.yml`` and the callers under
``examples/github-workflows/``) and check the properties the review-and-deploy guide
promises. Each check also runs on small bad workflows, so that it can be seen to fail.
The IAM side is in test_workflow_roles.py, the deploy's plan handling in
test_workflow_deploy.py, the reusable workflows and callers in test_workflow_callers.py,
the scripts and steps themselves in test_workflow_scripts.py and test_workflow_steps.py.
"""

from __future__ import annotations

import posixpath
from typing import Any

import pytest
import yaml

from tests.workflows import (
    BASE_REF,
    EXAMPLES,
    WORKFLOWS,
    action_pin_problems,
    applies,
    applies_a_saved_plan,
    checkout_permission_problems,
    credential_problems,
    gate_option_problems,
    gate_problems,
    holds_credentials,
    install_problems,
    is_library_checkout,
    load,
    runs,
    saved_plans,
    steps,
    triggers,
    uploaded_plans,
    uses,
)

ALL = {path.name: load(path) for path in sorted(WORKFLOWS.glob("*.yml"))}
CALLERS = {path.name: load(path) for path in sorted(EXAMPLES.glob("*.yml"))}
JOBS = [
    pytest.param(name, job, id=f"{name}:{job_id}")
    for name, workflow in ALL.items()
    for job_id, job in workflow["jobs"].items()
]
# The reusable workflows and the event their callers run them on.
REUSABLE = {
    "cognito-access-plan.yml": "pull_request",
    "cognito-access-deploy.yml": "push",
    "cognito-access-drift.yml": "schedule",
}


def test_there_are_the_reusable_workflows_their_thin_callers_and_lock() -> None:
    assert set(ALL) == {*REUSABLE, "plan.yml", "deploy.yml", "drift.yml", "lock.yml"}


@pytest.mark.parametrize(("name", "event"), REUSABLE.items())
def test_each_reusable_workflow_is_called_on_its_event(name: str, event: str) -> None:
    assert triggers(ALL[name]) == {"workflow_call"}
    callers = [
        caller
        for caller in ALL.values()
        for job in caller["jobs"].values()
        if job.get("uses") == f"./.github/workflows/{name}"
    ]
    assert [event in triggers(caller) for caller in callers] == [True]


@pytest.mark.parametrize(("name", "job"), JOBS)
def test_no_job_holding_credentials_runs_the_caller_s_code_or_leaves_its_environment(
    name: str, job: dict[str, Any]
) -> None:
    pull_request = REUSABLE.get(name) == "pull_request" or "pull_request" in triggers(ALL[name])
    assert credential_problems(job, pull_request=pull_request) == []


def test_the_pull_request_s_code_runs_in_a_job_without_credentials() -> None:
    synth = ALL["cognito-access-plan.yml"]["jobs"]["synth"]
    assert any("SYNTH_COMMAND" in command for command in runs(synth))
    assert not holds_credentials(synth)
    assert set(synth["permissions"]) == {"contents"}


def test_the_pull_request_plan_waits_in_the_pull_request_plan_environment() -> None:
    plan = ALL["cognito-access-plan.yml"]["jobs"]["plan"]
    assert holds_credentials(plan)
    assert plan["environment"] == "pull-request-plan"


def test_the_pull_request_plan_reads_only_the_base_commit_of_the_caller() -> None:
    plan = ALL["cognito-access-plan.yml"]["jobs"]["plan"]
    caller_checkouts = [step["with"] for step in steps(plan) if uses(step, "actions/checkout")]
    assert [is_library_checkout(c) for c in caller_checkouts] == [True, False]
    assert caller_checkouts[1]["ref"] == BASE_REF
    assert caller_checkouts[1]["sparse-checkout"] == "${{ inputs.lock-file }}"


@pytest.mark.parametrize(("name", "job"), JOBS)
def test_the_configuration_is_checked_before_any_credential(name: str, job: dict[str, Any]) -> None:
    del name
    assert gate_problems(job) == []


def test_every_terraform_job_is_gated() -> None:
    gated = [
        (name, job_id)
        for name, workflow in ALL.items()
        for job_id, job in workflow["jobs"].items()
        if any("check_config" in command for command in runs(job))
    ]
    assert gated == [
        ("cognito-access-deploy.yml", "plan"),
        ("cognito-access-deploy.yml", "apply"),
        ("cognito-access-drift.yml", "plan"),
        ("cognito-access-plan.yml", "plan"),
    ]


@pytest.mark.parametrize(("name", "job"), JOBS)
def test_the_gate_is_told_the_state_bucket_key_and_region(name: str, job: dict[str, Any]) -> None:
    del name
    assert gate_option_problems(job) == []


@pytest.mark.parametrize(
    "command",
    [
        'check_config stack/cdk.tf.json --state-bucket "$TF_STATE_BUCKET" --state-key "$STATE_KEY"',
        'check_config stack/cdk.tf.json --state-bucket "$TF_STATE_BUCKET" --state-region "$R"',
        'check_config x --state-bucket "$B" --state-key "$STATE_KEY" --state-region "$UNSET"',
    ],
)
def test_a_gate_without_the_state_key_or_region_is_caught(command: str) -> None:
    job: dict[str, Any] = {
        "env": {"B": "b", "TF_STATE_BUCKET": "b", "STATE_KEY": "k", "R": "r"},
        "steps": [{"run": command}],
    }
    assert gate_option_problems(job) != []


@pytest.mark.parametrize(("name", "job"), JOBS)
def test_every_credentialed_install_is_hash_checked(name: str, job: dict[str, Any]) -> None:
    del name
    assert install_problems(job) == []


def test_the_deployed_setup_check_installs_boto3_with_hashes() -> None:
    apply = ALL["cognito-access-deploy.yml"]["jobs"]["apply"]
    (install,) = [command for command in runs(apply) if 'pip" install' in command]
    assert "--require-hashes -r cognito-access-tools/requirements-verify.txt" in install


@pytest.mark.parametrize(
    ("name", "job"),
    [*JOBS, *[pytest.param(n, j, id=n) for n, w in CALLERS.items() for j in w["jobs"].values()]],
)
def test_every_job_that_checks_out_may_read_the_contents(name: str, job: dict[str, Any]) -> None:
    del name
    assert checkout_permission_problems(job) == []


@pytest.mark.parametrize("name", ALL)
def test_every_apply_applies_a_saved_plan_file(name: str) -> None:
    workflow = ALL[name]
    plans = {posixpath.basename(p) for job in workflow["jobs"].values() for p in saved_plans(job)}
    for arguments in applies(workflow):
        assert applies_a_saved_plan(arguments, plans), arguments


@pytest.mark.parametrize("name", ALL)
def test_no_saved_plan_is_uploaded_as_an_artifact(name: str) -> None:
    assert uploaded_plans(ALL[name]) == []


@pytest.mark.parametrize("name", REUSABLE)
def test_terraform_init_uses_the_committed_lock_file_read_only(name: str) -> None:
    inits = [c for job in ALL[name]["jobs"].values() for c in runs(job) if "init -input" in c]
    assert inits
    assert all("-lockfile=readonly" in command for command in inits)
    assert "TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE" not in yaml.safe_dump(ALL[name])


@pytest.mark.parametrize(("name", "job"), JOBS)
def test_every_action_is_pinned_to_a_commit(name: str, job: dict[str, Any]) -> None:
    del name
    assert [problem for step in steps(job) for problem in action_pin_problems(step)] == []


# The checks themselves, on bad jobs

BAD_CREDENTIALED_JOBS: dict[str, tuple[str, bool]] = {
    "make with an OIDC token": (
        """
        environment: e
        permissions: {id-token: write}
        steps: [{run: make synth}]
        """,
        False,
    ),
    "the synth command with a secret": (
        """
        environment: e
        steps:
          - run: bash -c "$SYNTH_COMMAND"
            env: {T: "${{ secrets.X }}", SYNTH_COMMAND: "${{ inputs.synth-command }}"}
        """,
        False,
    ),
    "npx with an OIDC token": (
        "{environment: e, permissions: {id-token: write}, steps: [{run: npx cdk-something}]}",
        False,
    ),
    "an OIDC token outside an environment": (
        "{permissions: {id-token: write}, steps: [{run: terraform plan}]}",
        False,
    ),
    "a secret in an environment named by an input": (
        """
        environment: ${{ inputs.environment }}
        steps: [{run: terraform plan, env: {T: "${{ secrets.CLOUDFLARE_API_TOKEN }}"}}]
        """,
        False,
    ),
    "the pull request checked out": (
        """
        environment: e
        permissions: {id-token: write}
        steps:
          - uses: actions/checkout@x
            with: {sparse-checkout: .terraform.lock.hcl, sparse-checkout-cone-mode: false}
        """,
        True,
    ),
    "the caller's whole base commit checked out": (
        """
        environment: e
        permissions: {id-token: write}
        steps:
          - uses: actions/checkout@x
            with: {ref: "${{ github.event.pull_request.base.sha }}"}
        """,
        True,
    ),
    "another repository checked out": (
        """
        environment: e
        permissions: {id-token: write}
        steps:
          - uses: actions/checkout@x
            with: {repository: someone/else, ref: main}
        """,
        False,
    ),
    "the pull request's tree pip-installed": (
        """
        environment: e
        permissions: {id-token: write}
        steps: [{run: pip install --no-deps ./pr}]
        """,
        True,
    ),
}


@pytest.mark.parametrize(
    ("text", "pull_request"), BAD_CREDENTIALED_JOBS.values(), ids=BAD_CREDENTIALED_JOBS.keys()
)
def test_a_credentialed_job_running_code_or_outside_an_environment_is_caught(
    text: str, *, pull_request: bool
) -> None:
    assert credential_problems(yaml.safe_load(text), pull_request=pull_request) != []


def test_a_job_without_credentials_may_run_the_caller_s_code() -> None:
    job = yaml.safe_load("{permissions: {contents: read}, steps: [{run: make synth}]}")
    assert credential_problems(job, pull_request=True) == []


BAD_INSTALLS = {
    "a package by name": "pip install boto3",
    "a constraints file's hashes": "pip install --require-hashes -c constraints.txt boto3",
    "no --require-hashes": "pip install -r requirements-verify.txt",
    "a requirements file and a named package": (
        "pip install --require-hashes -r requirements-verify.txt boto3"
    ),
    "a venv's pip, by name": '"$RUNNER_TEMP/v/bin/pip" install --quiet boto3==1.44.8',
    "continued lines": "pip install --quiet \\\n  boto3",
    "pipx": "pipx install cognito-access",
}


@pytest.mark.parametrize("command", BAD_INSTALLS.values(), ids=BAD_INSTALLS.keys())
def test_an_unhashed_install_in_a_credentialed_job_is_caught(command: str) -> None:
    job = {"environment": "e", "permissions": {"id-token": "write"}, "steps": [{"run": command}]}
    assert install_problems(job) != []


def test_a_job_checking_out_without_contents_read_is_caught() -> None:
    job = yaml.safe_load("{permissions: {id-token: write}, steps: [{uses: actions/checkout@x}]}")
    assert checkout_permission_problems(job) != []


@pytest.mark.parametrize(
    "order",
    [
        ["aws-actions/configure-aws-credentials@x", "gate"],
        ["secret", "gate"],
        ["aws-actions/configure-aws-credentials@x"],
        ["skipped gate", "aws-actions/configure-aws-credentials@x"],
        ["gate whose failure is ignored", "aws-actions/configure-aws-credentials@x"],
    ],
)
def test_a_credential_before_the_gate_is_caught(order: list[str]) -> None:
    gate = "python3 -c 'from cognito_access.review import check_config'"
    step_for = {
        "gate": {"run": gate},
        "skipped gate": {"run": gate, "if": "false"},
        "gate whose failure is ignored": {"run": gate, "continue-on-error": True},
        "secret": {"run": "true", "env": {"T": "${{ secrets.CLOUDFLARE_API_TOKEN }}"}},
    }
    job = {
        "permissions": {"id-token": "write"},
        "steps": [step_for.get(name, {"uses": name}) for name in order]
        + [{"run": "terraform -chdir=stack plan"}],
    }
    assert gate_problems(job) != []


@pytest.mark.parametrize(
    "command",
    [
        "terraform apply -auto-approve",
        "terraform -chdir=stack apply -input=false",
        "terraform -chdir=stack apply -auto-approve tfplan",
    ],
)
def test_an_apply_without_a_saved_plan_is_caught(command: str) -> None:
    workflow = {"jobs": {"a": {"steps": [{"run": command}]}}}
    assert not all(applies_a_saved_plan(arguments, {"tfplan"}) for arguments in applies(workflow))


@pytest.mark.parametrize(
    "paths",
    [
        "stack/tfplan",
        "stack/*",
        "stack",
        "./stack/",
        "out.tfplan",
        "stack/summary.md\nstack/tfplan",
    ],
)
def test_an_uploaded_saved_plan_is_caught(paths: str) -> None:
    workflow = {
        "jobs": {
            "plan": {
                "steps": [
                    {"run": "terraform -chdir=stack plan -input=false -out=tfplan"},
                    {"uses": "actions/upload-artifact@x", "with": {"path": paths}},
                ],
            }
        }
    }
    assert uploaded_plans(workflow) != []


@pytest.mark.parametrize("action", ["actions/checkout@v4", "actions/checkout@main", "x/y@1234abc"])
def test_an_action_not_pinned_to_a_commit_is_caught(action: str) -> None:
    assert action_pin_problems({"uses": action}) != []
