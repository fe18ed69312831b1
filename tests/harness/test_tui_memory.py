"""The collector around TUI scenarios (steps/drivers/tui_memory.py)."""

from __future__ import annotations

import gc

import pytest

from steps.drivers import tui_memory


@pytest.fixture
def collector(monkeypatch):
    """The module as a fresh process sees it, with gc's freeze and collect recorded instead
    of done (the test process's own collector is left as it was)."""
    calls: list[str] = []
    monkeypatch.setattr(tui_memory, "_finished", 0)
    monkeypatch.setattr(tui_memory, "_thresholds", None)
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "collect", lambda *generation: calls.append("collect") or 0)
    before = gc.get_threshold()
    yield calls
    gc.set_threshold(*before)


def test_no_full_pass_starts_while_a_scenario_runs(collector):
    young, middle, full = gc.get_threshold()
    tui_memory.scenario_started()
    assert gc.get_threshold() == (young, middle, tui_memory.NO_FULL_PASS)
    tui_memory.scenario_finished()
    assert gc.get_threshold() == (young, middle, full)


def test_the_first_scenario_freezes_what_lives_on_then_a_full_pass_every_few(collector):
    for _ in range(2 * tui_memory.FULL_PASS_EVERY):
        tui_memory.scenario_started()
        tui_memory.scenario_finished()
    # the first: a pass, then the survivors frozen; then one pass per FULL_PASS_EVERY
    assert collector == ["collect", "freeze", "collect", "collect"]
