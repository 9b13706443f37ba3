"""The caution for an app client replaced or deleted, word for word (review/_cautions.py).

Who loses what depends on whether a Cloudflare login method signs in with the client, and
on whether the client comes back (replaced) or not (deleted).
"""

from __future__ import annotations

import pytest

from cognito_access.review._cautions import _lost_client

CLIENT = {"address": "aws_cognito_user_pool_client.app[0]"}
LOGIN = "cloudflare_zero_trust_access_identity_provider.login"
OTHER = "cloudflare_zero_trust_access_identity_provider.other"


@pytest.mark.parametrize(
    ("what", "said"),
    [
        (
            "replace",
            (
                "Every user signed in to Cloudflare Access is signed out and must sign in again: "
                f"the app client that `{LOGIN}`, `{OTHER}` signs in with gets a new client id and "
                "secret."
            ),
        ),
        (
            "delete",
            (
                "Every user signed in to Cloudflare Access is signed out and cannot sign in "
                f"through Cognito again: the app client that `{LOGIN}`, `{OTHER}` signs in with "
                "is deleted."
            ),
        ),
    ],
)
def test_a_client_cloudflare_signs_in_with_names_every_login_that_loses_it(
    what: str, said: str
) -> None:
    sources = {
        OTHER: {"aws_cognito_user_pool_client.app"},
        LOGIN: {"aws_cognito_user_pool_client.app"},
    }
    assert _lost_client(CLIENT, what, sources) == said


@pytest.mark.parametrize(
    ("what", "said"),
    [
        (
            "replace",
            (
                "The app client gets a new client id and secret: every app that signs in with it "
                "breaks until it is given the new ones, and its signed-in users must sign in again."
            ),
        ),
        (
            "delete",
            (
                "The app client and its secret are deleted: every app that signs in with it can no "
                "longer sign its users in."
            ),
        ),
    ],
)
def test_a_client_no_login_uses_is_cautioned_for_its_apps(what: str, said: str) -> None:
    assert _lost_client(CLIENT, what, {LOGIN: {"aws_cognito_user_pool_client.web"}}) == said
