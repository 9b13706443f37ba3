"""The command line: ``cognito-access-verify``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cognito_access.verify._checks import run_checks, settings_from
from cognito_access.verify._cloudflare import DEFAULT_BASE_URL, TOKEN_PERMISSION
from cognito_access.verify._outputs import read_outputs_file, run_terraform_output
from cognito_access.verify._render import as_json, as_text, error_as_json, exit_status
from cognito_access.verify._results import ConfigurationError

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from cognito_access.verify._outputs import Outputs

PROG = "cognito-access-verify"
DEFAULT_STACK = "cognito-access"
_DEFAULT_TIMEOUT = 5.0


def main(argv: Sequence[str] | None = None) -> int:
    """Check the deployed stack's wiring; print one line per check and the total.

    Returns 0 when no check failed, 1 when one did, and 2 (after a message on standard
    error saying what to do) when the outputs, the Cloudflare account or token, boto3 or
    the AWS credentials are missing or refused. Bad usage exits with 2, as argparse does.
    """
    arguments = _parser().parse_args(argv)
    environ = os.environ
    try:
        outputs = _outputs(arguments.outputs, arguments.stack)
        _require_token(environ)
        settings = settings_from(
            environ,
            account_id=_account_id(arguments.account_id, environ),
            base_url=environ.get("CLOUDFLARE_BASE_URL") or DEFAULT_BASE_URL,
            expect_pkce=arguments.expect_pkce == "on",
            timeout=arguments.timeout,
        )
        results = run_checks(outputs, settings)
    except ConfigurationError as error:
        sys.stderr.write(f"{PROG}: error: {error}\n")
        if arguments.json:
            sys.stdout.write(error_as_json(str(error)))
        return 2
    sys.stdout.write(as_json(results) if arguments.json else as_text(results))
    return exit_status(results)


def _outputs(path: str | None, stack: str) -> Outputs:
    if path is not None:
        return read_outputs_file(path)
    return run_terraform_output(Path("cdktf.out") / "stacks" / stack)


def _require_token(environ: Mapping[str, str]) -> None:
    if not environ.get("CLOUDFLARE_API_TOKEN"):
        msg = f"CLOUDFLARE_API_TOKEN is not set: set it to a token with {TOKEN_PERMISSION}"
        raise ConfigurationError(msg)


def _account_id(argument: str | None, environ: Mapping[str, str]) -> str:
    account_id = argument or environ.get("CLOUDFLARE_ACCOUNT_ID")
    if not account_id:
        msg = "no Cloudflare account: pass --account-id or set CLOUDFLARE_ACCOUNT_ID"
        raise ConfigurationError(msg)
    return account_id


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Check that a deployed cognito-access stack works: the Cloudflare identity "
            "provider, the pool's discovery document and keys, the app client and the hosted "
            "UI. Prints PASS, FAIL or SKIP per check; exits 0 (all good), 1 (a check failed) "
            "or 2 (missing outputs, account, token or credentials). Never prints the client "
            "secret."
        ),
    )
    parser.add_argument(
        "--outputs",
        metavar="FILE",
        help="the stack's outputs as `terraform output -json` writes them; '-': standard "
        "input. Default: run `terraform output -json` in cdktf.out/stacks/<stack>",
    )
    parser.add_argument(
        "--stack", default=DEFAULT_STACK, help="the stack's name. Default: %(default)s"
    )
    parser.add_argument(
        "--account-id",
        metavar="ID",
        help="the Cloudflare account. Default: CLOUDFLARE_ACCOUNT_ID",
    )
    parser.add_argument(
        "--expect-pkce",
        choices=("on", "off"),
        default="on",
        help="whether the identity provider should use PKCE. Default: %(default)s",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=_DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help="time-out of each HTTP request. Default: %(default)s",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    return parser
