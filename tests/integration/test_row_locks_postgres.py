"""Every write use case locks its account row (R12.1: SELECT ... FOR UPDATE on PostgreSQL),
so two writers to one account queue up and the second sees what the first wrote.

SQLite serialises writers anyway (BEGIN IMMEDIATE), so only PostgreSQL can tell a use case
that forgot its lock: these tests run there alone. Each races two writers on one account.
The first reads the account, then stalls just before its first write; the second starts
meanwhile. With the lock, the second waits at its SELECT ... FOR UPDATE until the first
commits, then reads its writes. Without it, the second reads the state from before the
first's write, and one of the two writes on a stale read: a duplicate row, an update of a
deleted row, more licenses assigned than held, or a refusal the serial order would not
give. Each test fails when the lock of the use case it names is dropped (the row-lock
mutants of docs/mutation.md, each run by name against these tests and killed)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import event, text

from backend.domain.errors import DomainError, TrialNotAllowed
from tests.threads import join_all

POSTGRES_ONLY = pytest.mark.parametrize(
    "store", [pytest.param("postgres", id="postgres", marks=pytest.mark.postgres)],
    indirect=True)
pytestmark = POSTGRES_ONLY

STALL = 30.0  # at most this long the first writer waits for the second before writing
POLL = 0.02  # how often it looks whether the second is done or waiting for a lock
WRITES = ("INSERT", "UPDATE", "DELETE")


class Race:
    """Two use cases on one account. `first` runs at once; `second` starts once `first` has
    read the account row (and holds it, when it locks). `first` then stalls before its first
    write until `second` has finished or is waiting for a lock (PostgreSQL's
    pg_stat_activity says so). Records each one's outcome (its result or the exception it
    raised), and whether `second` finished after `first` committed. Events, not delays,
    order the two, so a loaded machine does not change the outcome."""

    def __init__(self, engine):
        self.local = threading.local()
        self.first_read_its_account = threading.Event()
        self.second_finished = threading.Event()
        self.second_pid: int | None = None  # the second's PostgreSQL backend
        self.events: list[str] = []
        self.outcomes: dict[str, object] = {}
        self._guard = threading.Lock()
        self._engine = engine
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)
        event.listen(engine, "commit", self._commit)

    def _is_first(self) -> bool:
        return getattr(self.local, "name", "") == "first"

    def _after(self, _conn, _cursor, statement, *_args) -> None:
        if self._is_first() and "FROM accounts" in statement:
            self.first_read_its_account.set()

    def _commit(self, _conn) -> None:
        if self._is_first():
            self._mark("first committed")

    def _mark(self, what: str) -> None:
        with self._guard:
            self.events.append(what)

    def _before(self, _conn, cursor, statement, *_args) -> None:
        if getattr(self.local, "name", "") == "second" and self.second_pid is None:
            self.second_pid = cursor.connection.info.backend_pid
        if self._is_first() and not self.local.stalled and \
                statement.lstrip().upper().startswith(WRITES):
            self.local.stalled = True
            deadline = time.monotonic() + STALL
            while not self.second_finished.wait(POLL) and time.monotonic() < deadline:
                if self._second_waits_for_a_lock():
                    return

    def _second_waits_for_a_lock(self) -> bool:
        if self.second_pid is None:
            return False
        with self._engine.connect() as conn:
            wait = conn.execute(text("SELECT wait_event_type FROM pg_stat_activity "
                                     "WHERE pid = :pid"), {"pid": self.second_pid}).scalar()
        return wait == "Lock"

    def run(self, first: Callable[[], object], second: Callable[[], object]) -> None:
        def go(name: str, action: Callable[[], object]) -> None:
            self.local.name, self.local.stalled = name, False
            if name == "second":
                assert self.first_read_its_account.wait(30), "the first never read its account"
            try:
                self.outcomes[name] = action()
            except Exception as exc:  # noqa: BLE001 - the outcome is what the test inspects
                self.outcomes[name] = exc
            finally:
                if name == "second":
                    self._mark("second finished")
                    self.second_finished.set()

        threads = [threading.Thread(target=go, args=("first", first)),
                   threading.Thread(target=go, args=("second", second))]
        try:
            for t in threads:
                t.start()
            assert not join_all(threads, within_s=60), "a writer is stuck"
        finally:
            event.remove(self._engine, "before_cursor_execute", self._before)
            event.remove(self._engine, "after_cursor_execute", self._after)
            event.remove(self._engine, "commit", self._commit)

    def second_waited_for_first(self) -> bool:
        """Whether `second` finished only after `first` had committed."""
        assert "first committed" in self.events, self.events
        return self.events.index("first committed") < self.events.index("second finished")

    def succeeded(self) -> None:
        failed = {k: v for k, v in self.outcomes.items() if isinstance(v, BaseException)}
        assert not failed, failed


@pytest.fixture
def race(app) -> Race:
    return Race(app.backend.engine)


GOTOMEETING = {"product": "gotomeeting", "level": "business", "term": "monthly"}


def test_r8_4_adding_one_product_twice_at_once_leaves_one_item_the_second_choice(app, race):
    """cart.add_cart_item's lock: without it both writers insert the product's item (the
    second is refused by the one-item-per-product constraint, or two items remain)."""
    acct = app.account(country="FR")
    race.run(lambda: app.add(acct.who, "gotowebinar", "pro", 3, "annual"),
             lambda: app.add(acct.who, "gotowebinar", "pro", 5, "annual"))
    race.succeeded()
    assert race.second_waited_for_first()
    items = app.view_cart(acct.who).items
    assert [(i.product, i.licenses) for i in items] == [("gotowebinar", 5)]


@pytest.mark.parametrize("order", ["edit first", "remove first"])
def test_r10_5_editing_and_removing_one_item_at_once_both_go_through(app, race, order):
    """cart.edit_cart_item's and cart.remove_cart_item's locks: the later one reads what the
    earlier one wrote. Without either lock, the stalled writer updates (or deletes) an item
    the other has changed under it: the edit's UPDATE matches no row, or the removal deletes
    an item whose edit was already answered as saved."""
    acct = app.worked_example_account()
    item = app.view_cart(acct.who).items[0].id
    edit = lambda: app.edit(acct.who, item, licenses=5)  # noqa: E731
    remove = lambda: app.remove(acct.who, item)  # noqa: E731
    if order == "edit first":
        race.run(edit, remove)
        race.succeeded()
        assert app.view_cart(acct.who).items == []
    else:
        race.run(remove, edit)
        assert race.outcomes["first"].items == []
        assert isinstance(race.outcomes["second"], DomainError), race.outcomes
        assert app.view_cart(acct.who).items == []
    assert race.second_waited_for_first()


def test_r9_4_two_trials_of_one_product_at_once_start_one(app, race):
    """trials.start_trial's lock: without it both writers see a product never had and both
    insert its subscription (one is refused by the database, not by R9.4)."""
    acct = app.account(country="FR")
    race.run(lambda: app.trial(acct.who, "gotowebinar", "pro"),
             lambda: app.trial(acct.who, "gotowebinar", "pro"))
    assert race.second_waited_for_first()
    assert not isinstance(race.outcomes["first"], BaseException), race.outcomes
    assert isinstance(race.outcomes["second"], TrialNotAllowed), race.outcomes
    subs = [s for s in app.rows("subscriptions") if s["account_id"] == acct.account_id]
    assert [s["product"] for s in subs] == ["gotowebinar"]
    assert len(app.emails(acct)) == 1


def licensed_account(app, licenses: int):
    return app.account(country="FR", extra_users=2,
                       subscriptions=[{**GOTOMEETING, "licenses": licenses}])


def test_r13_two_assignments_of_the_last_license_at_once_give_it_to_one_user(app, race):
    """licenses.assign_license's lock: without it both writers count one free license and
    both assign it, so three users would hold two licenses."""
    acct = licensed_account(app, 2)
    contact, first, second = (u.id for u in app.users(acct.who))
    app.assign(acct.who, contact, "gotomeeting")
    race.run(lambda: app.assign(acct.who, first, "gotomeeting"),
             lambda: app.assign(acct.who, second, "gotomeeting"))
    assert race.second_waited_for_first()
    assert not isinstance(race.outcomes["first"], BaseException), race.outcomes
    assert isinstance(race.outcomes["second"], DomainError), race.outcomes
    holders = [a["user_id"] for a in app.rows("license_assignments")
               if a["product"] == "gotomeeting"]
    assert sorted(holders) == sorted([contact, first])


def test_r13_a_license_freed_while_another_user_asks_for_it_goes_to_that_user(app, race):
    """licenses.unassign_license's lock (and assign_license's): the assignment waits for the
    unassignment and finds the license free. Without the unassignment's lock, the
    assignment counts the license as still held and is refused."""
    acct = licensed_account(app, 1)
    _contact, first, second = (u.id for u in app.users(acct.who))
    app.assign(acct.who, first, "gotomeeting")
    race.run(lambda: app.unassign(acct.who, first, "gotomeeting"),
             lambda: app.assign(acct.who, second, "gotomeeting"))
    race.succeeded()
    assert race.second_waited_for_first()
    holders = [a["user_id"] for a in app.rows("license_assignments")
               if a["product"] == "gotomeeting"]
    assert holders == [second]


def test_r14_two_clock_changes_at_once_the_later_one_wins(app, race):
    """testing.set_clock's lock (through common.load_account): the later change waits for
    the earlier and is the one left. Without the lock, the earlier one, stalled, writes
    last and undoes the later one, which had already answered with its date."""
    acct = app.account(country="FR")
    race.run(lambda: app.set_clock(acct, date(2027, 1, 5)),
             lambda: app.set_clock(acct, date(2027, 2, 5)))
    race.succeeded()
    assert race.second_waited_for_first()
    assert race.outcomes == {"first": date(2027, 1, 5), "second": date(2027, 2, 5)}
    assert app.overview(acct.who).today == date(2027, 2, 5)


def test_reading_an_account_does_not_wait_for_a_writer(app, race):
    """common.load and common.load_account lock only when asked (lock=False by default):
    the overview, the cart, the emails and the charges of an account are read while a
    write to it is still going on, and show it as it was before."""
    acct = app.worked_example_account()
    race.run(lambda: app.add(acct.who, "gototraining", "starter", 1, "monthly"),
             lambda: (app.overview(acct.who), app.view_cart(acct.who), app.emails(acct),
                      app.charges(acct)))
    race.succeeded()
    assert not race.second_waited_for_first()
    overview, cart, emails, charges = race.outcomes["second"]
    assert (overview.cart_count, len(cart.items), emails, charges) == (1, 1, [], [])


def test_r12_1_two_orders_at_once_place_one(app, race):
    """ordering.place_order's lock: without it both writers see the full cart and both
    place an order (two charges for one cart). The older test_concurrency_postgres.py races
    orders too; this one stalls the first writer, so the race shows every time."""
    acct = app.account(country="FR", cart=[
        {"product": "gotowebinar", "level": "pro", "licenses": 3, "term": "annual"}])
    race.run(lambda: app.place(acct.who, key="first"),
             lambda: app.place(acct.who, key="second"))
    assert race.second_waited_for_first()
    assert not isinstance(race.outcomes["first"], BaseException), race.outcomes
    assert isinstance(race.outcomes["second"], DomainError), race.outcomes
    orders = [r for r in app.rows("orders") if r["account_id"] == acct.account_id]
    assert len(orders) == 1 and len(app.charges(acct)) == 1
