"""The one place that imports the framework: cdktf 0.21 or CDK Terrain (cdktn) 0.24.

Both frameworks have the same classes under the same module paths; only the package
names differ (``cdktf`` / ``cdktn``, ``cdktf_cdktf_provider_aws`` / ``cdktn_provider_aws``,
``cdktf_cdktf_provider_cloudflare`` / ``cdktn_provider_cloudflare``). Each construct
declares its resources with the framework its ``scope`` belongs to (``framework_of``),
found from the jsii type of the scope or of one of its ancestors (``cdktf.App``,
``cdktn.TerraformStack``, ...). jsii objects of one framework cannot be mixed with the
other's, so an argument of the other framework is refused (``check_same_framework``).

Typing: the attributes of ``Framework`` are annotated with the cdktf classes. At run time
they are the cdktf or the cdktn classes, which have the same constructors, properties and
methods, so a cdktn object is structurally the cdktf object mypy sees.

To use another class in a construct: annotate it on ``Framework`` and say where it lives
in ``_SOURCES``.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal

if TYPE_CHECKING:
    from cdktf import (
        Annotations as Annotations,
    )
    from cdktf import (
        App as App,
    )
    from cdktf import (
        AssetType as AssetType,
    )
    from cdktf import (
        Fn as Fn,
    )
    from cdktf import (
        Precondition as Precondition,
    )
    from cdktf import (
        TerraformAsset as TerraformAsset,
    )
    from cdktf import (
        TerraformProvider as TerraformProvider,
    )
    from cdktf import (
        TerraformResourceLifecycle as TerraformResourceLifecycle,
    )
    from cdktf import (
        TerraformStack as TerraformStack,
    )
    from cdktf import (
        Token as Token,
    )
    from cdktf_cdktf_provider_aws.cloudwatch_event_rule import (
        CloudwatchEventRule as CloudwatchEventRule,
    )
    from cdktf_cdktf_provider_aws.cloudwatch_event_target import (
        CloudwatchEventTarget as CloudwatchEventTarget,
    )
    from cdktf_cdktf_provider_aws.cloudwatch_log_group import (
        CloudwatchLogGroup as CloudwatchLogGroup,
    )
    from cdktf_cdktf_provider_aws.cognito_identity_provider import (
        CognitoIdentityProvider as CognitoIdentityProvider,
    )
    from cdktf_cdktf_provider_aws.cognito_managed_login_branding import (
        CognitoManagedLoginBranding as CognitoManagedLoginBranding,
    )
    from cdktf_cdktf_provider_aws.cognito_managed_login_branding import (
        CognitoManagedLoginBrandingAsset as CognitoManagedLoginBrandingAsset,
    )
    from cdktf_cdktf_provider_aws.cognito_resource_server import (
        CognitoResourceServer as CognitoResourceServer,
    )
    from cdktf_cdktf_provider_aws.cognito_user_group import CognitoUserGroup as CognitoUserGroup
    from cdktf_cdktf_provider_aws.cognito_user_pool_client import (
        CognitoUserPoolClient as CognitoUserPoolClient,
    )
    from cdktf_cdktf_provider_aws.cognito_user_pool_client import (
        CognitoUserPoolClientTokenValidityUnits as CognitoUserPoolClientTokenValidityUnits,
    )
    from cdktf_cdktf_provider_aws.cognito_user_pool_domain import (
        CognitoUserPoolDomain as CognitoUserPoolDomain,
    )
    from cdktf_cdktf_provider_aws.data_aws_caller_identity import (
        DataAwsCallerIdentity as DataAwsCallerIdentity,
    )
    from cdktf_cdktf_provider_aws.data_aws_partition import DataAwsPartition as DataAwsPartition
    from cdktf_cdktf_provider_aws.data_aws_region import DataAwsRegion as DataAwsRegion
    from cdktf_cdktf_provider_aws.iam_role import IamRole as IamRole
    from cdktf_cdktf_provider_aws.iam_role_policy import IamRolePolicy as IamRolePolicy
    from cdktf_cdktf_provider_aws.lambda_function import LambdaFunction as LambdaFunction
    from cdktf_cdktf_provider_aws.lambda_function import (
        LambdaFunctionEnvironment as LambdaFunctionEnvironment,
    )
    from cdktf_cdktf_provider_aws.lambda_permission import LambdaPermission as LambdaPermission
    from cdktf_cdktf_provider_aws.provider import AwsProvider as AwsProvider
    from cdktf_cdktf_provider_cloudflare.dns_record import DnsRecord as DnsRecord
    from cdktf_cdktf_provider_cloudflare.zero_trust_access_application import (
        ZeroTrustAccessApplication as ZeroTrustAccessApplication,
    )
    from cdktf_cdktf_provider_cloudflare.zero_trust_access_application import (
        ZeroTrustAccessApplicationDestinations as ZeroTrustAccessApplicationDestinations,
    )
    from cdktf_cdktf_provider_cloudflare.zero_trust_access_application import (
        ZeroTrustAccessApplicationPolicies as ZeroTrustAccessApplicationPolicies,
    )
    from cdktf_cdktf_provider_cloudflare.zero_trust_access_identity_provider import (
        ZeroTrustAccessIdentityProvider as ZeroTrustAccessIdentityProvider,
    )
    from cdktf_cdktf_provider_cloudflare.zero_trust_access_identity_provider import (
        ZeroTrustAccessIdentityProviderConfigA as ZeroTrustAccessIdentityProviderConfigA,
    )
    from cdktf_cdktf_provider_cloudflare.zero_trust_access_policy import (
        ZeroTrustAccessPolicy as ZeroTrustAccessPolicy,
    )
    from cdktf_cdktf_provider_cloudflare.zero_trust_access_policy import (
        ZeroTrustAccessPolicyInclude as ZeroTrustAccessPolicyInclude,
    )
    from cdktf_cdktf_provider_cloudflare.zero_trust_access_policy import (
        ZeroTrustAccessPolicyIncludeEmail as ZeroTrustAccessPolicyIncludeEmail,
    )
    from cdktf_cdktf_provider_cloudflare.zero_trust_access_policy import (
        ZeroTrustAccessPolicyIncludeEmailDomain as ZeroTrustAccessPolicyIncludeEmailDomain,
    )
    from cdktf_cdktf_provider_cloudflare.zero_trust_access_policy import (
        ZeroTrustAccessPolicyIncludeOidc as ZeroTrustAccessPolicyIncludeOidc,
    )
    from cdktf_cdktf_provider_cloudflare.zero_trust_access_policy import (
        ZeroTrustAccessPolicyRequire as ZeroTrustAccessPolicyRequire,
    )
    from cdktf_cdktf_provider_cloudflare.zero_trust_access_policy import (
        ZeroTrustAccessPolicyRequireLoginMethod as ZeroTrustAccessPolicyRequireLoginMethod,
    )

FrameworkName = Literal["cdktf", "cdktn"]


@dataclass(frozen=True)
class Packages:
    """One framework's Python packages, jsii type prefixes and pip extra."""

    name: FrameworkName
    title: str
    core: str
    aws: str
    cloudflare: str
    jsii_prefixes: tuple[str, ...]

    @property
    def extra(self) -> str:
        """The pip extra that installs this framework."""
        return f"cognito-access[{self.name}]"


PACKAGES: Final[dict[FrameworkName, Packages]] = {
    "cdktf": Packages(
        "cdktf",
        "CDK for Terraform (cdktf)",
        "cdktf",
        "cdktf_cdktf_provider_aws",
        "cdktf_cdktf_provider_cloudflare",
        ("cdktf.", "@cdktf/"),
    ),
    "cdktn": Packages(
        "cdktn",
        "CDK Terrain (cdktn)",
        "cdktn",
        "cdktn_provider_aws",
        "cdktn_provider_cloudflare",
        ("cdktn.", "@cdktn/"),
    ),
}

# Where each class of ``Framework`` lives: "core", or "<aws|cloudflare>.<module>".
_SOURCES: Final[dict[str, str]] = {
    "Annotations": "core",
    "App": "core",
    "AssetType": "core",
    "TerraformAsset": "core",
    "CloudwatchEventRule": "aws.cloudwatch_event_rule",
    "CloudwatchEventTarget": "aws.cloudwatch_event_target",
    "CloudwatchLogGroup": "aws.cloudwatch_log_group",
    "DataAwsCallerIdentity": "aws.data_aws_caller_identity",
    "DataAwsPartition": "aws.data_aws_partition",
    "DataAwsRegion": "aws.data_aws_region",
    "IamRole": "aws.iam_role",
    "IamRolePolicy": "aws.iam_role_policy",
    "LambdaFunction": "aws.lambda_function",
    "LambdaFunctionEnvironment": "aws.lambda_function",
    "LambdaPermission": "aws.lambda_permission",
    "Fn": "core",
    "Precondition": "core",
    "TerraformProvider": "core",
    "TerraformResourceLifecycle": "core",
    "TerraformStack": "core",
    "Token": "core",
    "AwsProvider": "aws.provider",
    "CognitoIdentityProvider": "aws.cognito_identity_provider",
    "CognitoManagedLoginBranding": "aws.cognito_managed_login_branding",
    "CognitoManagedLoginBrandingAsset": "aws.cognito_managed_login_branding",
    "CognitoResourceServer": "aws.cognito_resource_server",
    "CognitoUserGroup": "aws.cognito_user_group",
    "CognitoUserPoolClient": "aws.cognito_user_pool_client",
    "CognitoUserPoolClientTokenValidityUnits": "aws.cognito_user_pool_client",
    "CognitoUserPoolDomain": "aws.cognito_user_pool_domain",
    "DnsRecord": "cloudflare.dns_record",
    "ZeroTrustAccessApplication": "cloudflare.zero_trust_access_application",
    "ZeroTrustAccessApplicationDestinations": "cloudflare.zero_trust_access_application",
    "ZeroTrustAccessApplicationPolicies": "cloudflare.zero_trust_access_application",
    "ZeroTrustAccessIdentityProvider": "cloudflare.zero_trust_access_identity_provider",
    "ZeroTrustAccessIdentityProviderConfigA": "cloudflare.zero_trust_access_identity_provider",
    "ZeroTrustAccessPolicy": "cloudflare.zero_trust_access_policy",
    "ZeroTrustAccessPolicyInclude": "cloudflare.zero_trust_access_policy",
    "ZeroTrustAccessPolicyIncludeEmail": "cloudflare.zero_trust_access_policy",
    "ZeroTrustAccessPolicyIncludeEmailDomain": "cloudflare.zero_trust_access_policy",
    "ZeroTrustAccessPolicyIncludeOidc": "cloudflare.zero_trust_access_policy",
    "ZeroTrustAccessPolicyRequire": "cloudflare.zero_trust_access_policy",
    "ZeroTrustAccessPolicyRequireLoginMethod": "cloudflare.zero_trust_access_policy",
}


class Framework:
    """One framework's classes, each imported on first use (a provider module is large)."""

    Annotations: type[Annotations]
    App: type[App]
    AssetType: type[AssetType]
    TerraformAsset: type[TerraformAsset]
    CloudwatchEventRule: type[CloudwatchEventRule]
    CloudwatchEventTarget: type[CloudwatchEventTarget]
    CloudwatchLogGroup: type[CloudwatchLogGroup]
    DataAwsCallerIdentity: type[DataAwsCallerIdentity]
    DataAwsPartition: type[DataAwsPartition]
    DataAwsRegion: type[DataAwsRegion]
    IamRole: type[IamRole]
    IamRolePolicy: type[IamRolePolicy]
    LambdaFunction: type[LambdaFunction]
    LambdaFunctionEnvironment: type[LambdaFunctionEnvironment]
    LambdaPermission: type[LambdaPermission]
    Fn: type[Fn]
    Precondition: type[Precondition]
    TerraformProvider: type[TerraformProvider]
    TerraformResourceLifecycle: type[TerraformResourceLifecycle]
    TerraformStack: type[TerraformStack]
    Token: type[Token]
    AwsProvider: type[AwsProvider]
    CognitoIdentityProvider: type[CognitoIdentityProvider]
    CognitoManagedLoginBranding: type[CognitoManagedLoginBranding]
    CognitoManagedLoginBrandingAsset: type[CognitoManagedLoginBrandingAsset]
    CognitoResourceServer: type[CognitoResourceServer]
    CognitoUserGroup: type[CognitoUserGroup]
    CognitoUserPoolClient: type[CognitoUserPoolClient]
    CognitoUserPoolClientTokenValidityUnits: type[CognitoUserPoolClientTokenValidityUnits]
    CognitoUserPoolDomain: type[CognitoUserPoolDomain]
    DnsRecord: type[DnsRecord]
    ZeroTrustAccessApplication: type[ZeroTrustAccessApplication]
    ZeroTrustAccessApplicationDestinations: type[ZeroTrustAccessApplicationDestinations]
    ZeroTrustAccessApplicationPolicies: type[ZeroTrustAccessApplicationPolicies]
    ZeroTrustAccessIdentityProvider: type[ZeroTrustAccessIdentityProvider]
    ZeroTrustAccessIdentityProviderConfigA: type[ZeroTrustAccessIdentityProviderConfigA]
    ZeroTrustAccessPolicy: type[ZeroTrustAccessPolicy]
    ZeroTrustAccessPolicyInclude: type[ZeroTrustAccessPolicyInclude]
    ZeroTrustAccessPolicyIncludeEmail: type[ZeroTrustAccessPolicyIncludeEmail]
    ZeroTrustAccessPolicyIncludeEmailDomain: type[ZeroTrustAccessPolicyIncludeEmailDomain]
    ZeroTrustAccessPolicyIncludeOidc: type[ZeroTrustAccessPolicyIncludeOidc]
    ZeroTrustAccessPolicyRequire: type[ZeroTrustAccessPolicyRequire]
    ZeroTrustAccessPolicyRequireLoginMethod: type[ZeroTrustAccessPolicyRequireLoginMethod]

    def __init__(self, packages: Packages) -> None:
        """The classes of the framework ``packages`` describes."""
        self.packages = packages

    @property
    def name(self) -> FrameworkName:
        """``"cdktf"`` or ``"cdktn"``."""
        return self.packages.name

    def __getattr__(self, attribute: str) -> Any:  # noqa: ANN401 - typed by the annotations above
        """Import the class ``attribute`` from this framework's packages, once."""
        source = _SOURCES.get(attribute)
        if source is None:
            msg = f"{type(self).__name__!r} object has no attribute {attribute!r}"
            raise AttributeError(msg)
        package, _, module = source.partition(".")
        root = getattr(self.packages, package)
        loaded = getattr(importlib.import_module(f"{root}.{module}" if module else root), attribute)
        setattr(self, attribute, loaded)
        return loaded

    def __repr__(self) -> str:
        """The framework's name."""
        return f"Framework({self.name!r})"


_FRAMEWORKS: dict[FrameworkName, Framework] = {}


def installed() -> list[FrameworkName]:
    """The frameworks whose core and provider packages can be imported here."""
    return [
        name
        for name, packages in PACKAGES.items()
        if all(
            importlib.util.find_spec(package) is not None
            for package in (packages.core, packages.aws, packages.cloudflare)
        )
    ]


def no_framework_message() -> str:
    """What to install when neither framework is."""
    return (
        "cognito-access needs a CDK framework with its AWS and Cloudflare providers, and "
        "neither is installed: pip install 'cognito-access[cdktf]' (CDK for Terraform 0.21) "
        "or 'cognito-access[cdktn]' (CDK Terrain 0.24)"
    )


def get(name: FrameworkName) -> Framework:
    """The framework called ``name`` (its classes are imported on first use)."""
    if name not in _FRAMEWORKS:
        _FRAMEWORKS[name] = Framework(PACKAGES[name])
    return _FRAMEWORKS[name]


def _name_of_type(value: object) -> FrameworkName | None:
    """The framework of ``value``'s own jsii type (``cdktf.App``, ``@cdktn/provider-aws...``)."""
    jsii_type = getattr(type(value), "__jsii_type__", None)
    if not isinstance(jsii_type, str):
        return None
    for name, packages in PACKAGES.items():
        if jsii_type.startswith(packages.jsii_prefixes):
            return name
    return None


def name_of(value: object) -> FrameworkName | None:
    """The framework ``value`` belongs to: its jsii type's, or its nearest ancestor's."""
    own = _name_of_type(value)
    if own is not None:
        return own
    node = getattr(value, "node", None)
    scopes = getattr(node, "scopes", None)
    if not isinstance(scopes, list):
        return None
    for ancestor in reversed(scopes):
        found = _name_of_type(ancestor)
        if found is not None:
            return found
    return None


def _default() -> FrameworkName:
    """The framework to use for a scope that belongs to neither: the only one installed."""
    loaded = [name for name, packages in PACKAGES.items() if packages.core in sys.modules]
    available = loaded or installed()
    if len(available) == 1:
        return available[0]
    if not available:
        raise ImportError(no_framework_message())
    msg = (
        "scope belongs to neither cdktf nor cdktn (no App or TerraformStack above it) and "
        f"both are {'imported' if loaded else 'installed'}; declare it in a stack"
    )
    raise ValueError(msg)


def framework_of(scope: object) -> Framework:
    """The framework to declare resources in ``scope`` with."""
    return get(name_of(scope) or _default())


def check_same_framework(parameter: str, value: object, framework: Framework) -> None:
    """Raise unless ``value`` (or each item of a sequence) is of ``framework`` or neither.

    Raises:
        TypeError: ``value`` is a jsii object of the other framework.
    """
    values: Sequence[object] = (
        value if isinstance(value, Sequence) and not isinstance(value, str | bytes) else (value,)
    )
    for item in values:
        other = name_of(item)
        if other is not None and other != framework.name:
            msg = (
                f"{parameter} belongs to {PACKAGES[other].title}, but the scope belongs to "
                f"{framework.packages.title}; one app cannot mix the two frameworks: declare "
                f"it with {framework.packages.core}'s classes; got {item!r}"
            )
            raise TypeError(msg)


def is_unresolved(value: object) -> bool:
    """Whether ``value`` is an unresolved token (known only at apply time).

    Both frameworks encode tokens alike (``${TfToken[TOKEN.<n>]}`` in strings, the same
    encoded numbers and list markers), so the framework already imported answers for both.
    """
    # A string (or a list of strings) without the token marker is a literal: answered here,
    # without a round trip to the jsii kernel (a construct asks dozens of times).
    literals = [value] if isinstance(value, str) else value
    if isinstance(literals, (list, tuple)) and all(
        isinstance(item, str) and _TOKEN_MARKER not in item for item in literals
    ):
        return False
    loaded = [name for name, packages in PACKAGES.items() if packages.core in sys.modules]
    name = loaded[0] if loaded else _default()
    return bool(get(name).Token.is_unresolved(value))


# What every encoded token string holds, in both frameworks: ``${TfToken[TOKEN.<n>]}``
# (a string) or ``#{TfToken[TOKEN.<n>]}`` (a list's one item).
_TOKEN_MARKER = "TfToken["  # noqa: S105 - a marker, not a secret


if not installed():
    raise ImportError(no_framework_message())
