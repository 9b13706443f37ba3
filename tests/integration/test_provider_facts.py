"""The provider facts table against the mirror's hashicorp/aws 5.100.0 itself.

- Presence and Sensitive: each AWS row whose resource type the mirror's provider has is
  compared with ``terraform providers schema -json`` (Required; Optional; Optional and
  Computed; Sensitive), and every argument that schema requires, in an object the table
  covers, has a row. The schema is read once (cached under pytest's tmp dir), from the
  same initialized workspace the ForceNew plan runs in.
- ForceNew: one ``terraform plan -refresh=false`` of a state written here against a
  configuration that changes every argument the table covers (the example app's stack
  with a custom domain, managed login, a created pool and its groups; references replaced
  by literals). The plan's ``replace_paths`` must be exactly the rows whose ``force_new``
  is true. A second domain, created as a prefix domain, is planned with a certificate:
  the row's "when ..." (unset to set) must replace it. No emulator is needed: nothing is
  refreshed or applied.

Not covered here: ``aws_cognito_managed_login_branding`` (not in 5.100.0; its presence is
checked against the bindings in tests/test_provider_facts.py, its ForceNew read from the
source) and every Cloudflare resource (no provider binary offline).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
from cdktf import Testing

import main
from tests.integration.harness import Workspace
from tests.provider_facts import Fact, load

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.terraform

AWS = "registry.terraform.io/hashicorp/aws"
FACTS = load()
CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
POOL_ID = "eu-west-1_Probe1"
# The example app with every resource type and argument the mirror's provider can show.
APP_SETTINGS = {
    "COGNITO_CUSTOM_DOMAIN": "login.acme.example",
    "COGNITO_CERTIFICATE_ARN": CERTIFICATE,
    "COGNITO_MANAGED_LOGIN": "1",
    "PROTECTED_APP_DOMAIN": "app.acme.example",
    "PROTECTED_APP_GROUPS": "engineering",
}
# Arguments the table covers that the example app does not set (yet): probed all the same.
EXTRA: dict[str, dict[str, Any]] = {
    "aws_cognito_user_pool_client": {
        "logout_urls": ["https://acme.example/bye"],
        "write_attributes": ["email"],  # issue 18 (finding 5) leaves it out of the client
    },
    "aws_cognito_user_pool": {
        "user_attribute_update_settings": {
            "attributes_require_verification_before_update": ["email"]
        },
        "user_pool_tier": "ESSENTIALS",
    },
}
PROVIDER = {
    "region": "eu-west-1",
    "access_key": "probe",
    "secret_key": "probe",
    "skip_credentials_validation": True,
    "skip_requesting_account_id": True,
    "skip_metadata_api_check": True,
    "skip_region_validation": True,
}


@pytest.fixture(scope="module")
def probe_workspace(
    tmp_path_factory: pytest.TempPathFactory,
    cli_config: Path,
    aws_version: str,
    probe_config: dict[str, dict[str, dict[str, Any]]],
) -> Workspace:
    """A workspace with the ForceNew probe's configuration, initialized from the mirror."""
    workspace = Workspace(tmp_path_factory.mktemp("provider-facts"), cli_config)
    workspace.write({**pin(aws_version), "provider": {"aws": [PROVIDER]}, "resource": probe_config})
    workspace.terraform("init", "-input=false")
    return workspace


@pytest.fixture(scope="module")
def aws_schema(probe_workspace: Workspace) -> dict[str, Any]:
    """The resource schemas of the mirror's hashicorp/aws, from ``terraform providers schema``.

    Read once (the provider's init is the probe's), kept as schema.json in the tmp dir.
    """
    cached = probe_workspace.directory / "schema.json"
    if not cached.exists():
        cached.write_text(probe_workspace.terraform("providers", "schema", "-json").stdout, "utf-8")
    schemas: dict[str, Any] = json.loads(cached.read_text("utf-8"))["provider_schemas"][AWS]
    return dict(schemas["resource_schemas"])


def pin(aws_version: str) -> dict[str, Any]:
    return {
        "terraform": {
            "required_providers": {"aws": {"source": "hashicorp/aws", "version": aws_version}}
        }
    }


def aws_rows(schemas: dict[str, Any]) -> dict[tuple[str, str], Fact]:
    """The rows of resource types the mirror's provider has."""
    return {key: fact for key, fact in FACTS.items() if key[0] in schemas}


def schema_of(block: dict[str, Any], path: str) -> tuple[str, dict[str, Any]] | None:
    """("attribute", its schema) or ("block", its block type) at ``path``, or None."""
    *parents, name = path.split(".")
    for parent in parents:
        if parent in block.get("block_types", {}):
            block = block["block_types"][parent]["block"]
        elif "nested_type" in block.get("attributes", {}).get(parent, {}):
            block = block["attributes"][parent]["nested_type"]
        else:
            return None
    if name in block.get("attributes", {}):
        return "attribute", block["attributes"][name]
    if name in block.get("block_types", {}):
        return "block", block["block_types"][name]
    return None


def presence_of(kind: str, entry: dict[str, Any]) -> str:
    if kind == "block":
        return "required" if entry.get("min_items", 0) >= 1 else "optional"
    if entry.get("required"):
        return "required"
    return "optional+computed" if entry.get("computed") else "optional"


def test_the_mirror_has_the_aws_resource_types_but_the_branding(aws_schema: dict[str, Any]) -> None:
    aws_types = {kind for kind, _ in FACTS if kind.startswith("aws_")}
    assert aws_types - set(aws_schema) == {"aws_cognito_managed_login_branding"}


def test_presence_and_sensitivity_agree_with_the_providers_schema(
    aws_schema: dict[str, Any],
) -> None:
    disagreements = []
    for (kind, path), fact in sorted(aws_rows(aws_schema).items()):
        found = schema_of(aws_schema[kind]["block"], path)
        if found is None:
            disagreements.append(f"{kind}.{path}: not in the provider's schema")
            continue
        entry_kind, entry = found
        said = (presence_of(entry_kind, entry), bool(entry.get("sensitive")))
        if said != (fact.presence, fact.sensitive):
            disagreements.append(f"{kind}.{path}: the schema says {said}, the table {fact}")
    assert disagreements == []


def test_every_argument_the_schema_requires_in_a_covered_object_has_a_row(
    aws_schema: dict[str, Any],
) -> None:
    missing = []
    for kind in {kind for kind, _ in aws_rows(aws_schema)}:
        objects = [""] + [path for k, path in FACTS if k == kind]
        for parent in objects:
            block = aws_schema[kind]["block"] if not parent else _block_at(aws_schema[kind], parent)
            if block is None:  # a plain attribute, not an object
                continue
            prefix = f"{parent}." if parent else ""
            required = [
                name for name, entry in block.get("attributes", {}).items() if entry.get("required")
            ] + [
                name
                for name, entry in block.get("block_types", {}).items()
                if entry.get("min_items", 0) >= 1
            ]
            missing += [
                f"{kind}.{prefix}{name}" for name in required if (kind, prefix + name) not in FACTS
            ]
    assert missing == []


def _block_at(schema: dict[str, Any], path: str) -> dict[str, Any] | None:
    found = schema_of(schema["block"], path)
    if found is None:
        return None
    kind, entry = found
    if kind == "block":
        return dict(entry["block"])
    nested = entry.get("nested_type")
    return dict(nested) if nested else None


def literal(name: str, value: Any) -> Any:  # noqa: ANN401 - synthesized JSON
    """``value`` with every reference replaced by a literal Terraform knows at plan."""
    if isinstance(value, str) and "${" in value:
        return POOL_ID if name.endswith("user_pool_id") else "probe"
    if isinstance(value, dict):
        return {key: literal(key, item) for key, item in value.items()}
    if isinstance(value, list):
        return [literal(name, item) for item in value]
    return value


def changed(kind: str, path: str, value: Any) -> Any:  # noqa: ANN401 - synthesized JSON
    """A different value of the same type, as a state written before a change would hold.

    Another allowed value where the table lists them (the provider decodes enums in state);
    a block (an object in the configuration) is a list of one object in state.
    """
    rules = FACTS[(kind, path)].rules
    if isinstance(value, dict):
        value = [value]
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [
            {key: changed(kind, f"{path}.{key}", item) for key, item in element.items()}
            for element in value
        ]
    if isinstance(value, list):
        others = [item for item in rules.get("item_values", ["old"]) if item not in value]
        return [*value, *others[:1]] if others else []
    if isinstance(value, bool):
        return not value
    if isinstance(value, str):
        others = [item for item in rules.get("values", [f"{value}-old"]) if item != value]
        return others[0]
    return value + 1 if isinstance(value, int | float) else value


@pytest.fixture(scope="module")
def probe_config() -> dict[str, dict[str, dict[str, Any]]]:
    """The example app's AWS resources with literals for references, and the EXTRA arguments."""
    synth = json.loads(Testing.synth(main.build(Testing.app(), APP_SETTINGS)))
    resources: dict[str, dict[str, dict[str, Any]]] = {}
    for kind, instances in synth["resource"].items():
        if not kind.startswith("aws_") or kind == "aws_cognito_managed_login_branding":
            continue
        name, arguments = min(instances.items())
        kept = {key: value for key, value in arguments.items() if key not in _META}
        resources[kind] = {name: {**literal("", kept), **EXTRA.get(kind, {})}}
    (domain,) = resources["aws_cognito_user_pool_domain"].values()
    resources["aws_cognito_user_pool_domain"]["from_prefix"] = dict(domain)
    return resources


_META = frozenset(("//", "lifecycle", "depends_on", "provider", "count", "for_each"))


def leaf_paths(arguments: dict[str, Any], prefix: str = "") -> set[str]:
    found: set[str] = set()
    for key, value in arguments.items():
        found.add(prefix + key)
        elements = [value] if isinstance(value, dict) else value if isinstance(value, list) else []
        for element in elements:
            if isinstance(element, dict):
                found |= leaf_paths(element, f"{prefix}{key}.")
    return found


def test_the_probe_sets_every_argument_the_table_covers_for_the_mirrors_types(
    aws_schema: dict[str, Any], probe_config: dict[str, dict[str, dict[str, Any]]]
) -> None:
    covered = {(kind, path) for kind, path in aws_rows(aws_schema)}
    probed = {
        (kind, path)
        for kind, instances in probe_config.items()
        for arguments in instances.values()
        for path in leaf_paths(arguments)
    }
    assert covered - probed == set(), "add a value for these to EXTRA"


@pytest.fixture(scope="module")
def replace_paths(
    probe_workspace: Workspace,
    aws_schema: dict[str, Any],
    probe_config: dict[str, dict[str, dict[str, Any]]],
) -> dict[str, set[str]]:
    """The paths the plan says force replacement, by resource address."""
    workspace = probe_workspace
    instances = []
    for kind, named in probe_config.items():
        for name, arguments in named.items():
            state = {key: changed(kind, key, value) for key, value in arguments.items()}
            if name == "from_prefix":  # the same domain, created without a certificate
                state = {**arguments, "certificate_arn": ""}
            instances.append(
                {
                    "mode": "managed",
                    "type": kind,
                    "name": name,
                    "provider": f'provider["{AWS}"]',
                    "instances": [
                        {
                            "schema_version": aws_schema[kind].get("version", 0),
                            "attributes": {**state, "id": f"{name}-id"},
                        }
                    ],
                }
            )
    state_file = {"version": 4, "serial": 1, "lineage": "probe", "outputs": {}}
    (workspace.directory / "terraform.tfstate").write_text(
        json.dumps({**state_file, "terraform_version": "1.9.0", "resources": instances}), "utf-8"
    )
    workspace.terraform("plan", "-refresh=false", "-out=tfplan")
    plan = json.loads(workspace.terraform("show", "-json", "tfplan").stdout)
    return {
        change["address"]: {
            ".".join(str(part) for part in path if not isinstance(part, int))
            for path in change["change"].get("replace_paths") or []
        }
        for change in plan["resource_changes"]
    }


def test_exactly_the_force_new_rows_replace_a_resource(
    replace_paths: dict[str, set[str]], probe_config: dict[str, dict[str, dict[str, Any]]]
) -> None:
    for kind, named in probe_config.items():
        for name, arguments in named.items():
            if name == "from_prefix":
                continue
            expected = {
                path for path in leaf_paths(arguments) if FACTS[(kind, path)].force_new is True
            }
            assert replace_paths[f"{kind}.{name}"] == expected, f"{kind}.{name}"


def test_a_prefix_domain_given_a_certificate_is_replaced_as_its_row_says(
    replace_paths: dict[str, set[str]],
) -> None:
    assert FACTS[("aws_cognito_user_pool_domain", "certificate_arn")].force_new.startswith(  # type: ignore[union-attr]  # a sentence here
        "when it changes between unset and set"
    )
    assert replace_paths["aws_cognito_user_pool_domain.from_prefix"] == {"certificate_arn"}
