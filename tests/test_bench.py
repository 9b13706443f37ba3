"""``make bench`` can run: its child process synthesizes main.py as ``python main.py`` does.

One lazy run of ``bench/synth_once.py`` in a fresh process (the accelerator as installed
in ``.venv``); no time is measured or asserted here, the benchmark itself does that.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from tests.conftest import OPT_OUT_ENV, ROOT

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.process
def test_the_benchmark_child_synthesizes_main_py_and_reports_its_peaks(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    env = {k: v for k, v in os.environ.items() if k not in {OPT_OUT_ENV, "PYTHONPATH"}}
    command = [sys.executable, str(ROOT / "bench" / "synth_once.py"), "lazy", "main", "0"]
    result = subprocess.run(  # noqa: S603 - the benchmark's own child, fixed arguments
        [*command, str(report)],
        env={**env, "CDKTF_OUTDIR": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,  # bench/ is sys.path[0] wherever it runs, as under make bench
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "stacks" / "cognito-access" / "cdk.tf.json").is_file()
    assert set(json.loads(report.read_text(encoding="utf-8"))) == {
        "python_peak_mib",
        "node_peak_mib",
    }
