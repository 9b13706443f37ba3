"""A user's app, imports in isort order: the provider packages before cognito_access.

    python tests/apps/user_app.py OUTDIR

Synthesizes the example stack, then declares a resource type the construct does not
use (an S3 bucket) in a second stack, by plain import and by attribute access. Prints
JSON: how many provider submodules were loaded before the S3 import, and whether the
two ways of reaching S3Bucket gave the same class.
"""

from __future__ import annotations

import json
import os
import sys

import cdktf_cdktf_provider_aws
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider

import main
from cognito_access import CognitoAccessIdentityProvider

app = App(outdir=sys.argv[1])
main.build(app, os.environ)
loaded_before = sorted(name for name in sys.modules if name.startswith("cdktf_cdktf_provider_"))

from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket  # noqa: E402 - imported after the synth on purpose

other = TerraformStack(app, "other")
AwsProvider(other, "aws", region="eu-west-1")
S3Bucket(other, "Bucket", bucket="example-bucket")
app.synth()
print(  # noqa: T201 - the test reads this
    json.dumps(
        {
            "loaded_before": loaded_before,
            "same_class": cdktf_cdktf_provider_aws.s3_bucket.S3Bucket is S3Bucket,
            "construct": CognitoAccessIdentityProvider.__name__,
        }
    )
)
