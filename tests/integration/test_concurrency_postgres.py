"""Two orders at once for one account (R12.1): the account row is locked (SELECT ... FOR
UPDATE on PostgreSQL, BEGIN IMMEDIATE on SQLite), so exactly one order is placed, one
charge taken, one subscription row made, one credit applied; the other request sees the
emptied cart. Repeated a few rounds so that a race would show."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import event

from backend.adapters.payments import SimulatedGateway
from backend.domain.errors import AlreadySubscribed, CartEmpty
from tests.threads import join_all

D = Decimal
ROUNDS = 5
SQLITE_ONLY = pytest.mark.parametrize(
    "store", [pytest.param("sqlite", id="sqlite", marks=pytest.mark.sqlite)], indirect=True)


class SlowGateway(SimulatedGateway):
    """The simulator, taking its time (while the order's transaction is open) and counting
    the charges it approved."""

    def __init__(self, delay: float):
        self.delay = delay
        self.approved: list = []
        self._lock = threading.Lock()

    def charge(self, **kwargs):
        time.sleep(self.delay)
        result = super().charge(**kwargs)
        with self._lock:
            self.approved.append(result)
        return result


def race(app, acct, gateway, n: int = 2, tag: str = "") -> list:
    """n threads, each with its own unit of work from the same Backend, enter place_order
    together (a barrier) with different idempotency keys; returns each one's outcome."""
    barrier = threading.Barrier(n)
    outcomes: list = [None] * n

    def run(i: int) -> None:
        uow = app.backend.uow()
        barrier.wait()
        try:
            outcomes[i] = app.place(acct.who, key=f"race-{tag}-{i}", gateway=gateway, uow=uow)
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test inspects
            outcomes[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    assert not join_all(threads, within_s=120), "a thread is stuck"
    return outcomes


def check_exactly_one_order(app, acct, outcomes, gateway) -> None:
    placed = [o for o in outcomes if isinstance(o, tuple)]
    refused = [o for o in outcomes if not isinstance(o, tuple)]
    assert len(placed) == 1, outcomes
    assert all(isinstance(r, CartEmpty | AlreadySubscribed) for r in refused), refused
    order, created = placed[0]
    assert created and order.total_due == D("7178.08")
    assert len(gateway.approved) == 1
    assert [c.order_number for c in app.charges(acct)] == [order.number]
    mine = [r for r in app.rows("subscriptions") if r["account_id"] == acct.account_id]
    assert sorted(r["product"] for r in mine) == ["gotomeeting", "gotowebinar"]
    orders = [r for r in app.rows("orders") if r["account_id"] == acct.account_id]
    assert len(orders) == 1
    credits = [r for r in app.rows("order_lines")
               if r["order_id"] == orders[0]["id"] and r["kind"] == "credit"]
    assert [r["amount"] for r in credits] == [D("-20.27")]  # the credit applied once
    assert len(app.emails(acct)) == 1
    out = app.overview(acct.who)
    assert (out.cart_count, out.billing_day) == (0, 26)


def test_r12_1_two_concurrent_orders_exactly_one_wins(app):
    """On both stores: PostgreSQL's row lock, or SQLite's BEGIN IMMEDIATE (the second writer
    waits for the first, then sees the empty cart; never 'database is locked')."""
    for round_ in range(ROUNDS):
        acct = app.worked_example_account()
        gateway = SlowGateway(delay=0.2)
        outcomes = race(app, acct, gateway, tag=str(round_))
        check_exactly_one_order(app, acct, outcomes, gateway)


@SQLITE_ONLY
def test_sqlite_concurrent_writers_queue_instead_of_failing(app):
    """Eight orders for eight accounts at once, each holding the write lock for a while:
    they all go through, one after the other."""
    accounts = [app.account(country="US", cart=[{"product": "logmein-pro", "licenses": 1,
                                                 "term": "monthly"}]) for _ in range(8)]
    gateway = SlowGateway(delay=0.05)
    barrier = threading.Barrier(len(accounts))
    outcomes: list = [None] * len(accounts)

    def run(i: int) -> None:
        uow = app.backend.uow()
        barrier.wait()
        try:
            outcomes[i] = app.place(accounts[i].who, gateway=gateway, uow=uow)
        except Exception as exc:  # noqa: BLE001
            outcomes[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(accounts))]
    started = time.monotonic()
    for t in threads:
        t.start()
    join_all(threads, within_s=120)
    elapsed = time.monotonic() - started
    assert all(isinstance(o, tuple) for o in outcomes), outcomes
    assert len(gateway.approved) == 8 and len(app.rows("orders")) == 8
    assert elapsed >= 8 * 0.05  # they queued: the lock was held one order at a time


@SQLITE_ONLY
def test_sqlite_write_transactions_begin_immediate_and_reads_do_not(app):
    acct = app.account(cart=[{"product": "logmein-pro", "licenses": 1, "term": "monthly"}])
    begins: list[str] = []

    @event.listens_for(app.backend.engine, "before_cursor_execute")
    def spy(_conn, _cursor, statement, *_args):
        if statement.startswith("BEGIN"):
            begins.append(statement)

    app.overview(acct.who)
    app.preview(acct.who)
    assert begins == ["BEGIN", "BEGIN"]
    begins.clear()
    app.add(acct.who, "gotowebinar", "pro", 1, "monthly")
    app.place(acct.who)
    assert begins == ["BEGIN IMMEDIATE", "BEGIN IMMEDIATE"]


@SQLITE_ONLY
def test_sqlite_a_unit_of_work_reads_after_writing_without_the_write_lock(app):
    """One unit of work serves a write, then a read (authenticate does): the read begins
    deferred and leaves the write queue alone."""
    begins: list[str] = []

    @event.listens_for(app.backend.engine, "before_cursor_execute")
    def spy(_conn, _cursor, statement, *_args):
        if statement.startswith("BEGIN"):
            begins.append(statement)

    uow = app.uow()
    with uow.for_write():
        uow.commit()
    with uow:
        uow.catalog.load()
    assert begins == ["BEGIN IMMEDIATE", "BEGIN"]


@SQLITE_ONLY
def test_sqlite_control_a_deferred_transaction_would_fail_where_immediate_waits(store, tmp_path):
    """Why BEGIN IMMEDIATE: two deferred transactions that read then write fail with
    'database is locked' at once (WAL, stale snapshot), busy timeout or not."""
    path = tmp_path / "control.db"
    setup = sqlite3.connect(path, isolation_level=None)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER)")
    setup.execute("INSERT INTO t VALUES (1, 0)")
    a = sqlite3.connect(path, isolation_level=None, timeout=5)
    b = sqlite3.connect(path, isolation_level=None, timeout=5)
    a.execute("BEGIN")
    a.execute("SELECT n FROM t").fetchall()
    b.execute("BEGIN")
    b.execute("SELECT n FROM t").fetchall()
    a.execute("UPDATE t SET n = n + 1")
    a.execute("COMMIT")
    with pytest.raises(sqlite3.OperationalError, match="database is locked"):
        b.execute("UPDATE t SET n = n + 1")
    b.execute("ROLLBACK")
    for conn in (a, b, setup):
        conn.close()


def test_r14_r12_1_concurrent_orders_of_different_accounts_do_not_block_each_other(app):
    """On both stores: two accounts ordering at once both succeed, each on its own date."""
    first = app.worked_example_account()
    second = app.worked_example_account(today=date(2027, 1, 5), billing_day=5)
    gateway = SlowGateway(delay=0.1)
    barrier = threading.Barrier(2)
    outcomes: list = [None, None]

    def run(i: int, acct) -> None:
        uow = app.backend.uow()
        barrier.wait()
        try:
            outcomes[i] = app.place(acct.who, gateway=gateway, uow=uow)
        except Exception as exc:  # noqa: BLE001
            outcomes[i] = exc

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate((first,
                                                                                 second))]
    for t in threads:
        t.start()
    join_all(threads, within_s=120)
    assert all(isinstance(o, tuple) for o in outcomes), outcomes
    assert outcomes[0][0].placed_on == date(2026, 11, 26)
    assert outcomes[1][0].placed_on == date(2027, 1, 5)
    assert len(gateway.approved) == 2


def test_r12_4_a_double_click_at_the_same_instant_places_one_order(app):
    """On both stores: the same request with the same idempotency key sent twice at once
    gives one order and one charge; both callers get that order."""
    acct = app.worked_example_account()
    gateway = SlowGateway(delay=0.1)
    barrier = threading.Barrier(2)
    outcomes: list = [None, None]

    def run(i: int) -> None:
        uow = app.backend.uow()
        barrier.wait()
        try:
            outcomes[i] = app.place(acct.who, key="same-click", gateway=gateway, uow=uow)
        except Exception as exc:  # noqa: BLE001
            outcomes[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    join_all(threads, within_s=120)
    assert all(isinstance(o, tuple) for o in outcomes), outcomes
    (first, created_first), (second, created_second) = outcomes
    assert first.number == second.number
    assert sorted([created_first, created_second]) == [False, True]
    assert len(gateway.approved) == 1 and len(app.charges(acct)) == 1
    assert len(app.rows("orders")) == 1
