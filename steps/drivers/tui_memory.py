"""The garbage collector around a TUI scenario.

A TUI scenario runs a whole Textual app inside the test process, beside pytest, the backend
and everything they imported: some 400,000 objects the collector tracks. Textual makes and
drops objects by the hundred thousand (a strip per line drawn, five small caches each), so
the collector's full passes came every second or so and each walked every object: 28 s of
a 93 s run of 43 tui scenarios (measured with gc.callbacks).

So, as `billing-center tui` does once its first frame is drawn: what is alive after the
first scenario (modules, their caches) is frozen, out of the collector's sight; while a
scenario runs no full pass starts (the young generations are still collected); and every
few scenarios one full pass frees what the finished apps left behind, so memory stays
bounded. Between scenarios the process's own thresholds apply again.
"""

from __future__ import annotations

import gc

FULL_PASS_EVERY = 10  # scenarios
NO_FULL_PASS = 1_000_000_000

_finished = 0
_thresholds: tuple[int, int, int] | None = None


def scenario_started() -> None:
    global _thresholds
    if _thresholds is None:
        _thresholds = gc.get_threshold()
    young, middle, _ = _thresholds
    gc.set_threshold(young, middle, NO_FULL_PASS)


def scenario_finished() -> None:
    global _finished
    if _thresholds is not None:
        gc.set_threshold(*_thresholds)
    _finished += 1
    if _finished == 1:
        gc.collect()
        gc.freeze()
    elif _finished % FULL_PASS_EVERY == 0:
        gc.collect()
