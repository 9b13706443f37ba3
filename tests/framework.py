"""The framework the tests run on: cdktf in .venv, CDK Terrain (cdktn) in .venv-cdktn.

The tests import App, TerraformStack, ... and the provider classes from here, so the same
test files run on both. Which one: $COGNITO_ACCESS_TEST_FRAMEWORK (``cdktf`` or
``cdktn``), else the one installed (cdktf when both are). The names are typed as cdktf's
(mypy runs in .venv); cdktn's classes have the same constructors and members.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final

from cognito_access._framework import PACKAGES, FrameworkName

FRAMEWORK_ENV = "COGNITO_ACCESS_TEST_FRAMEWORK"


def _selected() -> FrameworkName:
    chosen = os.environ.get(FRAMEWORK_ENV)
    if chosen == "cdktf":
        return "cdktf"
    if chosen == "cdktn":
        return "cdktn"
    if chosen:
        msg = f"{FRAMEWORK_ENV} must be cdktf or cdktn; got {chosen!r}"
        raise ValueError(msg)
    return "cdktf" if importlib.util.find_spec("cdktf") is not None else "cdktn"


NAME: Final[FrameworkName] = _selected()
_PACKAGES = PACKAGES[NAME]


def _load(package: str, module: str, name: str) -> Any:  # noqa: ANN401 - typed below
    return getattr(importlib.import_module(f"{package}.{module}" if module else package), name)


if TYPE_CHECKING:
    from cdktf import (
        App,
        TerraformOutput,
        TerraformStack,
        TerraformVariable,
        Testing,
    )
    from cdktf_cdktf_provider_aws.cognito_identity_provider import CognitoIdentityProvider
    from cdktf_cdktf_provider_aws.cognito_resource_server import (
        CognitoResourceServer,
        CognitoResourceServerScope,
    )
    from cdktf_cdktf_provider_aws.cognito_user_group import CognitoUserGroup
    from cdktf_cdktf_provider_aws.cognito_user_pool import CognitoUserPool
    from cdktf_cdktf_provider_aws.cognito_user_pool_domain import CognitoUserPoolDomain
    from cdktf_cdktf_provider_aws.provider import AwsProvider
    from cdktf_cdktf_provider_cloudflare.provider import CloudflareProvider
else:
    App = _load(_PACKAGES.core, "", "App")
    TerraformOutput = _load(_PACKAGES.core, "", "TerraformOutput")
    TerraformStack = _load(_PACKAGES.core, "", "TerraformStack")
    TerraformVariable = _load(_PACKAGES.core, "", "TerraformVariable")
    Testing = _load(_PACKAGES.core, "", "Testing")
    CognitoIdentityProvider = _load(
        _PACKAGES.aws, "cognito_identity_provider", "CognitoIdentityProvider"
    )
    CognitoResourceServer = _load(_PACKAGES.aws, "cognito_resource_server", "CognitoResourceServer")
    CognitoResourceServerScope = _load(
        _PACKAGES.aws, "cognito_resource_server", "CognitoResourceServerScope"
    )
    CognitoUserGroup = _load(_PACKAGES.aws, "cognito_user_group", "CognitoUserGroup")
    CognitoUserPool = _load(_PACKAGES.aws, "cognito_user_pool", "CognitoUserPool")
    CognitoUserPoolDomain = _load(
        _PACKAGES.aws, "cognito_user_pool_domain", "CognitoUserPoolDomain"
    )
    AwsProvider = _load(_PACKAGES.aws, "provider", "AwsProvider")
    CloudflareProvider = _load(_PACKAGES.cloudflare, "provider", "CloudflareProvider")

__all__ = [
    "NAME",
    "App",
    "AwsProvider",
    "CloudflareProvider",
    "CognitoIdentityProvider",
    "CognitoResourceServer",
    "CognitoResourceServerScope",
    "CognitoUserGroup",
    "CognitoUserPool",
    "CognitoUserPoolDomain",
    "TerraformOutput",
    "TerraformStack",
    "TerraformVariable",
    "Testing",
]


ROOT = Path(__file__).resolve().parent.parent
MAIN = ROOT / "main.py"
# The import lines of a cdktf app that name the framework; CDK Terrain's differ in the package.
_CDKTF_IMPORT = re.compile(
    r"^(?:from|import) (?:cdktf|cdktf_cdktf_provider_\w+)\b.*$", re.MULTILINE
)


def cdktn_source(cdktf_source: str) -> str:
    """A cdktf app's source as CDK Terrain's: the import lines name the cdktn packages."""

    def rename(match: re.Match[str]) -> str:
        line = re.sub(r"\bcdktf_cdktf_provider_(\w+)", r"cdktn_provider_\1", match[0])
        return re.sub(r"\bcdktf\b", "cdktn", line)

    return _CDKTF_IMPORT.sub(rename, cdktf_source)


def load_main() -> ModuleType:
    """The example app (main.py) for the framework under test: as is, or as cdktn's."""
    if NAME == "cdktf":
        return importlib.import_module("main")
    name = "main_cdktn"
    if name not in sys.modules:
        module = ModuleType(name)
        module.__file__ = str(MAIN)  # main.py reads cdktf.json next to itself
        sys.modules[name] = module
        source = cdktn_source(MAIN.read_text(encoding="utf-8"))
        exec(compile(source, f"{MAIN} (as cdktn)", "exec"), module.__dict__)  # noqa: S102 - main.py
    return sys.modules[name]


def main_script(directory: Path) -> Path:
    """main.py to run by path for the framework under test (cdktn's written to ``directory``)."""
    if NAME == "cdktf":
        return MAIN
    script = directory / "main.py"
    script.write_text(cdktn_source(MAIN.read_text(encoding="utf-8")), encoding="utf-8")
    shutil.copy(ROOT / "cdktf.json", directory / "cdktf.json")
    shutil.copy(ROOT / "settings.py", directory / "settings.py")  # framework-free
    return script
