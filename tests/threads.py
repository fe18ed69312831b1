"""Waiting for a test's threads: one deadline for all of them, not one per thread.

Joined one by one with a timeout each, N stuck threads keep a test waiting N times the
timeout (12 threads x 60 s: twelve minutes) before it can say "stuck"; a deadlock put in
on purpose (a mutation run's mutant of the write queue) then costs that much per mutant."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable


def join_all(threads: Iterable[threading.Thread], within_s: float) -> list[threading.Thread]:
    """Waits until every thread has ended or `within_s` seconds have passed; returns those
    still running."""
    threads = list(threads)
    deadline = time.monotonic() + within_s
    for t in threads:
        t.join(timeout=max(0.0, deadline - time.monotonic()))
    return [t for t in threads if t.is_alive()]
