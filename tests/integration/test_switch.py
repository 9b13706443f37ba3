"""Switching the applied example stack from cdktf to CDK Terrain (cdktn) plans no change.

Real terraform and the mirror's hashicorp/aws against the AWS emulator (see
test_terraform.py); the two synthesized configurations come from the switch app
(tests/test_switch.py), synthesized by each framework in its own virtualenv.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from tests.integration.test_terraform import runnable

if TYPE_CHECKING:
    from tests.integration.harness import Workspace

pytestmark = pytest.mark.terraform


def without_outputs(stacks: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The example stack without its outputs: the stand-ins have no ``aud`` to output."""
    return {key: value for key, value in stacks["cognito-access"].items() if key != "output"}


def test_the_cdktn_synthesis_plans_no_change_on_what_cdktf_applied(
    switch_stacks: dict[str, dict[str, dict[str, Any]]],
    workspace: Workspace,
    aws_version: str,
    moto_endpoint: str,
) -> None:
    """The real AWS provider (the mirror's) finds nothing to change after the switch.

    The example stack as cdktf synthesizes it is applied to the emulator (Cloudflare
    stood in); then cdktn's synthesis replaces the configuration and is planned against
    the same state. Outputs are left out of both (a stand-in has no ``aud``); they hold
    no state of their own.
    """
    workspace.write(runnable(without_outputs(switch_stacks["cdktf"]), aws_version, moto_endpoint))
    workspace.terraform("init")
    workspace.terraform("apply", "-auto-approve")
    applied = workspace.state_values()
    assert any(address.startswith("aws_cognito_user_pool_client.") for address in applied)
    workspace.write(runnable(without_outputs(switch_stacks["cdktn"]), aws_version, moto_endpoint))
    plan = workspace.plan_json()
    changes = [
        resource["address"]
        for resource in plan.get("resource_changes", [])
        if resource["change"]["actions"] != ["no-op"]
    ]
    assert changes == []
    assert len(plan["resource_changes"]) == len(applied)
