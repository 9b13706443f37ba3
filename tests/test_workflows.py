"""The GitHub workflows: no credential where pull-request code runs, and apply what was approved.

These parse the workflow files (``.github/workflows/*.yml``) and check the properties
the README promises. The checks are also run on small bad workflows, so that each can
be seen to fail.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

WORKFLOWS = Path(__file__).parent.parent / ".github" / "workflows"
BASE_REF = "${{ github.event.pull_request.base.sha }}"
# Commands that run the project's own code (and so, in a pull request, the pull request's).
PROJECT_CODE = {
    "make": re.compile(r"(?:^|[\s;&|(])make(?:\s|$)"),
    "pip install .": re.compile(r"\bpip3?\s+install\b[^\n]*?\s\.(?:\[[^\]]*\])?(?=\s|$)"),
    "python main.py": re.compile(r"\bpython3?\s+(?:\S+/)?main\.py\b"),
    "cdktf": re.compile(r"\bcdktf\b"),
}
_SECRET = re.compile(r"\$\{\{\s*secrets\.")
_PLAN_OUT = re.compile(r"\bterraform\s+plan\b[^\n]*?\s-out=(\S+)")


def load(path: Path) -> dict[Any, Any]:
    document: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return document


def triggers(workflow: dict[Any, Any]) -> set[str]:
    """The events that start a workflow (YAML 1.1 reads the key `on` as true)."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on}
    return set(on or ())


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job.get("steps") or [])


def runs(job: dict[str, Any]) -> list[str]:
    return [str(step["run"]) for step in steps(job) if "run" in step]


def uses(step: dict[str, Any], action: str) -> bool:
    return str(step.get("uses", "")).split("@")[0] == action


def holds_credentials(job: dict[str, Any]) -> bool:
    """Whether a job can get cloud credentials: an OIDC token or a secret."""
    permissions = job.get("permissions")
    oidc = permissions == "write-all" or (
        isinstance(permissions, dict) and permissions.get("id-token") == "write"
    )
    return oidc or bool(_SECRET.search(yaml.safe_dump(job)))


def pull_request_code_run(job: dict[str, Any], *, pull_request: bool) -> list[str]:
    """What a credentialed job does with the project's code that it must not; empty if fine.

    In a pull-request workflow a checkout that is not of the base commit checks out the
    pull request. In any workflow, the project's code is not run where credentials are.
    """
    if not holds_credentials(job):
        return []
    found = []
    base_paths = set()
    for step in steps(job):
        if uses(step, "actions/checkout"):
            ref = (step.get("with") or {}).get("ref")
            if pull_request and ref != BASE_REF:
                found.append(f"checks out {ref or 'the pull request'}")
            base_paths.add(posixpath.normpath((step.get("with") or {}).get("path", ".")))
    for command in runs(job):
        found += [name for name, pattern in PROJECT_CODE.items() if pattern.search(command)]
        found += [
            f"pip install {target}"
            for target in _pip_targets(command)
            if posixpath.normpath(target) not in base_paths - {"."}
        ]
    return found


def _pip_targets(command: str) -> list[str]:
    """The local paths a command pip-installs."""
    targets = []
    for line in command.splitlines():
        words = shlex.split(line, comments=True) if "pip" in line else []
        for index, word in enumerate(words):
            if word.endswith(("pip", "pip3")) and words[index + 1 : index + 2] == ["install"]:
                targets += [
                    w for w in words[index + 2 :] if not w.startswith("-") and w[:1] in "./"
                ]
    return targets


def saved_plans(job: dict[str, Any]) -> list[str]:
    """The paths of the saved plans a job writes (``terraform plan -out=...``)."""
    directory = (job.get("defaults") or {}).get("run", {}).get("working-directory", ".")
    found = []
    for step in steps(job):
        here = step.get("working-directory", directory)
        found += [
            posixpath.normpath(posixpath.join(here, out))
            for out in _PLAN_OUT.findall(str(step.get("run", "")))
        ]
    return found


def uploaded_plans(workflow: dict[Any, Any]) -> list[str]:
    """Upload paths of a workflow that are, or hold, a saved plan it writes."""
    plans = [plan for job in workflow["jobs"].values() for plan in saved_plans(job)]
    found = []
    for job in workflow["jobs"].values():
        for step in steps(job):
            if not uses(step, "actions/upload-artifact"):
                continue
            for path in str((step.get("with") or {}).get("path", "")).split():
                pattern = posixpath.normpath(path)
                if pattern.endswith(".tfplan") or any(
                    plan == pattern
                    or fnmatch.fnmatch(plan, pattern)
                    or pattern == "."
                    or plan.startswith(pattern.rstrip("/") + "/")
                    for plan in plans
                ):
                    found.append(path)
    return found


def applies(workflow: dict[Any, Any]) -> list[list[str]]:
    """The arguments of each ``terraform apply`` a workflow runs."""
    return [
        shlex.split(line.split("terraform apply", 1)[1], comments=True)
        for job in workflow["jobs"].values()
        for command in runs(job)
        for line in command.splitlines()
        if "terraform apply" in line
    ]


def applies_a_saved_plan(arguments: list[str], plans: set[str]) -> bool:
    """Whether an apply names one saved plan file and no option that applies the config."""
    files = [argument for argument in arguments if not argument.startswith("-")]
    return "-auto-approve" not in arguments and len(files) == 1 and files[0] in plans


# The repository's workflows

ALL = {path.name: load(path) for path in sorted(WORKFLOWS.glob("*.yml"))}
JOBS = [
    pytest.param(workflow, job, id=f"{name}:{job_id}")
    for name, workflow in ALL.items()
    for job_id, job in workflow["jobs"].items()
]


def test_there_are_the_plan_deploy_and_lock_workflows() -> None:
    assert set(ALL) == {"plan.yml", "deploy.yml", "lock.yml"}


@pytest.mark.parametrize(("workflow", "job"), JOBS)
def test_no_job_holding_credentials_runs_the_project_s_code(
    workflow: dict[Any, Any], job: dict[str, Any]
) -> None:
    pull_request = bool(triggers(workflow) & {"pull_request", "pull_request_target"})
    assert pull_request_code_run(job, pull_request=pull_request) == []


def test_the_pull_request_code_runs_in_a_job_without_credentials() -> None:
    synth = ALL["plan.yml"]["jobs"]["synth"]
    assert any(PROJECT_CODE["make"].search(command) for command in runs(synth))
    assert not holds_credentials(synth)
    assert set(synth["permissions"]) == {"contents"}


@pytest.mark.parametrize("name", ["plan.yml", "deploy.yml"])
def test_the_configuration_is_checked_before_any_credential(name: str) -> None:
    job = ALL[name]["jobs"]["plan"]
    order = [
        "check"
        if "cognito-access-check-config" in str(step.get("run", ""))
        else "credential"
        if uses(step, "aws-actions/configure-aws-credentials")
        or _SECRET.search(yaml.safe_dump(step))
        else ""
        for step in steps(job)
    ]
    assert "check" in order
    assert order.index("check") < order.index("credential")


def test_the_plan_job_installs_the_review_tools_from_the_base_commit() -> None:
    job = ALL["plan.yml"]["jobs"]["plan"]
    (checkout,) = [step for step in steps(job) if uses(step, "actions/checkout")]
    assert checkout["with"]["ref"] == BASE_REF
    targets = [target for command in runs(job) for target in _pip_targets(command)]
    assert [posixpath.normpath(t) for t in targets] == [checkout["with"]["path"]]


@pytest.mark.parametrize("name", ALL)
def test_every_apply_applies_a_saved_plan_file(name: str) -> None:
    workflow = ALL[name]
    plans = {posixpath.basename(p) for job in workflow["jobs"].values() for p in saved_plans(job)}
    for arguments in applies(workflow):
        assert applies_a_saved_plan(arguments, plans), arguments


def test_the_deploy_applies_what_its_plan_job_saved_after_approval() -> None:
    jobs = ALL["deploy.yml"]["jobs"]
    assert applies(ALL["deploy.yml"]) == [["-input=false", "tfplan"]]
    assert jobs["plan"]["environment"] == "production-plan"
    assert jobs["apply"]["environment"] == "production"
    assert jobs["apply"]["needs"] == "plan"
    saved = " ".join(runs(jobs["plan"]))
    fetched = " ".join(runs(jobs["apply"]))
    assert 'aws s3 cp tfplan "s3://$TF_STATE_BUCKET/$PLAN_KEY" --sse' in saved
    assert 'aws s3 cp "s3://$TF_STATE_BUCKET/$PLAN_KEY" tfplan' in fetched
    assert "${{ github.run_id }}" in ALL["deploy.yml"]["env"]["PLAN_KEY"]


@pytest.mark.parametrize("name", ALL)
def test_no_saved_plan_is_uploaded_as_an_artifact(name: str) -> None:
    assert uploaded_plans(ALL[name]) == []


def test_the_pull_request_plan_uploads_the_summary_only() -> None:
    (upload,) = [
        step
        for step in steps(ALL["plan.yml"]["jobs"]["plan"])
        if uses(step, "actions/upload-artifact")
    ]
    assert upload["with"]["path"] == "stack/summary.md"


@pytest.mark.parametrize("name", ["plan.yml", "deploy.yml"])
def test_terraform_init_uses_the_committed_lock_file_read_only(name: str) -> None:
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    inits = [c for job in ALL[name]["jobs"].values() for c in runs(job) if "terraform init" in c]
    assert inits
    assert all("-lockfile=readonly" in command for command in inits)
    assert "TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE" not in text


@pytest.mark.parametrize(("workflow", "job"), JOBS)
def test_every_action_is_pinned_to_a_commit(workflow: dict[Any, Any], job: dict[str, Any]) -> None:
    del workflow
    for step in steps(job):
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]


# The checks themselves, on bad workflows

BAD_JOBS: dict[str, tuple[str, str]] = {
    "make with an OIDC token": (
        """
        permissions: {id-token: write}
        steps:
          - uses: actions/checkout@x
          - run: make synth
        """,
        "pull_request",
    ),
    "pip install . with a secret": (
        """
        steps:
          - uses: actions/checkout@x
            with: {ref: "${{ github.event.pull_request.base.sha }}"}
          - run: pip install --quiet '.[dev]'
            env: {TOKEN: "${{ secrets.CLOUDFLARE_API_TOKEN }}"}
        """,
        "pull_request",
    ),
    "python main.py with an OIDC token": (
        """
        permissions: {id-token: write}
        steps:
          - run: .venv/bin/python main.py
        """,
        "push",
    ),
    "cdktf with a secret": (
        """
        steps:
          - run: npx cdktf synth
            env: {T: "${{ secrets.X }}"}
        """,
        "push",
    ),
    "the pull request checked out": (
        """
        permissions: {id-token: write}
        steps:
          - uses: actions/checkout@x
            with: {path: base}
          - run: pip install --no-deps ./base
        """,
        "pull_request",
    ),
    "a path pip-installed that is not the base checkout": (
        """
        permissions: {id-token: write}
        steps:
          - uses: actions/checkout@x
            with: {ref: "${{ github.event.pull_request.base.sha }}", path: base}
          - run: pip install --no-deps ./pr
        """,
        "pull_request",
    ),
}


@pytest.mark.parametrize(("text", "event"), BAD_JOBS.values(), ids=BAD_JOBS.keys())
def test_a_credentialed_job_running_project_code_is_caught(text: str, event: str) -> None:
    job = yaml.safe_load(text)
    assert pull_request_code_run(job, pull_request=event == "pull_request") != []


def test_a_job_without_credentials_may_run_the_project_s_code() -> None:
    job = yaml.safe_load("{permissions: {contents: read}, steps: [{run: make synth}]}")
    assert pull_request_code_run(job, pull_request=True) == []


@pytest.mark.parametrize(
    "command",
    [
        "terraform apply -auto-approve",
        "terraform apply -input=false",
        "terraform apply -auto-approve tfplan",
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
                "defaults": {"run": {"working-directory": "stack"}},
                "steps": [
                    {"run": "terraform plan -input=false -out=tfplan"},
                    {"uses": "actions/upload-artifact@x", "with": {"path": paths}},
                ],
            }
        }
    }
    assert uploaded_plans(workflow) != []
