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


def _fake_pytest(outcome: str):
    """Stands for the child pytest: writes a junit.xml with one case in the --reports
    folder the command names, and a scenario artifact beside it."""
    import subprocess

    def run(command, **_kwargs):
        reports = Path(command[command.index("--reports") + 1])
        failure = "<failure message='no'/>" if outcome == "failed" else ""
        (reports / "junit.xml").write_text(
            "<testsuites><testsuite><testcase classname='features.test_scenarios' "
            f"name='test_x[web-en]' time='1.5'>{failure}</testcase></testsuite></testsuites>")
        (reports / "artifacts").mkdir()
        (reports / "artifacts" / "page.png").write_bytes(b"png")
        return subprocess.CompletedProcess(command, 1 if failure else 0, "1 failed", "")

    return run


def test_a_run_with_a_failure_leaves_its_reports_and_output(tmp_path, monkeypatch) -> None:
    import pytest_runs

    monkeypatch.setattr(pytest_runs.subprocess, "run", _fake_pytest("failed"))
    run = pytest_runs.run_suite([], keep_failed=tmp_path / "run-3")
    assert [c.outcome for c in run.cases] == ["failed"]
    assert (tmp_path / "run-3" / "artifacts" / "page.png").read_bytes() == b"png"
    assert (tmp_path / "run-3" / "pytest-output.txt").read_text() == "1 failed"


def test_a_run_where_all_passed_leaves_nothing(tmp_path, monkeypatch) -> None:
    import pytest_runs

    monkeypatch.setattr(pytest_runs.subprocess, "run", _fake_pytest("passed"))
    run = pytest_runs.run_suite([], keep_failed=tmp_path / "run-1")
    assert [c.nodeid for c in run.cases] == ["features/test_scenarios.py::test_x[web-en]"]
    assert not (tmp_path / "run-1").exists()


def test_warming_up_compiles_the_sources_and_lets_pytest_cache_its_rewrites(
        tmp_path, monkeypatch) -> None:
    import pytest_runs

    (tmp_path / "steps").mkdir()
    (tmp_path / "steps" / "cart.py").write_text("X = 1\n")
    seen = []
    monkeypatch.setattr(pytest_runs, "ROOT", tmp_path)
    monkeypatch.setattr(pytest_runs, "PACKAGES", ("steps",))
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setattr(pytest_runs.subprocess, "run",
                        lambda command, **kw: seen.append((command, kw["env"])))
    pytest_runs.warm_up(["--driver", "api"])
    assert list((tmp_path / "steps" / "__pycache__").glob("cart.*.pyc"))
    [(command, env)] = seen
    assert "--collect-only" in command and command[-2:] == ["--driver", "api"]
    assert "PYTHONDONTWRITEBYTECODE" not in env

    pytest_runs.cool_down()
    assert not (tmp_path / "steps" / "__pycache__").exists()
