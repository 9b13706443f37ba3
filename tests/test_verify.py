"""cognito-access-verify on a deployed setup: Cognito emulated, Cloudflare and hosted UI played.

The pool, its domain and the app client are made with boto3 in the suite's moto server
(``moto_endpoint``), as a deploy would leave them. The suite's fake Cloudflare API
(``tests.fake_cloudflare``) answers ``GET /accounts/{account_id}/access/identity_providers/{id}``
in Cloudflare's envelope, and ``tests.emulator.HostedUi`` plays the hosted UI's authorize
endpoint the way Cognito judges a request: it looks the client up in the emulator and
redirects to ``/login`` when the client exists and lists the callback, to
``/error?error=...`` otherwise.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import boto3
import pytest

from cognito_access.verify import main
from cognito_access.verify._http import get_json
from tests.emulator import HostedUi
from tests.fake_cloudflare import FakeCloudflare
from tests.support import CONSTRUCTS, modules_after

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from mypy_boto3_cognito_idp import CognitoIdentityProviderClient

# Starts command-line processes: not in the fast tier (tests/tiers.py).
pytestmark = pytest.mark.process

# Not us-east-1, so that nothing hard-coded to the default region can pass.
REGION: Final = "eu-central-1"
ACCOUNT_ID: Final = "9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c"
API_TOKEN: Final = "test-api-token-for-the-local-cloudflare"  # noqa: S105 - the fake API's token
IDP_ID: Final = "5b0c3a52-2f4e-4b8e-9d61-3f0f7a1c2e4d"
TEAM: Final = "acme"
CALLBACK: Final = f"https://{TEAM}.cloudflareaccess.com/cdn-cgi/access/callback"
LINE = re.compile(
    r"^(?P<status>PASS|FAIL|SKIP) (?P<check>[1-7]) (?P<subject>[^:]+): (?P<detail>.*)$"
)
TOTAL = re.compile(
    r"^Total: (?P<passed>\d+) passed, (?P<failed>\d+) failed, (?P<skipped>\d+) skipped; "
)


@pytest.fixture(scope="module")
def cognito(moto_endpoint: str) -> CognitoIdentityProviderClient:
    return boto3.session.Session(
        aws_access_key_id="testing",
        aws_secret_access_key="testing",  # noqa: S106 - the emulator's dummy credentials
        region_name=REGION,
    ).client("cognito-idp", endpoint_url=moto_endpoint)


@pytest.fixture(scope="module")
def api() -> Iterator[FakeCloudflare]:
    """The fake Cloudflare API, serving identity providers of ACCOUNT_ID to API_TOKEN."""
    with FakeCloudflare(ACCOUNT_ID, API_TOKEN) as fake:
        yield fake


@pytest.fixture(scope="module")
def hosted_ui(cognito: CognitoIdentityProviderClient) -> Iterator[HostedUi]:
    """The hosted UI's authorize endpoint, with the answers of hosted UIs gone wrong."""
    with HostedUi(cognito) as served:
        served.script("broken", 500)
        served.script("federated", 302, "https://sso.example.org/saml2/idp?SAMLRequest=x")
        served.script("refusing", 302, f"{CALLBACK}?error=unauthorized_client&state=x")
        yield served


@dataclass
class Setup:
    """One deployed setup: a pool, its domain and client, Cloudflare's identity provider."""

    pool_id: str
    prefix_domain: str
    client_id: str
    client_secret: str
    outputs: dict[str, str]
    identity_provider: dict[str, Any]
    directory: Path
    cognito: CognitoIdentityProviderClient
    server: str
    api: FakeCloudflare
    extra_args: list[str] = field(default_factory=list)

    @property
    def config(self) -> dict[str, Any]:
        """The identity provider's ``config``, which the fake API serves (edit it in place)."""
        config: dict[str, Any] = self.identity_provider["config"]
        return config

    def outputs_file(self) -> Path:
        """``outputs`` written as ``terraform output -json`` writes them."""
        path = self.directory / "outputs.json"
        path.write_text(
            json.dumps(
                {
                    name: {"sensitive": False, "type": "string", "value": value}
                    for name, value in self.outputs.items()
                }
            ),
            encoding="utf-8",
        )
        return path

    def verify(self, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
        """Run the command in-process; its exit status, stdout and stderr."""
        status = main(["--outputs", str(self.outputs_file()), *args])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    def update_client(self, **changes: Any) -> None:  # noqa: ANN401 - boto3's keyword arguments
        """Change the app client's settings, keeping the others (as the console does)."""
        current = self.cognito.describe_user_pool_client(
            UserPoolId=self.pool_id, ClientId=self.client_id
        )["UserPoolClient"]
        keep = (
            "AllowedOAuthFlows",
            "AllowedOAuthScopes",
            "CallbackURLs",
            "AllowedOAuthFlowsUserPoolClient",
            "ClientName",
        )
        arguments = {key: current[key] for key in keep if key in current} | changes  # type: ignore[literal-required] # keys from the response
        self.cognito.update_user_pool_client(
            UserPoolId=self.pool_id, ClientId=self.client_id, **arguments
        )


def make_pool(cognito: CognitoIdentityProviderClient, name: str) -> str:
    """A pool with the prefix domain ``<name>-login``; its id."""
    pool_id = cognito.create_user_pool(PoolName=name)["UserPool"]["Id"]
    cognito.create_user_pool_domain(Domain=f"{name}-login", UserPoolId=pool_id)
    return pool_id


@pytest.fixture
def setup(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cognito: CognitoIdentityProviderClient,
    api: FakeCloudflare,
    hosted_ui: HostedUi,
) -> Setup:
    """A correct setup as the construct deploys it, and the environment the command reads."""
    name = f"pool-{uuid.uuid4().hex[:12]}"
    pool_id = make_pool(cognito, name)
    client = cognito.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName=f"cloudflare-access-{TEAM}",
        GenerateSecret=True,
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email", "profile"],
        CallbackURLs=[CALLBACK],
    )["UserPoolClient"]
    hosted_ui_url = f"{hosted_ui.base_url}/hosted/{pool_id}"
    issuer = f"https://cognito-idp.{REGION}.amazonaws.com/{pool_id}"
    identity_provider = {
        "id": IDP_ID,
        "name": "Amazon Cognito",
        "type": "oidc",
        "config": {
            "client_id": client["ClientId"],
            "auth_url": f"{hosted_ui_url}/oauth2/authorize",
            "token_url": f"{hosted_ui_url}/oauth2/token",
            "certs_url": f"{issuer}/.well-known/jwks.json",
            "scopes": ["openid", "email", "profile"],
            "claims": ["sub", "cognito:username", "name", "cognito:groups"],
            "email_claim_name": "email",
            "pkce_enabled": True,
        },
        "scim_config": {"enabled": False},
    }
    api.state.identity_providers.clear()
    api.state.identity_providers[IDP_ID] = identity_provider
    for variable in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_SESSION_TOKEN", "AWS_DEFAULT_REGION"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", cognito.meta.endpoint_url)
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", API_TOKEN)
    monkeypatch.setenv("CLOUDFLARE_ACCOUNT_ID", ACCOUNT_ID)
    monkeypatch.setenv("CLOUDFLARE_BASE_URL", api.base_url)
    return Setup(
        pool_id=pool_id,
        prefix_domain=f"{name}-login",
        client_id=client["ClientId"],
        client_secret=client["ClientSecret"],
        outputs={
            "identity_provider_id": IDP_ID,
            "client_id": client["ClientId"],
            "issuer_url": issuer,
            "hosted_ui_url": hosted_ui_url,
            "callback_url": CALLBACK,
        },
        identity_provider=identity_provider,
        directory=tmp_path,
        cognito=cognito,
        server=hosted_ui.base_url,
        api=api,
    )


def lines(out: str) -> list[dict[str, str]]:
    """The result lines, parsed; every line but the total must be one."""
    *results, total = out.splitlines()
    assert TOTAL.match(total), total
    parsed = [LINE.fullmatch(line) for line in results]
    assert all(parsed), results
    return [match.groupdict() for match in parsed if match]


def failures(out: str) -> dict[str, str]:
    """``"<check> <subject>"`` of each FAIL line, with its detail."""
    return {
        f"{line['check']} {line['subject']}": line["detail"]
        for line in lines(out)
        if line["status"] == "FAIL"
    }


# A passing setup


def test_a_correct_setup_passes_every_check_and_exits_0(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = setup.verify(capsys)
    results = lines(out)
    assert status == 0
    assert {line["check"] for line in results} == {"1", "2", "3", "4", "5", "6", "7"}
    # Check 7 (offboarding) is skipped: this stack declares no AccessOffboarding.
    assert [(line["status"], line["check"]) for line in results if line["status"] != "PASS"] == [
        ("SKIP", "7")
    ]
    assert {line["subject"] for line in results if line["check"] == "3"} == {
        "issuer",
        "jwks_uri",
        "authorization_endpoint",
        "token_endpoint",
    }


def test_the_total_counts_the_lines(setup: Setup, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = setup.verify(capsys)
    total = TOTAL.match(out.splitlines()[-1])
    assert total is not None
    statuses = [line["status"] for line in lines(out)]
    assert (int(total["passed"]), int(total["failed"]), int(total["skipped"])) == (
        statuses.count("PASS"),
        statuses.count("FAIL"),
        statuses.count("SKIP"),
    )


def test_the_hosted_ui_check_passes_on_a_redirect_to_the_login_page(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = setup.verify(capsys)
    (hosted_ui,) = [line for line in lines(out) if line["check"] == "6"]
    assert hosted_ui["status"] == "PASS"
    assert hosted_ui["detail"].endswith(f"{setup.outputs['hosted_ui_url']}/login")


def test_json_prints_every_result_and_the_exit_status(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    _, text, _ = setup.verify(capsys)
    status, out, _ = setup.verify(capsys, "--json")
    document = json.loads(out)
    assert status == 0
    assert document["exit_status"] == 0
    assert (document["passed"], document["failed"], document["skipped"]) == (
        len(lines(text)) - 1,
        0,
        1,  # check 7: no offboarding in this stack
    )
    assert [
        f"{r['status']} {r['check']} {r['subject']}: {r['detail']}" for r in document["results"]
    ] == text.splitlines()[:-1]


def served_with(
    monkeypatch: pytest.MonkeyPatch, path: str, change: Callable[[dict[str, Any]], None]
) -> None:
    """The emulator's document at ``path``, changed by ``change`` on its way to the checks."""

    def get_changed(url: str, *, timeout: float) -> Any:  # noqa: ANN401 - parsed JSON
        document = get_json(url, timeout=timeout)
        if url.endswith(path):
            change(document)
        return document

    monkeypatch.setattr("cognito_access.verify._checks.get_json", get_changed)


def test_the_discovery_endpoints_must_be_on_the_pools_domains(
    setup: Setup, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The token endpoint is on the pool's prefix domain; the authorize endpoint is not."""
    prefix_domain = f"https://{setup.prefix_domain}.auth.{REGION}.amazoncognito.com"
    served_with(
        monkeypatch,
        "/openid-configuration",
        lambda document: document.update(
            authorization_endpoint="https://login.example.net/oauth2/authorize",
            token_endpoint=f"{prefix_domain}/oauth2/token",
        ),
    )
    status, out, _ = setup.verify(capsys)
    assert status == 1
    assert set(failures(out)) == {"3 authorization_endpoint"}
    assert failures(out)["3 authorization_endpoint"].endswith(
        "is none of the pool's: "
        f"{setup.outputs['hosted_ui_url']}/oauth2/authorize (hosted_ui_url), "
        f"{prefix_domain}/oauth2/authorize (prefix domain)"
    )


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://{prefix}.attacker.example/oauth2/authorize",
        "http://{prefix}.auth.{region}.amazoncognito.com/oauth2/authorize",
        "https://{prefix}.auth.{region}.amazoncognito.com/oauth2/token",
        "https://{prefix}.auth.{region}.amazoncognito.com:8443/oauth2/authorize",
    ],
    ids=["host only beginning with the prefix", "http", "another path", "another port"],
)
def test_a_discovery_endpoint_is_compared_whole_with_the_pools_endpoint(
    setup: Setup,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    endpoint: str,
) -> None:
    """Cognito names ``https://<prefix>.auth.<region>.amazoncognito.com/oauth2/authorize``."""
    url = endpoint.format(prefix=setup.prefix_domain, region=REGION)
    served_with(
        monkeypatch,
        "/openid-configuration",
        lambda document: document.update(authorization_endpoint=url),
    )
    status, out, _ = setup.verify(capsys)
    assert status == 1
    assert set(failures(out)) == {"3 authorization_endpoint"}


# Each broken wiring fails, naming what differs


def test_a_different_client_id_in_cloudflare_fails_check_1(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    setup.config["client_id"] = "7stale0client0id0from0console"
    status, out, _ = setup.verify(capsys)
    assert status == 1
    assert set(failures(out)) == {"1 client_id"}
    assert failures(out)["1 client_id"] == (
        "Cloudflare's config.client_id is '7stale0client0id0from0console'; "
        f"the output client_id is {setup.client_id!r}"
    )


def test_an_identity_provider_of_another_type_fails_check_1(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    setup.identity_provider["type"] = "oauth2"
    status, out, _ = setup.verify(capsys)
    assert status == 1
    assert failures(out) == {"1 type": "is 'oauth2'; must be 'oidc'"}


def test_a_missing_identity_provider_fails_check_1_with_cloudflares_error(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    setup.api.state.identity_providers.clear()
    status, out, _ = setup.verify(capsys)
    assert status == 1
    assert "1 identity provider" in failures(out)
    assert "HTTP 404: 12130 not found" in failures(out)["1 identity provider"]
    assert not [line for line in lines(out) if line["check"] == "2"]


def test_a_certs_url_of_another_pool_fails_checks_2_and_3(
    setup: Setup, capsys: pytest.CaptureFixture[str], cognito: CognitoIdentityProviderClient
) -> None:
    other_pool = make_pool(cognito, f"other-{uuid.uuid4().hex[:12]}")
    other_certs = f"https://cognito-idp.{REGION}.amazonaws.com/{other_pool}/.well-known/jwks.json"
    setup.config["certs_url"] = other_certs
    status, out, _ = setup.verify(capsys)
    assert status == 1
    assert set(failures(out)) == {"2 certs_url", "3 jwks_uri"}
    assert other_pool in failures(out)["2 certs_url"]
    assert other_pool in failures(out)["3 jwks_uri"]


@pytest.mark.parametrize("key", ["auth_url", "token_url"])
def test_a_hosted_ui_url_of_another_domain_fails_check_2(
    setup: Setup, capsys: pytest.CaptureFixture[str], key: str
) -> None:
    setup.config[key] = setup.config[key].replace("/hosted/", "/hosted-elsewhere/")
    status, out, _ = setup.verify(capsys)
    assert status == 1
    assert set(failures(out)) == {f"2 {key}"}


def test_pkce_off_in_cloudflare_fails_check_2(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    setup.config["pkce_enabled"] = False
    status, out, _ = setup.verify(capsys)
    assert status == 1
    assert failures(out) == {"2 pkce_enabled": "PKCE is off; expected on (--expect-pkce)"}


def test_expect_pkce_off_accepts_pkce_off(setup: Setup, capsys: pytest.CaptureFixture[str]) -> None:
    del setup.config["pkce_enabled"]
    status, _, _ = setup.verify(capsys, "--expect-pkce", "off")
    assert status == 0


def test_a_callback_missing_from_the_client_fails_checks_5_and_6(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    setup.update_client(CallbackURLs=["https://other.cloudflareaccess.com/cdn-cgi/access/callback"])
    status, out, _ = setup.verify(capsys)
    assert status == 1
    assert set(failures(out)) == {"5 callback URL", "6 hosted UI"}
    assert failures(out)["5 callback URL"].startswith(
        f"{CALLBACK} is not among the client's callback URLs"
    )
    assert failures(out)["6 hosted UI"].endswith(": redirect_mismatch")


def test_the_implicit_flow_allowed_fails_check_5(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    setup.update_client(AllowedOAuthFlows=["code", "implicit"])
    status, out, _ = setup.verify(capsys)
    assert status == 1
    assert failures(out) == {"5 OAuth flows": "only 'code' is allowed (got ['code', 'implicit'])"}


def test_a_scope_cloudflare_requests_but_the_client_lacks_fails_check_5(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    setup.update_client(AllowedOAuthScopes=["openid", "email"])
    status, out, _ = setup.verify(capsys)
    assert status == 1
    assert set(failures(out)) == {"5 scopes"}
    assert failures(out)["5 scopes"].startswith("the client does not allow ['profile']")


def test_a_client_missing_from_the_pool_fails_check_5(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    setup.cognito.delete_user_pool_client(UserPoolId=setup.pool_id, ClientId=setup.client_id)
    status, out, _ = setup.verify(capsys)
    assert status == 1
    assert set(failures(out)) == {"5 app client", "6 hosted UI"}
    assert failures(out)["5 app client"].startswith(
        f"no app client {setup.client_id} in user pool {setup.pool_id}"
    )


def test_a_client_without_a_secret_fails_check_5(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    public = setup.cognito.create_user_pool_client(
        UserPoolId=setup.pool_id,
        ClientName="public",
        GenerateSecret=False,
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email", "profile"],
        CallbackURLs=[CALLBACK],
    )["UserPoolClient"]["ClientId"]
    setup.outputs["client_id"] = setup.config["client_id"] = public
    status, out, _ = setup.verify(capsys)
    assert status == 1
    assert failures(out) == {
        "5 client secret": f"app client {public} in {setup.pool_id} has no secret"
    }


@pytest.mark.parametrize("endpoint", ["authorization_endpoint", "token_endpoint"])
def test_a_discovery_document_without_an_endpoint_fails_check_3_and_exits_1(
    setup: Setup,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    endpoint: str,
) -> None:
    served_with(monkeypatch, "/openid-configuration", lambda document: document.pop(endpoint))
    status, out, _ = setup.verify(capsys)
    assert status == 1
    assert set(failures(out)) == {f"3 {endpoint}"}
    assert failures(out)[f"3 {endpoint}"].endswith("/.well-known/openid-configuration names none")


def test_a_jwks_uri_on_another_host_fails_check_3(
    setup: Setup, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the exact certs URL passes.

    The same path on the Cognito endpoint boto3 is given (a VPC endpoint, a proxy or an
    emulator) is another host's key set.
    """
    endpoint = os.environ["AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"]
    elsewhere = f"{endpoint}/{setup.pool_id}/.well-known/jwks.json"
    served_with(
        monkeypatch, "/openid-configuration", lambda document: document.update(jwks_uri=elsewhere)
    )
    status, out, _ = setup.verify(capsys)
    assert status == 1
    assert set(failures(out)) == {"3 jwks_uri"}


def test_a_discovery_document_of_another_issuer_fails_check_3(
    setup: Setup, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    other = f"https://cognito-idp.{REGION}.amazonaws.com/{REGION}_other"
    served_with(
        monkeypatch, "/openid-configuration", lambda document: document.update(issuer=other)
    )
    status, out, _ = setup.verify(capsys)
    assert status == 1
    assert failures(out) == {
        "3 issuer": f"the discovery document's issuer is {other!r}; "
        f"the output issuer_url is {setup.outputs['issuer_url']!r}"
    }


@pytest.mark.parametrize(
    "keys",
    [
        [],
        [{"kty": "EC", "use": "sig", "kid": "ec", "crv": "P-256", "x": "AA", "y": "AA"}],
        [{"kty": "RSA", "use": "enc", "kid": "enc", "n": "AQAB", "e": "AQAB"}],
    ],
    ids=["no keys", "elliptic-curve key", "encryption key"],
)
def test_a_jwks_without_an_rsa_signing_key_fails_check_4(
    setup: Setup,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    keys: list[dict[str, str]],
) -> None:
    served_with(monkeypatch, "/jwks.json", lambda document: document.update(keys=keys))
    status, out, _ = setup.verify(capsys)
    assert status == 1
    assert set(failures(out)) == {"4 jwks"}
    assert failures(out)["4 jwks"].startswith("no RSA signing key at ")


def test_an_authorize_endpoint_redirecting_to_an_error_fails_check_6(
    setup: Setup, capsys: pytest.CaptureFixture[str], cognito: CognitoIdentityProviderClient
) -> None:
    """Another pool's hosted UI: Cloudflare's URLs agree with it, but it knows no such client."""
    other_hosted_ui = f"{setup.server}/hosted/{make_pool(cognito, f'ui-{uuid.uuid4().hex[:12]}')}"
    setup.outputs["hosted_ui_url"] = other_hosted_ui
    setup.config["auth_url"] = f"{other_hosted_ui}/oauth2/authorize"
    setup.config["token_url"] = f"{other_hosted_ui}/oauth2/token"
    status, out, _ = setup.verify(capsys)
    assert status == 1
    assert failures(out) == {
        "6 hosted UI": f"authorize redirects to {other_hosted_ui}/error: invalid_client"
    }


def hosted_ui_line(setup: Setup, capsys: pytest.CaptureFixture[str], answer: str) -> dict[str, str]:
    """Check 6's line, with the hosted UI giving the scripted ``answer``."""
    setup.outputs["hosted_ui_url"] = f"{setup.server}/scripted/{answer}"
    _, out, _ = setup.verify(capsys)
    (line,) = [line for line in lines(out) if line["check"] == "6"]
    return line


def test_an_error_status_from_the_authorize_endpoint_fails_check_6(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    line = hosted_ui_line(setup, capsys, "broken")
    assert (line["status"], line["detail"]) == (
        "FAIL",
        f"{setup.server}/scripted/broken/oauth2/authorize answered HTTP 500",
    )


def test_a_redirect_carrying_an_error_fails_check_6_naming_it(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    line = hosted_ui_line(setup, capsys, "refusing")
    assert (line["status"], line["detail"]) == (
        "FAIL",
        f"authorize redirects to {CALLBACK}: unauthorized_client",
    )


def test_a_redirect_to_a_federated_identity_provider_passes_check_6(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    line = hosted_ui_line(setup, capsys, "federated")
    assert (line["status"], line["detail"]) == (
        "PASS",
        "authorize redirects to https://sso.example.org/saml2/idp, not to an error",
    )


def test_an_unreachable_hosted_ui_is_skipped_with_the_reason(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    setup.outputs["hosted_ui_url"] = "http://127.0.0.1:9/hosted"
    _, out, _ = setup.verify(capsys, "--timeout", "2")
    (hosted_ui,) = [line for line in lines(out) if line["check"] == "6"]
    assert hosted_ui["status"] == "SKIP"
    assert hosted_ui["detail"].startswith("cannot reach http://127.0.0.1:9/hosted/oauth2/authorize")


# Configuration errors exit 2 and say what to do


@pytest.mark.parametrize(
    "output", ["identity_provider_id", "client_id", "issuer_url", "hosted_ui_url", "callback_url"]
)
def test_a_missing_output_exits_2_naming_it(
    setup: Setup, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    del setup.outputs[output]
    status, out, err = setup.verify(capsys)
    assert status == 2
    assert out == ""
    assert f"lacks the output(s) {output} " in err
    assert "Verifying a deployed setup" in err


def test_a_missing_outputs_file_exits_2(
    setup: Setup, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status = main(["--outputs", str(tmp_path / "absent.json")])
    assert status == 2
    assert "cannot read the outputs from" in capsys.readouterr().err
    del setup


def test_no_synthesized_stack_exits_2_saying_to_deploy(
    setup: Setup,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    status = main(["--stack", "team-stack"])
    assert status == 2
    err = capsys.readouterr().err
    assert f"no synthesized stack in {Path('cdktf.out', 'stacks', 'team-stack')}" in err
    assert "make deploy" in err
    del setup


def test_a_missing_api_token_exits_2(
    setup: Setup, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLOUDFLARE_API_TOKEN")
    status, out, err = setup.verify(capsys)
    assert status == 2
    assert out == ""
    assert "CLOUDFLARE_API_TOKEN is not set" in err


def test_a_refused_api_token_exits_2(
    setup: Setup, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", "revoked-token")
    status, _, err = setup.verify(capsys)
    assert status == 2
    assert "refused CLOUDFLARE_API_TOKEN (HTTP 403: 10000 Authentication error)" in err
    assert "revoked-token" not in err


def test_an_unreachable_cloudflare_api_exits_2(
    setup: Setup, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLOUDFLARE_BASE_URL", "http://127.0.0.1:9/client/v4")
    status, _, err = setup.verify(capsys)
    assert status == 2
    assert "cannot reach http://127.0.0.1:9/client/v4/accounts/" in err
    assert "check CLOUDFLARE_BASE_URL" in err


def test_a_missing_account_exits_2(
    setup: Setup, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLOUDFLARE_ACCOUNT_ID")
    status, _, err = setup.verify(capsys)
    assert status == 2
    assert "pass --account-id or set CLOUDFLARE_ACCOUNT_ID" in err


def test_the_account_id_option_overrides_the_environment(
    setup: Setup, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLOUDFLARE_ACCOUNT_ID", "0" * 32)
    status, _, _ = setup.verify(capsys, "--account-id", ACCOUNT_ID)
    assert status == 0


def test_no_aws_credentials_exits_2(
    setup: Setup, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    status, _, err = setup.verify(capsys)
    assert status == 2
    assert "no AWS credentials found" in err


def test_without_boto3_the_command_exits_2_saying_what_to_install(
    setup: Setup, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "boto3", None)
    status, _, err = setup.verify(capsys)
    assert status == 2
    assert "boto3 is not installed" in err
    assert "pip install 'cognito-access[verify]'" in err


def test_json_reports_a_configuration_error_too(
    setup: Setup, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLOUDFLARE_API_TOKEN")
    status, out, _ = setup.verify(capsys, "--json")
    assert status == 2
    assert json.loads(out)["exit_status"] == 2
    assert "CLOUDFLARE_API_TOKEN is not set" in json.loads(out)["error"]


# Outputs read with the real terraform


@pytest.fixture
def stack_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``cdktf.out/stacks/team-stack`` of a project that is the working directory."""
    if shutil.which("terraform") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("terraform is not on PATH, and CI must run this test")
        pytest.skip("terraform is not on PATH")
    project = tmp_path / "project"
    stack = project / "cdktf.out" / "stacks" / "team-stack"
    stack.mkdir(parents=True)
    monkeypatch.chdir(project)
    return stack


def terraform_apply(stack: Path, outputs: dict[str, str]) -> None:
    """Apply a configuration of only ``outputs`` (one of them sensitive), with local state."""
    configuration = {
        "output": {
            name: {"value": value, "sensitive": name == "client_id"}
            for name, value in outputs.items()
        }
    }
    (stack / "main.tf.json").write_text(json.dumps(configuration), encoding="utf-8")
    subprocess.run(
        ["terraform", "apply", "-auto-approve", "-input=false", "-no-color"],  # noqa: S607 - terraform from PATH
        cwd=stack,
        check=True,
        capture_output=True,
        timeout=120,
    )


@pytest.mark.terraform
def test_by_default_the_outputs_come_from_terraform_in_the_stack_directory(
    setup: Setup, capsys: pytest.CaptureFixture[str], stack_directory: Path
) -> None:
    terraform_apply(stack_directory, setup.outputs)
    status = main(["--stack", "team-stack", "--json"])
    assert status == 0
    assert json.loads(capsys.readouterr().out)["failed"] == 0


@pytest.mark.terraform
def test_a_stack_not_applied_yet_exits_2_naming_every_output(
    setup: Setup, capsys: pytest.CaptureFixture[str], stack_directory: Path
) -> None:
    (stack_directory / "main.tf.json").write_text("{}", encoding="utf-8")
    status = main(["--stack", "team-stack"])
    assert status == 2
    assert (
        "lacks the output(s) identity_provider_id, client_id, issuer_url, hosted_ui_url, "
        "callback_url " in capsys.readouterr().err
    )
    del setup


@pytest.mark.terraform
def test_a_stack_directory_not_initialized_exits_2_saying_to_init(
    setup: Setup, capsys: pytest.CaptureFixture[str], stack_directory: Path
) -> None:
    backend = {"terraform": {"backend": {"local": {"path": "team-stack.tfstate"}}}}
    (stack_directory / "main.tf.json").write_text(json.dumps(backend), encoding="utf-8")
    status = main(["--stack", "team-stack"])
    assert status == 2
    err = capsys.readouterr().err
    assert "`terraform output -json` in cdktf.out/stacks/team-stack failed" in err
    assert "Is the directory initialized (`terraform init`" in err
    del setup


# The client secret


def test_the_client_secret_appears_in_no_output(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    printed = [setup.verify(capsys), setup.verify(capsys, "--json")]
    setup.update_client(AllowedOAuthFlows=["code", "implicit"], CallbackURLs=["https://x.test/cb"])
    setup.config["client_id"] = "another"
    printed += [setup.verify(capsys), setup.verify(capsys, "--json")]
    assert [status for status, _, _ in printed] == [0, 0, 1, 1]
    assert all(setup.client_secret not in out + err for _, out, err in printed)


# The installed command


def test_the_installed_command_runs_the_checks(setup: Setup) -> None:
    command = shutil.which("cognito-access-verify", path=str(Path(sys.executable).parent))
    assert command is not None, "reinstall the package: make setup"
    result = subprocess.run(  # noqa: S603 - the installed console script
        [command, "--outputs", "-", "--json"],
        input=setup.outputs_file().read_text(encoding="utf-8"),
        env={**os.environ, "PYTHONPATH": str(CONSTRUCTS)},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["failed"] == 0
    assert setup.client_secret not in result.stdout + result.stderr


def test_the_command_starts_without_cdktf_the_providers_or_boto3() -> None:
    imported = modules_after("import cognito_access.verify")
    unwanted = [
        name
        for name in imported
        if name.split(".")[0] in ("cdktf", "jsii", "boto3", "botocore")
        or name.startswith("cdktf_cdktf_provider")
    ]
    assert unwanted == []
