"""The offboarding function's handler, against the AWS emulator and a fake Cloudflare API.

The handler runs in this process as Lambda would run it: its settings in the environment,
boto3 sent to moto in server mode on 127.0.0.1 (``AWS_ENDPOINT_URL``), Cloudflare's API
played by ``tests.fake_cloudflare`` on 127.0.0.1 (``CLOUDFLARE_BASE_URL``). Each test makes
its own user pool and secret. What is asserted: which emails Cloudflare was asked to
revoke (exactly those, none other), and that nothing the function wrote holds the token.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import boto3
import pytest

from cognito_access._facts import (
    CLOUDTRAIL_DETAIL_TYPE,
    COGNITO_EVENT_SOURCE,
    COGNITO_SERVICE_HOST,
    LOG_RECONCILE_FAILED,
    LOG_RECONCILED,
    REDACTED_USERNAME,
    SCHEDULED_DETAIL_TYPE,
)
from cognito_access.offboarding import OffboardingError, handler
from tests.fake_cloudflare import FakeCloudflare

if TYPE_CHECKING:
    from collections.abc import Iterator

REGION: Final = "eu-central-1"
ACCOUNT_ID: Final = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
TOKEN: Final = "cf-offboarding-token-that-must-never-be-logged"  # noqa: S105 - the fake's token
OURS: Final = "0d9e6c3a-1111-4b8e-9d61-3f0f7a1c2e4d"  # this pool's login method
OTHER: Final = "7a7a7a7a-2222-4b8e-9d61-3f0f7a1c2e4d"  # another login method of the account


@pytest.fixture(scope="module")
def api() -> Iterator[FakeCloudflare]:
    """The fake Cloudflare API (two users a page, so that paging is exercised)."""
    with FakeCloudflare(ACCOUNT_ID, TOKEN, page_size=2) as fake:
        yield fake


@dataclass
class Deployment:
    """A pool and secret as the construct's function sees them."""

    pool_id: str
    cognito: Any
    api: FakeCloudflare

    def add_user(self, username: str, email: str | None, *, enabled: bool = True) -> str:
        """A pool user; their sub."""
        attributes = [] if email is None else [{"Name": "email", "Value": email}]
        user = self.cognito.admin_create_user(
            UserPoolId=self.pool_id, Username=username, UserAttributes=attributes
        )["User"]
        if not enabled:
            self.cognito.admin_disable_user(UserPoolId=self.pool_id, Username=username)
        return str(next(a["Value"] for a in user["Attributes"] if a["Name"] == "sub"))


@pytest.fixture
def deployment(
    moto_endpoint: str, api: FakeCloudflare, monkeypatch: pytest.MonkeyPatch
) -> Deployment:
    """A fresh pool and token secret, and the function's environment pointing at them."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_ENDPOINT_URL": moto_endpoint,
    }.items():
        monkeypatch.setenv(name, value)
    session = boto3.session.Session(region_name=REGION)
    cognito = session.client("cognito-idp")
    pool_id = cognito.create_user_pool(PoolName=f"pool-{uuid.uuid4().hex[:12]}")["UserPool"]["Id"]
    secret = session.client("secretsmanager").create_secret(
        Name=f"cloudflare-{uuid.uuid4().hex[:12]}", SecretString=TOKEN
    )
    for name, value in {
        "CLOUDFLARE_ACCOUNT_ID": ACCOUNT_ID,
        "COGNITO_USER_POOL_ID": pool_id,
        "CLOUDFLARE_IDENTITY_PROVIDER_ID": OURS,
        "CLOUDFLARE_API_TOKEN_SECRET_ARN": secret["ARN"],
        "CLOUDFLARE_BASE_URL": api.base_url,
    }.items():
        monkeypatch.setenv(name, value)
    api.reset()
    return Deployment(pool_id, cognito, api)


@pytest.fixture(autouse=True)
def never_the_token(capsys: pytest.CaptureFixture[str]) -> Iterator[None]:
    """After each test: nothing the function wrote holds the token."""
    yield
    written = capsys.readouterr()
    assert TOKEN not in written.out
    assert TOKEN not in written.err


def api_call(
    name: str, pool_id: str | None, *, username: str | None = None, sub: str | None = None
) -> dict[str, Any]:
    """An EventBridge event of a user pool API call, as CloudTrail delivers it."""
    parameters: dict[str, Any] = {} if pool_id is None else {"userPoolId": pool_id}
    if username is not None:
        parameters["username"] = username
    if pool_id is None:
        parameters["accessToken"] = REDACTED_USERNAME
    detail: dict[str, Any] = {
        "eventVersion": "1.08",
        "eventSource": COGNITO_SERVICE_HOST,
        "eventName": name,
        "awsRegion": REGION,
        "requestParameters": parameters,
        "responseElements": None,
    }
    if sub is not None:
        detail["additionalEventData"] = {"sub": sub}
    return {
        "version": "0",
        "detail-type": CLOUDTRAIL_DETAIL_TYPE,
        "source": COGNITO_EVENT_SOURCE,
        "region": REGION,
        "detail": detail,
    }


SCHEDULED: Final = {"version": "0", "detail-type": SCHEDULED_DETAIL_TYPE, "source": "aws.events"}


def logged(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    """The JSON lines the function wrote so far (and writes them back for the token check)."""
    out = capsys.readouterr().out
    print(out, end="")  # noqa: T201 - handed back to the capture for never_the_token
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


# --- One event at a time ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "event_name", ["AdminDisableUser", "AdminRemoveUserFromGroup", "AdminUserGlobalSignOut"]
)
def test_an_administrators_call_revokes_that_users_email(
    deployment: Deployment, event_name: str
) -> None:
    deployment.add_user("bob", "bob@example.com", enabled=event_name != "AdminDisableUser")
    deployment.add_user("alice", "alice@example.com")
    deployment.api.add_user("u-bob", "bob@example.com", OURS)
    deployment.api.add_user("u-alice", "alice@example.com", OURS)

    handler(api_call(event_name, deployment.pool_id, username="bob"), None)

    assert deployment.api.revoked == ["bob@example.com"]


def test_the_email_is_revoked_as_access_spells_it(deployment: Deployment) -> None:
    deployment.add_user("bob", "Bob@Example.com", enabled=False)
    deployment.api.add_user("u-bob", "bob@example.com", OURS)

    result = handler(api_call("AdminDisableUser", deployment.pool_id, username="bob"), None)

    assert deployment.api.revoked == ["bob@example.com"]
    assert result["revoked"] == ["bob@example.com"]


def test_each_request_carries_the_token_from_the_secret(deployment: Deployment) -> None:
    deployment.add_user("bob", "bob@example.com", enabled=False)
    deployment.api.add_user("u-bob", "bob@example.com", OURS)

    handler(api_call("AdminDisableUser", deployment.pool_id, username="bob"), None)

    assert {r.authorization for r in deployment.api.requests} == {f"Bearer {TOKEN}"}


def test_a_revocation_is_logged_with_the_user_and_the_reason(
    deployment: Deployment, capsys: pytest.CaptureFixture[str]
) -> None:
    deployment.add_user("bob", "bob@example.com", enabled=False)
    deployment.api.add_user("u-bob", "bob@example.com", OURS)

    handler(api_call("AdminDisableUser", deployment.pool_id, username="bob"), None)

    (line,) = [entry for entry in logged(capsys) if entry["offboarding"] == "revoked"]
    assert line["user"] == "bob"
    assert line["email"] == "bob@example.com"
    assert "AdminDisableUser" in line["reason"]


def test_the_users_own_global_sign_out_revokes_them_by_sub(deployment: Deployment) -> None:
    sub = deployment.add_user("bob", "bob@example.com")
    deployment.add_user("alice", "alice@example.com")
    deployment.api.add_user("u-bob", "bob@example.com", OURS)
    deployment.api.add_user("u-alice", "alice@example.com", OURS)

    handler(api_call("GlobalSignOut", None, sub=sub), None)

    assert deployment.api.revoked == ["bob@example.com"]


@pytest.mark.parametrize(
    ("event_name", "username", "with_pool"),
    [
        ("AdminDeleteUser", "carol", True),
        ("DeleteUser", None, False),
        ("AdminDisableUser", REDACTED_USERNAME, True),
        ("AdminDisableUser", "gone", True),
    ],
)
def test_a_deletion_or_a_call_naming_no_user_reconciles_the_pool(
    deployment: Deployment, event_name: str, username: str | None, *, with_pool: bool
) -> None:
    deployment.add_user("alice", "alice@example.com")
    deployment.add_user("bob", "bob@example.com", enabled=False)
    deployment.api.add_user("u-alice", "alice@example.com", OURS)
    deployment.api.add_user("u-bob", "bob@example.com", OURS)
    deployment.api.add_user("u-carol", "carol@example.com", OURS)  # deleted from the pool

    pool = deployment.pool_id if with_pool else None
    handler(api_call(event_name, pool, username=username), None)

    assert sorted(deployment.api.revoked) == ["bob@example.com", "carol@example.com"]


@pytest.mark.parametrize(
    ("event_name", "username", "sub", "with_pool"),
    [
        ("GlobalSignOut", None, None, False),
        ("GlobalSignOut", None, "0000aaaa-0000-4000-8000-00000000beef", False),  # another pool's
        ("AdminUserGlobalSignOut", REDACTED_USERNAME, None, True),
        ("AdminRemoveUserFromGroup", REDACTED_USERNAME, None, True),
    ],
)
def test_a_sign_out_or_group_removal_naming_no_user_of_the_pool_costs_no_cloudflare_call(
    deployment: Deployment,
    event_name: str,
    username: str | None,
    sub: str | None,
    *,
    with_pool: bool,
) -> None:
    # Anyone who can sign out of any pool in the region sends these events; reconciling on
    # each would spend Cloudflare's rate limit and revoke no one (the user is enabled).
    deployment.add_user("bob", "bob@example.com", enabled=False)
    deployment.api.add_user("u-bob", "bob@example.com", OURS)

    pool = deployment.pool_id if with_pool else None
    result = handler(api_call(event_name, pool, username=username, sub=sub), None)

    assert result == {"ignored": event_name}
    assert deployment.api.requests == []


def test_a_user_access_last_saw_with_another_login_method_is_left_alone(
    deployment: Deployment, capsys: pytest.CaptureFixture[str]
) -> None:
    deployment.add_user("bob", "bob@example.com", enabled=False)
    deployment.api.add_user("u-bob", "bob@example.com", OTHER)

    handler(api_call("AdminDisableUser", deployment.pool_id, username="bob"), None)

    assert deployment.api.revoked == []
    assert [e["offboarding"] for e in logged(capsys)] == ["skipped"]


def test_a_user_without_an_email_is_logged_and_skipped(
    deployment: Deployment, capsys: pytest.CaptureFixture[str]
) -> None:
    deployment.add_user("nomail", None, enabled=False)

    handler(api_call("AdminDisableUser", deployment.pool_id, username="nomail"), None)

    assert deployment.api.requests == []
    (line,) = logged(capsys)
    assert (line["offboarding"], line["user"]) == ("skipped", "nomail")
    assert "no email" in line["reason"]


def test_a_call_on_another_pool_is_ignored(deployment: Deployment) -> None:
    deployment.add_user("bob", "bob@example.com", enabled=False)
    deployment.api.add_user("u-bob", "bob@example.com", OURS)

    handler(api_call("AdminDisableUser", f"{REGION}_Another1", username="bob"), None)

    assert deployment.api.requests == []


def test_revoking_twice_is_harmless(deployment: Deployment) -> None:
    deployment.add_user("bob", "bob@example.com", enabled=False)
    deployment.api.add_user("u-bob", "bob@example.com", OURS)
    event = api_call("AdminDisableUser", deployment.pool_id, username="bob")

    handler(event, None)
    handler(event, None)

    assert deployment.api.revoked == ["bob@example.com", "bob@example.com"]


# --- The reconciliation --------------------------------------------------------------------------


@pytest.fixture
def mixed_account(deployment: Deployment) -> Deployment:
    """An account whose Access users are of this pool and of another login method."""
    deployment.add_user("alice", "alice@example.com")  # enabled: keeps her sessions
    deployment.add_user("bob", "Bob@Example.com", enabled=False)  # disabled
    deployment.add_user("erin", "erin@example.com", enabled=False)  # disabled, signs in elsewhere
    api = deployment.api
    api.add_user("u-alice", "alice@example.com", OURS)
    api.add_user("u-bob", "bob@example.com", OURS)
    api.add_user("u-carol", "carol@example.com", OURS)  # gone from the pool
    api.add_user("u-dave", "dave@partner.example", OTHER)  # never in the pool
    api.add_user("u-erin", "erin@example.com", OTHER)
    api.add_user("u-frank", "frank@example.com", None)  # no identity Access knows
    api.add_user("u-service", None, OURS)  # no email
    return deployment


def test_a_reconciliation_revokes_the_disabled_and_the_deleted_users_only(
    mixed_account: Deployment,
) -> None:
    result = handler(SCHEDULED, None)

    assert sorted(mixed_account.api.revoked) == ["bob@example.com", "carol@example.com"]
    assert sorted(result["revoked"]) == ["bob@example.com", "carol@example.com"]


def test_a_reconciliation_reads_every_page_of_users(mixed_account: Deployment) -> None:
    handler(SCHEDULED, None)

    pages = [r.query.get("page") for r in mixed_account.api.requests if r.path.endswith("/users")]
    assert pages == ["1", "2", "3", "4"]


@pytest.mark.usefixtures("mixed_account")
def test_a_reconciliation_logs_its_outcome_last(capsys: pytest.CaptureFixture[str]) -> None:
    handler(SCHEDULED, None)

    last = logged(capsys)[-1]
    assert last["offboarding"] == LOG_RECONCILED
    assert (last["revoked"], last["kept"]) == (2, 1)


def test_an_event_of_no_known_kind_is_ignored(deployment: Deployment) -> None:
    handler({"detail-type": "Something Else", "detail": {}}, None)

    assert deployment.api.requests == []


# --- Failures: logged, then raised for Lambda's retry ----------------------------------------


def test_a_cloudflare_error_is_logged_and_raised(
    mixed_account: Deployment, capsys: pytest.CaptureFixture[str]
) -> None:
    mixed_account.api.fail_with(500, r"/revoke_user$")

    with pytest.raises(OffboardingError, match="HTTP 500"):
        handler(SCHEDULED, None)

    failed = [e for e in logged(capsys) if e["offboarding"] == LOG_RECONCILE_FAILED]
    assert "revoke_user" in failed[0]["error"]


def test_a_cloudflare_error_on_one_user_does_not_spare_the_others(
    mixed_account: Deployment, capsys: pytest.CaptureFixture[str]
) -> None:
    mixed_account.api.fail_with(500, r"/users/u-bob/last_seen_identity$")

    with pytest.raises(OffboardingError, match="1 user"):
        handler(SCHEDULED, None)

    assert mixed_account.api.revoked == ["carol@example.com"]
    lines = logged(capsys)
    assert next(e.get("email") for e in lines if e["offboarding"] == "failed") == "bob@example.com"
    assert lines[-2]["offboarding"] == LOG_RECONCILE_FAILED


def test_a_users_list_not_found_is_an_error_not_an_empty_account(
    mixed_account: Deployment,
) -> None:
    mixed_account.api.fail_with(404, r"/access/users$")

    with pytest.raises(OffboardingError, match="HTTP 404"):
        handler(SCHEDULED, None)

    assert mixed_account.api.revoked == []


@pytest.mark.usefixtures("deployment")
def test_a_refused_token_is_an_error_not_a_silence(monkeypatch: pytest.MonkeyPatch) -> None:
    secrets = boto3.session.Session(region_name=REGION).client("secretsmanager")
    wrong = secrets.create_secret(Name=f"wrong-{uuid.uuid4().hex[:8]}", SecretString="not-it")
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN_SECRET_ARN", wrong["ARN"])

    with pytest.raises(OffboardingError, match="HTTP 403"):
        handler(SCHEDULED, None)


def test_an_aws_error_is_logged_and_raised(
    deployment: Deployment, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COGNITO_USER_POOL_ID", f"{REGION}_NoSuchPool")

    with pytest.raises(Exception, match="ResourceNotFound"):
        handler(SCHEDULED, None)

    assert deployment.api.revoked == []
    assert [e["offboarding"] for e in logged(capsys)] == [LOG_RECONCILE_FAILED, "failed"]


def test_a_missing_secret_is_logged_and_raised(
    deployment: Deployment, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(
        "CLOUDFLARE_API_TOKEN_SECRET_ARN",
        f"arn:aws:secretsmanager:{REGION}:123456789012:secret:gone-AbCdEf",
    )

    with pytest.raises(Exception, match="ResourceNotFound"):
        handler(SCHEDULED, None)

    assert deployment.api.requests == []
    assert [e["offboarding"] for e in logged(capsys)] == ["failed"]


def test_a_missing_setting_is_named(
    deployment: Deployment, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLOUDFLARE_IDENTITY_PROVIDER_ID")

    with pytest.raises(OffboardingError, match="CLOUDFLARE_IDENTITY_PROVIDER_ID"):
        handler(SCHEDULED, None)

    assert deployment.api.requests == []
