"""A stand-in for Cloudflare's API v4 on 127.0.0.1, for the tests of code that calls it.

``FakeCloudflare`` serves, for one account and one API token, in Cloudflare's envelope
(``{"success": ..., "errors": [...], "result": ...}``):

- ``GET /client/v4/accounts/{account}/access/users`` (``page``, ``per_page``, ``email``),
  paged with ``result_info`` as Cloudflare's API reference documents it for this endpoint:
  ``count``, ``page``, ``per_page`` and ``total_count``, and no ``total_pages``;
- ``GET /client/v4/accounts/{account}/access/users/{id}/last_seen_identity``;
- ``POST /client/v4/accounts/{account}/access/organizations/revoke_user``;
- ``GET /client/v4/accounts/{account}/access/identity_providers/{id}``.

It records every request (method, path, JSON body, headers) and can be told
to fail: ``fail_with(status, path_pattern)`` answers matching requests with that status.
A request without the token gets 403, as Cloudflare answers it.
"""

from __future__ import annotations

import json
import re
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:
    from types import TracebackType

_USERS = re.compile(r"/client/v4/accounts/([^/]+)/access/users")
_IDENTITY = re.compile(r"/client/v4/accounts/([^/]+)/access/users/([^/]+)/last_seen_identity")
_REVOKE = re.compile(r"/client/v4/accounts/([^/]+)/access/organizations/revoke_user")
_IDP = re.compile(r"/client/v4/accounts/([^/]+)/access/identity_providers/([^/]+)")


@dataclass(frozen=True)
class Request:
    """A request the fake received."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    authorization: str | None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class AccessUser:
    """A Zero Trust user of the account, and the login method Access last saw them use."""

    id: str
    email: str | None
    login_method: str | None

    def as_listed(self) -> dict[str, Any]:
        """The user as ``GET .../access/users`` lists them."""
        return {"id": self.id, "email": self.email, "access_seat": True, "name": self.email}


@dataclass
class State:
    """What the fake knows and what it was asked."""

    account_id: str
    token: str
    users: list[AccessUser] = field(default_factory=list)
    identity_providers: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    failures: list[tuple[int, re.Pattern[str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def revoked(self) -> list[str]:
        """The emails revoked, in order."""
        return [
            r.body["email"]
            for r in self.requests
            if r.method == "POST" and _REVOKE.fullmatch(r.path)
        ]


class FakeCloudflare:
    """The fake API server: ``with FakeCloudflare(account, token) as api: api.base_url``."""

    def __init__(self, account_id: str, token: str, *, page_size: int = 2) -> None:
        """Serve ``account_id`` to those bearing ``token``, ``page_size`` users a page at most."""
        self.state = State(account_id, token)
        self.page_size = page_size
        state, size = self.state, page_size

        class Handler(_Handler):
            pass

        Handler.state, Handler.max_page_size = state, size
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """The API's base URL (``.../client/v4``), as ``CLOUDFLARE_BASE_URL`` takes it."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/client/v4"

    def add_user(self, user_id: str, email: str | None, login_method: str | None) -> None:
        """Make ``email`` a Zero Trust user last seen signing in through ``login_method``."""
        self.state.users.append(AccessUser(user_id, email, login_method))

    def fail_with(self, status: int, path_pattern: str) -> None:
        """Answer every request whose path matches ``path_pattern`` (a regex) with ``status``."""
        self.state.failures.append((status, re.compile(path_pattern)))

    def reset(self) -> None:
        """Forget the requests, users and failures."""
        self.state.requests.clear()
        self.state.users.clear()
        self.state.failures.clear()

    @property
    def requests(self) -> list[Request]:
        """Every request received, in order."""
        return list(self.state.requests)

    @property
    def revoked(self) -> list[str]:
        """The emails whose sessions were revoked, in order."""
        return self.state.revoked

    def __enter__(self) -> Self:
        """Start serving."""
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop serving."""
        self._server.shutdown()
        self._server.server_close()


class _Handler(BaseHTTPRequestHandler):
    state: State
    max_page_size: int

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002, ANN401 - the base's
        """Keep the test output quiet."""

    def do_GET(self) -> None:
        """Users, a user's last seen identity, or an identity provider."""
        self._serve("GET")

    def do_POST(self) -> None:
        """Revoke a user's sessions."""
        self._serve("POST")

    def _serve(self, method: str) -> None:
        url = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:  # not JSON (another API's request): recorded as text
            body = raw.decode("utf-8", "replace")
        query = dict(urllib.parse.parse_qsl(url.query))
        with self.state.lock:
            self.state.requests.append(
                Request(
                    method,
                    url.path,
                    query,
                    body,
                    self.headers.get("Authorization"),
                    dict(self.headers),
                )
            )
        for status, pattern in self.state.failures:
            if pattern.search(url.path):
                self._answer(status, None, errors=[{"code": 10000, "message": "told to fail"}])
                return
        if self.headers.get("Authorization") != f"Bearer {self.state.token}":
            self._answer(403, None, errors=[{"code": 10000, "message": "Authentication error"}])
            return
        self._route(method, url.path, query, body)

    def _route(self, method: str, path: str, query: dict[str, str], body: Any) -> None:  # noqa: ANN401
        for pattern, wanted, serve in (
            (_USERS, "GET", self._users),
            (_IDENTITY, "GET", self._identity),
            (_REVOKE, "POST", self._revoke),
            (_IDP, "GET", self._identity_provider),
        ):
            match = pattern.fullmatch(path)
            if match and method == wanted:
                if match.group(1) != self.state.account_id:
                    self._answer(403, None, errors=[{"code": 9109, "message": "Unauthorized"}])
                    return
                serve(match, query, body)
                return
        self._answer(404, None, errors=[{"code": 7003, "message": "No route for that URI"}])

    def _users(self, _match: re.Match[str], query: dict[str, str], _body: object) -> None:
        users = [
            u
            for u in self.state.users
            if "email" not in query or (u.email or "").lower() == query["email"].lower()
        ]
        size = min(int(query.get("per_page", 25)), self.max_page_size)
        page = int(query.get("page", 1))
        chunk = users[(page - 1) * size : page * size]
        info = {"page": page, "per_page": size, "count": len(chunk), "total_count": len(users)}
        self._answer(200, [u.as_listed() for u in chunk], result_info=info)

    def _identity(self, match: re.Match[str], _query: object, _body: object) -> None:
        for user in self.state.users:
            if user.id == match.group(2):
                idp = {} if user.login_method is None else {"id": user.login_method, "type": "oidc"}
                self._answer(200, {"email": user.email, "idp": idp, "user_uuid": user.id})
                return
        self._answer(404, None, errors=[{"code": 12130, "message": "user not found"}])

    def _revoke(self, _match: re.Match[str], _query: object, body: Any) -> None:  # noqa: ANN401
        if not isinstance(body, dict) or not isinstance(body.get("email"), str):
            self._answer(400, None, errors=[{"code": 12130, "message": "email is required"}])
            return
        self._answer(200, True)  # noqa: FBT003 - Cloudflare's result

    def _identity_provider(self, match: re.Match[str], _query: object, _body: object) -> None:
        found = self.state.identity_providers.get(match.group(2))
        if found is None:
            self._answer(404, None, errors=[{"code": 12130, "message": "not found"}])
        else:
            self._answer(200, found)

    def _answer(
        self,
        status: int,
        result: object,
        *,
        errors: list[dict[str, Any]] | None = None,
        result_info: dict[str, Any] | None = None,
    ) -> None:
        envelope: dict[str, Any] = {
            "success": 200 <= status < 300,
            "errors": errors or [],
            "messages": [],
            "result": result,
        }
        if result_info is not None:
            envelope["result_info"] = result_info
        data = json.dumps(envelope).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
