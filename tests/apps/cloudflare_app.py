"""The smallest app that loads a provider package: Cloudflare only.

    python tests/apps/cloudflare_app.py OUTDIR

Declares one OIDC identity provider and a DNS record, and reads back the identity
provider's config (an object of a type from a submodule it never imports), so that
eagerly it costs seconds, not the AWS package's tens of seconds.
"""

from __future__ import annotations

import sys

from cdktf import App, TerraformOutput, TerraformStack
from cdktf_cdktf_provider_cloudflare.dns_record import DnsRecord
from cdktf_cdktf_provider_cloudflare.provider import CloudflareProvider
from cdktf_cdktf_provider_cloudflare.zero_trust_access_identity_provider import (
    ZeroTrustAccessIdentityProvider,
    ZeroTrustAccessIdentityProviderConfigA,
)

app = App(outdir=sys.argv[1])
stack = TerraformStack(app, "cloudflare")
CloudflareProvider(stack, "cloudflare")
idp = ZeroTrustAccessIdentityProvider(
    stack,
    "IdentityProvider",
    account_id="0" * 32,
    name="Example",
    type="oidc",
    config=ZeroTrustAccessIdentityProviderConfigA(client_id="example", scopes=["openid"]),
)
DnsRecord(
    stack, "Record", zone_id="1" * 32, name="login", type="CNAME", content="example.com", ttl=1
)
TerraformOutput(stack, "client_id", value=idp.config.client_id)
app.synth()
