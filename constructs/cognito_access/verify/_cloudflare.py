"""The one Cloudflare API call the checks make: read a Zero Trust identity provider.

Plain HTTPS through the standard library: one authenticated GET does not justify the
``cloudflare`` SDK's dependencies (httpx, pydantic, anyio, ...) or its start-up time.
"""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass
from typing import Any

from cognito_access._facts import (
    CLOUDFLARE_API_BASE_URL,
    IDENTITY_PROVIDER_API_PATH,
    IDENTITY_PROVIDER_READ_PERMISSION,
)
from cognito_access.verify._http import FetchError, request
from cognito_access.verify._results import ConfigurationError

DEFAULT_BASE_URL = CLOUDFLARE_API_BASE_URL
# The permission group the token needs (read-only), as Cloudflare names it.
TOKEN_PERMISSION = IDENTITY_PROVIDER_READ_PERMISSION
_UNAUTHORIZED = (401, 403)
_OK = 200


@dataclass(frozen=True)
class Lookup:
    """The identity provider (Cloudflare's ``result``), or why there is none."""

    identity_provider: dict[str, Any] | None
    problem: str | None = None


def get_identity_provider(
    *, base_url: str, account_id: str, identity_provider_id: str, token: str, timeout: float
) -> Lookup:
    """``GET /accounts/{account_id}/access/identity_providers/{id}`` and unwrap its envelope.

    Raises:
        ConfigurationError: The API cannot be reached, or refuses the token.
    """
    path = IDENTITY_PROVIDER_API_PATH.format(
        account_id=urllib.parse.quote(account_id, safe=""),
        id=urllib.parse.quote(identity_provider_id, safe=""),
    )
    url = base_url.rstrip("/") + path
    try:
        answer = request(
            url,
            timeout=timeout,
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
        )
    except FetchError as problem:
        msg = f"{problem}; check CLOUDFLARE_BASE_URL (default {DEFAULT_BASE_URL})"
        raise ConfigurationError(msg) from None
    errors = _errors(answer.body)
    if answer.status in _UNAUTHORIZED:
        msg = (
            f"the Cloudflare API refused CLOUDFLARE_API_TOKEN (HTTP {answer.status}: {errors}); "
            f"it needs {TOKEN_PERMISSION} on account {account_id}"
        )
        raise ConfigurationError(msg)
    envelope = _envelope(answer.body) or {}
    result = envelope.get("result")
    if answer.status != _OK or envelope.get("success") is not True or not isinstance(result, dict):
        return Lookup(None, f"Cloudflare answered HTTP {answer.status}: {errors}")
    return Lookup(result)


def _envelope(body: bytes) -> dict[str, Any] | None:
    try:
        document = json.loads(body)
    except ValueError:
        return None
    return document if isinstance(document, dict) else None


def _errors(body: bytes) -> str:
    """Cloudflare's ``errors`` as ``code message`` pairs, or a note that there are none."""
    envelope = _envelope(body)
    errors = envelope.get("errors") if envelope is not None else None
    if not isinstance(errors, list) or not errors:
        return "no errors listed"
    return "; ".join(
        f"{error.get('code')} {error.get('message')}" if isinstance(error, dict) else str(error)
        for error in errors
    )
