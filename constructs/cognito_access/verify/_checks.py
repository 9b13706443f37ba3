"""The seven checks of a deployed setup, each yielding one result per thing it compares.

1. The Cloudflare identity provider exists, is ``oidc``, and uses the stack's client id.
2. Its authorize, token and certs URLs are the hosted UI's and the issuer's; PKCE as expected.
3. The pool's discovery document names the issuer, the certs URL and the pool's domains.
4. The JWKS holds an RSA signing key.
5. The app client has a secret, the code flow only, Cloudflare's scopes and the callback.
6. The hosted UI's authorize endpoint accepts the client and the callback.
7. Where the stack has offboarding: its function exists, its rules are enabled, and its
   last reconciliation succeeded (``_offboarding``; skipped where there is none).

Every URL contacted comes from the outputs or from the documents they lead to, except
the discovery document and JWKS, which come from the Cognito endpoint boto3 is given
(``AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER``, ``AWS_ENDPOINT_URL``) where one is set.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cognito_access._endpoints import hosted_ui_host
from cognito_access._facts import (
    AUTHORIZE_PATH,
    CODE_FLOW,
    DISCOVERY_PATH,
    ERROR_PATH,
    IDENTITY_PROVIDER_TYPE,
    JWKS_PATH,
    LOGIN_PATH,
    OPENID_SCOPE,
    OUTPUT_HOSTED_UI_URL,
    OUTPUT_ISSUER_URL,
    TOKEN_PATH,
    USER_POOL_ID,
)
from cognito_access.verify._cloudflare import get_identity_provider
from cognito_access.verify._cognito import endpoint_url, read_pool
from cognito_access.verify._http import FetchError, get_json, request
from cognito_access.verify._offboarding import offboarding_results
from cognito_access.verify._results import Result, Status

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from cognito_access.verify._cognito import AppClient, Domains
    from cognito_access.verify._outputs import Outputs

_HOSTED_UI, _ISSUER = OUTPUT_HOSTED_UI_URL.name, OUTPUT_ISSUER_URL.name
_REDIRECTS = range(300, 400)
_ERRORS = range(400, 600)


@dataclass(frozen=True)
class Settings:
    """Where to look and what to expect, besides the outputs."""

    account_id: str
    api_token: str
    cloudflare_base_url: str
    cognito_endpoint: str | None
    expect_pkce: bool
    timeout: float


def settings_from(
    environ: Mapping[str, str], *, account_id: str, base_url: str, expect_pkce: bool, timeout: float
) -> Settings:
    """The settings, with the token and the Cognito endpoint read from ``environ``."""
    return Settings(
        account_id=account_id,
        api_token=environ.get("CLOUDFLARE_API_TOKEN", ""),
        cloudflare_base_url=base_url,
        cognito_endpoint=endpoint_url(environ),
        expect_pkce=expect_pkce,
        timeout=timeout,
    )


def run_checks(outputs: Outputs, settings: Settings) -> list[Result]:
    """Every check's results, in order.

    Raises:
        ConfigurationError: A credential is refused or a service cannot be reached, so
            nothing can be checked (see ``ConfigurationError``).
    """
    lookup = get_identity_provider(
        base_url=settings.cloudflare_base_url,
        account_id=settings.account_id,
        identity_provider_id=outputs.identity_provider_id,
        token=settings.api_token,
        timeout=settings.timeout,
    )
    pool = read_pool(outputs.user_pool_id, outputs.client_id)
    idp = lookup.identity_provider
    config: Mapping[str, Any] = (idp or {}).get("config") or {}
    results: list[Result] = []
    if idp is None:
        results.append(
            Result(
                1,
                "identity provider",
                Status.FAIL,
                f"{outputs.identity_provider_id} cannot be read in account {settings.account_id}: "
                f"{lookup.problem}",
            )
        )
    else:
        results += _identity_provider(outputs, idp, config)
        results += _identity_provider_urls(outputs, config, expect_pkce=settings.expect_pkce)
    certs_url = str(config.get("certs_url") or outputs.issuer_url.rstrip("/") + JWKS_PATH)
    results += _discovery(outputs, settings, certs_url, pool.domains)
    results += _jwks(outputs, settings)
    if pool.client is None:
        results.append(Result(5, "app client", Status.FAIL, str(pool.problem)))
    else:
        scopes = config.get("scopes")
        requested = tuple(scopes) if isinstance(scopes, list) and idp is not None else ()
        results += _app_client(outputs, pool.client, requested)
    results.append(_hosted_ui(outputs, settings))
    results += offboarding_results(outputs.offboarding_function_name)
    return results


def _identity_provider(
    outputs: Outputs, idp: Mapping[str, Any], config: Mapping[str, Any]
) -> Iterator[Result]:
    """Check 1: the identity provider is OIDC and signs in with the stack's app client."""
    name = idp.get("name")
    yield Result(
        1, "identity provider", Status.PASS, f"{outputs.identity_provider_id} ({name!r}) exists"
    )
    kind = idp.get("type")
    yield _compare(
        1,
        "type",
        kind,
        IDENTITY_PROVIDER_TYPE,
        got=f"is {kind!r}",
        wanted=f"must be {IDENTITY_PROVIDER_TYPE!r}",
    )
    client_id = config.get("client_id")
    yield _compare(
        1,
        "client_id",
        client_id,
        outputs.client_id,
        got=f"Cloudflare's config.client_id is {client_id!r}",
        wanted=f"the output client_id is {outputs.client_id!r}",
    )


def _identity_provider_urls(
    outputs: Outputs, config: Mapping[str, Any], *, expect_pkce: bool
) -> Iterator[Result]:
    """Check 2: Cloudflare's URLs are the hosted UI's and the issuer's; PKCE as expected."""
    hosted_ui = outputs.hosted_ui_url.rstrip("/")
    expected = {
        "auth_url": (hosted_ui + AUTHORIZE_PATH, f"{_HOSTED_UI} + {AUTHORIZE_PATH}"),
        "token_url": (hosted_ui + TOKEN_PATH, f"{_HOSTED_UI} + {TOKEN_PATH}"),
        "certs_url": (outputs.issuer_url.rstrip("/") + JWKS_PATH, f"{_ISSUER} + {JWKS_PATH}"),
    }
    for key, (url, how) in expected.items():
        actual = config.get(key)
        yield (
            Result(2, key, Status.PASS, f"{how}: {url}")
            if actual == url
            else Result(2, key, Status.FAIL, f"Cloudflare's is {actual!r}; {how} is {url!r}")
        )
    pkce = config.get("pkce_enabled") is True
    yield _compare(
        2,
        "pkce_enabled",
        pkce,
        expect_pkce,
        got=f"PKCE is {_on(pkce)}",
        wanted=f"expected {_on(expect_pkce)} (--expect-pkce)",
    )


def _discovery(
    outputs: Outputs, settings: Settings, certs_url: str, domains: Domains
) -> Iterator[Result]:
    """Check 3: the discovery document names the issuer, the certs URL and the pool's domains."""
    url = _cognito_document(outputs, settings, DISCOVERY_PATH)
    try:
        document = get_json(url, timeout=settings.timeout)
    except FetchError as problem:
        yield Result(3, "discovery", Status.FAIL, str(problem))
        return
    if not isinstance(document, dict):
        yield Result(3, "discovery", Status.FAIL, f"{url} is not a JSON object")
        return
    issuer = document.get("issuer")
    yield _compare(
        3,
        "issuer",
        issuer,
        outputs.issuer_url,
        got=f"the discovery document's issuer is {issuer!r}",
        wanted=f"the output {_ISSUER} is {outputs.issuer_url!r}",
    )
    yield _jwks_uri(document.get("jwks_uri"), certs_url)
    for key, path in (("authorization_endpoint", AUTHORIZE_PATH), ("token_endpoint", TOKEN_PATH)):
        endpoint = document.get(key)
        if not isinstance(endpoint, str):
            yield Result(3, key, Status.FAIL, f"the discovery document at {url} names none")
            continue
        expected = {base + path: where for base, where in _pool_bases(outputs, domains).items()}
        yield (
            Result(
                3,
                key,
                Status.PASS,
                f"{endpoint} is on the pool's domain {urllib.parse.urlsplit(endpoint).hostname}",
            )
            if endpoint in expected
            else Result(
                3,
                key,
                Status.FAIL,
                f"{endpoint} is none of the pool's: "
                + ", ".join(f"{url} ({where})" for url, where in expected.items()),
            )
        )


def _jwks_uri(jwks_uri: object, certs_url: str) -> Result:
    """The discovery document's ``jwks_uri`` is Cloudflare's certs URL, exactly."""
    if jwks_uri == certs_url:
        return Result(3, "jwks_uri", Status.PASS, f"{jwks_uri} is Cloudflare's certs_url")
    return Result(
        3,
        "jwks_uri",
        Status.FAIL,
        f"the discovery document's jwks_uri is {jwks_uri!r}; Cloudflare's certs_url is "
        f"{certs_url!r}",
    )


def _pool_bases(outputs: Outputs, domains: Domains) -> dict[str, str]:
    """The base URLs the pool's endpoints may have, each with where it comes from.

    The output's hosted UI, and the pool's custom domain and prefix domain as Cognito
    serves them (``https://<prefix>.auth.<region>.amazoncognito.com``).
    """
    bases = {outputs.hosted_ui_url.rstrip("/"): _HOSTED_UI}
    if domains.custom is not None:
        bases.setdefault(f"https://{domains.custom}", "custom domain")
    pool = re.fullmatch(USER_POOL_ID, outputs.user_pool_id)
    if domains.prefix is not None and pool is not None:
        try:
            host = hosted_ui_host(domains.prefix, pool["region"])
        except ValueError:  # a region of no partition with a documented hosted UI
            return bases
        bases.setdefault(f"https://{host}", "prefix domain")
    return bases


def _jwks(outputs: Outputs, settings: Settings) -> Iterator[Result]:
    """Check 4: the JWKS holds at least one RSA key for signatures."""
    url = _cognito_document(outputs, settings, JWKS_PATH)
    try:
        document = get_json(url, timeout=settings.timeout)
    except FetchError as problem:
        yield Result(4, "jwks", Status.FAIL, str(problem))
        return
    keys = document.get("keys") if isinstance(document, dict) else None
    signing = [
        key
        for key in keys or ()
        if isinstance(key, dict)
        and key.get("kty") == "RSA"
        and key.get("use", "sig") == "sig"
        and key.get("n")
        and key.get("e")
    ]
    if signing:
        kids = ", ".join(str(key.get("kid")) for key in signing)
        yield Result(4, "jwks", Status.PASS, f"{len(signing)} RSA signing key(s) at {url}: {kids}")
    else:
        yield Result(4, "jwks", Status.FAIL, f"no RSA signing key at {url}")


def _cognito_document(outputs: Outputs, settings: Settings, path: str) -> str:
    """The issuer's well-known document; on the configured Cognito endpoint when there is one."""
    if settings.cognito_endpoint is not None:
        return f"{settings.cognito_endpoint.rstrip('/')}/{outputs.user_pool_id}{path}"
    return outputs.issuer_url.rstrip("/") + path


def _app_client(
    outputs: Outputs, client: AppClient, requested_scopes: tuple[str, ...]
) -> Iterator[Result]:
    """Check 5: a confidential client, code flow only, Cloudflare's scopes, the callback."""
    where = f"app client {outputs.client_id} in {outputs.user_pool_id}"
    yield Result(
        5,
        "client secret",
        Status.PASS if client.has_secret else Status.FAIL,
        f"{where} has a secret" if client.has_secret else f"{where} has no secret",
    )
    code_only = client.oauth_enabled and client.allowed_flows == (CODE_FLOW,)
    yield Result(
        5,
        "OAuth flows",
        Status.PASS if code_only else Status.FAIL,
        f"only {CODE_FLOW!r} is allowed (got {list(client.allowed_flows)}"
        + ("" if client.oauth_enabled else ", OAuth disabled on the client")
        + ")",
    )
    needed = (OPENID_SCOPE, *(scope for scope in requested_scopes if scope != OPENID_SCOPE))
    missing = [scope for scope in needed if scope not in client.scopes]
    yield Result(
        5,
        "scopes",
        Status.FAIL if missing else Status.PASS,
        f"the client does not allow {missing} (allows {list(client.scopes)}; "
        f"Cloudflare requests {list(requested_scopes)})"
        if missing
        else f"the client allows {list(needed)}",
    )
    listed = outputs.callback_url in client.callback_urls
    yield Result(
        5,
        "callback URL",
        Status.PASS if listed else Status.FAIL,
        f"{outputs.callback_url} is "
        + ("" if listed else "not ")
        + f"among the client's callback URLs {list(client.callback_urls)}",
    )


def _hosted_ui(outputs: Outputs, settings: Settings) -> Result:
    """Check 6: the authorize endpoint sends the client to a login page, not to an error."""
    base = outputs.hosted_ui_url.rstrip("/")
    query = urllib.parse.urlencode(
        {
            "client_id": outputs.client_id,
            "redirect_uri": outputs.callback_url,
            "response_type": CODE_FLOW,
            "scope": OPENID_SCOPE,
        }
    )
    url = f"{base}{AUTHORIZE_PATH}?{query}"
    try:
        answer = request(url, timeout=settings.timeout)
    except FetchError as problem:
        return Result(6, "hosted UI", Status.SKIP, str(problem))
    if answer.status in _ERRORS:
        return Result(
            6, "hosted UI", Status.FAIL, f"{base}{AUTHORIZE_PATH} answered HTTP {answer.status}"
        )
    if answer.status not in _REDIRECTS or not answer.location:
        return Result(
            6,
            "hosted UI",
            Status.FAIL,
            f"{base}{AUTHORIZE_PATH} answered HTTP {answer.status}, not a redirect",
        )
    location = urllib.parse.urljoin(url, answer.location)
    target = urllib.parse.urlsplit(location)
    error = urllib.parse.parse_qs(target.query).get("error")
    shown = f"{target.scheme}://{target.netloc}{target.path}"
    if error or location.startswith(base + ERROR_PATH):
        named = error[0] if error else "no error named"
        return Result(6, "hosted UI", Status.FAIL, f"authorize redirects to {shown}: {named}")
    if location.startswith(base + LOGIN_PATH):
        return Result(6, "hosted UI", Status.PASS, f"authorize redirects to the login page {shown}")
    return Result(6, "hosted UI", Status.PASS, f"authorize redirects to {shown}, not to an error")


def _compare(  # noqa: PLR0913 - one line of a comparison, each part named
    check: int, subject: str, actual: object, expected: object, *, got: str, wanted: str
) -> Result:
    if actual == expected:
        return Result(check, subject, Status.PASS, got)
    return Result(check, subject, Status.FAIL, f"{got}; {wanted}")


def _on(value: bool) -> str:  # noqa: FBT001 - a word for a flag
    return "on" if value else "off"
