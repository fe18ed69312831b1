"""Place Order details the service layer's mutation run found unchecked once tests/api left
its selection (docs/mutation.md): the missing Idempotency-Key's words (R12.4), a key reused
for another way of paying (R12.4), an account without a test clock priced on the server's
date (R14), the confirmation's next step when new products need their licenses assigned
(R12.3), the words refusing two ways of paying at once or none, a card without its
holder's name, a card on file in its last month, what the gateway is asked for (R11), and
the order number's form (R12)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from backend.adapters.payments import SimulatedGateway
from backend.domain.errors import IdempotencyConflict, ValidationFailed
from backend.i18n.catalog import error_message

CART = [{"product": "gotowebinar", "level": "pro", "licenses": 3, "term": "annual"}]
NEXT_STEP = "Next step: assign the new user licenses so that your users can sign in."


def test_r12_4_an_order_without_a_key_is_refused_in_the_callers_words(app):
    who = app.account(country="FR", cart=CART).who
    with pytest.raises(ValidationFailed) as err:
        app.place(who, key="")
    assert err.value.field == "Idempotency-Key"
    english = error_message(err.value, "en")
    assert english == ("An Idempotency-Key header (up to 200 characters) is required to "
                       "place an order.")
    assert error_message(err.value, "fr") not in ("", english)


def test_r12_4_a_key_reused_without_the_card_on_file_is_a_different_request(app):
    who = app.account(country="FR", cart=CART, card_on_file=True).who
    order, created = app.place(who, card=None, use_saved_card=True, key="saved-1")
    assert created
    again, created = app.place(who, card=None, use_saved_card=True, key="saved-1")
    assert (again.number, created) == (order.number, False)
    with pytest.raises(IdempotencyConflict):
        app.place(who, card=None, use_saved_card=False, key="saved-1")


def test_r14_an_account_without_a_test_clock_is_priced_and_ordered_on_the_servers_date(app):
    app.clock.set(date(2026, 12, 3))
    who = app.account(country="FR", today=None, cart=CART).who
    assert app.preview(who).today == date(2026, 12, 3)
    order, _created = app.place(who)
    assert order.placed_on == date(2026, 12, 3)


def test_r12_3_an_order_of_new_products_asks_to_assign_their_licenses(app):
    acct = app.account(country="FR", cart=CART)
    order, _created = app.place(acct.who)
    assert {line.kind for line in order.lines} == {"new"}
    [email] = app.emails(acct)
    assert NEXT_STEP in email.body.splitlines()


def test_r11_paying_with_both_a_new_card_and_the_card_on_file_is_refused_in_words(app):
    who = app.account(country="FR", cart=CART, card_on_file=True).who
    with pytest.raises(ValidationFailed) as err:
        app.place(who, use_saved_card=True)  # and the typed card
    assert err.value.field == "card"
    english = error_message(err.value, "en")
    assert english == "Pay with either a new card or the card on file, not both."
    assert error_message(err.value, "fr") not in ("", english)


@pytest.mark.parametrize("name", ["", None])
def test_r11_a_card_without_the_holders_name_is_refused_and_nothing_is_written(app, name):
    acct = app.account(country="FR", cart=CART)
    before = app.snapshot()
    with pytest.raises(ValidationFailed) as err:
        app.place(acct.who, card=app.card(name=name))
    assert err.value.field == "card.name"
    assert error_message(err.value, "en") == "Enter the cardholder's name."
    assert app.snapshot() == before and app.charges(acct) == []


@pytest.mark.parametrize("saved_card, english", [
    (True, "There is no card on file: enter a card."),
    (False, "Enter payment details or use the card on file."),
])
def test_r11_an_order_without_a_card_is_refused_in_words(app, saved_card, english):
    who = app.account(country="FR", cart=CART).who
    with pytest.raises(ValidationFailed) as err:
        app.place(who, card=None, use_saved_card=saved_card)
    assert err.value.field == "card"
    assert error_message(err.value, "en") == english
    assert error_message(err.value, "fr") not in ("", english)


def test_r11_1_a_card_on_file_is_charged_through_the_last_month_of_its_expiry_year(app):
    """Saved from the first order, good through 12/2026, charged on 2026-11-26: its month
    counts, not only its year."""
    acct = app.account(country="FR", cart=CART)
    app.place(acct.who, card=app.card(exp_month=12, exp_year=2026))
    app.add(acct.who, "gototraining", "starter", 1, "monthly")
    order, created = app.place(acct.who, card=None, use_saved_card=True)
    assert created and (order.card.brand, order.card.last4) == ("visa", "4242")
    assert len(app.charges(acct)) == 2


def test_r12_order_numbers_are_bc_and_ten_upper_case_hex_digits(app):
    numbers = set()
    for _order in range(3):
        acct = app.account(country="FR", cart=CART)
        order, _created = app.place(acct.who)
        assert re.fullmatch(r"BC-[0-9A-F]{10}", order.number), order.number
        numbers.add(order.number)
    assert len(numbers) == 3


class RecordingGateway(SimulatedGateway):
    """The simulator, keeping what each charge was asked for."""

    def __init__(self):
        self.asked: list[dict] = []

    def charge(self, **kwargs):
        self.asked.append(kwargs)
        return super().charge(**kwargs)


@pytest.mark.parametrize("saved", [False, True])
def test_r11_the_gateway_is_asked_for_the_total_in_the_accounts_currency(app, saved):
    """What the payment provider receives: the total due, its currency, the order number
    as reference, the account's today, and exactly one of the typed card or the card on
    file."""
    acct = app.account(country="GB", cart=CART, card_on_file=saved, today=date(2026, 11, 20))
    gateway = RecordingGateway()
    order, _created = app.place(acct.who, card=None if saved else app.GOOD_CARD,
                                use_saved_card=saved, gateway=gateway)
    [asked] = gateway.asked
    assert (asked["amount"], asked["currency"], asked["reference"], asked["today"]) == (
        order.total_due, "GBP", order.number, date(2026, 11, 20))
    if saved:
        assert asked["card"] is None
        assert (asked["saved_card"].brand, asked["saved_card"].last4) == ("visa", "4242")
    else:
        assert asked["saved_card"] is None and asked["card"].details.last4 == "4242"
