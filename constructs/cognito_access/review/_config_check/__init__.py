"""The configuration gate: only what the stack writes may be planned with credentials.

A CI plan job runs ``terraform plan`` with cloud credentials on a ``cdk.tf.json`` that
a pull request produced. Terraform runs the providers, data sources and functions that
file names, so before any credential is configured the gate allows only what the
stack itself writes, read the way Terraform reads JSON (every block level as an object
or an array of objects; names written twice refused):

- the ``aws`` and ``cloudflare`` providers from ``registry.terraform.io/hashicorp/aws``
  and ``registry.terraform.io/cloudflare/cloudflare``, with only ``region`` (aws) and
  ``alias``;
- resources of the types the package and the example app use (``ALLOWED_TYPES``),
  without provisioners; no data source; ``output``, ``locals``, ``variable``,
  ``import``, ``moved`` and ``removed`` blocks; no module, ``check`` or other block;
- one S3 backend: the given bucket (and key, region), ``encrypt`` and ``use_lockfile``;
- in every string and property name, ``${ }`` and ``%{ }`` sequences that call only pure
  functions (none that reads a file, the environment, or unmasks a secret);
- and ``cdk.tf.json`` alone in its directory, but for an ``assets/`` directory.

Anything else is refused with one line naming its JSON path. It is defence in depth:
what a plan role may read is set by its trust and permissions.

Modules: ``_syntax`` reads Terraform's JSON, ``_templates`` the strings' templates,
``_values`` checks every value, ``_settings`` the ``terraform`` and ``provider`` blocks,
``_blocks`` the others, ``_allowed`` holds what is allowed, ``_directory`` checks the
files beside it, ``_check`` puts them together and ``_command`` is the command line.

From the command line: ``cognito-access-check-config CDK_TF_JSON --state-bucket BUCKET
[--state-key KEY] [--state-region REGION] [--allow-resource-type TYPE ...]``.
"""

from __future__ import annotations

from cognito_access.review._config_check._allowed import ALLOWED_TYPES
from cognito_access.review._config_check._check import config_problems
from cognito_access.review._config_check._command import main
from cognito_access.review._config_check._directory import directory_problems
from cognito_access.review._config_check._syntax import read

__all__ = ["ALLOWED_TYPES", "config_problems", "directory_problems", "main", "read"]
