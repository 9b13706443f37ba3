"""Switching an app from cdktf to CDK Terrain (cdktn) changes no resource.

tests/apps/switch_app.py (the example stack and a library stack with every option) is
synthesized with cdktf in .venv and, with only its import lines renamed
(``tests.framework.cdktn_source``), with cdktn in .venv-cdktn: the ``resource`` sections
are identical, addresses and arguments, and both pass the configuration gate. Mixing
the frameworks in one app is refused with a message naming both. The integration test
(marked terraform) applies the cdktf synthesis to the AWS emulator and plans the cdktn
synthesis against that state.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import pytest

from cognito_access.review import config_problems
from tests.config_gate import BUCKET, KEY, S3_BACKEND
from tests.conftest import ROOT, SWITCH_STACKS, app_environ, cdktn_python
from tests.framework import MAIN, cdktn_source

if TYPE_CHECKING:
    from tests.conftest import Synths


def addresses(config: dict[str, Any]) -> list[str]:
    return sorted(f"{kind}.{name}" for kind, named in config["resource"].items() for name in named)


@pytest.mark.parametrize("stack", SWITCH_STACKS)
def test_both_frameworks_declare_the_same_resource_addresses(
    switch_stacks: dict[str, dict[str, dict[str, Any]]], stack: str
) -> None:
    assert addresses(switch_stacks["cdktn"][stack]) == addresses(switch_stacks["cdktf"][stack])


@pytest.mark.parametrize("stack", SWITCH_STACKS)
def test_both_frameworks_give_every_resource_the_same_arguments(
    switch_stacks: dict[str, dict[str, dict[str, Any]]], stack: str
) -> None:
    cdktf, cdktn = (
        switch_stacks["cdktf"][stack]["resource"],
        switch_stacks["cdktn"][stack]["resource"],
    )
    for kind, named in cdktf.items():
        for name, arguments in named.items():
            assert cdktn[kind][name] == arguments, f"{kind}.{name}"


@pytest.mark.parametrize("stack", SWITCH_STACKS)
def test_both_frameworks_adopt_the_same_resources(
    switch_stacks: dict[str, dict[str, dict[str, Any]]], stack: str
) -> None:
    assert switch_stacks["cdktn"][stack].get("import") == switch_stacks["cdktf"][stack].get(
        "import"
    )


@pytest.mark.parametrize("framework", ["cdktf", "cdktn"])
@pytest.mark.parametrize("stack", SWITCH_STACKS)
def test_both_frameworks_stacks_pass_the_configuration_gate(
    switch_stacks: dict[str, dict[str, dict[str, Any]]], framework: str, stack: str
) -> None:
    config = copy.deepcopy(switch_stacks[framework][stack])
    # The library stack keeps cdktf's local backend; its user declares the S3 one.
    config["terraform"]["backend"] = {"s3": S3_BACKEND}
    assert config_problems(config, state_bucket=BUCKET, state_key=KEY) == []


def test_the_switch_app_declares_both_constructs_resources(
    switch_stacks: dict[str, dict[str, dict[str, Any]]],
) -> None:
    declared = set(switch_stacks["cdktf"]["library"]["resource"]) | set(
        switch_stacks["cdktf"]["cognito-access"]["resource"]
    )
    assert {
        "aws_cognito_user_pool_client",
        "aws_cognito_user_pool_domain",
        "cloudflare_zero_trust_access_identity_provider",
        "cloudflare_zero_trust_access_application",
        "cloudflare_zero_trust_access_policy",
        "aws_cognito_managed_login_branding",
        "cloudflare_dns_record",
    } <= declared


def test_only_the_import_lines_change_for_cdktn() -> None:
    original = MAIN.read_text("utf-8").splitlines()
    renamed = cdktn_source(MAIN.read_text("utf-8")).splitlines()
    changed = [(old, new) for old, new in zip(original, renamed, strict=True) if old != new]
    assert changed
    assert all(old.startswith("from cdktf") for old, _ in changed)
    assert all(new.startswith(("from cdktn import", "from cdktn_provider_")) for _, new in changed)


# Both frameworks in one process: .venv-cdktn (constructs 10.7, which cdktf 0.21 accepts)
# with .venv's site-packages after it for cdktf and its providers.
MIXED = """
import collections, json
import cdktf, cdktn
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktn_provider_aws.cognito_resource_server import CognitoResourceServer
from cdktn_provider_aws.cognito_user_group import CognitoUserGroup
from cdktn_provider_aws.cognito_user_pool_domain import CognitoUserPoolDomain
from cognito_access import AccessApplication, CognitoAccessIdentityProvider, LoginDomain
EXAMPLE = dict(user_pool_id="eu-west-1_AbC123", team_name="acme",
               cloudflare_account_id="0123456789abcdef0123456789abcdef")
tf_stack = cdktf.TerraformStack(cdktf.Testing.app(), "tf")
tn_stack = cdktn.TerraformStack(cdktn.Testing.app(), "tn")
cases = {
    "domain": lambda: CognitoAccessIdentityProvider(
        tf_stack, "A", domain=LoginDomain.shared(CognitoUserPoolDomain(
            tn_stack, "D", domain="acme-login", user_pool_id="eu-west-1_AbC123")), **EXAMPLE),
    "aws_provider": lambda: CognitoAccessIdentityProvider(
        tn_stack, "B", domain=LoginDomain.prefix("acme-login"),
        aws_provider=AwsProvider(tf_stack, "aws", region="eu-west-1"), **EXAMPLE),
    "idp": lambda: AccessApplication(
        tf_stack, "C", domain="app.example.com", allowed_emails=["a@example.com"],
        idp=CognitoAccessIdentityProvider(
            tn_stack, "E", domain=LoginDomain.prefix("acme-x"), **EXAMPLE)),
    # In a sequence that is neither a list nor a tuple.
    "resource_servers": lambda: CognitoAccessIdentityProvider(
        tf_stack, "F", domain=LoginDomain.prefix("acme-f"), **EXAMPLE,
        resource_servers=collections.UserList([CognitoResourceServer(
            tn_stack, "R", identifier="api", name="api", user_pool_id="eu-west-1_AbC123")])),
    "allowed_groups": lambda: AccessApplication(
        tf_stack, "G", domain="app.example.com",
        idp=CognitoAccessIdentityProvider(
            tf_stack, "H", domain=LoginDomain.prefix("acme-h"), **EXAMPLE),
        allowed_groups=collections.UserList([CognitoUserGroup(
            tn_stack, "U", name="ops", user_pool_id="eu-west-1_AbC123")])),
}
errors = {}
for parameter, declare in cases.items():
    try:
        declare()
    except TypeError as error:
        errors[parameter] = str(error)
print(json.dumps(errors))
"""


@pytest.fixture(scope="session")
def mixed_errors(switch_synths: Synths) -> dict[str, str]:
    """The errors of declaring with one framework's scope and the other's objects."""
    del switch_synths  # started first, so that they run while this one does
    site_packages = [path for path in sys.path if path.endswith("site-packages")]
    python_path = [str(ROOT / "constructs"), *site_packages]
    result = subprocess.run(  # noqa: S603 - .venv-cdktn's interpreter with the tests' own code
        [str(cdktn_python()), "-c", MIXED],
        cwd=ROOT,
        env={**app_environ(), "PYTHONPATH": os.pathsep.join(python_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip(), result.stderr
    errors: dict[str, str] = json.loads(result.stdout)
    return errors


@pytest.mark.parametrize(
    "parameter", ["domain", "aws_provider", "idp", "resource_servers", "allowed_groups"]
)
def test_an_object_of_the_other_framework_is_refused_naming_both(
    mixed_errors: dict[str, str], parameter: str
) -> None:
    message = mixed_errors[parameter]
    assert message.startswith(f"{parameter} belongs to ")
    assert "(cdktf)" in message
    assert "(cdktn)" in message
