"""Delete a saved plan and every version of it: a versioned bucket keeps what ``rm`` deletes.

The saved plan holds the client secret in clear text. ``aws s3 rm`` on a versioned
bucket only adds a delete marker and keeps the plan as a noncurrent version, so this
lists every version and delete marker of exactly that key and deletes each by its id.

Usage: ``delete_plan.py BUCKET KEY``. Needs the ``aws`` command (the runner's) with
``s3:ListBucketVersions`` on the bucket and ``s3:DeleteObject`` and
``s3:DeleteObjectVersion`` on the key. Standard library only.
"""

from __future__ import annotations

import json
import subprocess
import sys


def aws(*arguments: str) -> str:
    """Run the AWS CLI; its standard output. Raises CalledProcessError when it fails."""
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        ["aws", *arguments],  # noqa: S607 - the runner's AWS CLI
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def versions(bucket: str, key: str) -> list[str]:
    """The version ids of every version and delete marker of exactly ``key``."""
    listing = aws(
        "s3api", "list-object-versions", "--bucket", bucket, "--prefix", key, "--output", "json"
    )
    found = json.loads(listing or "{}") or {}
    entries = (found.get("Versions") or []) + (found.get("DeleteMarkers") or [])
    return [str(entry["VersionId"]) for entry in entries if entry.get("Key") == key]


def main(argv: list[str]) -> int:
    """Delete every version of the saved plan; 1 when listing or deleting fails."""
    if len(argv) != 2:  # noqa: PLR2004 - bucket and key
        print("usage: delete_plan.py BUCKET KEY", file=sys.stderr)
        return 2
    bucket, key = argv
    try:
        ids = versions(bucket, key)
        for version_id in ids:
            aws(
                "s3api",
                "delete-object",
                "--bucket",
                bucket,
                "--key",
                key,
                "--version-id",
                version_id,
            )
    except subprocess.CalledProcessError as error:
        print(f"::error title=Saved plan not deleted::s3://{bucket}/{key}: {error.stderr.strip()}")
        return 1
    print(f"Deleted {len(ids)} version(s) of s3://{bucket}/{key}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
