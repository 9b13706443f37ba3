"""The IAM roles the workflows assume: who they trust, what they may do, and which job uses which.

The trust and permission policies in ``iam/`` are checked on their own (no wildcard
action, no subject but one environment's) and against the workflows: the environment a
job runs in is the one subject its role trusts, and each role may do what its jobs need
(read every resource the stack declares to plan, change them to apply, the state and
its lock, the saved plans) and no more where the tests can tell.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from cognito_access._facts import ACCESS_APPLICATION, ACCESS_POLICY, DNS_RECORD, IDENTITY_PROVIDER
from cognito_access.review._config_check import ALLOWED_TYPES
from tests.workflows import (
    EXAMPLES,
    GUIDE,
    IAM,
    ROOT,
    WORKFLOWS,
    actions,
    holds_credentials,
    load,
    load_json,
    permission_problems,
    steps,
    trust_problems,
    trusted_environments,
    uses,
)

ROLES = sorted(path.name.removesuffix("-trust.json") for path in IAM.glob("*-trust.json"))
TRUST = {role: load_json(IAM / f"{role}-trust.json") for role in ROLES}
PERMISSIONS = {role: load_json(IAM / f"{role}-permissions.json") for role in ROLES}
READ_ONLY = ["pull-request-plan", "drift"]
PLACEHOLDERS = {
    "AWS_ACCOUNT_ID",
    "AWS_REGION",
    "GITHUB_REPOSITORY",
    "STATE_BUCKET",
    "STATE_KEY",
    "USER_POOL_ID",
}
POOL = "arn:aws:cognito-idp:${AWS_REGION}:${AWS_ACCOUNT_ID}:userpool/${USER_POOL_ID}"
BUCKET = "arn:aws:s3:::${STATE_BUCKET}"
STATE = f"{BUCKET}/${{STATE_KEY}}"
LOCK = f"{STATE}.tflock"
PLANS = f"{BUCKET}/plans/*"
# What the AWS provider calls for each resource type the stack declares, read from its
# source (internal/service/cognitoidp): to read one (plan, refresh), and to change it.
# DescribeUserPoolDomain has no resource type in IAM, so it is allowed on "*".
READS = {
    "aws_cognito_user_pool": {
        "cognito-idp:DescribeUserPool",
        "cognito-idp:GetUserPoolMfaConfig",
        "cognito-idp:ListTagsForResource",  # @Tags(identifierAttribute="arn")
    },
    "aws_cognito_user_pool_domain": {"cognito-idp:DescribeUserPoolDomain"},
    "aws_cognito_user_pool_client": {"cognito-idp:DescribeUserPoolClient"},
    "aws_cognito_managed_login_branding": {
        "cognito-idp:DescribeManagedLoginBranding",
        "cognito-idp:ListUserPoolClients",
        "cognito-idp:DescribeManagedLoginBrandingByClient",
    },
    "aws_cognito_user_group": {"cognito-idp:GetGroup"},
    # AccessOffboarding's (internal/service/lambda, iam, events, logs).
    "aws_lambda_function": {
        "lambda:GetFunction",
        "lambda:ListVersionsByFunction",  # findLatestFunctionVersionByName
        "lambda:GetFunctionCodeSigningConfig",
    },
    "aws_lambda_permission": {"lambda:GetPolicy"},
    "aws_iam_role": {"iam:GetRole", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies"},
    "aws_iam_role_policy": {"iam:GetRolePolicy"},
    "aws_cloudwatch_event_rule": {"events:DescribeRule", "events:ListTagsForResource"},
    "aws_cloudwatch_event_target": {"events:ListTargetsByRule"},
    "aws_cloudwatch_log_group": {"logs:DescribeLogGroups", "logs:ListTagsForResource"},
}
CHANGES = {
    "aws_cognito_user_pool": {
        "cognito-idp:CreateUserPool",
        "cognito-idp:UpdateUserPool",
        "cognito-idp:SetUserPoolMfaConfig",
        "cognito-idp:TagResource",
        "cognito-idp:UntagResource",
    },
    "aws_cognito_user_pool_domain": {
        "cognito-idp:CreateUserPoolDomain",
        "cognito-idp:UpdateUserPoolDomain",
        "cognito-idp:DeleteUserPoolDomain",
        "cloudfront:UpdateDistribution",  # a custom domain (Cognito's developer guide)
    },
    "aws_cognito_user_pool_client": {
        "cognito-idp:CreateUserPoolClient",
        "cognito-idp:UpdateUserPoolClient",
        "cognito-idp:DeleteUserPoolClient",
    },
    "aws_cognito_managed_login_branding": {
        "cognito-idp:CreateManagedLoginBranding",
        "cognito-idp:UpdateManagedLoginBranding",
        "cognito-idp:DeleteManagedLoginBranding",
    },
    "aws_cognito_user_group": {
        "cognito-idp:CreateGroup",
        "cognito-idp:UpdateGroup",
        "cognito-idp:DeleteGroup",
    },
    "aws_lambda_function": {
        "lambda:CreateFunction",
        "lambda:UpdateFunctionCode",
        "lambda:UpdateFunctionConfiguration",
        "lambda:DeleteFunction",
        "iam:PassRole",  # the function's role
    },
    "aws_lambda_permission": {"lambda:AddPermission", "lambda:RemovePermission"},
    "aws_iam_role": {
        "iam:CreateRole",
        "iam:UpdateRole",
        "iam:UpdateAssumeRolePolicy",
        "iam:DeleteRole",
        "iam:ListInstanceProfilesForRole",  # before deleting
    },
    "aws_iam_role_policy": {"iam:PutRolePolicy", "iam:DeleteRolePolicy"},
    "aws_cloudwatch_event_rule": {
        "events:PutRule",
        "events:EnableRule",
        "events:DisableRule",
        "events:DeleteRule",
    },
    "aws_cloudwatch_event_target": {"events:PutTargets", "events:RemoveTargets"},
    "aws_cloudwatch_log_group": {
        "logs:CreateLogGroup",
        "logs:PutRetentionPolicy",
        "logs:DeleteRetentionPolicy",
        "logs:DeleteLogGroup",
    },
}
# cognito-access-verify, after the apply.
VERIFY = {"cognito-idp:DescribeUserPool", "cognito-idp:DescribeUserPoolClient"}
# Its offboarding check, where the stack declares AccessOffboarding.
VERIFY_OFFBOARDING = {
    "lambda:GetFunction",
    "events:ListRuleNamesByTarget",
    "events:DescribeRule",
    "logs:FilterLogEvents",
}


def declared_aws_resource_types() -> set[str]:
    """The AWS resource types the package and the example app can declare."""
    framework = (ROOT / "constructs" / "cognito_access" / "_framework.py").read_text("utf-8")
    main = (ROOT / "main.py").read_text(encoding="utf-8")
    modules = set(re.findall(r'"aws\.(\w+)"', framework))
    modules |= set(re.findall(r"cdktf_cdktf_provider_aws\.(\w+) import", main))
    # The provider, and the resource servers and identity providers the user declares and
    # passes in (the construct only references them).
    passed_in = {"provider", "cognito_resource_server", "cognito_identity_provider"}
    # Data sources that need no permission: the caller's identity (sts:GetCallerIdentity
    # is always allowed), the partition and the region (no call).
    free = {"data_aws_caller_identity", "data_aws_partition", "data_aws_region"}
    return {f"aws_{module}" for module in modules - passed_in - free}


def credentialed_jobs() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path.name, job_id, job)
        for path in sorted(WORKFLOWS.glob("*.yml"))
        for job_id, job in load(path)["jobs"].items()
        if holds_credentials(job)
    ]


def test_there_is_a_trust_and_a_permissions_policy_for_each_role() -> None:
    assert ROLES == ["drift", "production", "production-plan", "pull-request-plan"]
    assert sorted(IAM.glob("*.json")) == sorted(
        [IAM / f"{role}-trust.json" for role in ROLES]
        + [IAM / f"{role}-permissions.json" for role in ROLES]
    )


@pytest.mark.parametrize("role", ROLES)
def test_each_role_trusts_only_its_environment_s_subject(role: str) -> None:
    assert trust_problems(TRUST[role]) == []
    assert trusted_environments(TRUST[role]) == [role]


@pytest.mark.parametrize("role", ROLES)
def test_no_role_allows_a_wildcard_action(role: str) -> None:
    assert permission_problems(PERMISSIONS[role]) == []


@pytest.mark.parametrize("path", sorted(IAM.glob("*.json")), ids=lambda p: p.name)
def test_the_placeholders_are_the_ones_the_guide_names(path: Any) -> None:  # noqa: ANN401 - a Path
    found = set(re.findall(r"\$\{(\w+)\}", path.read_text(encoding="utf-8")))
    assert found <= PLACEHOLDERS
    guide = GUIDE.read_text(encoding="utf-8")
    assert all(f"${name}" in guide for name in found)


@pytest.mark.parametrize(("workflow", "job_id", "job"), credentialed_jobs())
def test_a_job_s_environment_is_the_subject_its_role_trusts(
    workflow: str, job_id: str, job: dict[str, Any]
) -> None:
    del workflow, job_id
    environment = job["environment"]
    (assume,) = [step for step in steps(job) if uses(step, "aws-actions/configure-aws-credentials")]
    variable = environment.upper().replace("-", "_") + "_ROLE_ARN"
    assert assume["with"]["role-to-assume"] == f"${{{{ vars.{variable} }}}}"
    assert trusted_environments(TRUST[environment]) == [environment]


def test_every_role_is_assumed_by_some_job() -> None:
    assert {job["environment"] for _, _, job in credentialed_jobs()} == set(ROLES)


def test_the_table_covers_every_aws_resource_type_the_stack_declares() -> None:
    assert declared_aws_resource_types() == set(READS) == set(CHANGES)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("resource_type", sorted(READS))
def test_every_role_that_plans_may_read_every_resource(role: str, resource_type: str) -> None:
    assert READS[resource_type] <= actions(PERMISSIONS[role])


@pytest.mark.parametrize("resource_type", sorted(CHANGES))
def test_the_apply_role_may_change_every_resource(resource_type: str) -> None:
    assert CHANGES[resource_type] <= actions(PERMISSIONS["production"])


def test_the_apply_role_may_run_the_deployed_setup_check() -> None:
    assert actions(PERMISSIONS["production"], POOL) >= VERIFY
    assert actions(PERMISSIONS["production"]) >= VERIFY_OFFBOARDING


def test_the_read_only_roles_cannot_pass_a_role() -> None:
    assert all("iam:PassRole" not in actions(PERMISSIONS[role]) for role in READ_ONLY)


@pytest.mark.parametrize("role", ROLES)
def test_every_role_may_list_the_bucket_and_read_the_state(role: str) -> None:
    assert "s3:ListBucket" in actions(PERMISSIONS[role], BUCKET)
    assert "s3:GetObject" in actions(PERMISSIONS[role], STATE)


def test_only_the_apply_role_writes_the_state_and_holds_its_lock() -> None:
    writers = {role for role in ROLES if "s3:PutObject" in actions(PERMISSIONS[role], STATE)}
    assert writers == {"production"}
    assert actions(PERMISSIONS["production"], LOCK) == {
        "s3:GetObject",
        "s3:PutObject",
        "s3:DeleteObject",
    }


@pytest.mark.parametrize("role", READ_ONLY)
def test_the_read_only_roles_change_nothing(role: str) -> None:
    verbs = {action.split(":")[1] for action in actions(PERMISSIONS[role])}
    assert verbs
    assert all(re.match(r"(Describe|Get|List)[A-Z]", verb) for verb in verbs), verbs


def test_the_deploy_plan_role_saves_and_deletes_plans_and_their_versions() -> None:
    assert actions(PERMISSIONS["production-plan"], PLANS) == {
        "s3:PutObject",
        "s3:DeleteObject",
        "s3:DeleteObjectVersion",
    }
    assert "s3:ListBucketVersions" in actions(PERMISSIONS["production-plan"], BUCKET)


def test_the_apply_role_only_reads_saved_plans() -> None:
    assert actions(PERMISSIONS["production"], PLANS) == {"s3:GetObject"}


@pytest.mark.parametrize("role", READ_ONLY)
def test_the_read_only_roles_never_see_a_saved_plan(role: str) -> None:
    assert actions(PERMISSIONS[role], PLANS) == set()


def test_the_guide_lists_each_environment_s_protection() -> None:
    rows = {
        match.group(1): match.group(2)
        for match in re.finditer(
            r"^\| `([\w-]+)` \|([^\n]*)\|$", GUIDE.read_text("utf-8"), re.MULTILINE
        )
    }
    assert "Required reviewers" in rows["pull-request-plan"]
    assert "Required reviewers" in rows["production"]
    for main_only in ("production-plan", "production", "drift"):
        assert "`main` only" in rows[main_only]


def test_the_guide_gives_each_role_the_subject_its_trust_policy_accepts() -> None:
    listed = dict(
        re.findall(r"^\| `([\w-]+)` \| `(repo:[^`]+)` \|", GUIDE.read_text("utf-8"), re.MULTILINE)
    )
    trusted = {
        role: [
            statement["Condition"]["StringEquals"]["token.actions.githubusercontent.com:sub"]
            for statement in TRUST[role]["Statement"]
        ]
        for role in ROLES
    }
    assert {role: [subject] for role, subject in listed.items()} == trusted


# The Cloudflare API token permission each Cloudflare resource type needs, as the guide's
# table "The Cloudflare API tokens, per feature" names it.
TOKEN_PERMISSIONS = {
    IDENTITY_PROVIDER: "Account > Access: Organizations, Identity Providers, and Groups",
    ACCESS_APPLICATION: "Account > Access: Apps and Policies",
    ACCESS_POLICY: "Account > Access: Apps and Policies",
    DNS_RECORD: "Zone > DNS, on that zone",
}


def test_the_guide_names_the_token_permission_of_every_cloudflare_type_the_stack_declares() -> None:
    declared = {name for name in ALLOWED_TYPES if name.startswith("cloudflare_")}
    assert set(TOKEN_PERMISSIONS) == declared
    section = GUIDE.read_text("utf-8").split("### 3. The Cloudflare API tokens", 1)[1]
    table = section.split("\n### ", 1)[0]
    listed = set(re.findall(r"^\| [^|]+ \| ([^|]+?) \|$", table, re.MULTILINE))
    assert set(TOKEN_PERMISSIONS.values()) <= listed


def test_the_guide_protects_the_environments_before_any_role_trusts_them() -> None:
    # GitHub creates an environment a workflow names, unprotected: a role made first
    # would trust any branch's workflow until an admin sets the rules.
    guide = " ".join(GUIDE.read_text("utf-8").split())
    first_role = guide.index("aws iam create-role")
    assert (
        -1
        < guide.find("environments with their protection rules (step 2) before the roles")
        < first_role
    )
    unprotected = guide[guide.index("Without deployment branches") :][:300]
    assert all(f"`{role}`" in unprotected for role in ("production-plan", "drift"))


def test_the_examples_hold_no_policy_of_their_own() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.json")) == ["state-bucket-lifecycle.json"]


# The checks themselves, on bad policies

GOOD_TRUST = TRUST["pull-request-plan"]["Statement"][0]
SUBJECT = "token.actions.githubusercontent.com:sub"


def trust_with(**changes: Any) -> dict[str, Any]:  # noqa: ANN401 - policy values
    statement = {**GOOD_TRUST, **changes}
    return {"Version": "2012-10-17", "Statement": [statement]}


def condition(subject: object, *, operator: str = "StringEquals") -> dict[str, Any]:
    return {
        operator: {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com", SUBJECT: subject}
    }


BAD_TRUSTS = {
    "a pull request's subject": trust_with(
        Condition=condition("repo:${GITHUB_REPOSITORY}:pull_request")
    ),
    "a branch's subject": trust_with(
        Condition=condition("repo:${GITHUB_REPOSITORY}:ref:refs/heads/main")
    ),
    "any subject of the repository": trust_with(
        Condition=condition("repo:${GITHUB_REPOSITORY}:*", operator="StringLike")
    ),
    "two environments": trust_with(
        Condition=condition(
            [
                "repo:${GITHUB_REPOSITORY}:environment:production",
                "repo:${GITHUB_REPOSITORY}:pull_request",
            ]
        )
    ),
    "no audience": trust_with(
        Condition={"StringEquals": {SUBJECT: "repo:${GITHUB_REPOSITORY}:environment:x"}}
    ),
    "another principal": trust_with(Principal={"AWS": "*"}),
    "no condition": trust_with(Condition={}),
}


@pytest.mark.parametrize("document", BAD_TRUSTS.values(), ids=BAD_TRUSTS.keys())
def test_a_trust_wider_than_one_environment_is_caught(document: dict[str, Any]) -> None:
    assert trust_problems(document) != []


@pytest.mark.parametrize(
    "statement",
    [
        {"Effect": "Allow", "Action": "*", "Resource": "*"},
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:*"], "Resource": "*"},
        {"Effect": "Allow", "Action": "cognito-idp:Describe*", "Resource": "*"},
        {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"},
    ],
    ids=["*", "s3:*", "Describe*", "NotAction"],
)
def test_a_wildcard_action_is_caught(statement: dict[str, Any]) -> None:
    assert permission_problems({"Version": "2012-10-17", "Statement": [statement]}) != []
