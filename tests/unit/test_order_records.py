"""What an order keeps of its quote, and the fingerprint an idempotency key is stored with
(R12.1, R12.4), on domain objects. Found by mutation testing (docs/mutation.md): these were
only exercised through the database, where a field copied wrong went unnoticed."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from decimal import Decimal

import pytest

from backend.domain.checkout import build_quote
from backend.domain.errors import IdempotencyConflict
from backend.domain.model import ACTIVE, Account, Subscription
from backend.domain.orders import IdempotencyRecord, Order, request_fingerprint
from backend.service_layer.catalog_data import read_catalog

CATALOG = read_catalog()
TODAY = date(2026, 11, 26)
CARD = {"name": "Camille Martin", "number": "4242 4242 4242 4242", "exp_month": 12,
        "exp_year": 2030, "cvc": "7391"}


def quote(country: str, vat_number: str | None):
    account = Account(name="Acme", kind="standard", country=country, currency="EUR",
                      locale="en", billing_day=15)
    account.subscriptions.append(Subscription(
        product="gotomeeting", level="business", licenses=2, term="monthly", status=ACTIVE,
        period_start=date(2026, 11, 15), period_end=date(2026, 12, 14),
        amount_paid=Decimal("32.00")))
    account.put_in_cart(CATALOG, TODAY, product="gotowebinar", level="pro", licenses=3,
                        term="annual")
    return build_quote(account, CATALOG, TODAY, valid_vat_number=vat_number,
                       seller_country="IE")


@pytest.mark.parametrize(("country", "vat_number"), [("FR", None), ("DE", "DE136695976")])
def test_r12_1_an_order_keeps_every_figure_of_its_quote(country, vat_number):
    """R12.1, R12.2: the order records what the Place Order page showed, line by line."""
    q = quote(country, vat_number)
    order = Order.from_quote(q, account_id=7, number="BC-000042", card_brand="visa",
                             card_last4="4242", vat_number=vat_number)
    assert (order.account_id, order.number, order.placed_on) == (7, "BC-000042", TODAY)
    assert (order.currency, order.subtotal, order.total_due) == (q.currency, q.subtotal,
                                                                  q.total_due)
    assert (order.vat_rate, order.vat_amount, order.vat_reverse_charge, order.vat_country) == (
        q.vat.rate, q.vat.amount, q.vat.reverse_charge, country)
    assert (order.billing_day, order.next_billing_date) == (26, q.next_billing_date)  # R10.3
    assert (order.card_brand, order.card_last4, order.vat_number) == ("visa", "4242",
                                                                       vat_number)
    assert [asdict(line) | {"id": None} for line in order.lines] == [
        asdict(line) | {"id": None} for line in q.lines]
    assert len(order.lines) == 3 and order.id is None


def test_r12_4_the_same_key_and_request_replays_its_order_another_is_refused():
    """R12.4: one order per key; a different request under it is a conflict."""
    record = IdempotencyRecord(account_id=1, key="k", request_hash="abc", order_id=9)
    assert record.replay("abc") == 9
    with pytest.raises(IdempotencyConflict):
        record.replay("abd")


def fingerprint(card: dict | None = CARD, use_saved_card: bool = False,
                vat_number: str | None = "FR40303265045") -> str:
    return request_fingerprint(card=card, use_saved_card=use_saved_card, vat_number=vat_number)


def test_r12_4_the_fingerprint_is_stable_across_versions():
    """R12.4: keys stored by an earlier version must keep matching their requests after an
    upgrade, so the fingerprint of a request may not change."""
    assert request_fingerprint(card=CARD, use_saved_card=False,
                               vat_number="fr 40 303 265 045") == (
        "1eb84cede80a47663c136d6f6f3385c24331292e86cfaa97a656e5af2790bcea")
    assert request_fingerprint(card=None, use_saved_card=True, vat_number=None) == (
        "3791cfb0b75b92ae6ce011fd942d141d29e5d7d70337ecd94a0a65309d175a6a")


def test_r12_4_r11_1_the_same_request_typed_differently_is_the_same_request():
    """R12.4: spaces and case do not make another request; R11.1: neither does the CVC,
    which the fingerprint never holds."""
    same = fingerprint()
    assert fingerprint(card=CARD | {"number": "4242-4242-4242-4242", "cvc": "123"}) == same
    assert fingerprint(vat_number=" fr 40 303 265 045") == same
    assert fingerprint(card=None, vat_number="") == fingerprint(card=None, vat_number=None)
    assert fingerprint(card=None, use_saved_card=1) == fingerprint(card=None,
                                                                    use_saved_card=True)


@pytest.mark.parametrize("change", [
    {"name": "C. Martin"}, {"number": "5555 5555 5555 4444"}, {"exp_month": 11},
    {"exp_year": 2031}, {"number": "4242 4242 4242 4242 424"},  # 19 digits, same last four
])
def test_r12_4_another_card_is_another_request(change):
    """R12.4: every kept part of the card counts: holder, last four, length, expiry."""
    assert fingerprint(card=CARD | change) != fingerprint()


def test_r12_4_another_vat_number_or_the_saved_card_is_another_request():
    """R12.4: the VAT number and the choice of the saved card count too."""
    assert fingerprint(vat_number="FR40303265046") != fingerprint()
    assert fingerprint(vat_number=None) != fingerprint()
    assert fingerprint(card=None, use_saved_card=True) != fingerprint(card=None)
    assert fingerprint(card=None) != fingerprint()
    assert fingerprint(card={}) != fingerprint(card=None)
