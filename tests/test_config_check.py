"""The configuration gate a CI plan job runs before it configures any credential."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from cognito_access.review import check_config, config_problems

if TYPE_CHECKING:
    from collections.abc import Callable

SNAPSHOT = Path(__file__).parent / "snapshots" / "cognito-access.json"
BUCKET = "acme-state"
KEY = "cognito-access/terraform.tfstate"


def synthesized() -> dict[str, Any]:
    """The example app's reviewed snapshot, with the S3 backend a deploy synthesizes."""
    config: dict[str, Any] = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    config["terraform"]["backend"] = {
        "s3": {"bucket": BUCKET, "key": KEY, "region": "eu-west-1", "encrypt": True}
    }
    return config


def problems(change: Callable[[dict[str, Any]], object]) -> list[str]:
    config = synthesized()
    change(config)
    return config_problems(config, state_bucket=BUCKET, state_key=KEY)


def test_the_example_app_s_stack_passes() -> None:
    assert config_problems(synthesized(), state_bucket=BUCKET, state_key=KEY) == []


def test_the_short_and_the_full_source_of_a_provider_both_pass() -> None:
    def full(config: dict[str, Any]) -> None:
        config["terraform"]["required_providers"]["aws"]["source"] = (
            "registry.terraform.io/hashicorp/aws"
        )

    assert problems(full) == []


def required(name: str, source: str) -> Callable[[dict[str, Any]], None]:
    def change(config: dict[str, Any]) -> None:
        config["terraform"]["required_providers"][name] = {"source": source}

    return change


def provider(name: str, **arguments: Any) -> Callable[[dict[str, Any]], None]:  # noqa: ANN401 - JSON
    def change(config: dict[str, Any]) -> None:
        config.setdefault("provider", {}).setdefault(name, [{}])[0].update(arguments)

    return change


def backend(value: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    def change(config: dict[str, Any]) -> None:
        config["terraform"]["backend"] = value

    return change


def s3(**arguments: Any) -> Callable[[dict[str, Any]], None]:  # noqa: ANN401 - JSON
    def change(config: dict[str, Any]) -> None:
        config["terraform"]["backend"]["s3"].update(arguments)

    return change


def add(mode: str, resource_type: str, body: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    def change(config: dict[str, Any]) -> None:
        config.setdefault(mode, {}).setdefault(resource_type, {})["x"] = copy.deepcopy(body)

    return change


def top(name: str, value: object) -> Callable[[dict[str, Any]], None]:
    def change(config: dict[str, Any]) -> None:
        config[name] = value

    return change


def in_pool(**arguments: Any) -> Callable[[dict[str, Any]], None]:  # noqa: ANN401 - JSON
    def change(config: dict[str, Any]) -> None:
        config["resource"]["aws_cognito_user_pool"]["UserPool"].update(arguments)

    return change


REFUSED: dict[str, tuple[Callable[[dict[str, Any]], object], str]] = {
    "another AWS source": (required("aws", "evil/aws"), "requires provider `aws` from `evil/aws`"),
    "another Cloudflare source": (
        required("cloudflare", "example.com/acme/cloudflare"),
        "from `example.com/acme/cloudflare`",
    ),
    "an extra provider": (required("external", "hashicorp/external"), "`hashicorp/external`"),
    "an unrequired provider's block": (provider("null"), "configures provider `null`"),
    "AWS endpoints": (
        provider("aws", endpoints=[{"sts": "https://sts.example.net"}]),
        "sets `endpoints` in provider `aws`",
    ),
    "an AWS proxy": (provider("aws", https_proxy="http://proxy.example.net"), "`https_proxy`"),
    "the Cloudflare base URL": (
        provider("cloudflare", base_url="https://api.example.net/client/v4"),
        "sets `base_url` in provider `cloudflare`",
    ),
    "the Cloudflare v4 API host": (
        provider("cloudflare", api_hostname="x.example"),
        "api_hostname",
    ),
    "a local backend": (backend({"local": {"path": "x.tfstate"}}), "has backend `local`"),
    "no backend": (backend({}), "has backend none"),
    "another bucket": (
        s3(bucket="attacker-state"),
        "bucket `attacker-state`; expected `acme-state`",
    ),
    "another key": (s3(key="other/terraform.tfstate"), "under key `other/terraform.tfstate`"),
    "an S3 endpoint": (
        s3(endpoints={"s3": "https://s3.example.net"}),
        "sets `endpoints` in the S3",
    ),
    "a cloud block": (
        lambda config: config["terraform"].update(cloud={"organization": "x"}),
        "`cloud` block",
    ),
    "a provisioner": (
        add("resource", "terraform_data", {"provisioner": [{"local-exec": {"command": "env"}}]}),
        "`terraform_data.x` has a provisioner",
    ),
    "a provisioner on an AWS resource": (
        in_pool(provisioner=[{"local-exec": {"command": "curl"}}]),
        "`aws_cognito_user_pool.UserPool` has a provisioner",
    ),
    "remote state": (
        add("data", "terraform_remote_state", {"backend": "s3", "config": {}}),
        "`data.terraform_remote_state`",
    ),
    "an external data source": (
        add("data", "external", {"program": ["sh", "-c", "env"]}),
        "`data.external.x` belongs to provider `hashicorp/external`",
    ),
    "an http data source": (add("data", "http", {"url": "https://x"}), "`hashicorp/http`"),
    "a resource of another provider": (
        add("resource", "null_resource", {}),
        "`null_resource.x` belongs to provider `hashicorp/null`",
    ),
    "a module": (top("module", {"m": {"source": "git::https://x"}}), "top-level `module` block"),
    "a check block": (top("check", {"c": {}}), "top-level `check` block"),
    "a file read": (
        in_pool(name='${file("/proc/self/environ")}'),
        "reads the runner's files at `resource.aws_cognito_user_pool.UserPool.name`: `file()`",
    ),
    "a template file": (
        top("locals", {"x": '${templatefile("/home/runner/.aws/credentials", {})}'}),
        "`templatefile()`",
    ),
}


@pytest.mark.parametrize(("change", "phrase"), REFUSED.values(), ids=REFUSED.keys())
def test_a_configuration_that_reaches_past_the_plan_is_refused(
    change: Callable[[dict[str, Any]], object], phrase: str
) -> None:
    found = problems(change)
    assert any(phrase in problem for problem in found), found


def test_a_name_that_only_mentions_a_file_function_passes() -> None:
    assert problems(in_pool(name="profile(x) and file names")) == []


def test_without_a_key_any_key_in_the_bucket_passes() -> None:
    config = synthesized()
    config["terraform"]["backend"]["s3"]["key"] = "elsewhere.tfstate"
    assert config_problems(config, state_bucket=BUCKET) == []


def test_the_command_passes_the_example_stack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cdk.tf.json"
    path.write_text(json.dumps(synthesized()), encoding="utf-8")
    assert check_config([str(path), "--state-bucket", BUCKET, "--state-key", KEY]) == 0
    assert "may be planned" in capsys.readouterr().err


def test_the_command_refuses_with_exit_status_1_and_one_line_per_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = synthesized()
    provider("aws", endpoints=[{"sts": "https://x"}])(config)
    s3(bucket="other")(config)
    path = tmp_path / "cdk.tf.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    assert check_config([str(path), "--state-bucket", BUCKET]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2
    assert all(line.startswith(f"cognito-access-check-config: refused: {path} ") for line in lines)


def test_the_command_says_when_the_file_is_not_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cdk.tf.json"
    path.write_text("{not json", encoding="utf-8")
    assert check_config([str(path), "--state-bucket", BUCKET]) == 2
    assert f"cannot read {path} as JSON" in capsys.readouterr().err
