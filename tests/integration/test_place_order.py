"""Placing the order through the services (R0.3, R10.3, R11, R12), on SQLite and PostgreSQL."""

from __future__ import annotations

import logging
import re
import threading
from datetime import date
from decimal import Decimal

import pytest

from backend.adapters.payments import SimulatedGateway
from backend.domain.errors import (
    CardDeclined,
    CartEmpty,
    ExpiredCard,
    IdempotencyConflict,
    InsufficientFunds,
    PaymentError,
    ValidationFailed,
)
from backend.service_layer import ordering

D = Decimal
FULL_RUN = re.compile(r"\d{12,}")
HASH_COLUMNS = {("users", "password_hash"), ("sessions", "token_hash"),
                ("idempotency_keys", "request_hash")}


class CountingGateway(SimulatedGateway):
    """The simulator, counting the charges it approved."""

    def __init__(self):
        self.approved: list = []
        self._lock = threading.Lock()

    def charge(self, **kwargs):
        result = super().charge(**kwargs)
        with self._lock:
            self.approved.append(result)
        return result


def one_item(app, **spec):
    spec.setdefault("cart", [{"product": "gotomeeting", "level": "business", "licenses": 10,
                              "term": "monthly"}])
    return app.account(**spec)


# --- a successful order -----------------------------------------------------------------------
def test_r0_3_r10_3_r12_2_the_worked_example_is_placed_and_confirmed(app):
    """R0.3 active at once; R10.3 billing date moved and held subscription re-aligned;
    R12.2 the confirmation names the order, what is active, the new billing date and the
    licenses to assign; one charge (R12.4)."""
    acct = app.worked_example_account()
    gateway = CountingGateway()
    order, created = app.place(acct.who, gateway=gateway)
    assert created
    assert order.total_due == D("7178.08") and order.currency == "EUR"
    assert [ln.amount for ln in order.lines] == [D("5970.00"), D("-20.27"), D("32.00")]
    assert (order.vat.rate, order.vat.amount) == (D("20"), D("1196.35"))
    assert order.placed_on == date(2026, 11, 26)
    # R12.2: the confirmation screen's facts
    assert order.activated == ["gotowebinar"] and order.licenses_to_assign
    assert (order.billing_day, order.next_billing_date) == (26, date(2026, 12, 26))
    assert (order.card.brand, order.card.last4) == ("visa", "4242")

    out = app.overview(acct.who)
    assert out.billing_day == 26  # R10.3: the billing date moved to today
    assert out.cart_count == 0
    subs = {s.product: s for s in out.subscriptions}
    webinar, meeting = subs["gotowebinar"], subs["gotomeeting"]
    assert (webinar.status, webinar.period_start, webinar.period_end) == (  # R0.3
        "active", date(2026, 11, 26), date(2027, 11, 25))
    assert (webinar.licenses, webinar.term) == (3, "annual")
    assert (meeting.period_start, meeting.period_end, meeting.next_billing_date) == (
        date(2026, 11, 26), date(2026, 12, 25), date(2026, 12, 26))
    assert (out.card.brand, out.card.last4) == ("visa", "4242")  # kept for next time

    [charge] = app.charges(acct)
    assert (charge.amount, charge.currency, charge.last4, charge.order_number) == (
        D("7178.08"), "EUR", "4242", order.number)
    assert [c.amount for c in gateway.approved] == [D("7178.08")]
    assert ordering.get_order(app.uow(), acct.who, order.id).number == order.number


def test_r12_3_one_confirmation_email_with_the_purchase_details(app):
    acct = app.worked_example_account()
    order, _ = app.place(acct.who)
    [mail] = app.emails(acct)
    assert (mail.kind, mail.to) == ("order_confirmation", acct.email)
    assert order.number in mail.subject
    text = mail.body
    for expected in (order.number, "GoToWebinar", "GoToMeeting", "€5,970.00", "-€20.27",
                     "€32.00", "€1,196.35", "€7,178.08", "20%", "Dec 26, 2026", "visa",
                     "4242", "Manage user products"):
        assert expected in text, expected
    assert not FULL_RUN.search(mail.subject + text)


def test_r12_3_the_email_is_in_the_contacts_language(app):
    acct = app.worked_example_account(locale="fr")
    order, _ = app.place(acct.who)
    [mail] = app.emails(acct)
    assert mail.subject == f"Confirmation de votre commande {order.number}"
    assert "7\u202f178,08\u00a0€" in mail.body or "7 178,08 €" in mail.body.replace(
        "\u202f", " ").replace("\u00a0", " ")


def test_r11_1_the_full_card_number_and_cvc_are_never_stored_logged_or_emailed(app, caplog):
    """Any Luhn-valid number succeeds (R11.4); only brand, last four and expiry remain."""
    caplog.set_level(logging.DEBUG)
    # SQLAlchemy logs every statement with its parameters
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")
    acct = one_item(app, country="FR")
    number = "5555 5555 5555 4444"
    order, _ = app.place(acct.who, card=app.card(number, exp_month=7, exp_year=2031))
    assert (order.card.brand, order.card.last4) == ("mastercard", "4444")
    out = app.overview(acct.who)
    assert (out.card.brand, out.card.last4, out.card.exp_month, out.card.exp_year) == (
        "mastercard", "4444", 7, 2031)

    digits = number.replace(" ", "")
    cvc = re.compile(rf"(?<!\d){app.CVC}(?!\d)")
    seen = 0
    for table, column, value in app.text_values():
        seen += 1
        assert digits not in value and number not in value, (table, column)
        assert not cvc.search(value), (table, column)
        if (table, column) not in HASH_COLUMNS:
            assert not FULL_RUN.search(value), (table, column, value)
    assert seen > 50
    for mail in app.emails(acct):
        assert not FULL_RUN.search(mail.subject + mail.body)
    assert "INSERT INTO" in caplog.text  # the statements were logged, parameters included
    assert digits not in caplog.text and number not in caplog.text
    assert not cvc.search(caplog.text)


# --- refusals place nothing -------------------------------------------------------------------
@pytest.mark.parametrize("number, error", [
    ("4000 0000 0000 0002", CardDeclined),
    ("4000 0000 0000 9995", InsufficientFunds),
    ("4000 0000 0000 0069", ExpiredCard),
    ("4000 0000 0000 0119", PaymentError),
], ids=["declined", "insufficient_funds", "expired_card", "processing_error"])
def test_r11_4_r11_5_a_refused_card_places_nothing(app, number, error):
    acct = app.worked_example_account()
    before = app.snapshot()
    gateway = CountingGateway()
    with pytest.raises(error) as err:
        app.place(acct.who, card=app.card(number), key="retry-me", gateway=gateway)
    assert err.value.code == error.code and str(err.value)  # the page says why
    assert app.snapshot() == before  # no order, subscription, charge, email, key...
    out = app.overview(acct.who)
    assert out.cart_count == 1 and out.billing_day == 15 and out.card is None
    assert [s.product for s in out.subscriptions] == ["gotomeeting"]
    assert app.charges(acct) == [] and app.emails(acct) == [] and gateway.approved == []
    # the same request with a good card now goes through
    order, created = app.place(acct.who, key="retry-me")
    assert created and order.total_due == D("7178.08")


@pytest.mark.parametrize("bad_card, field", [
    ({"number": "4242 4242 4242 4241"}, "card.number"),
    ({"exp_month": 10, "exp_year": 2026}, "card.expiry"),  # today is 2026-11-26
    ({"cvc": "12"}, "card.cvc"),
    ({"name": " "}, "card.name"),
])
def test_r11_1_an_invalid_card_is_refused_at_its_field(app, bad_card, field):
    acct = one_item(app)
    before = app.snapshot()
    with pytest.raises(ValidationFailed) as err:
        app.place(acct.who, card=app.card(**bad_card))
    assert err.value.field == field
    assert app.snapshot() == before


def test_r11_1_payment_details_are_required(app):
    acct = one_item(app)
    before = app.snapshot()
    with pytest.raises(ValidationFailed) as err:
        app.place(acct.who, card=None)
    assert err.value.field == "card"
    with pytest.raises(ValidationFailed) as err:  # no card on file to reuse
        app.place(acct.who, card=None, use_saved_card=True)
    assert err.value.field == "card"
    assert app.snapshot() == before


def test_r11_1_a_new_card_and_the_card_on_file_together_are_ambiguous(app):
    acct = one_item(app, card_on_file=True)
    before = app.snapshot()
    with pytest.raises(ValidationFailed) as err:
        app.place(acct.who, use_saved_card=True)  # and the default new card
    assert err.value.field == "card"
    assert app.snapshot() == before


def test_r10_5_an_empty_cart_has_no_place_order_page_whatever_the_vat_number(app):
    acct = app.account(country="FR")
    for attempt in (lambda: app.preview(acct.who, vat_number="FR12345678901"),
                    lambda: app.place(acct.who, vat_number="FR12345678901")):
        with pytest.raises(CartEmpty):
            attempt()


def test_r11_1_the_card_on_file_can_be_used_instead(app):
    acct = one_item(app, country="US", card_on_file=True)
    gateway = CountingGateway()
    order, _ = app.place(acct.who, card=None, use_saved_card=True, gateway=gateway)
    assert (order.card.brand, order.card.last4) == ("visa", "4242")
    assert order.total_due == D("160.00")  # US: no VAT (R11.3)
    [charge] = app.charges(acct)
    assert (charge.amount, charge.currency, charge.last4) == (D("160.00"), "USD", "4242")
    assert [c.last4 for c in gateway.approved] == ["4242"]


def test_r11_1_an_expired_card_on_file_is_refused(app):
    acct = one_item(app, card_on_file=True)
    app.set_clock(acct, date(2030, 1, 1))  # the saved card expires at the end of 2029
    before = app.snapshot()
    with pytest.raises(ExpiredCard):
        app.place(acct.who, card=None, use_saved_card=True)
    assert app.snapshot() == before


# --- VAT (R11.2, R11.3) -----------------------------------------------------------------------
def test_r11_3_france_without_a_number_pays_20_percent(app):
    acct = one_item(app, country="FR")
    order, _ = app.place(acct.who)
    assert (order.subtotal, order.vat.rate, order.vat.amount, order.total_due) == (
        D("160.00"), D("20"), D("32.00"), D("192.00"))
    assert not order.vat.reverse_charge


def test_r11_2_r11_3_a_german_number_is_reverse_charged_and_saved(app):
    acct = one_item(app, country="DE")
    page = app.preview(acct.who, vat_number="DE 136 695 976")
    assert (page.vat.rate, page.vat.amount, page.vat.reverse_charge) == (D("0"), D("0.00"),
                                                                         True)
    assert page.total_due == page.subtotal == D("160.00")
    assert app.overview(acct.who).vat_number is None  # the preview saves nothing
    order, _ = app.place(acct.who, vat_number="DE 136 695 976")
    assert (order.vat.amount, order.vat.reverse_charge, order.total_due) == (D("0.00"), True,
                                                                             D("160.00"))
    assert app.overview(acct.who).vat_number == "DE136695976"
    # the order keeps the number it was taxed with: a reverse-charge invoice names it
    assert order.vat.number == "DE136695976"
    assert ordering.get_order(app.uow(), acct.who, order.id).vat.number == "DE136695976"
    [mail] = app.emails(acct)
    assert "reverse charge" in mail.body and "DE136695976" in mail.body


def test_r11_2_the_saved_number_applies_to_the_next_order(app):
    acct = one_item(app, country="DE", vat_number="DE136695976")
    assert app.preview(acct.who).vat.reverse_charge
    no_number = one_item(app, country="DE")
    page = app.preview(no_number.who)
    assert (page.vat.rate, page.vat.amount) == (D("19"), D("30.40"))


@pytest.mark.parametrize("country, number", [
    ("DE", "DE136695977"),  # wrong check digit
    ("DE", "DE12345"),  # malformed
    ("FR", "DE136695976"),  # valid, but another country's
    ("GB", "FR40303265045"),
    ("US", "DE136695976"),  # no VAT numbers outside the EU and GB
])
def test_r11_2_a_bad_vat_number_is_refused_at_its_field_and_nothing_is_placed(
        app, country, number):
    acct = one_item(app, country=country)
    with pytest.raises(ValidationFailed) as err:
        app.preview(acct.who, vat_number=number)
    assert err.value.field == "vat_number"
    before = app.snapshot()
    with pytest.raises(ValidationFailed) as err:
        app.place(acct.who, vat_number=number)
    assert err.value.field == "vat_number"
    assert app.snapshot() == before
    assert app.overview(acct.who).vat_number is None


@pytest.mark.parametrize("number, rate, amount, reverse", [
    (None, "20", "27.20", False),
    ("GB980780684", "0", "0.00", True),
])
def test_r11_3_great_britain(app, number, rate, amount, reverse):
    acct = one_item(app, country="GB")
    order, _ = app.place(acct.who, vat_number=number)
    assert order.currency == "GBP" and order.subtotal == D("136.00")
    assert (order.vat.rate, order.vat.amount, order.vat.reverse_charge) == (D(rate), D(amount),
                                                                            reverse)
    assert order.total_due == order.subtotal + order.vat.amount


def test_r11_3_outside_the_eu_and_gb_there_is_no_vat(app):
    acct = one_item(app, country="US")
    order, _ = app.place(acct.who)
    assert (order.vat.rate, order.vat.amount, order.vat.reverse_charge, order.total_due) == (
        D("0"), D("0.00"), False, D("160.00"))


# --- R12.4 idempotency ------------------------------------------------------------------------
def test_r12_4_the_same_request_twice_makes_one_order_and_one_charge(app):
    acct = app.worked_example_account()
    gateway = CountingGateway()
    first, created = app.place(acct.who, key="double-click", gateway=gateway)
    again, created_again = app.place(acct.who, key="double-click", gateway=gateway)
    assert created and not created_again
    assert (again.id, again.number, again.total_due) == (first.id, first.number,
                                                        first.total_due)
    assert len(app.rows("orders")) == 1 and len(app.charges(acct)) == 1
    assert len(gateway.approved) == 1
    assert len(app.emails(acct)) == 1


def test_r12_4_the_same_key_with_another_request_is_a_conflict(app):
    acct = app.worked_example_account()
    app.place(acct.who, key="k-1")
    app.add(acct.who, "logmein-pro", None, 1, "monthly")
    before = app.snapshot()
    with pytest.raises(IdempotencyConflict) as err:
        app.place(acct.who, key="k-1", card=app.card("5555 5555 5555 4444"))
    assert err.value.code == "idempotency_conflict"
    with pytest.raises(IdempotencyConflict):
        app.place(acct.who, key="k-1", vat_number="FR40303265045")
    assert app.snapshot() == before  # no row written for the conflict
    assert len(app.rows("idempotency_keys")) == 1


# --- R12.1 all or nothing ---------------------------------------------------------------------
def test_r12_1_when_the_email_cannot_be_written_nothing_is_placed_or_charged(
        app, monkeypatch):
    acct = app.worked_example_account()

    def broken(*_args, **_kwargs):
        raise RuntimeError("the outbox is broken")

    monkeypatch.setattr(ordering, "render_order_confirmation", broken)
    before = app.snapshot()
    gateway = CountingGateway()
    with pytest.raises(RuntimeError):
        app.place(acct.who, gateway=gateway)
    assert app.snapshot() == before  # no order, charge, subscription change, email
    assert gateway.approved == []  # and the card was not charged
    out = app.overview(acct.who)
    assert (out.cart_count, out.billing_day) == (1, 15)
    assert [(s.product, s.period_start) for s in out.subscriptions] == [
        ("gotomeeting", date(2026, 11, 15))]


def test_r12_1_when_the_commit_fails_nothing_is_placed(app, monkeypatch):
    """A failure after the charge was approved, at the very end, still writes nothing."""
    acct = app.worked_example_account()
    before = app.snapshot()
    from backend.service_layer.unit_of_work import SqlAlchemyUnitOfWork

    def failing_commit(self):
        raise RuntimeError("the database went away")

    with monkeypatch.context() as patch, pytest.raises(RuntimeError):
        patch.setattr(SqlAlchemyUnitOfWork, "commit", failing_commit)
        app.place(acct.who)
    assert app.snapshot() == before
