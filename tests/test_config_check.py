"""The configuration gate's command, on real stacks and in the directory layout of CI.

The example app (every option of tests/conftest.py's SETTINGS, a custom domain with
managed login, adopted resources) and a library stack are synthesized by cdktf into
their own directories, as ``cdktf synth`` leaves them, and must pass; anything Terraform
would read beside ``cdk.tf.json`` is refused.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from cdktf import App, S3Backend

import main
import settings
from cognito_access.review import check_config
from tests.apps.switch_app import library_stack
from tests.config_gate import BUCKET, KEY, REGION, example_stack
from tests.conftest import SETTINGS

if TYPE_CHECKING:
    from collections.abc import Mapping

CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
PREFIX = "cognito-access-check-config"
# The example app's configurations, each with the state in S3 as a deploy has it.
ENVIRONS: dict[str, dict[str, str]] = {
    "the examples": {"TF_STATE_BUCKET": BUCKET},
    "SETTINGS (groups, an application, adoption's opt-in)": SETTINGS,
    "a custom domain with managed login and its DNS record": {
        "TF_STATE_BUCKET": BUCKET,
        "COGNITO_CUSTOM_DOMAIN": "login.acme.example",
        "COGNITO_CERTIFICATE_ARN": CERTIFICATE,
        "CLOUDFLARE_ZONE_ID": "fedcba9876543210fedcba9876543210",
        "COGNITO_MANAGED_LOGIN": "1",
        "PROTECTED_APP_DOMAIN": "app.acme.example",
        "PROTECTED_APP_GROUPS": "staff",
    },
    "adopted resources of an existing pool, another key and region": {
        "TF_STATE_BUCKET": BUCKET,
        "TF_STATE_KEY": "team/login.tfstate",
        "TF_STATE_REGION": "us-east-1",
        "COGNITO_USER_POOL_ID": "eu-west-1_AbC123",
        "IMPORT_COGNITO_DOMAIN": "example-team-login",
        "IMPORT_COGNITO_CLIENT_ID": "1example23456789",
        "IMPORT_CLOUDFLARE_IDP_ID": "f174e90a-fafe-4643-bbbc-4a0ed4fc8415",
        "PROTECTED_APP_DOMAIN": "app.acme.example",
        "PROTECTED_APP_GROUPS": "staff,admins",
    },
    "offboarding (a Lambda function's code under assets/)": {
        "TF_STATE_BUCKET": BUCKET,
        "OFFBOARDING_TOKEN_SECRET_ARN": (
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:cf-offboarding-AbCdEf"
        ),
    },
}


def synthesized_main(outdir: Path, environ: Mapping[str, str]) -> Path:
    """main.py's stack synthesized into ``outdir``; the path of its cdk.tf.json."""
    names = {setting.env for setting in settings.SETTINGS}
    clean = {key: value for key, value in os.environ.items() if key not in names}
    app = App(outdir=str(outdir), context=settings.cdktf_json_context())
    main.build(app, {**clean, **environ})
    app.synth()
    return outdir / "stacks" / main.STACK_NAME / "cdk.tf.json"


def command(path: Path, *options: str) -> list[str]:
    return [str(path), "--state-bucket", BUCKET, *options]


@pytest.mark.parametrize("environ", ENVIRONS.values(), ids=ENVIRONS.keys())
def test_the_example_apps_stack_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], environ: dict[str, str]
) -> None:
    path = synthesized_main(tmp_path, environ)
    key = environ.get("TF_STATE_KEY", settings.DEFAULT_STATE_KEY)
    region = environ.get("TF_STATE_REGION", "eu-west-1")
    status = check_config(command(path, "--state-key", key, "--state-region", region))
    assert (status, capsys.readouterr().err) == (0, f"{PREFIX}: {path} may be planned\n")


def test_a_library_stack_with_its_s3_backend_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = App(outdir=str(tmp_path))
    stack = library_stack(app)
    S3Backend(stack, bucket=BUCKET, key=KEY, region=REGION, encrypt=True)
    stack.add_override("terraform.backend.s3.use_lockfile", value=True)
    app.synth()
    path = tmp_path / "stacks" / "library" / "cdk.tf.json"
    assert check_config(command(path, "--state-key", KEY)) == 0, capsys.readouterr().err


def test_a_library_stack_keeping_cdktfs_local_backend_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = App(outdir=str(tmp_path))
    library_stack(app)
    app.synth()
    assert check_config(command(tmp_path / "stacks" / "library" / "cdk.tf.json")) == 1
    assert "terraform.backend.local" in capsys.readouterr().err


def write_stack(directory: Path, config: object | None = None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "cdk.tf.json"
    path.write_text(json.dumps(example_stack() if config is None else config), encoding="utf-8")
    return path


def test_the_command_refuses_with_exit_status_1_and_one_line_per_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = example_stack()
    config["provider"]["aws"][0]["endpoints"] = [{"sts": "https://x.example.net"}]
    config["terraform"]["backend"]["s3"]["bucket"] = "other"
    path = write_stack(tmp_path, config)
    assert check_config(command(path)) == 1
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(" ", 4)[3] for line in lines] == [
        "`provider.aws[0].endpoints`",
        "`terraform.backend.s3.bucket`",
    ]
    assert all(line.startswith(f"{PREFIX}: refused: {path} ") for line in lines)


def test_a_name_cannot_forge_another_line_or_a_workflow_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = example_stack()
    config["provider"]["x\n::error::all good\u202e"] = [{}]
    path = write_stack(tmp_path, config)
    (tmp_path / "notes\n::notice::fine").write_text("", encoding="utf-8")
    assert check_config(command(path)) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2
    assert all(line.startswith(f"{PREFIX}: refused: {path} ") for line in lines)
    assert "\\u000a::error::all good\\u202e" in lines[0] + lines[1]


def test_the_state_region_is_checked_when_given(tmp_path: Path) -> None:
    path = write_stack(tmp_path)
    assert check_config(command(path, "--state-region", "eu-west-1")) == 0
    assert check_config(command(path, "--state-region", "us-east-1")) == 1


def test_an_allowed_resource_type_is_added_from_the_command_line(tmp_path: Path) -> None:
    config = example_stack()
    config["resource"]["aws_s3_bucket"] = {"logs": {"bucket": "acme-logs"}}
    path = write_stack(tmp_path, config)
    assert check_config(command(path)) == 1
    assert check_config(command(path, "--allow-resource-type", "aws_s3_bucket")) == 0


@pytest.mark.parametrize(
    "resource_type", ["null_resource", "terraform_data", "aws_s3_bucket ", "x"]
)
def test_only_aws_and_cloudflare_types_can_be_added(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], resource_type: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        check_config(command(write_stack(tmp_path), "--allow-resource-type", resource_type))
    assert exit_.value.code == 2
    assert "resource type of the aws or cloudflare provider" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "cannot read {path} as JSON"),
        (b'{"locals": {"x": NaN}}', "NaN is not JSON"),
        (b'{"locals": {"x": "\xff"}}', "it is not UTF-8 text"),
    ],
    ids=["not JSON", "NaN", "not UTF-8"],
)
def test_the_command_says_when_the_file_cannot_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "cdk.tf.json"
    path.write_bytes(content)
    assert check_config(command(path)) == 2
    assert message.format(path=path) in capsys.readouterr().err


@pytest.mark.parametrize(
    "name",
    [
        "main.tf",
        "extra.tf.json",
        "cdk_override.tf.json",
        "override.tf",
        "terraform.tfvars",
        "x.auto.tfvars.json",
        ".terraformrc",
        "terraform.rc",
        ".terraform.lock.hcl",
        "backend.tfbackend",
        "terraform.tfstate",
        "notes.txt",
    ],
)
def test_a_file_beside_cdk_tf_json_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    path = write_stack(tmp_path)
    (tmp_path / name).write_text("", encoding="utf-8")
    assert check_config(command(path)) == 1
    assert f"`{name}` sits beside `cdk.tf.json`" in capsys.readouterr().err


@pytest.mark.parametrize("name", [".terraform", "terraform.d", "modules"])
def test_a_directory_beside_cdk_tf_json_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    path = write_stack(tmp_path)
    (tmp_path / name / "plugins").mkdir(parents=True)
    assert check_config(command(path)) == 1
    assert f"`{name}` sits beside" in capsys.readouterr().err


def test_assets_beside_cdk_tf_json_pass(tmp_path: Path) -> None:
    path = write_stack(tmp_path)
    asset = tmp_path / "assets" / "Offboarding" / "0123abcd"
    asset.mkdir(parents=True)
    (asset / "archive.zip").write_bytes(b"PK\x03\x04")
    assert check_config(command(path)) == 0


@pytest.mark.parametrize("name", ["main.tf", "x.tf.json", "terraform.tfvars", ".terraformrc"])
def test_a_terraform_file_under_assets_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    path = write_stack(tmp_path)
    (tmp_path / "assets" / "a").mkdir(parents=True)
    (tmp_path / "assets" / "a" / name).write_text("", encoding="utf-8")
    assert check_config(command(path)) == 1
    assert f"`assets/a/{name}` is a Terraform file" in capsys.readouterr().err


def test_a_symbolic_link_under_assets_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_stack(tmp_path)
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "archive.zip").symlink_to("/etc/hostname")
    assert check_config(command(path)) == 1
    assert "`assets/archive.zip` is a symbolic link" in capsys.readouterr().err


def test_a_hard_link_under_assets_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_stack(tmp_path / "stack")
    (tmp_path / "stack" / "assets").mkdir()
    (tmp_path / "credentials").write_text("secret", encoding="utf-8")
    (tmp_path / "stack" / "assets" / "archive.zip").hardlink_to(tmp_path / "credentials")
    assert check_config(command(path)) == 1
    assert "`assets/archive.zip` is a hard link" in capsys.readouterr().err


def test_a_symbolic_link_as_assets_or_as_the_file_is_refused(tmp_path: Path) -> None:
    real = write_stack(tmp_path / "real")
    stack = tmp_path / "stack"
    stack.mkdir()
    (stack / "cdk.tf.json").symlink_to(real)
    assert check_config(command(stack / "cdk.tf.json")) == 1
    (stack / "cdk.tf.json").unlink()
    path = write_stack(stack)
    (stack / "assets").symlink_to(tmp_path / "real")
    assert check_config(command(path)) == 1


@pytest.mark.process
def test_the_module_imports_only_the_standard_library() -> None:
    code = (
        "import sys; import cognito_access.review._config_check; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'cdktf', 'jsii', 'constructs', 'cdktf_cdktf_provider_aws'}))"
    )
    result = subprocess.run(  # noqa: S603 - this interpreter, a fixed probe
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "constructs")},
    )
    assert json.loads(result.stdout.replace("'", '"')) == []
