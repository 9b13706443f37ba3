"""Fixtures for the integration tests: Terraform set up offline, and clients of the emulator.

The emulator itself is ``tests/conftest.py``'s ``moto_endpoint`` (emptied for each module),
so its clients here are module-scoped.
"""

from __future__ import annotations

import json
import os
import shutil
import urllib.parse
import urllib.request
from typing import TYPE_CHECKING, Any, Final

import boto3
import pytest

from tests.integration.harness import (
    MIRROR_ENV,
    Workspace,
    mirror_path,
    mirrored_aws_version,
    write_cli_config,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from mypy_boto3_cognito_idp import CognitoIdentityProviderClient
    from mypy_boto3_s3 import S3Client

# Not us-east-1, so that nothing hard-coded to the default region can pass.
REGION: Final = "ap-southeast-2"


def _unavailable(reason: str) -> None:
    """Skip, or fail in CI (CI=true), where these tests must run."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"integration tests cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def aws_version() -> str:
    """The hashicorp/aws version the mirror holds (the bindings pin 6.x; tests use this)."""
    if shutil.which("terraform") is None:
        _unavailable("terraform is not on PATH")
    version = mirrored_aws_version(mirror_path())
    if version is None:
        _unavailable(
            f"no hashicorp/aws provider in the mirror {mirror_path()} "
            f"(set {MIRROR_ENV} to a filesystem mirror that has one)"
        )
    return str(version)


@pytest.fixture(scope="session")
def cli_config(tmp_path_factory: pytest.TempPathFactory, aws_version: str) -> Path:
    """A CLI config for offline init from the mirror, with one plugin cache per session."""
    del aws_version  # requested only to skip or fail when the mirror is missing
    return write_cli_config(tmp_path_factory.mktemp("terraform"), mirror_path())


@pytest.fixture
def workspace(tmp_path: Path, cli_config: Path) -> Workspace:
    """A fresh Terraform working directory."""
    return Workspace(tmp_path / "workspace", cli_config)


@pytest.fixture(scope="session")
def emulator_session() -> boto3.session.Session:
    """A boto3 session with the emulator's dummy credentials, in the tests' region."""
    return boto3.session.Session(
        aws_access_key_id="testing",
        aws_secret_access_key="testing",  # noqa: S106 - the emulator's dummy credentials
        region_name=REGION,
    )


@pytest.fixture(scope="module")
def cognito(
    emulator_session: boto3.session.Session, moto_endpoint: str
) -> CognitoIdentityProviderClient:
    """A boto3 Cognito client on the emulator."""
    return emulator_session.client("cognito-idp", endpoint_url=moto_endpoint)


@pytest.fixture(scope="module")
def s3(emulator_session: boto3.session.Session, moto_endpoint: str) -> S3Client:
    """A boto3 S3 client on the emulator."""
    return emulator_session.client("s3", endpoint_url=moto_endpoint)


@pytest.fixture(scope="module")
def fetch(moto_endpoint: str) -> Callable[[str], Any]:
    """GET a Cognito URL's path from the emulator and parse the JSON it serves."""

    def get(url: str) -> Any:  # noqa: ANN401 - parsed JSON
        parts = urllib.parse.urlsplit(url)
        request = urllib.request.Request(  # noqa: S310 - the emulator on loopback
            f"{moto_endpoint}{parts.path}", headers={"Host": parts.netloc}
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - the emulator
            return json.load(response)

    return get
