"""Where the AWS emulator (moto 5.2) differs from Cognito, the tests make it answer as Cognito does.

Shipped code knows no emulator: each difference is corrected here, for the emulator running
in this process, and says which part of Cognito's documented behaviour it restores.
"""

from __future__ import annotations

import json
import urllib.parse
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import pytest

from cognito_access._endpoints import hosted_ui_host
from cognito_access._facts import (
    AUTHORIZE_PATH,
    CODE_FLOW,
    JWKS_PATH,
    TOKEN_PATH,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

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
