"""The apps in examples/ synthesize, each into what its docstring promises.

The documentation includes these files (pymdownx.snippets), and the README carries
examples/minimal.py verbatim: a test here holds it to the file. Each app is loaded from
its file and synthesized in this process, with cdktf's Testing, as its ``__main__`` would.
"""

from __future__ import annotations

import base64
import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import pytest

from cognito_access._facts import VERIFY_OUTPUTS
from tests.framework import NAME, Testing
from tests.support import only

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
APPS = (
    "minimal",
    "many_teams",
    "custom_domain",
    "branded_login",
    "protected_application",
    "adopting",
    "production",
)

pytestmark = pytest.mark.skipif(NAME != "cdktf", reason="the examples import cdktf's packages")


def synth(app: str) -> dict[str, Any]:
    """Load examples/<app>.py by path and synthesize its Identity stack."""
    spec = importlib.util.spec_from_file_location(f"example_{app}", EXAMPLES / f"{app}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    stack = module.Identity(Testing.app(), "identity")
    parsed: dict[str, Any] = json.loads(Testing.synth(stack))
    return parsed


@pytest.fixture(scope="module")
def synthesized() -> dict[str, dict[str, Any]]:
    return {app: synth(app) for app in APPS}


def test_every_example_app_is_tested() -> None:
    assert sorted(path.stem for path in EXAMPLES.glob("*.py")) == sorted(APPS)


def test_minimal_declares_one_login_method_on_a_prefix_domain(
    synthesized: dict[str, dict[str, Any]],
) -> None:
    resources = synthesized["minimal"]["resource"]
    domain = only(resources["aws_cognito_user_pool_domain"])
    assert domain["domain"] == "acme-login"
    assert "certificate_arn" not in domain
    idp = only(resources["cloudflare_zero_trust_access_identity_provider"])
    assert idp["account_id"] == "0123456789abcdef0123456789abcdef"
    assert idp["config"]["client_secret"].startswith("${aws_cognito_user_pool_client.")


def test_many_teams_share_one_domain_with_a_client_and_login_method_each(
    synthesized: dict[str, dict[str, Any]],
) -> None:
    resources = synthesized["many_teams"]["resource"]
    assert len(resources["aws_cognito_user_pool_domain"]) == 1
    clients = resources["aws_cognito_user_pool_client"].values()
    assert sorted(url for client in clients for url in client["callback_urls"]) == [
        "https://acme.cloudflareaccess.com/cdn-cgi/access/callback",
        "https://beta.cloudflareaccess.com/cdn-cgi/access/callback",
    ]
    idps = resources["cloudflare_zero_trust_access_identity_provider"].values()
    assert sorted(idp["account_id"] for idp in idps) == [
        "0123456789abcdef0123456789abcdef",
        "fedcba9876543210fedcba9876543210",
    ]


def test_custom_domain_declares_its_cname_and_managed_login(
    synthesized: dict[str, dict[str, Any]],
) -> None:
    resources = synthesized["custom_domain"]["resource"]
    domain = only(resources["aws_cognito_user_pool_domain"])
    assert domain["domain"] == "login.example.com"
    assert domain["certificate_arn"].startswith("arn:aws:acm:us-east-1:")
    assert domain["managed_login_version"] == 2
    record = only(resources["cloudflare_dns_record"])
    assert record["name"] == "login.example.com"
    assert record["type"] == "CNAME"
    assert record["zone_id"] == "00112233445566778899aabbccddeeff"
    assert "${aws_cognito_user_pool_domain." in record["content"]
    assert len(resources["aws_cognito_managed_login_branding"]) == 1


def test_branded_login_sends_the_settings_and_the_logo_from_their_files(
    synthesized: dict[str, dict[str, Any]],
) -> None:
    branding = only(synthesized["branded_login"]["resource"]["aws_cognito_managed_login_branding"])
    settings = json.loads((EXAMPLES / "branding" / "settings.json").read_text(encoding="utf-8"))
    assert json.loads(branding["settings"]) == settings
    logo = base64.b64encode((EXAMPLES / "branding" / "logo.png").read_bytes()).decode()
    assert [asset["bytes"] for asset in branding["asset"]] == [logo]


def test_protected_application_lets_in_the_cognito_group_by_reference(
    synthesized: dict[str, dict[str, Any]],
) -> None:
    resources = synthesized["protected_application"]["resource"]
    application = only(resources["cloudflare_zero_trust_access_application"])
    assert application["domain"] == "wiki.example.com"
    include = json.dumps(only(resources["cloudflare_zero_trust_access_policy"])["include"])
    assert "${aws_cognito_user_group." in include
    assert '"on-call"' in include
    assert '"ana@partner.example"' in include
    assert '"contractor.example"' in include
    assert "wiki_aud" in synthesized["protected_application"]["output"]


def test_adopting_imports_the_domain_the_client_and_the_login_method(
    synthesized: dict[str, dict[str, Any]],
) -> None:
    imports = {
        block["to"].split(".")[0]: block["id"] for block in synthesized["adopting"]["import"]
    }
    assert imports == {
        "aws_cognito_user_pool_domain": "acme-login",
        "aws_cognito_user_pool_client": "eu-west-1_AbC123/4example0client0id",
        "cloudflare_zero_trust_access_identity_provider": (
            "accounts/0123456789abcdef0123456789abcdef/f174e90a-fafe-4643-bbbc-4a0ed4fc8415"
        ),
    }
    assert "aws_cognito_user_pool" not in synthesized["adopting"]["resource"]


def test_production_keeps_locked_encrypted_state_and_the_outputs_verify_reads(
    synthesized: dict[str, dict[str, Any]],
) -> None:
    stack = synthesized["production"]
    backend = stack["terraform"]["backend"]["s3"]
    assert backend["encrypt"] is True
    assert backend["use_lockfile"] is True
    assert backend["region"] == "eu-west-1"
    assert [provider["region"] for provider in stack["provider"]["aws"]] == ["eu-west-1"]
    assert sorted(stack["output"]) == sorted(output.name for output in VERIFY_OUTPUTS)


def test_the_readme_example_is_examples_minimal_verbatim() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.DOTALL)
    assert (EXAMPLES / "minimal.py").read_text(encoding="utf-8") in blocks
