"""`--splits N --group I` (pytest-split, durations in .test_durations) gives every scenario
to exactly one group, and groups of about equal stored time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPLITS = 3


def _collected(*args: str) -> list[str]:
    run = subprocess.run([sys.executable, "-m", "pytest", "features/test_scenarios.py", "--co",
                          "-q", "-p", "no:cacheprovider", "--driver", "api", *args],
                         cwd=ROOT, env=dict(os.environ), capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    return [line for line in run.stdout.splitlines() if "::" in line]


def test_the_groups_share_the_matrix_out(tmp_path) -> None:
    everything = _collected("--reports", str(tmp_path))
    groups = [_collected("--splits", str(SPLITS), "--group", str(i), "--reports", str(tmp_path))
              for i in range(1, SPLITS + 1)]
    assert sorted(sum(groups, [])) == sorted(everything)
    stored = json.loads((ROOT / ".test_durations").read_text())
    assert set(everything) <= set(stored), "scenarios without a stored duration"
    seconds = [sum(stored[n] for n in group) for group in groups]
    assert max(seconds) <= 1.5 * min(seconds), seconds
