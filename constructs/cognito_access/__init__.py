"""Amazon Cognito as the OpenID Connect login for Cloudflare Zero Trust, as cdktf/cdktn constructs.

>>> from cognito_access import CognitoAccessIdentityProvider

The constructs (and the framework with them: cdktf or CDK Terrain, see _framework) are
imported on first use, so that the package's command-line tools, such as
``cognito-access-plan-summary``, start without them.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import TYPE_CHECKING, Any

# cognito-access[fast]: the accelerator starts itself with the interpreter, or not at all;
# installed where its start-up file is not read (editable, --target), it says so, once,
# also when something imported it without starting it (say, for its warning category).
_accelerator = sys.modules.get("cognito_access_accelerator")
if _accelerator is None and importlib.util.find_spec("cognito_access_accelerator"):
    _accelerator = importlib.import_module("cognito_access_accelerator")
if _accelerator is not None and hasattr(_accelerator, "warn_not_started"):  # not a leftover dir
    _accelerator.warn_not_started()

if TYPE_CHECKING:
    from cognito_access._access_application import AccessApplication
    from cognito_access._identity_provider import (
        DEFAULT_ACCESS_TOKEN_VALIDITY,
        DEFAULT_CLAIMS,
        DEFAULT_ID_TOKEN_VALIDITY,
        DEFAULT_IDENTITY_PROVIDERS,
        DEFAULT_NAME,
        DEFAULT_REFRESH_TOKEN_VALIDITY,
        DEFAULT_SCOPES,
        CognitoAccessIdentityProvider,
    )
    from cognito_access._login_domain import LoginDomain
    from cognito_access._managed_login import ManagedLogin, ManagedLoginAsset
    from cognito_access._offboarding import DEFAULT_OFFBOARDING_SCHEDULE, AccessOffboarding

__version__ = "0.1.0"  # the one place the version is written (pyproject.toml reads it)

__all__ = [
    "DEFAULT_ACCESS_TOKEN_VALIDITY",
    "DEFAULT_CLAIMS",
    "DEFAULT_IDENTITY_PROVIDERS",
    "DEFAULT_ID_TOKEN_VALIDITY",
    "DEFAULT_NAME",
    "DEFAULT_OFFBOARDING_SCHEDULE",
    "DEFAULT_REFRESH_TOKEN_VALIDITY",
    "DEFAULT_SCOPES",
    "AccessApplication",
    "AccessOffboarding",
    "CognitoAccessIdentityProvider",
    "LoginDomain",
    "ManagedLogin",
    "ManagedLoginAsset",
]
# The module each public name is defined in, imported on first use.
_MODULES = dict.fromkeys(__all__, "cognito_access._identity_provider") | {
    "AccessApplication": "cognito_access._access_application",
    "AccessOffboarding": "cognito_access._offboarding",
    "DEFAULT_OFFBOARDING_SCHEDULE": "cognito_access._offboarding",
    "LoginDomain": "cognito_access._login_domain",
    "ManagedLogin": "cognito_access._managed_login",
    "ManagedLoginAsset": "cognito_access._managed_login",
}


def __getattr__(name: str) -> Any:  # noqa: ANN401 - PEP 562: the public names, on first use
    if name in _MODULES:
        return getattr(importlib.import_module(_MODULES[name]), name)
    msg = f"module 'cognito_access' has no attribute {name!r}"
    raise AttributeError(msg)
