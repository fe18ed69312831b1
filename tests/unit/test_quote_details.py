"""Details of the Place Order page's quote and of what an order changes (R10.1, R10.2,
R10.3, R11.3, R4), on domain objects. Found by mutation testing (docs/mutation.md): each
test pins a detail the worked-example tests left free."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from backend.domain.checkout import CREDIT, NEW, RENEWAL, build_quote
from backend.domain.dates import add_months
from backend.domain.model import ACTIVE, TRIALING, Account, Subscription
from backend.domain.vat import compute_vat
from backend.service_layer.catalog_data import read_catalog

CATALOG = read_catalog()
TODAY = date(2026, 11, 26)


def account(country: str = "FR", *subscriptions: Subscription) -> Account:
    acc = Account(name="Acme", kind="standard", country=country, currency="EUR", locale="en",
                  billing_day=15)
    acc.subscriptions.extend(subscriptions)
    acc.put_in_cart(CATALOG, TODAY, product="gotowebinar", level="pro", licenses=3,
                    term="annual")
    return acc


def held(product: str, level: str, licenses: int, paid: str, status: str = ACTIVE,
         term: str | None = "monthly") -> Subscription:
    return Subscription(product=product, level=level, licenses=licenses, term=term,
                        status=status, period_start=date(2026, 11, 15),
                        period_end=date(2026, 12, 14), amount_paid=Decimal(paid),
                        trial_end=date(2026, 12, 14) if status == TRIALING else None)


def test_r10_1_every_line_names_its_product_and_level():
    """R10.1: product and level are shown by name on each line, credits and renewals too."""
    quote = build_quote(account("FR", held("gotomeeting", "business", 2, "32.00")), CATALOG,
                        TODAY, valid_vat_number=None, seller_country="IE")
    assert [(ln.kind, ln.product_name, ln.level_name) for ln in quote.lines] == [
        (NEW, "GoToWebinar", CATALOG.get("gotowebinar").resolve_level("pro").name),
        (CREDIT, "GoToMeeting", CATALOG.get("gotomeeting").resolve_level("business").name),
        (RENEWAL, "GoToMeeting", CATALOG.get("gotomeeting").resolve_level("business").name),
    ]


def test_r10_3_the_credit_line_shows_the_rate_and_term_the_period_was_bought_at():
    """R10.3 (decisions.md, credit line): rate = amount paid / licenses, the old term."""
    quote = build_quote(account("FR", held("gotomeeting", "business", 2, "33.00")), CATALOG,
                        TODAY, valid_vat_number=None, seller_country="IE")
    credit = next(ln for ln in quote.lines if ln.kind == CREDIT)
    assert (credit.rate, credit.term, credit.licenses) == (Decimal("16.50"), "monthly", 2)


def test_r10_3_a_subscription_not_realigned_does_not_stop_the_others():
    """R10.3: every held paid subscription is re-aligned, whatever comes before it (here a
    trial, which is not)."""
    subs = (held("gototraining", "pro", 1, "0.00", status=TRIALING, term=None),
            held("gotomeeting", "business", 2, "32.00"))
    quote = build_quote(account("FR", *subs), CATALOG, TODAY, valid_vat_number=None,
                        seller_country="IE")
    assert [(ln.kind, ln.product) for ln in quote.lines] == [
        (NEW, "gotowebinar"), (CREDIT, "gotomeeting"), (RENEWAL, "gotomeeting")]


def test_r11_3_vat_follows_the_sellers_country_given():
    """R11.3: a French number is not reverse-charged when the seller is French."""
    quote = build_quote(account("FR"), CATALOG, TODAY, valid_vat_number="FR40303265045",
                        seller_country="FR")
    assert (quote.vat.reverse_charge, quote.vat.rate) == (False, Decimal("20"))


def test_r10_2_the_next_billing_date_is_the_day_after_the_period():
    """R10.2: a paid subscription renews the day after its period ends; a trial never."""
    assert held("gotomeeting", "business", 1, "16.00").next_billing_date(TODAY) == date(
        2026, 12, 15)
    trial = held("gotomeeting", "business", 1, "0.00", status=TRIALING, term=None)
    assert trial.next_billing_date(TODAY) is None


def test_r4_every_product_ever_had_is_remembered_once():
    """R4: Try is never offered again for a product the account had in any form."""
    acc = account()
    for product in ("gotomeeting", "gotowebinar", "gotomeeting"):
        acc.remember_product(product)
    assert [u.product for u in acc.used_products] == ["gotomeeting", "gotowebinar"]


def test_r10_2_month_arithmetic_reaches_the_first_year_and_refuses_day_32():
    """R10.2: the calendar's first year is usable; an anchor day past 31 is a bug."""
    assert add_months(date(1, 2, 15), -1) == date(1, 1, 15)
    with pytest.raises(ValueError, match=r"1\.\.31, got 32"):
        add_months(TODAY, 1, anchor_day=32)
    assert add_months(TODAY, 1, anchor_day=31) == date(2026, 12, 31)


def test_r9_1_a_trial_is_recorded_with_its_level_period_and_product():
    """R9.1: trialing from today to today + the trial days, at the chosen level; R4: the
    product is remembered, so Try is not offered again."""
    acc = account()
    sub = acc.start_trial(CATALOG, TODAY, product="gotomeeting", level="business",
                          licenses=2)
    end = date(2026, 12, 10)  # 14 trial days
    assert (sub.level, sub.licenses, sub.term, sub.status) == ("business", 2, None, TRIALING)
    assert (sub.period_start, sub.period_end, sub.trial_end) == (TODAY, end, end)
    assert [u.product for u in acc.used_products] == ["gotomeeting"]


def test_r11_1_the_card_on_file_keeps_brand_last_four_and_expiry():
    """R11.1: only brand, last four and expiry are kept."""
    acc = account()
    acc.save_card("visa", "4242", 12, 2030)
    assert (acc.card_brand, acc.card_last4, acc.card_exp_month, acc.card_exp_year) == (
        "visa", "4242", 12, 2030)


def test_r11_3_the_default_seller_is_irish_and_no_vat_outside_the_eu_and_gb():
    """R11.3: seller IE by default, so an Irish number is taxed, not reverse-charged; a US
    customer pays none, and the result still names the customer's country."""
    irish = compute_vat(Decimal("100.00"), "IE", "IE6388047V")
    assert (irish.reverse_charge, irish.amount) == (False, Decimal("23.00"))
    american = compute_vat(Decimal("100.00"), "us", None)
    assert (american.rate, american.amount, american.reverse_charge, american.country) == (
        Decimal("0"), Decimal("0.00"), False, "US")
