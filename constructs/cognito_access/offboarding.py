"""The offboarding function: ends the Cloudflare Access sessions of users the pool let go.

``handler(event, context)`` is the AWS Lambda entry point ``AccessOffboarding`` deploys.
It runs on the Lambda Python runtime with nothing but the standard library and the
runtime's boto3 (this module and ``_facts`` are all the function's code), and reads its
configuration from the environment:

- ``CLOUDFLARE_ACCOUNT_ID``, ``COGNITO_USER_POOL_ID``, ``CLOUDFLARE_IDENTITY_PROVIDER_ID``
  (the Zero Trust login method that signs in through the pool);
- ``CLOUDFLARE_API_TOKEN_SECRET_ARN``: the Secrets Manager secret whose string is the
  Cloudflare API token;
- ``CLOUDFLARE_BASE_URL`` (optional): Cloudflare's API, for a stand-in; boto3 reads its own
  endpoint variables (``AWS_ENDPOINT_URL``...).

Two kinds of event reach it:

- a user pool API call, as CloudTrail delivers it through EventBridge: the user's email is
  looked up in the pool (by user name, or by ``sub`` for the calls a user makes with their
  own token) and their sessions are revoked. When the user is gone (deleted) or CloudTrail
  redacted or left out the user name, the function reconciles instead;
- the schedule's event: a reconciliation. Every user Cloudflare Access knows for the
  account whose email no enabled user of the pool has is revoked.

**Which users it may touch.** Cloudflare revokes by email, for every login method of the
account. So before revoking, the function asks Cloudflare which login method the user last
signed in with (the user's last seen identity) and revokes only when that is this pool's
login method. A user who last signed in through another login method, or whose last
identity Cloudflare does not know, is never revoked, even if the pool has the same email
disabled; an enabled user of the pool is never revoked by a reconciliation.

Each action is one JSON line on standard output (CloudWatch Logs): what happened, to
which user, and why. The token is never logged. A Cloudflare or AWS error is logged and
raised, so that Lambda's own retry runs the event again; revoking twice is harmless.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cognito_access._facts import (
    ACCESS_USERS_API_PATH,
    CLOUDFLARE_API_BASE_URL,
    CLOUDTRAIL_DETAIL_TYPE,
    ENV_CLOUDFLARE_ACCOUNT_ID,
    ENV_CLOUDFLARE_BASE_URL,
    ENV_IDENTITY_PROVIDER_ID,
    ENV_TOKEN_SECRET_ARN,
    ENV_USER_POOL_ID,
    LAST_SEEN_IDENTITY_API_PATH,
    LOG_RECONCILE_FAILED,
    LOG_RECONCILED,
    OFFBOARDING_EVENTS,
    REDACTED_USERNAME,
    REVOKE_USER_API_PATH,
    SCHEDULED_DETAIL_TYPE,
)

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

_TIMEOUT_SECONDS = 10
_PAGE_SIZE = 100
_MAX_PAGES = 10_000  # a million users: past that, something answers wrongly
_HTTP_NOT_FOUND = 404
# Events whose user is gone from the pool by the time the function runs.
_DELETIONS = ("AdminDeleteUser", "DeleteUser")
# Events after which the user is no longer an enabled user of the pool.
_ENDS_ENABLEMENT = ("AdminDisableUser", *_DELETIONS)


class OffboardingError(RuntimeError):
    """A call to Cloudflare or AWS failed; Lambda retries the event."""


def log(action: str, **fields: object) -> None:
    """Write one JSON line: the action and what it concerns (never a secret)."""
    sys.stdout.write(json.dumps({"offboarding": action, **fields}, sort_keys=True) + "\n")
    sys.stdout.flush()


@dataclass(frozen=True)
class Settings:
    """The function's configuration, from its environment."""

    account_id: str
    user_pool_id: str
    identity_provider_id: str
    token_secret_arn: str
    base_url: str

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> Settings:
        """Read the settings; a missing one raises ``OffboardingError`` naming it."""
        names = (
            ENV_CLOUDFLARE_ACCOUNT_ID,
            ENV_USER_POOL_ID,
            ENV_IDENTITY_PROVIDER_ID,
            ENV_TOKEN_SECRET_ARN,
        )
        missing = [name for name in names if not environ.get(name)]
        if missing:
            msg = f"the function's environment lacks {', '.join(missing)}"
            raise OffboardingError(msg)
        return cls(
            account_id=environ[ENV_CLOUDFLARE_ACCOUNT_ID],
            user_pool_id=environ[ENV_USER_POOL_ID],
            identity_provider_id=environ[ENV_IDENTITY_PROVIDER_ID],
            token_secret_arn=environ[ENV_TOKEN_SECRET_ARN],
            base_url=environ.get(ENV_CLOUDFLARE_BASE_URL) or CLOUDFLARE_API_BASE_URL,
        )


class Cloudflare:
    """The three Cloudflare API calls the function makes. Errors never carry the token."""

    def __init__(self, settings: Settings, token: str) -> None:
        """Call ``settings.base_url`` for ``settings.account_id`` with ``token``."""
        self._settings = settings
        self._token = token

    def _call(self, method: str, path: str, body: object = None) -> Any:  # noqa: ANN401 - JSON
        url = self._settings.base_url.rstrip("/") + path
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(url, data=data, method=method)  # noqa: S310 - https
        request.add_header("Authorization", f"Bearer {self._token}")
        request.add_header("Content-Type", "application/json")
        shown = path.split("?", 1)[0]
        try:
            with urllib.request.urlopen(request, timeout=_TIMEOUT_SECONDS) as response:  # noqa: S310
                return json.load(response)
        except urllib.error.HTTPError as error:
            if error.code == _HTTP_NOT_FOUND:
                return None
            msg = f"Cloudflare {method} {shown}: HTTP {error.code} {_errors_of(error)}"
            raise OffboardingError(msg) from None
        except (urllib.error.URLError, OSError, ValueError) as error:
            msg = f"Cloudflare {method} {shown}: {type(error).__name__}"
            raise OffboardingError(msg) from None

    def users(self, email: str | None = None) -> Iterator[dict[str, Any]]:
        """The Zero Trust users of the account (those with ``email``, when given), page by page.

        Cloudflare's answer for this endpoint says ``count``, ``page``, ``per_page`` and
        ``total_count`` (``total_pages`` only where given): paging goes on until the users
        seen reach ``total_count``, or, without it, until a page comes back empty or the
        same as the one before (a server that ignores ``page``).
        """
        path = ACCESS_USERS_API_PATH.format(account_id=self._settings.account_id)
        page, seen = 1, 0
        previous: list[Any] = []
        while page <= _MAX_PAGES:
            query = {"page": page, "per_page": _PAGE_SIZE} | ({"email": email} if email else {})
            answer = self._call("GET", f"{path}?{urllib.parse.urlencode(query)}")
            if answer is None:  # no such account or path: not "no users"
                msg = f"Cloudflare GET {path}: HTTP 404"
                raise OffboardingError(msg)
            results = answer.get("result") or []
            if not results or results == previous:
                return
            yield from results
            seen += len(results)
            info = answer.get("result_info") or {}
            total_pages, total_count = info.get("total_pages"), info.get("total_count")
            if isinstance(total_pages, int) and page >= total_pages:
                return
            if isinstance(total_count, int) and seen >= total_count:
                return
            previous = results
            page += 1
        msg = f"Cloudflare GET {path}: more than {_MAX_PAGES} pages of users"
        raise OffboardingError(msg)

    def last_login_method(self, user_id: str) -> str | None:
        """The id of the login method the user last signed in with, or None if unknown."""
        path = LAST_SEEN_IDENTITY_API_PATH.format(
            account_id=self._settings.account_id, user_id=urllib.parse.quote(user_id, safe="")
        )
        answer = self._call("GET", path)
        idp = ((answer or {}).get("result") or {}).get("idp") or {}
        value = idp.get("id")
        return value if isinstance(value, str) and value else None

    def revoke(self, email: str) -> None:
        """End every Access session of ``email`` in the account."""
        path = REVOKE_USER_API_PATH.format(account_id=self._settings.account_id)
        if self._call("POST", path, {"email": email}) is None:
            msg = f"Cloudflare POST {path}: HTTP 404"
            raise OffboardingError(msg)


def _errors_of(error: urllib.error.HTTPError) -> str:
    """Cloudflare's error messages from a failed answer (they hold no token)."""
    try:
        body = json.loads(error.read() or b"{}")
    except ValueError:
        return ""
    messages = [str(item.get("message")) for item in body.get("errors") or [] if "message" in item]
    return "; ".join(messages)


class Pool:
    """The user pool's users, read with the function's role (ListUsers, AdminGetUser)."""

    def __init__(self, client: Any, user_pool_id: str) -> None:  # noqa: ANN401 - a boto3 client
        """Read the pool ``user_pool_id`` with the cognito-idp ``client``."""
        self._client = client
        self._pool = user_pool_id

    def email_of(self, username: str) -> str | bool | None:
        """The user's email; None when they have none; False when the pool has no such user."""
        try:
            user = self._client.admin_get_user(UserPoolId=self._pool, Username=username)
        except self._client.exceptions.UserNotFoundException:
            return False
        return _email(user.get("UserAttributes", []))

    def by_sub(self, sub: str) -> tuple[str, str | None] | None:
        """The user name and email of the user whose ``sub`` is given, or None."""
        answer = self._client.list_users(UserPoolId=self._pool, Filter=f'sub = "{_quoted(sub)}"')
        for user in answer.get("Users", []):
            return user["Username"], _email(user.get("Attributes", []))
        return None

    def enabled_emails(self) -> set[str]:
        """The emails (lower case) of the pool's enabled users."""
        emails: set[str] = set()
        for page in self._client.get_paginator("list_users").paginate(UserPoolId=self._pool):
            for user in page.get("Users", []):
                email = _email(user.get("Attributes", []))
                if email and user.get("Enabled", True):
                    emails.add(email.lower())
        return emails


def _quoted(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def _email(attributes: list[dict[str, str]]) -> str | None:
    for attribute in attributes:
        if attribute.get("Name") == "email" and attribute.get("Value"):
            return attribute["Value"]
    return None


class Offboarding:
    """What the function does, given its settings, the pool and Cloudflare."""

    def __init__(self, settings: Settings, pool: Pool, cloudflare: Cloudflare) -> None:
        """Act on ``settings.user_pool_id``'s users in ``settings.account_id``."""
        self._settings = settings
        self._pool = pool
        self._cloudflare = cloudflare

    def revoke_if_ours(self, email: str, *, reason: str, user: str) -> str | None:
        """Revoke ``email``'s sessions if Access last saw it sign in through this pool's method.

        Returns the email revoked, as Access spells it (its record may differ in case from
        the pool's), or None.
        """
        found: str | None = None
        for access_user in self._cloudflare.users(email):
            if str(access_user.get("email", "")).lower() != email.lower():
                continue
            found = str(access_user["email"])  # revoked as Access spells it
            method = self._cloudflare.last_login_method(str(access_user.get("id", "")))
            if method != self._settings.identity_provider_id:
                log(
                    "skipped",
                    user=user,
                    email=email,
                    reason=f"{reason}; but Access last saw this email sign in through "
                    + ("an unknown login method" if method is None else f"login method {method}")
                    + ", not this pool's: left alone",
                )
                return None
        if found is None:
            log("skipped", user=user, email=email, reason=f"{reason}; Access knows no such user")
            return None
        self._cloudflare.revoke(found)
        log("revoked", user=user, email=found, reason=reason)
        return found

    def on_api_call(self, detail: Mapping[str, Any]) -> dict[str, Any]:  # noqa: PLR0911 - per case
        """Act on one user pool API call from CloudTrail."""
        name = str(detail.get("eventName", ""))
        parameters = detail.get("requestParameters") or {}
        pool = parameters.get("userPoolId")
        if name not in OFFBOARDING_EVENTS or (pool is not None and pool != self._pool_id):
            log("ignored", event=name, reason="not an offboarding call on this user pool")
            return {"ignored": name}
        if detail.get("errorCode"):
            log("ignored", event=name, reason=f"the call failed ({detail['errorCode']})")
            return {"ignored": name}
        username = parameters.get("username")
        sub = (detail.get("additionalEventData") or {}).get("sub")
        reason = f"{name} in the user pool"
        if name in _DELETIONS or username == REDACTED_USERNAME or not (username or sub):
            why = "the user is deleted" if name in _DELETIONS else "the event names no user"
            return self._reconcile_for(name, why)
        if username:
            email = self._pool.email_of(str(username))
            if email is False:
                return self._reconcile_for(name, "no such user in the pool")
        else:
            found = self._pool.by_sub(str(sub))
            if found is None:
                return self._reconcile_for(name, "no user with that sub in the pool")
            username, email = found
        if not email:
            log("skipped", event=name, user=username, reason="the user has no email")
            return {"revoked": []}
        revoked = self.revoke_if_ours(str(email), reason=reason, user=str(username))
        return {"revoked": [revoked] if revoked else []}

    def _reconcile_for(self, name: str, why: str) -> dict[str, Any]:
        """Reconcile for a call whose user cannot be looked up, if that can revoke anyone.

        A reconciliation revokes only users the pool no longer has enabled: it helps after
        a disable or a deletion. After a sign-out or a group removal the user is still
        enabled (or, for a ``GlobalSignOut`` whose ``sub`` the pool does not know, a user of
        another pool, whose calls the event rule cannot filter out), so it would revoke no
        one: such a call is logged and left, and costs no Cloudflare calls.
        """
        if name not in _ENDS_ENABLEMENT:
            log("ignored", event=name, reason=f"{why}; a reconciliation would revoke no one")
            return {"ignored": name}
        log("reconciling", event=name, reason=f"{why}: reconciling the whole pool")
        return self.reconcile()

    @property
    def _pool_id(self) -> str:
        return self._settings.user_pool_id

    def reconcile(self) -> dict[str, Any]:
        """Revoke every Access user of this login method no enabled pool user has the email of.

        A Cloudflare error on one user is logged and the others are still handled; the
        reconciliation then fails (``reconcile_failed``) so that Lambda retries it.
        """
        tally = _Tally()
        try:
            self._reconcile(self._pool.enabled_emails(), tally)
        except Exception as error:
            log(LOG_RECONCILE_FAILED, error=_describe(error), revoked=len(tally.revoked))
            raise
        if tally.failed:
            msg = (
                f"{len(tally.failed)} user(s) could not be revoked, the others were handled; "
                f"the first: {tally.failed[0]}"
            )
            log(LOG_RECONCILE_FAILED, error=msg, revoked=len(tally.revoked))
            raise OffboardingError(msg)
        log(
            LOG_RECONCILED,
            revoked=len(tally.revoked),
            kept=tally.kept,
            other_or_unknown=tally.skipped,
        )
        return {"revoked": tally.revoked}

    def _reconcile(self, enabled: set[str], tally: _Tally) -> None:
        for access_user in self._cloudflare.users():
            email = access_user.get("email")
            if not isinstance(email, str) or not email:
                log("skipped", user=access_user.get("id"), reason="the user has no email")
                tally.skipped += 1
                continue
            if email.lower() in enabled:
                tally.kept += 1
                continue
            try:
                method = self._cloudflare.last_login_method(str(access_user.get("id", "")))
                if method != self._settings.identity_provider_id:
                    tally.skipped += 1
                    continue
                self._cloudflare.revoke(email)
            except OffboardingError as error:
                log("failed", email=email, error=_describe(error))
                tally.failed.append(str(error))
                continue
            log("revoked", email=email, reason="not an enabled user of the pool")
            tally.revoked.append(email)


@dataclass
class _Tally:
    """What a reconciliation did so far."""

    revoked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    kept: int = 0
    skipped: int = 0


def _describe(error: BaseException) -> str:
    """What failed, for the log: the exception's type and message (they hold no token)."""
    return f"{type(error).__name__}: {error}"


def _token(client: Any, secret_arn: str) -> str:  # noqa: ANN401 - a boto3 client
    value = client.get_secret_value(SecretId=secret_arn).get("SecretString")
    if not isinstance(value, str) or not value.strip():
        msg = f"the secret {secret_arn} holds no string (the Cloudflare API token)"
        raise OffboardingError(msg)
    return value.strip()


def handler(event: Mapping[str, Any], context: object) -> dict[str, Any]:  # noqa: ARG001 - Lambda's
    """The Lambda entry point: a CloudTrail API call or the schedule's event."""
    import boto3  # noqa: PLC0415 - the Lambda runtime's; imported where the function runs

    kind = event.get("detail-type")
    try:
        settings = Settings.from_environment(os.environ)
        session = boto3.session.Session()
        token = _token(session.client("secretsmanager"), settings.token_secret_arn)
        offboarding = Offboarding(
            settings,
            Pool(session.client("cognito-idp"), settings.user_pool_id),
            Cloudflare(settings, token),
        )
        if kind == CLOUDTRAIL_DETAIL_TYPE:
            return offboarding.on_api_call(event.get("detail") or {})
        if kind == SCHEDULED_DETAIL_TYPE:
            return offboarding.reconcile()
    except Exception as error:
        log("failed", event=str(kind), error=_describe(error))
        raise
    log("ignored", event=str(kind), reason="neither a user pool API call nor the schedule")
    return {"ignored": kind}
