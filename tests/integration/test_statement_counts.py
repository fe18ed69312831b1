"""The number of SQL statements of the Place Order page and of placing an order does not
grow with what the account holds: an account with 200 subscriptions costs what one with a
single subscription costs, so an N+1 (a query per subscription, per line, per product of
the catalog) cannot come back unnoticed. Counted with SQLAlchemy's `before_cursor_execute`
(an executemany counts once: it is one round trip)."""

from __future__ import annotations

import collections
import dataclasses
from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from backend.domain.model import Subscription
from backend.service_layer.catalog_data import read_catalog, sync_catalog

MANY = 200
TODAY = date(2026, 11, 26)  # the worked example's


def with_bulk_products(count: int):
    """The default catalog plus `count` products shaped like GoToMeeting Business, so an
    account can hold that many subscriptions (one per product)."""
    catalog = read_catalog()
    template = catalog.get("gotomeeting")
    business = template.resolve_level("business")
    bulk = tuple(dataclasses.replace(template, code=f"bulk-{i:03}", name=f"Bulk {i:03}",
                                     levels=(business,))
                 for i in range(count))
    return dataclasses.replace(catalog, products=catalog.products + bulk)


@contextmanager
def recorded(target, name: str, pick):
    """What `pick(*event arguments)` gives for each of `target`'s `name` events meanwhile."""
    seen: list = []

    def record(*args):
        seen.append(pick(*args))

    event.listen(target, name, record)
    try:
        yield seen
    finally:
        event.remove(target, name, record)


def counting(engine):
    """The SQL statements the engine runs."""
    return recorded(engine, "before_cursor_execute", lambda _c, _cur, statement, *_: statement)


@pytest.fixture
def bulk_app(app):
    sync_catalog(app.uow(), with_bulk_products(MANY))
    return app


def account_holding(app, subscriptions: int, billing_day: int = 15):
    """The worked example's account and cart, holding `subscriptions` bulk ones. Billed on
    the 15th, placing the order re-aligns every one (R10.3); billed on today's day (26)
    they already start today and the order leaves them alone."""
    held = [{"product": f"bulk-{i:03}", "level": "business", "licenses": 2, "term": "monthly"}
            for i in range(subscriptions)]
    return app.worked_example_account(subscriptions=held, billing_day=billing_day)


def statements_of(app, subscriptions: int) -> dict[str, list[str]]:
    acct = account_holding(app, subscriptions)
    app.preview(acct.who)  # once before counting: a cache may fill on first use
    counted = {}
    with counting(app.backend.engine) as preview:
        page = app.preview(acct.who)
    counted["preview"] = list(preview)
    assert len([ln for ln in page.lines if ln.product.startswith("bulk-")]) >= subscriptions
    with counting(app.backend.engine) as place:
        placed = app.place(acct.who)
    assert placed.created
    counted["place"] = list(place)
    return counted


def test_checkout_and_order_statements_do_not_grow_with_subscriptions(bulk_app):
    one = statements_of(bulk_app, 1)
    many = statements_of(bulk_app, MANY)
    for use_case in ("preview", "place"):
        assert len(many[use_case]) == len(one[use_case]), (
            use_case, collections.Counter(s.split("\n")[0][:60] for s in many[use_case]))


def test_checkout_and_order_stay_within_their_statement_budget(bulk_app):
    """The figures of docs/performance.md, as a ceiling: reading the catalog again, or
    loading a collection the use case does not need, shows here."""
    counted = statements_of(bulk_app, 1)
    assert len(counted["preview"]) <= 6, counted["preview"]
    assert len(counted["place"]) <= 20, counted["place"]


def test_authenticating_a_request_reads_the_session_and_its_user_in_one_query(app):
    """Every authenticated request pays for it: BEGIN, one SELECT (the session joined to
    its user; the user is then found in the identity map), ROLLBACK."""
    acct = app.worked_example_account()
    with counting(app.backend.engine) as statements:
        who = app.authenticate(acct.token)
    assert who == acct.who
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 1, statements
    assert len(statements) <= 3, statements


def test_placing_an_order_flushes_the_orm_session_once(app):
    """Every ORM flush has a fixed cost (~a tenth of an order's CPU, docs/performance.md).
    Placing an order needs one, for the order's id: the collections it changes are read
    before the first change (a lazy read after one would flush it early), and the rows
    written once (charge, idempotency key, email) go in without the ORM."""
    acct = app.worked_example_account()
    with recorded(Session, "after_flush", lambda session, _context: session) as flushes:
        placed = app.place(acct.who)
    assert placed.created
    assert len(flushes) == 1, len(flushes)
    assert len(app.rows("charges")) == len(app.rows("idempotency_keys")) == 1


def loaded_subscriptions():
    """Subscriptions the ORM builds from rows, one entry per row read."""
    return recorded(Subscription, "load", lambda target, _context: target)


def test_the_page_and_the_order_read_only_the_subscriptions_they_touch(bulk_app):
    """Issue 10: the work of an order in proportion to what it touches. Held subscriptions
    already aligned to today get no line (R10.3) and are not read at all, so an account
    holding 200 of them costs what one holding one costs."""
    for held in (1, MANY):
        acct = account_holding(bulk_app, held, billing_day=TODAY.day)
        with loaded_subscriptions() as read:
            page = bulk_app.preview(acct.who)
        assert [ln.kind for ln in page.lines] == ["new"]
        assert read == [], (held, len(read))
        with loaded_subscriptions() as read:
            placed = bulk_app.place(acct.who)
        assert placed.created and [ln.kind for ln in placed.order.lines] == ["new"]
        assert read == [], (held, len(read))


def test_an_order_re_aligns_what_is_due_and_leaves_the_rest_as_it_was(bulk_app):
    """Read in part, the account's subscriptions are still all there after the order: the
    ones aligned to today unchanged, the one due re-aligned (R10.3), the cart's trial made
    the paid subscription (R9.5), nothing removed."""
    acct = account_holding(bulk_app, 3, billing_day=TODAY.day)
    with bulk_app.uow() as uow:  # one subscription bought earlier in its month: due
        due = next(s for s in uow.accounts.get(acct.account_id).subscriptions
                   if s.product == "bulk-001")
        due.period_start, due.period_end = date(2026, 11, 15), date(2026, 12, 14)
        uow.commit()
    bulk_app.trial(acct.who, "gototraining", "starter")
    bulk_app.add(acct.who, "gototraining", "starter", licenses=2, term="monthly")
    before = {s.product: s for s in bulk_app.overview(acct.who).subscriptions}

    placed = bulk_app.place(acct.who)

    lines = sorted((ln.kind, ln.product) for ln in placed.order.lines)
    assert lines == [("credit", "bulk-001"), ("new", "gototraining"), ("new", "gotowebinar"),
                     ("renewal", "bulk-001")]
    after = {s.product: s for s in bulk_app.overview(acct.who).subscriptions}
    assert set(after) == set(before) | {"gotowebinar"}
    for product in ("bulk-000", "bulk-002"):
        assert after[product] == before[product]
    assert (after["bulk-001"].period_start, after["bulk-001"].status) == (TODAY, "active")
    assert (after["gototraining"].status, after["gototraining"].trial_end) == ("active", None)
