"""Waiting in tests: for threads against one deadline for all of them, not one per thread;
for a condition, checked until it holds or the deadline passes.

Joined one by one with a timeout each, N stuck threads keep a test waiting N times the
timeout (12 threads x 60 s: twelve minutes) before it can say "stuck"; a deadlock put in
on purpose (a mutation run's mutant of the write queue) then costs that much per mutant."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable


def join_all(threads: Iterable[threading.Thread], within_s: float) -> list[threading.Thread]:
    """Waits until every thread has ended or `within_s` seconds have passed; returns those
    still running."""
    threads = list(threads)
    deadline = time.monotonic() + within_s
    for t in threads:
        t.join(timeout=max(0.0, deadline - time.monotonic()))
    return [t for t in threads if t.is_alive()]


def wait_until(condition: Callable[[], object], within_s: float = 30.0,
               what: str = "not ready before the deadline") -> None:
    """Checks `condition` every millisecond until it holds; fails with `what` if it still
    does not after `within_s` seconds."""
    deadline = time.monotonic() + within_s
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.001)
