"""R12.4 at the keyboard: one submission of the Place Order page places one order, whether
Place Order is pressed twice or pressed again after the answer was lost on the way."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from tui import connect
from tui.client import ConnectionProblem
from tui.connect import Connection

pytestmark = pytest.mark.anyio

HOLDING = [{"product": "gotomeeting", "level": "business", "licenses": 2, "term": "monthly"}]


def orders_in(database: str) -> list[str]:
    engine = create_engine(database)
    try:
        with engine.connect() as db:
            return [row[0] for row in db.execute(text("select number from orders"))]
    finally:
        engine.dispose()


async def to_place_order(s, account) -> None:
    await s.sign_in(account.billing_contact.email, account.billing_contact.password)
    await s.choose("logmein-pro", "buy", None, "2")
    await s.press("ctrl+s")
    await s.on_screen("PlaceOrderScreen")
    await s.until(lambda: s.q("#order-lines").row_count, "the page")


async def test_a_double_press_places_one_order(open_app, make_account, database):
    account = make_account(country="FR", locale="en", subscriptions=HOLDING,
                           card_on_file=True)
    async with open_app("en") as s:
        await to_place_order(s, account)
        await s.pilot.press("ctrl+s", "ctrl+s")
        await s.on_screen("OrderConfirmationScreen")
        assert orders_in(database) == [s.text("#order-number").split()[1]]


class LosesTheFirstAnswer:
    """The embedded client, except that the first order's answer never arrives (a
    timeout after the Billing Center placed it)."""

    def __init__(self, client):
        object.__setattr__(self, "_client", client)
        object.__setattr__(self, "keys", [])

    def __getattr__(self, name):
        return getattr(self._client, name)

    def __setattr__(self, name, value):
        setattr(self._client, name, value)

    def place_order(self, **submission):
        self.keys.append(submission["idempotency_key"])
        order = self._client.place_order(**submission)
        if len(self.keys) == 1:
            raise ConnectionProblem("The Billing Center did not answer in time; try again.")
        return order


async def test_pressing_again_after_a_lost_answer_sends_the_same_submission(
        open_app, make_account, database):
    account = make_account(country="FR", locale="en", subscriptions=HOLDING,
                           card_on_file=True)
    clients: list[LosesTheFirstAnswer] = []

    def connector(lang: str) -> Connection:
        clients.append(LosesTheFirstAnswer(connect.embedded(database)(lang).client))
        return Connection(clients[0])

    async with open_app("en", connector=connector) as s:
        await to_place_order(s, account)
        await s.press("ctrl+s")
        await s.until(lambda: s.text("#order-error"), "the lost answer")
        assert "did not answer" in s.text("#order-error")
        assert len(orders_in(database)) == 1  # placed, but the screen could not know
        await s.press("ctrl+s")  # the person tries again
        await s.on_screen("OrderConfirmationScreen")
        keys = clients[0].keys
        assert len(keys) == 2 and keys[0] == keys[1]  # the same submission, sent again
        assert orders_in(database) == [s.text("#order-number").split()[1]]


async def test_a_refused_submission_is_over(open_app, make_account, database):
    """A declined card stores nothing: the next press is a new submission (a new key)."""
    account = make_account(country="FR", locale="en", subscriptions=HOLDING)
    async with open_app("en") as s:
        await to_place_order(s, account)
        for field, value in (("#card-name", "Camille Martin"),
                             ("#card-number", "4000 0000 0000 0002"),
                             ("#card-exp-month", "12"), ("#card-exp-year", "2030"),
                             ("#card-cvc", "123")):
            await s.type_into(field, value)
        first = s.app.screen.submission_key
        await s.press("ctrl+s")
        await s.until(lambda: s.text("#order-error"), "the decline")
        assert s.app.screen.submission_key != first
        await s.type_into("#card-number", "4242 4242 4242 4242")
        await s.press("ctrl+s")
        await s.on_screen("OrderConfirmationScreen")
        assert len(orders_in(database)) == 1
