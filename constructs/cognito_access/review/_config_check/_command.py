"""The command line: ``cognito-access-check-config CDK_TF_JSON --state-bucket BUCKET ...``."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cognito_access.review._cli import usage_error
from cognito_access.review._config_check._check import config_problems
from cognito_access.review._config_check._directory import directory_problems
from cognito_access.review._config_check._syntax import UnreadableJsonError, read

if TYPE_CHECKING:
    from collections.abc import Sequence

# A managed resource type of one of the two providers: what --allow-resource-type adds.
_RESOURCE_TYPE = re.compile(r"(?:aws|cloudflare)_[a-z0-9_]+")


def main(argv: Sequence[str] | None = None) -> int:
    """Check a ``cdk.tf.json`` and its directory; print each problem on standard error.

    Returns 0 when the configuration may be planned, 1 when it is refused, 2 when the
    file cannot be read as JSON (or the command line is wrong).
    """
    parser = argparse.ArgumentParser(
        prog="cognito-access-check-config",
        description=(
            "Refuse a synthesized stack that a plan job must not run with credentials. "
            "It passes only what the stack writes: the aws and cloudflare providers from "
            "the registry with their few arguments, the construct's resource types, the "
            "expected S3 backend, pure functions, and no other file beside it."
        ),
    )
    parser.add_argument("config", metavar="CDK_TF_JSON", help="the synthesized cdk.tf.json")
    parser.add_argument("--state-bucket", required=True, help="the S3 bucket the backend must name")
    parser.add_argument("--state-key", help="the state's key the backend must name. Default: any")
    parser.add_argument(
        "--state-region", help="the bucket's region the backend must name. Default: any region"
    )
    parser.add_argument(
        "--allow-resource-type",
        action="append",
        default=[],
        type=_resource_type,
        metavar="TYPE",
        help=(
            "also allow resources of TYPE (aws_* or cloudflare_*; repeat for more). A pull "
            "request may then import any object of that type, read with the plan's role"
        ),
    )
    arguments = parser.parse_args(argv)
    path = Path(arguments.config)
    try:
        config = read(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return usage_error(parser, f"cannot read {path} as JSON: it is not UTF-8 text")
    except OSError as error:
        return usage_error(parser, f"cannot read {path}: {error.strerror or error}")
    except UnreadableJsonError as error:
        return usage_error(parser, f"cannot read {path} as JSON: {error}")
    problems = directory_problems(path) + config_problems(
        config,
        state_bucket=arguments.state_bucket,
        state_key=arguments.state_key,
        state_region=arguments.state_region,
        resource_types=arguments.allow_resource_type,
    )
    for problem in problems:
        sys.stderr.write(f"{parser.prog}: refused: {path} {problem}\n")
    if not problems:
        sys.stderr.write(f"{parser.prog}: {path} may be planned\n")
    return 1 if problems else 0


def _resource_type(text: str) -> str:
    if not _RESOURCE_TYPE.fullmatch(text):
        msg = (
            "must be a resource type of the aws or cloudflare provider (aws_*, cloudflare_*); "
            f"got {text!r}"
        )
        raise argparse.ArgumentTypeError(msg)
    return text
