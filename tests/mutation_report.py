"""Print the kill rate of the last `mutmut run` (make mutation), in total and by file.

Reads mutmut's result files (``mutants/**/*.py.meta``). A mutant counts as killed when a
test failed or timed out on it; a mutant no fast test reaches ("no tests") counts as
surviving. ``python -m tests.mutation_report`` from the repository root.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

MUTANTS = Path("mutants")
KILLED = {1: "killed", 3: "killed", 36: "timeout", 24: "timeout", -24: "timeout", 152: "timeout"}
SURVIVED = {0: "survived", 5: "no tests", 33: "no tests"}


def outcomes(meta: Path) -> Counter[str]:
    """How many mutants of one file were killed, survived, or were not run."""
    codes = json.loads(meta.read_text("utf-8")).get("exit_code_by_key", {})
    counted: Counter[str] = Counter()
    for code in codes.values():
        if code in KILLED:
            counted["killed"] += 1
        elif code in SURVIVED:
            counted["survived"] += 1
        else:
            counted["not run"] += 1
    return counted


def main() -> int:
    """Print one line per mutated file and the total; 1 when there is nothing to report."""
    metas = sorted(MUTANTS.rglob("*.py.meta"))
    total: Counter[str] = Counter()
    for meta in metas:
        counted = outcomes(meta)
        if not _judged(counted):
            continue
        total += counted
        name = meta.relative_to(MUTANTS).as_posix().removesuffix(".meta")
        line = f"{_rate(counted):>7}  {counted['killed']:4d}/{_judged(counted):<4d}  {name}"
        sys.stdout.write(line + "\n")
    if not total:
        sys.stderr.write("no mutation results: run `make mutation`\n")
        return 1
    sys.stdout.write(
        f"kill rate {_rate(total)}: {total['killed']} of {_judged(total)} mutants killed, "
        f"{total['survived']} survived, {total['not run']} not run\n"
    )
    return 0


def _judged(counted: Counter[str]) -> int:
    return counted["killed"] + counted["survived"]


def _rate(counted: Counter[str]) -> str:
    judged = _judged(counted)
    return f"{100 * counted['killed'] / judged:.1f}%" if judged else "-"


if __name__ == "__main__":
    raise SystemExit(main())
