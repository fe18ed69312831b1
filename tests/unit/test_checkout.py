"""The Place Order page as numbers (R10.1-R10.5, R11.3 on the quote) and what placing the
order changes (R10.3, R12.1), including flow.md's worked example to the cent."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backend.domain.checkout import (
    CREDIT,
    NEW,
    RENEWAL,
    apply_quote,
    build_quote,
    needs_realignment,
    unused_credit,
)
from backend.domain.dates import days_inclusive, period_end
from backend.domain.errors import CartEmpty
from backend.domain.model import ACTIVE, Account, Subscription
from backend.domain.vat import currency_for_country
from backend.service_layer.catalog_data import read_catalog

CATALOG = read_catalog()
TODAY = date(2026, 11, 26)
D = Decimal


def worked_example_account() -> Account:
    """flow.md: FR, EUR, no VAT number, today 2026-11-26, GoToMeeting Business monthly x2
    at 16.00, period 2026-11-15..2026-12-14, 32.00 paid; GoToWebinar Pro annual x3 in cart."""
    account = Account(name="Exemple SARL", kind="standard", country="FR", currency="EUR",
                      locale="fr", billing_day=15)
    account.subscriptions.append(Subscription(
        product="gotomeeting", level="business", licenses=2, term="monthly", status=ACTIVE,
        period_start=date(2026, 11, 15), period_end=date(2026, 12, 14), amount_paid=D("32.00")))
    account.put_in_cart(CATALOG, TODAY, product="gotowebinar", level="pro", licenses=3,
                        term="annual")
    return account


def quote_of(account: Account, today: date = TODAY, vat_number: str | None = None,
             seller: str = "IE"):
    return build_quote(account, CATALOG, today, valid_vat_number=vat_number,
                       seller_country=seller)


# --- the worked example -----------------------------------------------------------------------
def test_r10_3_r11_3_worked_example_to_the_cent():
    """5,970.00 / -20.27 / 32.00 / VAT 1,196.35 / total 7,178.08, billing day 26."""
    quote = quote_of(worked_example_account())
    new, credit, renewal = quote.lines
    assert (new.kind, new.product, new.level, new.licenses, new.term) == (
        NEW, "gotowebinar", "pro", 3, "annual")
    assert (new.period_start, new.period_end) == (date(2026, 11, 26), date(2027, 11, 25))
    assert (new.rate, new.amount) == (D("1990.00"), D("5970.00"))

    assert (credit.kind, credit.product, credit.licenses) == (CREDIT, "gotomeeting", 2)
    assert (credit.period_start, credit.period_end) == (date(2026, 11, 26), date(2026, 12, 14))
    assert credit.amount == D("-20.27")

    assert (renewal.kind, renewal.product, renewal.term) == (RENEWAL, "gotomeeting", "monthly")
    assert (renewal.period_start, renewal.period_end) == (date(2026, 11, 26),
                                                          date(2026, 12, 25))
    assert (renewal.rate, renewal.amount) == (D("16.00"), D("32.00"))

    assert quote.subtotal == D("5981.73")
    assert (quote.vat.rate, quote.vat.amount, quote.vat.reverse_charge) == (D("20"),
                                                                            D("1196.35"), False)
    assert quote.total_due == D("7178.08")
    assert quote.billing_day == 26
    assert quote.currency == "EUR"
    assert quote.next_billing_date == date(2026, 12, 26)


def test_r10_3_r12_1_applying_the_worked_example():
    """Placing it: the new subscription active from today (R0.3), the held one re-aligned
    and paid for its new period, the billing date moved to 26, the cart emptied."""
    account = worked_example_account()
    apply_quote(account, quote_of(account))
    assert account.billing_day == 26
    assert account.cart_items == []
    meeting, webinar = account.subscriptions
    assert (meeting.period_start, meeting.period_end, meeting.amount_paid) == (
        date(2026, 11, 26), date(2026, 12, 25), D("32.00"))
    assert (webinar.status, webinar.period_start, webinar.period_end, webinar.amount_paid) == (
        ACTIVE, date(2026, 11, 26), date(2027, 11, 25), D("5970.00"))
    assert {u.product for u in account.used_products} >= {"gotowebinar"}


# --- R10.1 lines ------------------------------------------------------------------------------
def test_r10_1_one_line_per_item_rate_times_licenses_priced_in_the_accounts_currency():
    account = Account(name="Acme Ltd", kind="standard", country="GB", currency="GBP",
                      locale="en", billing_day=3)
    account.put_in_cart(CATALOG, TODAY, product="gotowebinar", level="lite", licenses=4,
                        term="monthly")
    account.put_in_cart(CATALOG, TODAY, product="logmein-pro", level=None, licenses=2,
                        term="annual")
    webinar, logmein = quote_of(account).lines
    assert (webinar.rate, webinar.amount) == (D("41.65"), D("166.60"))
    assert (webinar.period_start, webinar.period_end) == (TODAY, date(2026, 12, 25))
    assert (logmein.level, logmein.rate, logmein.amount) == ("pro", D("255.00"), D("510.00"))
    assert (logmein.period_start, logmein.period_end) == (TODAY, date(2027, 11, 25))


def test_r8_5_prices_come_from_the_catalog_when_the_quote_is_made():
    account = worked_example_account()
    lvl = CATALOG.get("gotowebinar").resolve_level("pro")
    cheaper_level = type(lvl)(lvl.code, lvl.name, lvl.max_licenses,
                              {"EUR": {"monthly": D("150.00"), "annual": D("1500.00")}})
    product = CATALOG.get("gotowebinar")
    cheaper = type(CATALOG)(tuple(
        type(product)(p.code, p.name, p.trial_days,
                      tuple(cheaper_level if lv.code == "pro" else lv for lv in p.levels))
        if p.code == "gotowebinar" else p for p in CATALOG.products))
    new = build_quote(account, cheaper, TODAY, valid_vat_number=None,
                      seller_country="IE").lines[0]
    assert (new.rate, new.amount) == (D("1500.00"), D("4500.00"))


# --- R10.3 re-alignment -----------------------------------------------------------------------
def sub(start: date, end: date, paid: str, term: str = "monthly", licenses: int = 1,
        product: str = "gotomeeting", level: str = "business") -> Subscription:
    return Subscription(product=product, level=level, licenses=licenses, term=term,
                        status=ACTIVE, period_start=start, period_end=end, amount_paid=D(paid))


def test_r10_3_credit_formula_of_the_worked_example():
    """32.00 x 19 unused days / 30 days = 20.2666... -> 20.27 (days counted inclusive)."""
    s = sub(date(2026, 11, 15), date(2026, 12, 14), "32.00")
    assert days_inclusive(TODAY, s.period_end) == 19
    assert days_inclusive(s.period_start, s.period_end) == 30
    assert unused_credit(s, TODAY) == D("20.27")


def test_r10_3_credit_rounds_half_up_to_the_cent():
    s = sub(date(2026, 11, 1), date(2026, 11, 8), "1.00")  # 8 days
    assert unused_credit(s, date(2026, 11, 8)) == D("0.13")  # 0.125 -> 0.13, not 0.12


def test_r10_3_credit_on_the_first_and_last_day_of_the_period():
    s = sub(date(2026, 11, 15), date(2026, 12, 14), "32.00")
    assert unused_credit(s, date(2026, 11, 15)) == D("32.00")  # unused: the whole period
    assert unused_credit(s, date(2026, 12, 14)) == D("1.07")  # 32 / 30
    assert unused_credit(s, date(2026, 12, 15)) == D("0.00")


def test_r10_3_a_subscription_whose_period_starts_today_is_not_realigned():
    account = Account(name="Acme", kind="standard", country="FR", currency="EUR",
                      locale="fr", billing_day=26)
    held = sub(TODAY, date(2026, 12, 25), "32.00", licenses=2)
    account.subscriptions.append(held)
    assert not needs_realignment(held, TODAY)
    account.put_in_cart(CATALOG, TODAY, product="gotowebinar", level="pro", licenses=3,
                        term="annual")
    quote = quote_of(account)
    assert [ln.kind for ln in quote.lines] == [NEW]
    assert quote.subtotal == D("5970.00")
    apply_quote(account, quote)
    assert (held.period_start, held.period_end, held.amount_paid) == (
        TODAY, date(2026, 12, 25), D("32.00"))


def test_r10_3_every_held_paid_subscription_is_realigned_at_its_own_term_and_price():
    account = Account(name="Acme", kind="standard", country="US", currency="USD",
                      locale="en", billing_day=3)
    account.subscriptions += [
        sub(date(2026, 11, 3), date(2026, 12, 2), "48.00", licenses=3,
            product="gotomeeting", level="business"),
        sub(date(2026, 1, 3), date(2027, 1, 2), "290.00", term="annual", licenses=1,
            product="gotoconnect", level="standard"),
    ]
    account.start_trial(CATALOG, date(2026, 11, 20), product="gototraining", level="starter",
                        licenses=1)  # a trial is not paid: not re-aligned
    account.put_in_cart(CATALOG, TODAY, product="logmein-pro", level=None, licenses=1,
                        term="monthly")
    kinds = [(ln.kind, ln.product) for ln in quote_of(account).lines]
    assert kinds == [(NEW, "logmein-pro"), (CREDIT, "gotomeeting"), (RENEWAL, "gotomeeting"),
                     (CREDIT, "gotoconnect"), (RENEWAL, "gotoconnect")]
    lines = {(ln.kind, ln.product): ln for ln in quote_of(account).lines}
    # 48.00 x 7 / 30 = 11.20 ; 290.00 x 38 / 365 = 30.1917... -> 30.19
    assert lines[(CREDIT, "gotomeeting")].amount == D("-11.20")
    assert lines[(CREDIT, "gotoconnect")].amount == D("-30.19")
    assert lines[(RENEWAL, "gotoconnect")].period_end == date(2027, 11, 25)
    assert lines[(RENEWAL, "gotoconnect")].amount == D("290.00")
    assert lines[(RENEWAL, "gotomeeting")].amount == D("48.00")


def test_r10_3_an_expired_trial_is_neither_credited_nor_renewed():
    account = Account(name="Acme", kind="standard", country="FR", currency="EUR",
                      locale="fr", billing_day=3)
    account.start_trial(CATALOG, date(2026, 10, 1), product="gotowebinar", level="pro",
                        licenses=1)
    account.put_in_cart(CATALOG, TODAY, product="logmein-pro", level=None, licenses=1,
                        term="monthly")
    assert [ln.kind for ln in quote_of(account).lines] == [NEW]


# --- R10.4 totals -----------------------------------------------------------------------------
def test_r10_4_total_is_subtotal_plus_vat_rounded_half_up():
    account = Account(name="Acme", kind="standard", country="FI", currency="EUR",
                      locale="en", billing_day=1)
    account.put_in_cart(CATALOG, TODAY, product="gotomeeting", level="business", licenses=1,
                        term="monthly")
    quote = quote_of(account)
    assert quote.subtotal == D("16.00")
    assert (quote.vat.rate, quote.vat.amount) == (D("25.5"), D("4.08"))  # 4.08 exactly
    assert quote.total_due == D("20.08")


def test_r10_4_vat_on_a_half_cent_rounds_up():
    from backend.domain.vat import compute_vat

    assert compute_vat(D("1.50"), "DE", None, "IE").amount == D("0.29")  # 0.285


def test_r10_5_an_empty_cart_has_no_place_order_page():
    account = Account(name="Acme", kind="standard", country="FR", currency="EUR",
                      locale="fr", billing_day=1)
    with pytest.raises(CartEmpty) as err:
        quote_of(account)
    assert err.value.code == "cart_empty"


# --- R11.3 on the quote -----------------------------------------------------------------------
@pytest.mark.parametrize("country, number, rate, reverse", [
    ("FR", None, "20", False),
    ("DE", "DE136695976", "0", True),
    ("DE", None, "19", False),
    ("IE", "IE6433435F", "23", False),  # the seller's own country: no reverse charge
    ("GB", None, "20", False),
    ("GB", "GB980780684", "0", True),
    ("US", None, "0", False),
])
def test_r11_3_vat_of_the_quote(country, number, rate, reverse):
    account = Account(name="Acme", kind="standard", country=country,
                      currency=currency_for_country(country), locale="en", billing_day=1)
    account.put_in_cart(CATALOG, TODAY, product="gotomeeting", level="business", licenses=10,
                        term="monthly")
    quote = quote_of(account, vat_number=number)
    assert (quote.vat.rate, quote.vat.reverse_charge) == (D(rate), reverse)
    assert quote.vat.amount == (quote.subtotal * D(rate) / 100).quantize(D("0.01"))
    assert quote.total_due == quote.subtotal + quote.vat.amount


# --- properties -------------------------------------------------------------------------------
TERM = st.sampled_from(["monthly", "annual"])
MONEY = st.decimals(min_value=0, max_value=1_000_000, places=2, allow_nan=False,
                    allow_infinity=False)


@st.composite
def held_subscription(draw, product: str = "gotomeeting", level: str = "business"):
    start = draw(st.dates(date(2020, 1, 1), date(2035, 12, 31)))
    term = draw(TERM)
    anchor = draw(st.none() | st.integers(1, 31))
    end = period_end(start, term, anchor)
    return sub(start, end, str(draw(MONEY)), term=term, licenses=draw(st.integers(1, 250)),
               product=product, level=level)


@given(held_subscription(), st.data())
def test_r10_3_property_credit_is_never_negative_nor_more_than_paid(s, data):
    """For any period and any today within it, 0 <= credit <= what was paid; outside it,
    still within those bounds (nothing unused after the end, everything before the start)."""
    assert s.period_end >= s.period_start  # R10.2
    within = data.draw(st.dates(s.period_start, s.period_end))
    credit = unused_credit(s, within)
    assert D("0") <= credit <= s.amount_paid
    assert credit == credit.quantize(D("0.01"))
    anywhere = data.draw(st.dates(s.period_start - timedelta(days=400),
                                  s.period_end + timedelta(days=400)))
    assert D("0") <= unused_credit(s, anywhere) <= s.amount_paid


@given(held_subscription(), st.data())
def test_r10_3_property_credit_shrinks_as_days_pass(s, data):
    a = data.draw(st.dates(s.period_start, s.period_end))
    b = data.draw(st.dates(a, s.period_end))
    assert unused_credit(s, b) <= unused_credit(s, a)


COUNTRIES = ["FR", "DE", "IE", "FI", "HU", "GR", "GB", "US", "JP"]


@st.composite
def quotable_account(draw, vat_number: bool | None = None):
    """An account in some country with 1-4 items in the cart and 0-2 held paid
    subscriptions of other products, whose periods contain today."""
    country = draw(st.sampled_from(COUNTRIES))
    account = Account(name="Acme", kind="standard", country=country,
                      currency=currency_for_country(country), locale="en",
                      billing_day=draw(st.integers(1, 31)))
    codes = [p.code for p in CATALOG.products]
    chosen = draw(st.lists(st.sampled_from(codes), min_size=1, max_size=6, unique=True))
    split = draw(st.integers(1, len(chosen)))
    today = draw(st.dates(date(2024, 1, 1), date(2032, 12, 31)))
    for code in chosen[:split]:
        level = draw(st.sampled_from(CATALOG.get(code).levels))
        account.put_in_cart(CATALOG, today, product=code, level=level.code,
                            licenses=draw(st.integers(1, level.max_licenses)), term=draw(TERM))
    for code in chosen[split:split + 2]:
        level = draw(st.sampled_from(CATALOG.get(code).levels))
        term = draw(TERM)
        start = draw(st.dates(today - timedelta(days=360 if term == "annual" else 27), today))
        end = period_end(start, term)
        licenses = draw(st.integers(1, level.max_licenses))
        paid = level.price(account.currency, term) * licenses
        account.subscriptions.append(sub(start, end, str(paid), term=term, licenses=licenses,
                                         product=code, level=level.code))
    if vat_number is None:
        vat_number = draw(st.booleans())
    return account, today, ("XX-VALIDATED" if vat_number else None)


@settings(max_examples=200)
@given(quotable_account())
def test_r10_4_property_total_due_is_the_sum_of_the_lines_plus_vat(case):
    account, today, number = case
    quote = build_quote(account, CATALOG, today, valid_vat_number=number, seller_country="IE")
    assert quote.subtotal == sum(ln.amount for ln in quote.lines)
    assert quote.total_due == sum(ln.amount for ln in quote.lines) + quote.vat.amount
    for ln in quote.lines:
        assert ln.amount == ln.amount.quantize(D("0.01"))
        assert ln.period_end >= ln.period_start
        assert (ln.amount <= 0) if ln.kind == CREDIT else (ln.amount == ln.rate * ln.licenses)
    assert quote.vat.amount >= 0
    assert quote.total_due >= 0
    assert len([ln for ln in quote.lines if ln.kind == NEW]) == len(account.cart_items)


@settings(max_examples=200)
@given(quotable_account(vat_number=True))
def test_r11_3_property_vat_of_a_reverse_charge_quote_is_zero(case):
    account, today, number = case
    quote = build_quote(account, CATALOG, today, valid_vat_number=number, seller_country="IE")
    if quote.vat.reverse_charge:
        assert (quote.vat.amount, quote.vat.rate) == (D("0.00"), D("0"))
        assert quote.total_due == quote.subtotal
    # reverse charge exactly for EU/GB customers outside the seller's country
    assert quote.vat.reverse_charge == (account.country not in ("IE", "US", "JP"))
