"""What a stack may hold: the providers, types, arguments and functions the gate allows.

Everything here is what the package's constructs and the example app (``main.py``)
write; anything else is refused. To let the stack use another resource type, add one
line to ``ALLOWED_TYPES``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from cognito_access._facts import (
    ACCESS_APPLICATION,
    ACCESS_POLICY,
    BRANDING,
    CALLER_IDENTITY,
    CLIENT,
    DNS_RECORD,
    DOMAIN,
    EVENT_RULE,
    EVENT_TARGET,
    IAM_ROLE,
    IAM_ROLE_POLICY,
    IDENTITY_PROVIDER,
    LAMBDA_FUNCTION,
    LAMBDA_PERMISSION,
    LOG_GROUP,
    PARTITION,
    REGION_DATA,
    RESOURCE_SERVER,
    USER_GROUP,
    USER_POOL,
)

RESOURCE: Final = frozenset({"resource"})
DATA: Final = frozenset({"data"})

# Every resource type and data source a stack may declare, and as which block: the
# types of the package's constructs (_framework._SOURCES) and of main.py.
ALLOWED_TYPES: Final[dict[str, frozenset[str]]] = {
    BRANDING: RESOURCE,
    RESOURCE_SERVER: RESOURCE,  # a library stack's, for resource_servers
    USER_GROUP: RESOURCE,
    USER_POOL: RESOURCE,  # main.py's pool, when it creates one
    CLIENT: RESOURCE,
    DOMAIN: RESOURCE,
    DNS_RECORD: RESOURCE,
    ACCESS_APPLICATION: RESOURCE,
    IDENTITY_PROVIDER: RESOURCE,
    ACCESS_POLICY: RESOURCE,
    # AccessOffboarding's function, role, rules and log group, and what its role names.
    LAMBDA_FUNCTION: RESOURCE,
    LAMBDA_PERMISSION: RESOURCE,
    IAM_ROLE: RESOURCE,
    IAM_ROLE_POLICY: RESOURCE,
    EVENT_RULE: RESOURCE,
    EVENT_TARGET: RESOURCE,
    LOG_GROUP: RESOURCE,
    CALLER_IDENTITY: DATA,
    PARTITION: DATA,
    REGION_DATA: DATA,
}

# An AWS region's name, as the AWS provider and the S3 backend take it.
AWS_REGION: Final = re.compile(r"[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}")
# A name Terraform accepts for a resource, an alias, an output, a variable or a local.
IDENTIFIER: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# A version constraint: "6.25.0", "~> 5.0", ">= 5.1, < 6".
VERSION_CONSTRAINT: Final = re.compile(r"[0-9A-Za-z.,<>=~! -]+")
# The only registry providers come from.
REGISTRY: Final = "registry.terraform.io"


@dataclass(frozen=True)
class Provider:
    """A provider the stack may use: its source, and the arguments it may set.

    ``arguments`` maps each argument to the literal values it may have.
    """

    source: str
    arguments: dict[str, re.Pattern[str]] = field(default_factory=dict)


# By local name (the prefix of its types). The example app sets `region` on aws and
# nothing on cloudflare (its token comes from CLOUDFLARE_API_TOKEN); a library stack
# may also give either an `alias` (the construct takes aliased providers). No other
# argument passes: credentials, roles and endpoints come from the job's environment.
PROVIDERS: Final[dict[str, Provider]] = {
    "aws": Provider("hashicorp/aws", {"region": AWS_REGION}),
    "cloudflare": Provider("cloudflare/cloudflare"),
}

# Terraform's built-in functions that read nothing but their arguments. Functions missing
# here are refused: the file functions (file, fileexists, fileset, filebase64, filemd5,
# filesha*, filebase64sha*, templatefile), those that read the runner's directories
# (abspath, pathexpand) and their string helpers (basename, dirname), templatestring (a
# template made at plan time, out of the gate's sight), nonsensitive (it prints a
# secret), those whose error messages print their arguments even when sensitive
# (Terraform 1.11: cidrhost, cidrnetmask, cidrsubnet, cidrsubnets, formatdate, lookup,
# parseint, textencodebase64, textdecodebase64, timeadd, timecmp, transpose, uuidv5),
# the clock and randomness (timestamp, plantimestamp, uuid, bcrypt), provider-defined
# functions (provider::...) and any name Terraform adds later.
ALLOWED_FUNCTIONS: Final = frozenset(
    {
        # numbers
        "abs", "ceil", "floor", "log", "max", "min", "pow", "signum",
        # strings
        "chomp", "endswith", "format", "formatlist", "indent", "join", "lower", "regex",
        "regexall", "replace", "split", "startswith", "strcontains", "strrev", "substr",
        "title", "trim", "trimprefix", "trimspace", "trimsuffix", "upper",
        # collections
        "alltrue", "anytrue", "chunklist", "coalesce", "coalescelist", "compact", "concat",
        "contains", "distinct", "element", "flatten", "index", "keys", "length", "matchkeys",
        "merge", "one", "range", "reverse", "setintersection", "setproduct", "setsubtract",
        "setunion", "slice", "sort", "sum", "values", "zipmap",
        # encodings
        "base64decode", "base64encode", "base64gzip", "csvdecode", "jsondecode",
        "jsonencode", "urlencode", "yamldecode", "yamlencode",
        # hashes of values (not of files)
        "base64sha256", "base64sha512", "md5", "sha1", "sha256", "sha512",
        # types
        "can", "issensitive", "sensitive", "tobool", "tolist", "tomap", "tonumber", "toset",
        "tostring", "try",
    }
)  # fmt: skip

# Why a well-known function is refused (the others are "not one of the pure functions").
REFUSED_FUNCTIONS: Final[dict[str, str]] = {
    **dict.fromkeys(
        (
            "file", "fileexists", "fileset", "filebase64", "filebase64sha256",
            "filebase64sha512", "filemd5", "filesha1", "filesha256", "filesha512",
            "templatefile",
        ),
        "it reads the runner's files",
    ),
    "abspath": "it reads the runner's working directory",
    "pathexpand": "it reads the runner's home directory",
    "templatestring": "it renders a template made at plan time, which the gate cannot read",
    "nonsensitive": "it shows a secret in the plan",
    **dict.fromkeys(
        (
            "cidrhost", "cidrnetmask", "cidrsubnet", "cidrsubnets", "formatdate", "lookup",
            "parseint", "textdecodebase64", "textencodebase64", "timeadd", "timecmp", "transpose",
            "uuidv5",
        ),
        "its error messages print its arguments, secrets included",
    ),
}  # fmt: skip

# Attributes that hold a secret (or an object holding one), by resource type. A
# reference to one is refused but where the construct sends it (SECRET_DESTINATION), and
# so is a reference to a whole resource of these types (an object with its secrets):
# anywhere else, a provider's validation message or Terraform's could print the secret.
SECRET_ATTRIBUTES: Final[dict[str, frozenset[str]]] = {
    CLIENT: frozenset({"client_secret"}),
    IDENTITY_PROVIDER: frozenset({"config", "scim_config"}),
    ACCESS_APPLICATION: frozenset({"saas_app", "scim_config"}),
}
# The one place the client secret goes: the Cloudflare login method's config.client_secret
# (a resource type, then the argument path), as the bare reference SECRET_REFERENCE.
SECRET_DESTINATION: Final = (IDENTITY_PROVIDER, ("config", "client_secret"))
SECRET_REFERENCE: Final = re.compile(
    r"\$\{" + re.escape(CLIENT) + r"\.[A-Za-z_][A-Za-z0-9_-]*\.client_secret\}"
)

# Type constructors of a variable's `type` (a type expression, not a call).
TYPE_CONSTRUCTORS: Final = frozenset({"list", "map", "set", "object", "tuple", "optional"})
