"""The arithmetic of bench/suite.py and bench/flaky.py."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from flaky import changed  # noqa: E402
from pytest_runs import percentile  # noqa: E402


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.95) == 95.0
    assert percentile(values, 0.5) == 50.0
    assert percentile([3.0], 0.95) == 3.0
    assert percentile([1.0, 2.0], 0.95) == 2.0


def test_a_scenario_that_changed_or_went_missing_is_listed() -> None:
    runs = [{"a": "passed", "b": "failed", "c": "passed"},
            {"a": "passed", "b": "failed", "c": "failed"},
            {"a": "passed", "b": "failed"}]
    assert changed(runs) == {"c": ["passed", "failed", "absent"]}
    assert changed([{"a": "passed"}] * 3) == {}
    assert changed([]) == {}
