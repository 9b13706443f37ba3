"""One synthesis in a fresh interpreter, as the benchmark's child process.

    python bench/synth_once.py {lazy|eager|fallback} {main|teams} INSTANCES REPORT_JSON

``lazy`` synthesizes as ``python main.py`` does in .venv, where the provider
accelerator (cognito-access[fast]) is installed. ``eager`` first imports both provider
packages whole (with the accelerator off), as an app does without it. ``fallback`` is
the accelerator finding something it does not expect (its Node.js half is made to look
missing), so it loads both packages the ordinary way by itself. The
``main`` app is main.py; ``teams`` is INSTANCES teams on one user pool. The
output goes to $CDKTF_OUTDIR. At exit, after the jsii kernel (Node.js) has been
reaped, the peak resident memory of this process and of its Node.js child are
written to REPORT_JSON.
"""

from __future__ import annotations

import atexit
import json
import os
import resource
import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _write_report(path: Path) -> None:
    kib = 1024
    path.write_text(
        json.dumps(
            {
                "python_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / kib,
                "node_peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / kib,
            }
        ),
        encoding="utf-8",
    )


def _teams_app(instances: int) -> None:
    from cdktf import App, TerraformStack  # noqa: PLC0415 - timed: imported after the mode is set
    from cdktf_cdktf_provider_aws.cognito_user_pool import CognitoUserPool  # noqa: PLC0415
    from cdktf_cdktf_provider_aws.provider import AwsProvider  # noqa: PLC0415
    from cdktf_cdktf_provider_cloudflare.provider import CloudflareProvider  # noqa: PLC0415

    from cognito_access import CognitoAccessIdentityProvider, LoginDomain  # noqa: PLC0415

    app = App()
    stack = TerraformStack(app, "teams")
    AwsProvider(stack, "aws", region="eu-west-1")
    CloudflareProvider(stack, "cloudflare")
    pool = CognitoUserPool(stack, "Pool", name="staff")
    first = CognitoAccessIdentityProvider(
        stack,
        "Team0",
        user_pool_id=pool.id,
        domain=LoginDomain.prefix("teams"),
        team_name="team-0",
        cloudflare_account_id=f"{0:032x}",
    )
    for number in range(1, instances):
        CognitoAccessIdentityProvider(
            stack,
            f"Team{number}",
            user_pool_id=pool.id,
            domain=first.shared_domain,
            team_name=f"team-{number}",
            cloudflare_account_id=f"{number:032x}",
        )
    app.synth()


def main() -> None:
    """Run one synthesis as the command line says."""
    mode, app, instances, report = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    # Registered first, so it runs last: after jsii's own handler has reaped Node.js.
    atexit.register(_write_report, report)
    if mode == "fallback":
        import warnings  # noqa: PLC0415

        from cognito_access_accelerator import AcceleratorWarning, _activation  # noqa: PLC0415

        _activation.PRELOAD += ".missing"  # before the first provider import decides
        warnings.simplefilter("ignore", AcceleratorWarning)
    if mode == "eager":
        import cdktf_cdktf_provider_aws  # noqa: F401, PLC0415 - the eager path under test
        import cdktf_cdktf_provider_cloudflare  # noqa: F401, PLC0415
    if app == "main":
        os.chdir(ROOT)
        sys.argv = [str(ROOT / "main.py")]
        sys.path.insert(0, str(ROOT))  # as `python main.py` does: main.py imports settings.py
        runpy.run_path(str(ROOT / "main.py"), run_name="__main__")
    else:
        _teams_app(instances)


if __name__ == "__main__":
    main()
