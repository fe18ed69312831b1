"""SQLite has one writer. A burst of orders in one process queues in the unit of work's
write queue, in arrival order, instead of sleeping in SQLite's busy handler (whose backoff
left the unlucky writers waiting seconds): every order is placed, and none waits long."""

from __future__ import annotations

import threading
import time

import pytest

from backend.adapters.database import WriteQueue, make_engine, write_queue
from backend.adapters.payments import SimulatedGateway
from tests.threads import wait_until

SQLITE_ONLY = pytest.mark.parametrize(
    "store", [pytest.param("sqlite", id="sqlite", marks=pytest.mark.sqlite)], indirect=True)
BURST = 50
# Generous: in turn, the burst's 50 orders take about 50 x HOLD_S = 1 s; writers left to
# SQLite's busy handler poll at up to 100 ms apart in no order, so the last waited longer.
MAX_WAIT_S = 5.0
HOLD_S = 0.02  # each order holds the write lock this long, as a slow payment gateway does


class SlowGateway(SimulatedGateway):
    def charge(self, **kwargs):
        time.sleep(HOLD_S)  # inside the order's write transaction (R12.1: charged last)
        return super().charge(**kwargs)


@SQLITE_ONLY
def test_a_burst_of_orders_is_placed_in_turn_without_a_long_wait(app):
    accounts = [app.worked_example_account() for _ in range(BURST)]
    barrier = threading.Barrier(BURST)
    took: list[float | None] = [None] * BURST
    failed: list[BaseException] = []
    gateway = SlowGateway()

    def buyer(i: int) -> None:
        uow = app.backend.uow()
        barrier.wait()
        started = time.perf_counter()
        try:
            placed = app.place(accounts[i].who, key=f"burst-{i}", uow=uow,
                               gateway=gateway)
            assert placed.created
        except BaseException as exc:  # noqa: BLE001 - reported below
            failed.append(exc)
        took[i] = time.perf_counter() - started

    threads = [threading.Thread(target=buyer, args=(i,)) for i in range(BURST)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not failed, failed[:3]
    assert all(t is not None for t in took)
    assert len(app.rows("orders")) == BURST
    assert max(took) < MAX_WAIT_S, sorted(took)[-5:]


def test_writers_are_served_in_arrival_order():
    queue = WriteQueue()
    queue.acquire()  # held, so the others line up
    served: list[int] = []

    def writer(i: int) -> None:
        with queue:
            served.append(i)

    threads = []
    for i in range(10):
        t = threading.Thread(target=writer, args=(i,))
        t.start()
        threads.append(t)
        wait_until(lambda: len(queue._waiters) >= i + 1)  # noqa: B023 - it has lined up
    queue.release()
    for t in threads:
        t.join(timeout=10)
    assert served == list(range(10))


def test_the_queue_is_reentrant_for_its_holder():
    queue = WriteQueue()
    with queue, queue:
        pass
    with queue:  # free again
        pass


def test_one_queue_per_sqlite_file_none_on_postgres(tmp_path):
    a = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    b = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    c = make_engine(f"sqlite:///{tmp_path / 'c.db'}")
    assert write_queue(a) is write_queue(b)
    assert write_queue(a) is not write_queue(c)
    pg = make_engine("postgresql+psycopg://someone@127.0.0.1:1/x")  # never connects
    assert write_queue(pg) is None


@SQLITE_ONLY
def test_a_use_case_writing_waits_in_the_queue_while_another_writer_holds_it(app):
    """The unit of work takes the database file's queue before it begins: while someone
    else holds the queue, an order waits there, although SQLite itself is free."""
    acct = app.worked_example_account()
    queue = write_queue(app.backend.engine)
    placed = threading.Event()

    def place() -> None:
        app.place(acct.who)
        placed.set()

    queue.acquire()
    writer = threading.Thread(target=place)
    try:
        writer.start()
        wait_until(lambda: queue._waiters or placed.is_set(),  # noqa: SLF001 - its own state
                   what="the order neither waited nor went through")
        assert not placed.is_set(), "the order went ahead while the queue was held"
    finally:
        queue.release()
    writer.join(timeout=30)
    assert placed.is_set()
