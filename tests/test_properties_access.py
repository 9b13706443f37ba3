"""Property-based: any AccessApplication parameter value builds a wired stack or is refused.

The companion of ``test_properties`` for the package's second public construct. For every
parameter of ``AccessApplication``, random values, well-formed and not, either synthesize a
stack whose application offers only the identity provider and whose policy requires it, or
raise ``TypeError`` (a value of the wrong type) or ``ValueError`` (a wrong value) naming
that parameter. Nothing else: no other exception, no hang.
"""

from __future__ import annotations

import inspect
import json
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import strategies as st

from cognito_access import AccessApplication, CognitoAccessIdentityProvider
from tests.framework import CognitoUserGroup, TerraformStack, Testing
from tests.support import EXAMPLE, Items, assert_follows_provider_facts, run_examples

if TYPE_CHECKING:
    from collections.abc import Callable

APPLICATION = "cloudflare_zero_trust_access_application"
POLICY = "cloudflare_zero_trust_access_policy"
IDP_ID = "${cloudflare_zero_trust_access_identity_provider."

hostname = st.from_regex(r"[a-z0-9][a-z0-9.-]{0,20}(/[a-z0-9/]{0,8})?", fullmatch=True)
email = st.from_regex(r"[a-z0-9.+]{1,8}@[a-z0-9.-]{1,12}", fullmatch=True)
group = st.one_of(
    st.from_regex(r"[A-Za-z0-9_ .:-]{1,20}", fullmatch=True), st.just("declared group")
)
duration = st.one_of(
    st.from_regex(r"([0-9]{1,3}(ns|us|µs|ms|s|m|h)){1,3}", fullmatch=True),
    st.sampled_from(["24h", "2h45m", "30m", "1d", "", "24", "h"]),
)
anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=30),
    st.lists(st.text(max_size=12), max_size=4),
)


def lists_of(item: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Sequences of ``item`` (repeats included, which must be refused) or of anything."""
    return st.one_of(
        st.lists(item, max_size=4),
        st.lists(item, max_size=3).map(tuple),
        st.lists(st.text(max_size=12), max_size=3),
        st.lists(item, max_size=3).map(Items),
    )


# (parameter, values to try): each parameter's own kind of value and anything else.
PARAMETERS: dict[str, st.SearchStrategy[Any]] = {
    "idp": st.one_of(st.just("identity provider"), anything),
    "domain": st.one_of(hostname, st.sampled_from(["https://app.example.com", ""]), anything),
    "allowed_groups": st.one_of(lists_of(group), anything),
    "allowed_emails": st.one_of(lists_of(email), anything),
    "allowed_email_domains": st.one_of(lists_of(hostname), anything),
    "name": st.one_of(st.text(max_size=20), anything),
    "session_duration": st.one_of(duration, anything),
    "auto_redirect": anything,
    "app_launcher_visible": anything,
}


def test_every_parameter_of_the_construct_is_covered() -> None:
    signature = inspect.signature(AccessApplication.__init__)
    keyword_only = {name for name, p in signature.parameters.items() if p.kind is p.KEYWORD_ONLY}
    assert keyword_only == set(PARAMETERS)


def materialize(stack: TerraformStack, parameter: str, value: object) -> object:
    """The identity provider and declared groups the stand-in strings name, made real."""
    if parameter == "idp" and value == "identity provider":
        return CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE)
    if parameter == "allowed_groups" and isinstance(value, list | tuple | Items):
        return [
            CognitoUserGroup(stack, f"Group{index}", name="declared", user_pool_id="x")
            if item == "declared group"
            else item
            for index, item in enumerate(value)
        ]
    return value


def assert_well_wired(synth: dict[str, Any]) -> None:
    """The wiring every stack of the construct must have, and the providers' rules kept."""
    assert_follows_provider_facts(synth)
    (application,) = synth["resource"][APPLICATION].values()
    (policy,) = synth["resource"][POLICY].values()
    (allowed,) = application["allowed_idps"]
    assert allowed.startswith(IDP_ID)
    assert application["policies"][0]["id"].startswith(f"${{{POLICY}.")
    assert [rule["login_method"]["id"] for rule in policy["require"]] == [allowed]
    assert policy["decision"] == "allow"
    assert policy["include"], "a policy that includes nobody"
    for rule in policy["include"]:
        if "oidc" in rule:
            assert rule["oidc"]["identity_provider_id"] == allowed
            assert rule["oidc"]["claim_name"] == "cognito:groups"


@pytest.mark.parametrize("parameter", sorted(PARAMETERS))
def test_any_value_builds_a_well_wired_stack_or_is_refused_naming_the_parameter(
    parameter: str, record_property: Callable[[str, object], None]
) -> None:
    def check(value: object) -> None:
        stack = TerraformStack(Testing.app(), "test")
        idp = CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE)
        arguments: dict[str, Any] = {
            "idp": idp,
            "domain": "app.example.com",
            "allowed_groups": ["engineering"],
        }
        if parameter == "idp":
            stack = TerraformStack(Testing.app(), "test")
        arguments[parameter] = materialize(stack, parameter, value)
        try:
            AccessApplication(stack, "App", **arguments)
        except (TypeError, ValueError) as error:
            assert parameter in str(error), str(error)  # noqa: PT017 - the property itself
            return
        assert_well_wired(json.loads(Testing.synth(stack)))

    run_examples(PARAMETERS[parameter], check, record_property)
