"""The AWS emulator (moto 5.2) of the whole suite, made to answer as Cognito does.

``moto_server()`` starts the one emulator the tests use (``tests/conftest.py`` holds it
for the session, as the ``moto_endpoint`` fixture); ``reset()`` empties it between test
modules. Shipped code knows no emulator: each difference from Cognito is corrected here,
for the emulator running in this process, and says which part of Cognito's documented
behaviour it restores. ``HostedUi`` plays the hosted UI's authorize endpoint, which moto
does not serve.
"""

from __future__ import annotations

import json
import re
import threading
import urllib.parse
import urllib.request
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any, Self

import pytest

from cognito_access._endpoints import hosted_ui_host
from cognito_access._facts import (
    AUTHORIZE_PATH,
    CLASSIC_LOGIN_VERSION,
    CODE_FLOW,
    JWKS_PATH,
    TOKEN_PATH,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from mypy_boto3_cognito_idp import CognitoIdentityProviderClient

# The account moto's backends are kept under when no other is configured.
_EMULATOR_ACCOUNT = "123456789012"


def cognito_discovery_document(full_url: str) -> dict[str, Any]:
    """The discovery document Cognito serves for the pool in ``full_url``'s path.

    Cognito's (https://cognito-idp.<region>.amazonaws.com/<pool>/.well-known/openid-configuration)
    names the issuer, the JWKS on the issuer's host, and the authorization and token
    endpoints on the pool's domain (its custom domain when it has one). moto's puts the JWKS
    on the host the request was made to and names no endpoints.
    """
    from moto.cognitoidp.models import cognitoidp_backends  # noqa: PLC0415 - the emulator's own

    pool_id = urllib.parse.urlsplit(full_url).path.strip("/").split("/")[0]
    region = pool_id.split("_", 1)[0]
    issuer = f"https://cognito-idp.{region}.amazonaws.com/{pool_id}"
    document: dict[str, Any] = {
        "issuer": issuer,
        "jwks_uri": issuer + JWKS_PATH,
        "response_types_supported": [CODE_FLOW, "token"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
    }
    backend = cognitoidp_backends[_EMULATOR_ACCOUNT][region]
    domains = [d for d in backend.user_pool_domains.values() if d.user_pool_id == pool_id]
    custom = [d.domain for d in domains if d.custom_domain_config]
    prefix = [d.domain for d in domains if not d.custom_domain_config]
    host = custom[0] if custom else hosted_ui_host(prefix[0], region) if prefix else None
    if host is not None:
        document["authorization_endpoint"] = f"https://{host}{AUTHORIZE_PATH}"
        document["token_endpoint"] = f"https://{host}{TOKEN_PATH}"
    return document


@contextmanager
def discovery_as_cognito_serves_it() -> Iterator[None]:
    """While in the block, emulators started in this process serve Cognito's discovery document.

    An emulator's routes are read when it first serves Cognito, so start the emulator (and
    let it serve) inside the block.
    """
    from moto.cognitoidp import urls  # noqa: PLC0415 - the emulator's own

    (route,) = [path for path in urls.url_paths if path.endswith("openid-configuration$")]

    def serve(*args: Any) -> tuple[int, dict[str, str], bytes]:  # noqa: ANN401 - moto's handler
        document = cognito_discovery_document(str(args[1]))
        return 200, {"Content-Type": "application/json"}, json.dumps(document).encode()

    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(urls.url_paths, route, serve)
        yield


@contextmanager
def domains_described_in_full() -> Iterator[None]:
    """Make the emulator describe a user pool domain as Cognito does, while in the block.

    moto (5.2) keeps a custom domain's ``CustomDomainConfig`` but leaves it, and the
    ``ManagedLoginVersion`` it is not even sent to keep, out of ``DescribeUserPoolDomain``;
    the AWS provider then reads ``certificate_arn = ""`` and ``managed_login_version = 0``
    back, and the provider 5.100.0 plans to replace the domain (``certificate_arn``
    forces it). Within the block the emulator keeps the version it was given at create
    and at update (``UpdateUserPoolDomain``, which moto also ignores), 1 (the classic
    hosted UI) when none was given, as Cognito does, and reports both. The server runs
    in this process; ``moto_server`` keeps the block open throughout.
    """
    from moto.cognitoidp.models import CognitoIdpUserPoolDomain  # noqa: PLC0415 - the emulator's own
    from moto.cognitoidp.responses import CognitoIdpResponse  # noqa: PLC0415 - the emulator's own

    create, describe = CognitoIdpResponse.create_user_pool_domain, CognitoIdpUserPoolDomain.to_json
    update = CognitoIdpResponse.update_user_pool_domain

    def create_keeping_the_version(self: CognitoIdpResponse) -> Any:  # noqa: ANN401 - moto's
        result = create(self)
        domain = self.backend.describe_user_pool_domain(self._get_param("Domain"))
        assert domain is not None  # it was just created
        version = self._get_param("ManagedLoginVersion") or CLASSIC_LOGIN_VERSION
        domain.managed_login_version = version  # type: ignore[attr-defined]  # kept by this patch
        return result

    def update_keeping_the_version(self: CognitoIdpResponse) -> Any:  # noqa: ANN401 - moto's
        result = update(self)
        version = self._get_param("ManagedLoginVersion")
        domain = self.backend.describe_user_pool_domain(self._get_param("Domain"))
        if domain is not None and version is not None:
            domain.managed_login_version = version  # type: ignore[attr-defined]  # kept by this patch
        return result

    def describe_in_full(self: CognitoIdpUserPoolDomain, extended: bool = True) -> dict[str, Any]:  # noqa: FBT001, FBT002 - moto's signature
        description = describe(self, extended)
        if extended and self.custom_domain_config:
            description["CustomDomainConfig"] = self.custom_domain_config
        version = getattr(self, "managed_login_version", None)
        if extended and version is not None:
            description["ManagedLoginVersion"] = version
        return description

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(CognitoIdpResponse, "create_user_pool_domain", create_keeping_the_version)
        patch.setattr(CognitoIdpResponse, "update_user_pool_domain", update_keeping_the_version)
        patch.setattr(CognitoIdpUserPoolDomain, "to_json", describe_in_full)
        yield


@contextmanager
def moto_server() -> Iterator[str]:
    """Moto in server mode on a free loopback port, serving Cognito's discovery document.

    Yields the endpoint URL; the server stops when the block ends. The one place the tests
    start the emulator: ``tests/conftest.py`` holds it for the session.
    """
    from moto.server import ThreadedMotoServer  # noqa: PLC0415 - the emulator's own

    with discovery_as_cognito_serves_it(), domains_described_in_full():
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
        try:
            host, port = server.get_host_and_port()
            yield f"http://{host}:{port}"
        finally:
            server.stop()


def reset(endpoint: str) -> None:
    """Make the emulator at ``endpoint`` forget every resource (moto's reset API)."""
    request = urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST")  # noqa: S310 - the emulator on loopback
    # urlopen raises on an error status, so a reset that fails fails the fixture.
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - the emulator
        response.read()


class HostedUi:
    """Cognito's hosted UI authorize endpoint, which moto does not serve, on 127.0.0.1.

    Pool P's hosted UI is ``{base_url}/hosted/P``. Its ``/oauth2/authorize`` judges a
    request as Cognito does, by the emulator's app clients: a redirect to ``/login`` when
    the client exists and lists the ``redirect_uri``, to ``/error?error=invalid_client`` or
    ``/error?error=redirect_mismatch`` otherwise. ``script(name, status, location)`` makes
    ``{base_url}/scripted/<name>/oauth2/authorize`` give a fixed answer, for hosted UIs
    gone wrong. Anything else is a 404.
    """

    def __init__(self, cognito: CognitoIdentityProviderClient) -> None:
        """Judge authorize requests by the app clients ``cognito`` (a client of moto) sees."""
        scripted: dict[str, tuple[int, str | None]] = {}
        self._scripted = scripted

        class Handler(_HostedUiHandler):
            pass

        Handler.cognito, Handler.scripted = cognito, scripted
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``; pools' hosted UIs are under ``/hosted/<pool id>``."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def script(self, name: str, status: int, location: str | None = None) -> None:
        """Answer ``/scripted/<name>/oauth2/authorize`` with ``status`` (and ``Location``)."""
        self._scripted[name] = (status, location)

    def __enter__(self) -> Self:
        """Start serving."""
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Stop serving."""
        self._server.shutdown()
        self._server.server_close()


class _HostedUiHandler(BaseHTTPRequestHandler):
    cognito: CognitoIdentityProviderClient
    scripted: dict[str, tuple[int, str | None]]

    def do_GET(self) -> None:
        """A pool's authorize endpoint, or a scripted one; anything else is a 404."""
        url = urllib.parse.urlsplit(self.path)
        hosted = re.fullmatch(r"/hosted/([^/]+)/oauth2/authorize", url.path)
        scripted = re.fullmatch(r"/scripted/([^/]+)/oauth2/authorize", url.path)
        if scripted and scripted.group(1) in self.scripted:
            self._answer(*self.scripted[scripted.group(1)])
        elif hosted:
            self._authorize(hosted.group(1), urllib.parse.parse_qs(url.query))
        else:
            self._answer(404, None)

    def _authorize(self, pool_id: str, query: dict[str, list[str]]) -> None:
        base = f"/hosted/{pool_id}"
        client_id, redirect_uri = query["client_id"][0], query["redirect_uri"][0]
        try:
            client = self.cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
        except self.cognito.exceptions.ResourceNotFoundException:
            self._answer(302, f"{base}/error?error=invalid_client")
            return
        if redirect_uri not in client["UserPoolClient"].get("CallbackURLs", []):
            self._answer(302, f"{base}/error?error=redirect_mismatch&client_id={client_id}")
            return
        login = urllib.parse.urlencode({key: values[0] for key, values in query.items()})
        self._answer(302, f"{base}/login?{login}")

    def _answer(self, status: int, location: str | None) -> None:
        self.send_response(status)
        if location is not None:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        """Quiet: pytest shows failures, not every request."""
        del format, args
