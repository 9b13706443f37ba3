"""Reading the GitHub workflows and IAM policy documents, and the checks the tests run on them.

Each ``*_problems`` function returns what is wrong with a workflow, a job or a policy
document (empty when nothing is), so that the tests run it on the repository's files
and on small bad variants, and see each check catch what it is for.
"""

from __future__ import annotations

import fnmatch
import json
import posixpath
import re
import shlex
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
SCRIPTS = ROOT / ".github" / "scripts"
IAM = ROOT / "iam"
EXAMPLES = ROOT / "examples" / "github-workflows"
GUIDE = ROOT / "docs" / "guides" / "review-and-deploy.md"

BASE_REF = "${{ github.event.pull_request.base.sha }}"
LIBRARY_REPOSITORY = "${{ inputs.library-repository }}"
LIBRARY_VERSION = "${{ inputs.library-version }}"
# Commands that run the caller's own code (in a pull request: the pull request's).
CALLER_CODE = {
    "make": re.compile(r"(?:^|[\s;&|(])make(?:\s|$)"),
    "python main.py": re.compile(r"\bpython3?\s+(?:\S+/)?main\.py\b"),
    "cdktf": re.compile(r"\bcdktf\b"),
    "npm/npx": re.compile(r"(?:^|[\s;&|(])(?:npm|npx|yarn|pnpm)\s"),
    "the synth command": re.compile(r"SYNTH_COMMAND|inputs\.synth-command"),
}
SECRET = re.compile(r"\$\{\{\s*secrets\.(?!GITHUB_TOKEN\b)")
# `terraform [-chdir=DIR] plan ... -out=FILE` and `terraform [-chdir=DIR] apply ARGS`.
_PLAN_OUT = re.compile(r"\bterraform\s+(?:-chdir=(\S+)\s+)?plan\b[^\n]*?\s-out=(\S+)")
_APPLY = re.compile(r"\bterraform\s+(?:-chdir=\S+\s+)?apply\b(.*)")
_VARIABLE = re.compile(r"\bvars\.([A-Za-z_][A-Za-z0-9_]*)")
_PIP_INSTALL = re.compile(r"\bpip3?\"?\s+install\b")


def load(path: Path) -> dict[Any, Any]:
    document: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return document


def load_json(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
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


def permissions(job: dict[str, Any]) -> dict[str, str]:
    """A job's token permissions as a mapping ({} when it asks for none)."""
    granted = job.get("permissions") or {}
    if granted == "write-all":
        return dict.fromkeys(("contents", "id-token", "pull-requests", "issues"), "write")
    return dict(granted) if isinstance(granted, dict) else {}


def holds_credentials(job: dict[str, Any]) -> bool:
    """Whether a job's own steps can get cloud credentials: an OIDC token or a secret.

    A job that calls a reusable workflow has no steps: the called jobs are checked.
    """
    if "uses" in job:
        return False
    return permissions(job).get("id-token") == "write" or bool(SECRET.search(yaml.safe_dump(job)))


def checkouts(job: dict[str, Any]) -> list[dict[str, Any]]:
    return [dict(step.get("with") or {}) for step in steps(job) if uses(step, "actions/checkout")]


def is_library_checkout(options: dict[str, Any]) -> bool:
    """A checkout of cognito-access at the release the caller named."""
    return options.get("repository") == LIBRARY_REPOSITORY and options.get("ref") == LIBRARY_VERSION


def credential_problems(job: dict[str, Any], *, pull_request: bool) -> list[str]:
    """What a job holding credentials does that it must not; empty if it holds none or is fine.

    It runs in a named environment (whose trust subject its role requires), checks out
    only cognito-access at the release named and, of the caller's repository, only the
    provider lock file of a trusted commit (the base commit for a pull request), and runs
    no code of the caller's.
    """
    if not holds_credentials(job):
        return []
    found = []
    environment = job.get("environment")
    if not isinstance(environment, str) or "${{" in environment:
        found.append(f"holds credentials outside a named environment ({environment!r})")
    for options in checkouts(job):
        if is_library_checkout(options):
            continue
        trusted_ref = BASE_REF if pull_request else None
        if "repository" in options or options.get("ref") != trusted_ref:
            found.append(f"checks out {options.get('ref') or 'the triggering commit'}")
        elif not options.get("sparse-checkout") or options.get("sparse-checkout-cone-mode", True):
            found.append("checks out the caller's whole tree, not just its lock file")
    for command in runs(job):
        found += [name for name, pattern in CALLER_CODE.items() if pattern.search(command)]
    found += [f"pip-installs {target}" for target in pip_local_targets(job)]
    return found


def pip_local_targets(job: dict[str, Any]) -> list[str]:
    """The local paths a job pip-installs (the caller's code, or a package built from source)."""
    targets = []
    for command in runs(job):
        for line in _logical_lines(command):
            if not _PIP_INSTALL.search(line):
                continue
            words = shlex.split(line, comments=True)
            after = words[words.index("install") + 1 :]
            targets += [w for w in after if w[:1] in "./" and not _option_value(after, w)]
    return targets


def _option_value(words: list[str], word: str) -> bool:
    """Whether ``word`` is the value of an option such as ``-r FILE`` rather than a target."""
    index = words.index(word)
    return index > 0 and words[index - 1] in {"-r", "--requirement", "-c", "--constraint"}


def _logical_lines(command: str) -> list[str]:
    return command.replace("\\\n", " ").splitlines()


def install_problems(job: dict[str, Any]) -> list[str]:
    """Installs in a credentialed job that are not hash-checked; empty when all are."""
    if not holds_credentials(job):
        return []
    found = []
    for command in runs(job):
        for line in _logical_lines(command):
            if not _PIP_INSTALL.search(line):
                continue
            words = shlex.split(line, comments=True)
            after = words[words.index("install") + 1 :]
            files = [after[i + 1] for i, w in enumerate(after[:-1]) if w in {"-r", "--requirement"}]
            named = [
                w
                for w in after
                if not w.startswith("-") and w not in files and not _option_value(after, w)
            ]
            if "--require-hashes" not in after:
                found.append(f"installs without --require-hashes: {line.strip()}")
            if not files:
                found.append(f"installs without a requirements file (-r): {line.strip()}")
            if named:
                found.append(f"installs {', '.join(named)} from the command line, unhashed")
        found += [
            f"installs with {tool}"
            for tool in ("pipx", "uv pip", "uv tool", "gem install", "go install", "cargo install")
            if tool in command
        ]
    return found


def checkout_permission_problems(job: dict[str, Any]) -> list[str]:
    """A job that checks out without ``contents: read`` fails on a private repository."""
    if checkouts(job) and permissions(job).get("contents") not in {"read", "write"}:
        return ["checks out without contents: read"]
    return []


def always_runs(step: dict[str, Any]) -> bool:
    """Whether a step runs whenever the steps before it passed, and fails its job when it fails."""
    return "if" not in step and not step.get("continue-on-error")


def step_order(job: dict[str, Any]) -> list[str]:
    """Each step of a job as "gate", "credential" or ""."""
    order = []
    for step in steps(job):
        text = yaml.safe_dump(step)
        if "check_config" in str(step.get("run", "")) and always_runs(step):
            order.append("gate")
        elif uses(step, "aws-actions/configure-aws-credentials") or SECRET.search(text):
            order.append("credential")
        else:
            order.append("")
    return order


def gate_problems(job: dict[str, Any]) -> list[str]:
    """A job that runs terraform with credentials checks the configuration before any credential."""
    if not holds_credentials(job) or not any("terraform -chdir" in c for c in runs(job)):
        return []
    order = step_order(job)
    if "gate" not in order:
        return ["runs terraform without the configuration gate"]
    if "credential" in order and order.index("gate") > order.index("credential"):
        return ["gets a credential before the configuration gate"]
    return []


def gate_option_problems(job: dict[str, Any]) -> list[str]:
    """A gate step that leaves the backend's bucket, key or region to the pull request.

    Without ``--state-key`` or ``--state-region`` the gate lets the backend name any key
    (another stack's state) or region (in another partition, another bucket of that name).
    """
    env = {**(job.get("env") or {})}
    found = []
    for step in steps(job):
        command = str(step.get("run", ""))
        if "check_config" not in command:
            continue
        names = {**env, **(step.get("env") or {})}
        for option in ("--state-bucket", "--state-key", "--state-region"):
            match = re.search(re.escape(option) + r'[ =]"\$([A-Z_]+)"', command)
            if match is None:
                found.append(f"the gate is run without {option}")
            elif not str(names.get(match.group(1), "")).strip():
                found.append(f"the gate's {option} is ${match.group(1)}, which no env sets")
    return found


def saved_plans(job: dict[str, Any]) -> list[str]:
    """The paths of the saved plans a job writes (``terraform plan -out=...``)."""
    directory = (job.get("defaults") or {}).get("run", {}).get("working-directory", ".")
    found = []
    for step in steps(job):
        here = step.get("working-directory", directory)
        found += [
            posixpath.normpath(posixpath.join(here, chdir or ".", out))
            for chdir, out in _PLAN_OUT.findall(str(step.get("run", "")))
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
        shlex.split(match.group(1), comments=True)
        for job in workflow["jobs"].values()
        for command in runs(job)
        for line in command.splitlines()
        if (match := _APPLY.search(line))
    ]


def applies_a_saved_plan(arguments: list[str], plans: set[str]) -> bool:
    """Whether an apply names one saved plan file and no option that applies the config."""
    files = [argument for argument in arguments if not argument.startswith("-")]
    return "-auto-approve" not in arguments and len(files) == 1 and files[0] in plans


def variables_used(workflow: dict[Any, Any]) -> set[str]:
    """The repository variables a workflow reads by name (``vars.NAME``)."""
    return set(_VARIABLE.findall(yaml.safe_dump(workflow)))


def action_pin_problems(step: dict[str, Any]) -> list[str]:
    """A step's action not pinned to a full commit hash."""
    if "uses" in step and not re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]):
        return [f"{step['uses']} is not pinned to a commit"]
    return []


def statements(document: dict[str, Any]) -> list[dict[str, Any]]:
    found = document.get("Statement", [])
    return [found] if isinstance(found, dict) else list(found)


def listed(value: object) -> list[str]:
    """A policy element that may be one string or a list of them, as a list."""
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value] if isinstance(value, list) else []


def actions(document: dict[str, Any], resource: str | None = None) -> set[str]:
    """The actions a policy allows (on ``resource``, exactly, when given)."""
    return {
        action
        for statement in statements(document)
        if statement.get("Effect") == "Allow"
        and (resource is None or resource in listed(statement.get("Resource")))
        for action in listed(statement.get("Action"))
    }


# IAM policy documents

OIDC_AUDIENCE = "sts.amazonaws.com"
_CLAIM = "token.actions.githubusercontent.com:"
_ENVIRONMENT_SUBJECT = re.compile(r"repo:\$\{GITHUB_REPOSITORY\}:environment:([A-Za-z0-9_.-]+)")


def trusted_environments(document: dict[str, Any]) -> list[str]:
    """The environments whose OIDC subject a trust policy accepts."""
    return [
        match.group(1)
        for statement in statements(document)
        for subject in listed(
            (statement.get("Condition") or {}).get("StringEquals", {}).get(_CLAIM + "sub")
        )
        if (match := _ENVIRONMENT_SUBJECT.fullmatch(subject))
    ]


def trust_problems(document: dict[str, Any]) -> list[str]:
    """Why a role's trust policy accepts more than one GitHub environment's jobs."""
    found = []
    for statement in statements(document):
        condition = statement.get("Condition") or {}
        equals = condition.get("StringEquals") or {}
        federated = str((statement.get("Principal") or {}).get("Federated", ""))
        if statement.get("Effect") != "Allow" or not federated.endswith(
            ":oidc-provider/token.actions.githubusercontent.com"
        ):
            found.append("trusts a principal other than GitHub's OIDC provider")
        if listed(statement.get("Action")) != ["sts:AssumeRoleWithWebIdentity"]:
            found.append(f"allows {statement.get('Action')!r}")
        if set(condition) != {"StringEquals"}:
            found.append(f"has conditions other than StringEquals: {sorted(condition)}")
        if listed(equals.get(_CLAIM + "aud")) != [OIDC_AUDIENCE]:
            found.append("does not require the audience sts.amazonaws.com")
        subjects = listed(equals.get(_CLAIM + "sub"))
        if len(subjects) != 1 or not _ENVIRONMENT_SUBJECT.fullmatch(subjects[0]):
            found.append(f"accepts the subjects {subjects}, not one environment's")
    return found or ([] if statements(document) else ["has no statement"])


def permission_problems(document: dict[str, Any]) -> list[str]:
    """Wildcard or negated actions in a permissions policy."""
    found = []
    for statement in statements(document):
        if "NotAction" in statement or "NotResource" in statement:
            found.append("uses NotAction or NotResource")
        found += [
            f"allows the wildcard action {action!r}"
            for action in listed(statement.get("Action"))
            if "*" in action or "?" in action or ":" not in action
        ]
    return found


# Reusable workflows and their callers


def called_workflow(job: dict[str, Any]) -> Path | None:
    """The reusable workflow a caller job runs, as this repository's file, or None.

    ``./.github/workflows/X`` is this repository's; ``OWNER/cognito-access/...@ref`` is
    the library's, which is this repository too.
    """
    target = str(job.get("uses", ""))
    match = re.fullmatch(
        r"(?:\./|[\w.-]+/cognito-access/)\.github/workflows/([\w.-]+\.ya?ml)(?:@\S+)?", target
    )
    return WORKFLOWS / match.group(1) if match else None


def caller_problems(caller: dict[str, Any], called: dict[Any, Any]) -> list[str]:
    """Why a caller job cannot run the reusable workflow it calls."""
    found = []
    declared = (triggers_of(called).get("workflow_call") or {}).get("inputs") or {}
    given = caller.get("with") or {}
    found += [f"passes the unknown input {name!r}" for name in given if name not in declared]
    found += [
        f"leaves out the required input {name!r}"
        for name, spec in declared.items()
        if spec.get("required") and name not in given
    ]
    granted = permissions(caller)
    rank = {"none": 0, "read": 1, "write": 2}
    for job_id, job in called["jobs"].items():
        for scope, level in permissions(job).items():
            if rank[granted.get(scope, "none")] < rank[level]:
                found.append(
                    f"grants {scope}: {granted.get(scope, 'none')}, but {job_id} asks {level}"
                )
    if "secrets" in caller:
        found.append("passes secrets; every secret belongs to an environment")
    return found


def triggers_of(workflow: dict[Any, Any]) -> dict[str, Any]:
    on = workflow.get("on", workflow.get(True))
    return dict(on) if isinstance(on, dict) else dict.fromkeys(triggers(workflow))
