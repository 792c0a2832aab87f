"""The benchmark still runs (on two tiny generated posts); its figures are not checked here."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_benchmark_runs_quickly() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--quick"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    for heading in ("documents/s", "whole CLI", "start-up", "scaled"):
        assert heading in done.stdout
