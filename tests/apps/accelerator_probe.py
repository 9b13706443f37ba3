"""An app as the accelerator meets it: what it changed, what it loaded, whether reload works.

    python tests/apps/accelerator_probe.py OUTDIR

Records every change to NODE_OPTIONS in os.environ (the audit events os.putenv and
os.unsetenv) from the start, synthesizes a Cloudflare-only stack, then reloads the
provider package and declares a resource type it never imported. Prints JSON.
"""

from __future__ import annotations

import sys

NODE_OPTIONS_CHANGES: list[str] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    if (
        event in {"os.putenv", "os.unsetenv"}
        and args
        and args[0] in {"NODE_OPTIONS", b"NODE_OPTIONS"}
    ):
        NODE_OPTIONS_CHANGES.append(f"{event}{args!r}")


sys.addaudithook(_audit)

import importlib  # noqa: E402 - after the audit hook, which must see everything
import json  # noqa: E402
import os  # noqa: E402
from pathlib import Path  # noqa: E402

import cdktf_cdktf_provider_cloudflare  # noqa: E402
from cdktf import App, TerraformStack  # noqa: E402
from cdktf_cdktf_provider_cloudflare.dns_record import DnsRecord  # noqa: E402
from cdktf_cdktf_provider_cloudflare.provider import CloudflareProvider  # noqa: E402

app = App(outdir=sys.argv[1])
stack = TerraformStack(app, "probe")
CloudflareProvider(stack, "cloudflare")
DnsRecord(stack, "Record", zone_id="1" * 32, name="a", type="CNAME", content="b.example", ttl=1)
loaded = sorted(name for name in sys.modules if name.startswith("cdktf_cdktf_provider_"))

reloaded = importlib.reload(cdktf_cdktf_provider_cloudflare)
second = TerraformStack(app, "after-reload")
CloudflareProvider(second, "cloudflare")
reloaded.r2_bucket.R2Bucket(second, "Bucket", account_id="0" * 32, name="after-reload")
app.synth()
after_reload = json.loads(
    (Path(sys.argv[1]) / "stacks" / "after-reload" / "cdk.tf.json").read_text(encoding="utf-8")
)
print(  # noqa: T201 - the test reads this
    json.dumps(
        {
            "node_options_changes": NODE_OPTIONS_CHANGES,
            "node_options": os.environ.get("NODE_OPTIONS"),
            "loaded_before_reload": loaded,
            "access_rule_loaded": "cdktf_cdktf_provider_cloudflare.access_rule" in sys.modules,
            "buckets_after_reload": sorted(after_reload["resource"]["cloudflare_r2_bucket"]),
        }
    )
)
