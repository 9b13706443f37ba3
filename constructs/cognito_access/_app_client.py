"""The confidential app client Cloudflare signs in with (``AppClient``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cognito_access._facts import CODE_FLOW, OPENID_SCOPE, REFRESH_TOKEN_FLOW, callback_url
from cognito_access._validate import in_units, is_token

if TYPE_CHECKING:
    from cognito_access._framework import (
        CognitoUserPoolClient,
        Framework,
        Precondition,
    )
    from cognito_access._inputs import Inputs
    from constructs import Construct


def all_scopes(fw: Framework, inputs: Inputs) -> list[str]:
    """The scopes the client allows and Cloudflare requests.

    The given ones, then every custom scope of the resource servers (a list token, by
    reference).
    """
    if not inputs.resource_servers:
        return list(inputs.scopes)
    servers = [server.scope_identifiers for server in inputs.resource_servers]
    return fw.Token.as_list(fw.Fn.concat([list(inputs.scopes), *servers]))


def declare_client(
    fw: Framework, scope: Construct, inputs: Inputs, checks: list[Precondition] | None
) -> CognitoUserPoolClient:
    """Declare the app client: authorization-code grant only, Cloudflare's callback only.

    A secret, token revocation, no user existence errors, no sign-in over the API (only
    refreshing tokens), token lifetimes in explicit units, and the least attributes read;
    ``generate_secret`` under ``ignore_changes`` (an adopted client leaves it out; see
    ``import_existing``).
    ``checks`` are the plan-time checks of a pool known only to Terraform.
    """
    units = {parameter: in_units(value) for parameter, value in inputs.validities.items()}
    checks = [*(checks or []), *_openid_check(fw, inputs)] or None
    return fw.CognitoUserPoolClient(
        scope,
        "AppClient",
        name=f"cloudflare-access-{inputs.team_name}",
        user_pool_id=inputs.user_pool_id,
        generate_secret=True,
        allowed_oauth_flows_user_pool_client=True,
        allowed_oauth_flows=[CODE_FLOW],
        allowed_oauth_scopes=all_scopes(fw, inputs),
        callback_urls=[callback_url(inputs.team_name)],
        logout_urls=list(inputs.logout_urls) or None,
        supported_identity_providers=[
            provider if isinstance(provider, str) else provider.provider_name
            for provider in inputs.identity_providers
        ],
        explicit_auth_flows=[REFRESH_TOKEN_FLOW],
        prevent_user_existence_errors="ENABLED",
        enable_token_revocation=True,
        access_token_validity=units["access_token_validity"][0],
        id_token_validity=units["id_token_validity"][0],
        refresh_token_validity=units["refresh_token_validity"][0],
        token_validity_units=[
            fw.CognitoUserPoolClientTokenValidityUnits(
                access_token=units["access_token_validity"][1],
                id_token=units["id_token_validity"][1],
                refresh_token=units["refresh_token_validity"][1],
            )
        ],
        read_attributes=list(inputs.read_attributes) or None,
        # write_attributes is left out: Cognito reads an empty list as "unspecified" (every
        # standard attribute writable), so [] would promise what it does not do.
        provider=inputs.aws_provider,
        lifecycle=fw.TerraformResourceLifecycle(
            prevent_destroy=inputs.prevent_destroy or None,
            precondition=checks,
            # An imported client has generate_secret null in state (the provider does not
            # read it back) and a change forces a replacement: ignoring it keeps the
            # adopted client once the import call is removed; creation still generates one.
            ignore_changes=["generate_secret"],
        ),
    )


def _openid_check(fw: Framework, inputs: Inputs) -> list[Precondition]:
    """For scopes known only to Terraform: a plan-time check that openid is among them."""
    if not any(is_token(scope) for scope in inputs.scopes) and not is_token(list(inputs.scopes)):
        return []
    return [
        fw.Precondition(
            condition=fw.Fn.contains(list(inputs.scopes), OPENID_SCOPE),
            error_message=(
                f"cognito-access: scopes must include {OPENID_SCOPE!r}: Cloudflare signs "
                "users in with OpenID Connect."
            ),
        )
    ]
