"""Helpers shared by the tests: synthesizing a stack and reading its JSON."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

from hypothesis import HealthCheck, given, settings

from cognito_access import LoginDomain
from tests.framework import TerraformStack, Testing
from tests.provider_facts import Fact, load, violations

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from hypothesis import strategies as st

CONSTRUCTS = Path(__file__).resolve().parent.parent / "constructs"


def modules_after(imports: str) -> list[str]:
    """The modules a fresh interpreter holds after ``imports``, the package from its source."""
    probe = f"{imports}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(  # noqa: S603 - this interpreter, with a fixed program
        [sys.executable, "-c", probe],
        env={**os.environ, "PYTHONPATH": str(CONSTRUCTS)},
        capture_output=True,
        text=True,
        check=True,
    )
    modules: list[str] = json.loads(result.stdout)
    return modules


# Valid inputs for the construct, as a user would write them (a literal pool id).
EXAMPLE: dict[str, Any] = {
    "user_pool_id": "eu-west-1_AbC123",
    "domain": LoginDomain.prefix("acme-login"),
    "team_name": "acme",
    "cloudflare_account_id": "0123456789abcdef0123456789abcdef",
}


T = TypeVar("T")


class Items(Sequence[T]):
    """A sequence that is neither a list nor a tuple, as a user's own collection may be."""

    def __init__(self, items: list[T]) -> None:
        """Hold ``items``."""
        self._items = items

    def __len__(self) -> int:
        """How many items."""
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Items[T]: ...
    def __getitem__(self, index: int | slice) -> T | Items[T]:
        """An item, or a slice as another ``Items``."""
        if isinstance(index, slice):
            return Items(self._items[index])
        return self._items[index]


def synth_stack(build: Callable[[TerraformStack], object]) -> dict[str, Any]:
    """Synthesize a fresh test stack after ``build`` declared into it; return the parsed JSON."""
    stack = TerraformStack(Testing.app(), "test")
    build(stack)
    parsed: dict[str, Any] = json.loads(Testing.synth(stack))
    return parsed


@functools.cache
def provider_facts() -> dict[tuple[str, str], Fact]:
    """The provider facts table (tests/provider_facts.toml), read once."""
    return load()


def assert_follows_provider_facts(synth: Mapping[str, Any], *, skip: Sequence[str] = ()) -> None:
    """Every argument the stack sets has a row in the provider facts table, and none breaks it.

    ``skip``: resource types the test itself declares, not the package or the example app.
    """
    found = violations(synth, provider_facts(), skip=skip)
    assert not found, "the stack breaks the provider facts table:\n" + "\n".join(found)


def only(resources: Mapping[str, Any]) -> Any:  # noqa: ANN401 - synthesized JSON is untyped
    """The single value of a mapping of Terraform addresses to resources."""
    assert len(resources) == 1, f"expected exactly one, got {sorted(resources)}"
    return next(iter(resources.values()))


# The user property under which a property-based test records how many examples it ran;
# tests/conftest.py adds them up (from every worker) and prints them at the session's end.
EXAMPLES_PROPERTY = "hypothesis_examples"


# Examples per property-based test, by $HYPOTHESIS_PROFILE: ``make test`` and ``make unit``
# run the full number on cdktf; ``make test-fast`` ("fast") and the second framework's run
# (``make unit-cdktn``, "second-framework") run fewer, for time (tests/README.md).
EXAMPLES_BY_PROFILE: dict[str, int] = {"default": 30, "second-framework": 10, "fast": 5}
PROFILE_ENV = "HYPOTHESIS_PROFILE"


def examples_per_test() -> int:
    """The examples each property-based test runs under $HYPOTHESIS_PROFILE (30 if unset)."""
    profile = os.environ.get(PROFILE_ENV, "default")
    if profile not in EXAMPLES_BY_PROFILE:
        msg = f"{PROFILE_ENV} must be one of {sorted(EXAMPLES_BY_PROFILE)}; got {profile!r}"
        raise ValueError(msg)
    return EXAMPLES_BY_PROFILE[profile]


def run_examples(
    values: st.SearchStrategy[Any],
    check: Callable[[Any], None],
    record_property: Callable[[str, object], None],
) -> None:
    """Run ``check`` on up to ``examples_per_test()`` examples of ``values`` (30 by default).

    Each example has a 10 s deadline. The number of examples run is recorded under
    ``EXAMPLES_PROPERTY``, failing or not.
    """
    examples = 0

    @settings(
        max_examples=examples_per_test(),
        deadline=timedelta(seconds=10),
        suppress_health_check=[HealthCheck.too_slow],
        database=None,
    )
    @given(value=values)
    def run(value: object) -> None:
        nonlocal examples
        examples += 1
        check(value)

    try:
        run()
    finally:
        record_property(EXAMPLES_PROPERTY, examples)
