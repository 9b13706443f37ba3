"""Amazon Cognito as the OpenID Connect login for Cloudflare Zero Trust, as one cdktf construct.

>>> from cognito_access import CognitoAccessIdentityProvider
"""

import cognito_access_lazy_providers

# Before the provider packages are first imported: see cognito_access_lazy_providers.
cognito_access_lazy_providers.install()

from cognito_access._identity_provider import (  # noqa: E402 - after the import hook
    DEFAULT_CLAIMS,
    DEFAULT_IDENTITY_PROVIDERS,
    DEFAULT_NAME,
    DEFAULT_SCOPES,
    CognitoAccessIdentityProvider,
)

__all__ = [
    "DEFAULT_CLAIMS",
    "DEFAULT_IDENTITY_PROVIDERS",
    "DEFAULT_NAME",
    "DEFAULT_SCOPES",
    "CognitoAccessIdentityProvider",
]
