"""The tiers: a fast test cannot use a slow fixture, start a process or be an integration test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import support, tiers

HERE = Path(__file__)
INTEGRATION_TEST = tiers.INTEGRATION / "test_stacks.py"


def test_a_test_without_slow_fixtures_or_markers_is_fast() -> None:
    assert tiers.tier_of(HERE, ["tmp_path", "monkeypatch"], set()) == tiers.FAST


@pytest.mark.parametrize("fixture", sorted(tiers.SLOW_FIXTURES))
def test_a_test_using_a_slow_fixture_is_not_fast(fixture: str) -> None:
    assert tiers.tier_of(HERE, ["tmp_path", fixture], set()) == tiers.PROCESS


@pytest.mark.parametrize("fixture", sorted(tiers.SLOW_FIXTURES))
def test_a_test_marked_fast_cannot_use_a_slow_fixture(fixture: str) -> None:
    with pytest.raises(tiers.TierError, match=f"a fast test .* but it uses {fixture}"):
        tiers.tier_of(HERE, [fixture], {tiers.FAST})


def test_a_test_under_integration_is_a_terraform_test() -> None:
    assert tiers.tier_of(INTEGRATION_TEST, [], set()) == tiers.TERRAFORM
    with pytest.raises(tiers.TierError, match="it is a terraform test"):
        tiers.tier_of(INTEGRATION_TEST, [], {tiers.FAST})


def test_a_marked_tier_is_kept() -> None:
    assert tiers.tier_of(HERE, [], {tiers.PROCESS}) == tiers.PROCESS
    assert tiers.tier_of(HERE, [], {tiers.TERRAFORM}) == tiers.TERRAFORM


def test_this_test_is_marked_fast(request: pytest.FixtureRequest) -> None:
    assert request.node.get_closest_marker(tiers.FAST) is not None


def test_a_fast_test_cannot_start_a_process() -> None:
    with pytest.raises(tiers.RefusedProcessError, match="mark its module or test"):
        subprocess.run([sys.executable, "-c", "pass"], check=False)
    with pytest.raises(tiers.RefusedProcessError, match=r"os\.system"):
        os.system("true")  # noqa: S605, S607 - refused before it runs


@pytest.mark.process
def test_a_process_test_may_start_one() -> None:
    result = subprocess.run([sys.executable, "-c", "print(1)"], capture_output=True, check=True)
    assert result.stdout.strip() == b"1"


def test_jsii_may_start_its_runtime_in_a_fast_test() -> None:
    assert tiers._started_by_jsii("jsii._kernel.providers.process")
    assert not tiers._started_by_jsii("tests.workflow_runs")
    assert not tiers._started_by_jsii("jsiix")


def test_a_spread_modules_tests_are_scheduled_one_by_one_and_others_by_module() -> None:
    spread = "tests/integration/test_stacks.py::test_two_teams"
    assert tiers.scope_of(spread, "tests/integration/test_stacks.py") == spread
    other = "tests/integration/test_review.py::test_pkce"
    assert tiers.scope_of(other, "tests/integration/test_review.py") == (
        "tests/integration/test_review.py"
    )


def test_the_longest_modules_start_first_in_their_order() -> None:
    lifecycle = "tests/integration/test_lifecycle.py::test_the_adopted_client"
    stacks = "tests/integration/test_stacks.py::test_two_teams"
    other = "tests/test_urls.py::test_x"
    assert tiers.start_rank(lifecycle) < tiers.start_rank(stacks) < tiers.start_rank(other)


def test_every_longest_module_exists() -> None:
    root = Path(__file__).resolve().parent.parent
    assert [module for module in tiers.LONGEST_FIRST if not (root / module).is_file()] == []


def test_the_collection_starts_with_the_longest_module(request: pytest.FixtureRequest) -> None:
    """With the longest module collected, its tests come first (make test, make integration)."""
    items = request.session.items
    if not any(item.nodeid.startswith(tiers.LONGEST_FIRST[0]) for item in items):
        pytest.skip(f"{tiers.LONGEST_FIRST[0]} is not collected")
    assert items[0].nodeid.startswith(tiers.LONGEST_FIRST[0])


def test_modules_sharing_a_session_synthesis_are_scheduled_as_one() -> None:
    synth = "tests/test_accelerator_synth.py::test_x"
    wheel = "tests/test_wheel.py::test_y"
    assert tiers.scope_of(synth, "tests/test_accelerator_synth.py") == tiers.scope_of(
        wheel, "tests/test_wheel.py"
    )
    switch = "tests/integration/test_switch.py::test_z"
    assert tiers.scope_of(switch, "tests/integration/test_switch.py") == tiers.scope_of(
        "tests/test_switch.py::test_w", "tests/test_switch.py"
    )


# The session fixtures built on each shared one (tests/conftest.py).
BUILT_ON = {"eager_main": ("eager_main",), "switch_synths": ("switch_synths", "switch_stacks")}


def test_each_shared_scope_names_a_session_fixture_its_modules_use() -> None:
    root = Path(__file__).resolve().parent.parent
    for module, fixture in tiers.SHARED_SCOPES.items():
        assert fixture in tiers.SLOW_FIXTURES
        source = (root / module).read_text("utf-8")
        assert any(name in source for name in BUILT_ON[fixture]), module


@pytest.mark.parametrize(
    ("profile", "examples"), [(None, 30), ("fast", 5), ("second-framework", 10)]
)
def test_the_property_examples_follow_the_hypothesis_profile(
    monkeypatch: pytest.MonkeyPatch, profile: str | None, examples: int
) -> None:
    """`make test` keeps 30 examples per parameter on cdktf; test-fast and cdktn run fewer."""
    if profile is None:
        monkeypatch.delenv(support.PROFILE_ENV, raising=False)
    else:
        monkeypatch.setenv(support.PROFILE_ENV, profile)
    assert support.examples_per_test() == examples


def test_an_unknown_hypothesis_profile_is_refused_naming_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(support.PROFILE_ENV, "quick")
    with pytest.raises(ValueError, match=r"HYPOTHESIS_PROFILE.*'quick'"):
        support.examples_per_test()
