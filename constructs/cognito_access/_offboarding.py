"""The construct: offboarding that reaches Cloudflare, for a ``CognitoAccessIdentityProvider``."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Final

from cognito_access._facts import (
    CLOUDTRAIL_DETAIL_TYPE,
    COGNITO_EVENT_SOURCE,
    COGNITO_SERVICE_HOST,
    ENV_CLOUDFLARE_ACCOUNT_ID,
    ENV_IDENTITY_PROVIDER_ID,
    ENV_TOKEN_SECRET_ARN,
    ENV_USER_POOL_ID,
    OFFBOARDING_EVENTS,
    OFFBOARDING_HANDLER,
    OFFBOARDING_NAME_PREFIX,
    OFFBOARDING_RUNTIME,
    USER_TOKEN_EVENTS,
)
from cognito_access._framework import check_same_framework, framework_of
from cognito_access._identity_provider import CognitoAccessIdentityProvider
from cognito_access._validate import check_construct_id, check_string, is_token, received, region_in
from cognito_access._validate_offboarding import check_schedule, check_secret_arn
from constructs import Construct

if TYPE_CHECKING:
    from cognito_access._framework import (
        CloudwatchEventRule,
        CloudwatchLogGroup,
        Framework,
        IamRole,
        IamRolePolicy,
        LambdaFunction,
    )

DEFAULT_OFFBOARDING_SCHEDULE: Final = "rate(15 minutes)"
# The function's code: these modules of the package, in a package of the same name.
_PACKAGE: Final = "cognito_access"
_CODE: Final = ("__init__.py", "_facts.py", "offboarding.py")
# A zip entry's time: fixed, so the same code gives the same bytes (and an empty plan).
_ZIP_TIME: Final = (1980, 1, 1, 0, 0, 0)
_TIMEOUT_SECONDS: Final = 300
_MEMORY_MB: Final = 128
_LOG_RETENTION_DAYS: Final = 90


def function_code() -> bytes:
    """The function's zip: the handler and what it imports, byte for byte the same each time."""
    source = Path(__file__).parent
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(_CODE):
            entry = zipfile.ZipInfo(f"{_PACKAGE}/{name}", date_time=_ZIP_TIME)
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, (source / name).read_bytes())
    return buffer.getvalue()


class AccessOffboarding(Construct):
    """Ends the Cloudflare Access sessions of users the pool disables, deletes or signs out.

    Cognito has no SCIM: Cloudflare never hears that a user left. This declares, with the
    identity provider's AWS provider, a Lambda function (``cognito_access.offboarding``,
    Python, the runtime's boto3 only) that revokes a user's Access sessions by email, and
    what runs it:

    - an EventBridge rule for the pool's user-changing API calls as CloudTrail delivers them
      (``AdminDisableUser``, ``AdminDeleteUser``, ``AdminRemoveUserFromGroup``,
      ``AdminUserGlobalSignOut`` on this pool, and the user's own ``GlobalSignOut`` and
      ``DeleteUser``, whose requests name no pool);
    - a schedule on which it reconciles: every user Access knows for the account whose
      email no enabled user of the pool has gets their sessions revoked.

    It only revokes a user whom Cloudflare last saw sign in through this identity
    provider's login method: users of the account's other login methods are never touched.

    The function's role may read the pool's users (``ListUsers``, ``AdminGetUser``), read
    the one secret, and write its own log group: no wildcard action, no other resource.
    Child construct ids (``Code``, ``CallerIdentity``, ``Partition``, ``Region``, ``LogGroup``,
    ``Role``, ``RolePolicy``, ``Function``, ``EventRule``, ``EventTarget``,
    ``EventPermission``, ``Schedule``, ``ScheduleTarget``, ``SchedulePermission``) are
    part of the Terraform addresses and stay fixed.
    """

    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        idp: CognitoAccessIdentityProvider,
        cloudflare_api_token_secret_arn: str,
        schedule: str = DEFAULT_OFFBOARDING_SCHEDULE,
    ) -> None:
        """Declare the function, its role, its rule, its schedule and their permissions.

        Args:
            scope: The stack or construct to declare the resources in.
            id_: This construct's id; it is part of every child's Terraform address.
            idp: The Cognito login method whose users are offboarded: its pool, its
                Cloudflare account and its login method's id flow by reference.
            cloudflare_api_token_secret_arn: The ARN of a Secrets Manager secret whose
                string is a Cloudflare API token of its own, with the permission
                "Access: Organizations, Identity Providers, and Groups Write" (to revoke)
                and read access to the account's Zero Trust users. A literal ARN or a
                reference such as ``secret.arn``; never the token.
            schedule: How often to reconcile, as an EventBridge schedule expression
                (``rate(...)`` or ``cron(...)``). Default: every 15 minutes.

        Raises:
            TypeError: An input is of the wrong type; nothing is declared.
            ValueError: An input has a wrong value; nothing is declared.
        """
        fw = framework_of(scope)
        check_same_framework("idp", idp, fw)
        _check(idp, cloudflare_api_token_secret_arn, schedule)
        super().__init__(scope, check_construct_id(scope, id_))
        provider = idp.user_pool_client.provider
        pool_id = idp.user_pool_id
        filename, code_hash = self._code(fw)
        name = OFFBOARDING_NAME_PREFIX + self.node.addr[:16]
        self._log_group = fw.CloudwatchLogGroup(
            self,
            "LogGroup",
            name=f"/aws/lambda/{name}",
            retention_in_days=_LOG_RETENTION_DAYS,
            provider=provider,
        )
        self._role = fw.IamRole(
            self,
            "Role",
            name_prefix=OFFBOARDING_NAME_PREFIX,
            assume_role_policy=json.dumps(_ASSUME_ROLE_POLICY),
            provider=provider,
        )
        self._policy = fw.IamRolePolicy(
            self,
            "RolePolicy",
            name="offboarding",
            role=self._role.id,
            policy=json.dumps(
                role_policy(
                    self._user_pool_arn(fw, pool_id),
                    cloudflare_api_token_secret_arn,
                    self._log_group.arn,
                )
            ),
            provider=provider,
        )
        self._function = fw.LambdaFunction(
            self,
            "Function",
            function_name=name,
            description="Ends Cloudflare Access sessions of users the Cognito pool let go",
            role=self._role.arn,
            runtime=OFFBOARDING_RUNTIME,
            handler=OFFBOARDING_HANDLER,
            filename=filename,
            source_code_hash=code_hash,
            timeout=_TIMEOUT_SECONDS,
            memory_size=_MEMORY_MB,
            environment=fw.LambdaFunctionEnvironment(
                variables=_environment(idp, cloudflare_api_token_secret_arn)
            ),
            depends_on=[self._log_group, self._policy],
            provider=provider,
        )
        self._rule = self._trigger(
            fw,
            "Event",
            description="Cognito user pool calls that end a user's access (via CloudTrail)",
            event_pattern=json.dumps(event_pattern(pool_id)),
        )
        self._schedule = self._trigger(
            fw,
            "Schedule",
            rule_id="Schedule",
            description="Reconcile Cloudflare Access users with the Cognito user pool",
            schedule_expression=schedule,
        )

    def _code(self, fw: Framework) -> tuple[str, str]:
        """The code zip as a synthesized asset: its path, and its hash (computed here)."""
        code = function_code()
        digest = hashlib.sha256(code).digest()
        asset = fw.TerraformAsset(
            self,
            "Code",
            path=str(_write_code(fw, self, code, digest.hex())),
            type=fw.AssetType.FILE,
            asset_hash=digest.hex(),
        )
        return asset.path, base64.b64encode(digest).decode()

    def _user_pool_arn(self, fw: Framework, pool_id: str) -> str:
        """The pool's ARN, from the provider's account and partition."""
        provider = self._log_group.provider
        caller = fw.DataAwsCallerIdentity(self, "CallerIdentity", provider=provider)
        partition = fw.DataAwsPartition(self, "Partition", provider=provider)
        # A pool named by reference is in the provider's region: the function reads it there.
        region = None if is_token(pool_id) else region_in(pool_id)
        pool_region = region or fw.DataAwsRegion(self, "Region", provider=provider).name
        return (
            f"arn:{partition.partition}:cognito-idp:{pool_region}:{caller.account_id}"
            f":userpool/{pool_id}"
        )

    def _trigger(  # noqa: PLR0913 - keyword-only, a rule's two kinds
        self,
        fw: Framework,
        prefix: str,
        *,
        rule_id: str | None = None,
        description: str,
        event_pattern: str | None = None,
        schedule_expression: str | None = None,
    ) -> CloudwatchEventRule:
        """A rule (``<prefix>Rule``, or ``rule_id``) that invokes the function, with its target."""
        provider = self._function.provider
        rule = fw.CloudwatchEventRule(
            self,
            rule_id or f"{prefix}Rule",
            name_prefix=OFFBOARDING_NAME_PREFIX,
            description=description,
            event_pattern=event_pattern,
            schedule_expression=schedule_expression,
            state="ENABLED",
            provider=provider,
        )
        fw.CloudwatchEventTarget(
            self, f"{prefix}Target", rule=rule.name, arn=self._function.arn, provider=provider
        )
        fw.LambdaPermission(
            self,
            f"{prefix}Permission",
            action="lambda:InvokeFunction",
            function_name=self._function.function_name,
            principal="events.amazonaws.com",
            source_arn=rule.arn,
            provider=provider,
        )
        return rule

    @property
    def function(self) -> LambdaFunction:
        """The offboarding function (``aws_lambda_function``)."""
        return self._function

    @property
    def function_name(self) -> str:
        """The function's name, for ``cognito-access-verify`` (a stack output)."""
        return self._function.function_name

    @property
    def role(self) -> IamRole:
        """The function's role (``aws_iam_role``)."""
        return self._role

    @property
    def role_policy(self) -> IamRolePolicy:
        """The role's only policy (``aws_iam_role_policy``)."""
        return self._policy

    @property
    def event_rule(self) -> CloudwatchEventRule:
        """The rule for the pool's API calls (``aws_cloudwatch_event_rule``)."""
        return self._rule

    @property
    def schedule_rule(self) -> CloudwatchEventRule:
        """The reconciliation's schedule (``aws_cloudwatch_event_rule``)."""
        return self._schedule

    @property
    def log_group(self) -> CloudwatchLogGroup:
        """The function's log group (``aws_cloudwatch_log_group``)."""
        return self._log_group


def _environment(idp: CognitoAccessIdentityProvider, secret_arn: str) -> dict[str, str]:
    """The function's settings (``cognito_access.offboarding`` reads them), by reference."""
    return {
        ENV_CLOUDFLARE_ACCOUNT_ID: idp.cloudflare_account_id,
        ENV_USER_POOL_ID: idp.user_pool_id,
        ENV_IDENTITY_PROVIDER_ID: idp.identity_provider_id,
        ENV_TOKEN_SECRET_ARN: secret_arn,
    }


_ASSUME_ROLE_POLICY: Final = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "lambda.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    ],
}


def role_policy(user_pool_arn: str, secret_arn: str, log_group_arn: str) -> dict[str, object]:
    """The function's permissions: read the pool's users, read the secret, write its logs."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "ReadThePoolsUsers",
                "Effect": "Allow",
                "Action": ["cognito-idp:AdminGetUser", "cognito-idp:ListUsers"],
                "Resource": user_pool_arn,
            },
            {
                "Sid": "ReadTheCloudflareToken",
                "Effect": "Allow",
                "Action": "secretsmanager:GetSecretValue",
                "Resource": secret_arn,
            },
            {
                "Sid": "WriteItsOwnLogs",
                "Effect": "Allow",
                "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                "Resource": f"{log_group_arn}:*",
            },
        ],
    }


def event_pattern(user_pool_id: str) -> dict[str, object]:
    """The CloudTrail events of the pool's offboarding calls, and the user's own calls."""
    administrative = [name for name in OFFBOARDING_EVENTS if name not in USER_TOKEN_EVENTS]
    return {
        "source": [COGNITO_EVENT_SOURCE],
        "detail-type": [CLOUDTRAIL_DETAIL_TYPE],
        "detail": {
            "eventSource": [COGNITO_SERVICE_HOST],
            "$or": [
                {
                    "eventName": administrative,
                    "requestParameters": {"userPoolId": [user_pool_id]},
                },
                {"eventName": list(USER_TOKEN_EVENTS)},
            ],
        },
    }


def _write_code(fw: Framework, scope: Construct, code: bytes, digest: str) -> Path:
    """Write the zip into the app's output directory, where the asset copies it from."""
    directory = Path(fw.App.of(scope).outdir) / ".cognito-access"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"offboarding-{digest[:16]}.zip"
    if not path.is_file() or path.read_bytes() != code:
        path.write_bytes(code)
    return path


def _check(idp: object, secret_arn: object, schedule: object) -> None:
    """Raise for the first input of the wrong type or value, before anything is declared."""
    if not isinstance(idp, CognitoAccessIdentityProvider):
        msg = f"idp must be a CognitoAccessIdentityProvider; got {received(idp)}"
        raise TypeError(msg)
    check_secret_arn(check_string("cloudflare_api_token_secret_arn", secret_arn))
    check_schedule(check_string("schedule", schedule))
