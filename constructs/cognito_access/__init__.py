"""Amazon Cognito as the OpenID Connect login for Cloudflare Zero Trust, as one cdktf construct.

>>> from cognito_access import CognitoAccessIdentityProvider
"""

from cognito_access._identity_provider import (
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
