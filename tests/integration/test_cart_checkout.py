"""Choosing, the cart and the Place Order page through the services (R2, R4-R8, R10),
on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from backend.domain.catalog import Catalog
from backend.domain.errors import AlreadySubscribed, CartEmpty, NotFound, ValidationFailed
from backend.service_layer import auth
from backend.service_layer.catalog_data import read_catalog, sync_catalog

D = Decimal
GOTOMEETING = {"product": "gotomeeting", "level": "business", "licenses": 2, "term": "monthly"}


# --- R2 / R4 / R5 Add a new subscription ------------------------------------------------------
def test_r2_r4_available_products(app):
    acct = app.account(country="FR", subscriptions=[GOTOMEETING], trials_used=["gototraining"])
    available = app.available(acct.who)
    assert "gotomeeting" not in available  # held active (R2)
    assert list(available) == ["gotowebinar", "gototraining", "gotoconnect", "logmein-pro",
                               "logmein-rescue"]
    assert all(p.can_buy for p in available.values())  # Buy is always offered (R4)
    assert available["gotowebinar"].can_try
    assert not available["gototraining"].can_try  # had a trial already
    assert not available["gotoconnect"].can_try  # has no trial
    pro = next(lv for lv in available["gotowebinar"].levels if lv.code == "pro")
    assert (pro.max_licenses, pro.monthly, pro.annual) == (100, D("199.00"), D("1990.00"))
    assert len(available["logmein-pro"].levels) == 1  # R5: nothing to choose


def test_r2_a_trialing_product_is_listed_with_buy_only(app):
    acct = app.account(subscriptions=[{"product": "gotowebinar", "level": "pro",
                                       "licenses": 1, "status": "trialing"}])
    offer = app.available(acct.who)["gotowebinar"]
    assert offer.can_buy and not offer.can_try


def test_r2_prices_are_in_the_accounts_currency(app):
    acct = app.account(country="GB")
    pro = next(lv for lv in app.available(acct.who)["gotowebinar"].levels if lv.code == "pro")
    assert (pro.monthly, pro.annual) == (D("169.15"), D("1691.50"))


# --- R8 the cart ------------------------------------------------------------------------------
def test_r8_2_r8_3_the_buy_button_is_place_order_then_add_to_cart(app):
    acct = app.account(country="FR", locale="fr")
    empty = app.view_cart(acct.who)
    assert (empty.items, empty.primary_action, empty.primary_action_label) == (
        [], "place_order", "Place Order")
    after = app.add(acct.who, "gotowebinar", "pro", 3, "annual", locale="fr")
    assert after.primary_action == "add_to_cart"
    assert after.primary_action_label == "Ajouter au panier"
    assert [(i.product, i.level, i.licenses, i.term) for i in after.items] == [
        ("gotowebinar", "pro", 3, "annual")]
    both = app.add(acct.who, "logmein-pro", None, 1, "monthly")
    assert [i.product for i in both.items] == ["gotowebinar", "logmein-pro"]  # R3
    assert both.items[1].level == "pro"  # R5: the only level, silently


def test_r8_4_choosing_a_product_again_edits_its_item(app):
    acct = app.account()
    first = app.add(acct.who, "gotowebinar", "pro", 3, "annual").items[0]
    again = app.add(acct.who, "gotowebinar", "lite", 5, "monthly")
    assert [(i.id, i.level, i.licenses, i.term) for i in again.items] == [
        (first.id, "lite", 5, "monthly")]
    assert len(app.rows("cart_items")) == 1


def test_r8_1_the_cart_is_stored_with_the_account_and_outlives_sessions(app):
    acct = app.account()
    app.add(acct.who, "gotowebinar", "pro", 3, "annual")
    auth.sign_out(app.uow(), acct.token)
    session = app.sign_in(acct.email, acct.password)
    who = auth.authenticate(app.uow(), session.token)
    assert session.account.cart_count == 1
    assert [i.product for i in app.view_cart(who).items] == ["gotowebinar"]


@pytest.mark.parametrize("licenses", [0, 101, -1, "2.5", "abc", 2.5, True])
def test_r6_license_count_is_refused_at_the_field_and_nothing_is_written(app, licenses):
    acct = app.account()
    before = app.snapshot()
    with pytest.raises(ValidationFailed) as err:
        app.add(acct.who, "gotowebinar", "pro", licenses, "annual")
    assert err.value.field == "licenses" and err.value.params["max"] == 100
    assert app.snapshot() == before


def test_r5_r7_level_and_term_are_checked(app):
    acct = app.account()
    with pytest.raises(ValidationFailed) as err:
        app.add(acct.who, "gotowebinar", None, 1, "annual")
    assert err.value.field == "level"
    with pytest.raises(ValidationFailed) as err:
        app.add(acct.who, "gotowebinar", "pro", 1, None)
    assert err.value.field == "term"
    with pytest.raises(ValidationFailed) as err:
        app.add(acct.who, "gotonowhere", None, 1, "monthly")
    assert err.value.field == "product"
    assert app.view_cart(acct.who).items == []


def test_r2_a_held_product_cannot_be_bought_again(app):
    acct = app.account(subscriptions=[GOTOMEETING])
    with pytest.raises(AlreadySubscribed) as err:
        app.add(acct.who, "gotomeeting", "business", 5, "annual")
    assert err.value.code == "already_subscribed"
    assert app.view_cart(acct.who).items == []


# --- R10 the Place Order page -----------------------------------------------------------------
def test_r10_3_r11_3_worked_example_through_the_services(app):
    """flow.md's worked example: 5,970.00 / -20.27 / 32.00 / VAT 1,196.35 / 7,178.08.
    R10.1 one line per item (and per re-aligned subscription), R10.2 periods from today,
    R10.4 subtotal + VAT = total due."""
    acct = app.worked_example_account()
    page = app.preview(acct.who)
    assert page.today == date(2026, 11, 26) and page.billing_day == 26
    assert [(ln.kind, ln.product, ln.licenses, ln.term, ln.period_start, ln.period_end,
             ln.rate, ln.amount) for ln in page.lines] == [
        ("new", "gotowebinar", 3, "annual", date(2026, 11, 26), date(2027, 11, 25),
         D("1990.00"), D("5970.00")),
        ("credit", "gotomeeting", 2, "monthly", date(2026, 11, 26), date(2026, 12, 14),
         D("16.00"), D("-20.27")),
        ("renewal", "gotomeeting", 2, "monthly", date(2026, 11, 26), date(2026, 12, 25),
         D("16.00"), D("32.00")),
    ]
    assert page.subtotal == D("5981.73")
    assert (page.vat.rate, page.vat.amount, page.vat.reverse_charge, page.vat.country) == (
        D("20"), D("1196.35"), False, "FR")
    assert page.total_due == D("7178.08") and page.currency == "EUR"
    assert page.next_billing_date == date(2026, 12, 26)
    assert page.model_dump(mode="json")["vat"]["rate"] == "20"  # api.md: "20", "25.5", "0"
    # the page is only a view: nothing changed
    assert app.overview(acct.who).billing_day == 15


def test_r10_5_edit_order_recomputes_and_an_empty_cart_has_no_page(app):
    acct = app.worked_example_account()
    item = app.view_cart(acct.who).items[0]
    app.edit(acct.who, item.id, licenses=4, term="monthly")
    page = app.preview(acct.who)
    assert (page.lines[0].term, page.lines[0].licenses, page.lines[0].amount) == (
        "monthly", 4, D("796.00"))
    assert (page.subtotal, page.vat.amount, page.total_due) == (
        D("807.73"), D("161.55"), D("969.28"))  # 796.00 - 20.27 + 32.00; VAT 161.546
    app.edit(acct.who, item.id, level="enterprise")
    assert app.preview(acct.who).lines[0].rate == D("399.00")
    with pytest.raises(ValidationFailed):
        app.edit(acct.who, item.id, level="lite", licenses=26)
    with pytest.raises(NotFound):
        app.edit(acct.who, item.id + 1000, licenses=1)
    assert app.remove(acct.who, item.id).items == []
    with pytest.raises(CartEmpty):
        app.preview(acct.who)


def test_r8_5_prices_are_taken_from_the_catalog_when_the_page_is_shown(app):
    acct = app.worked_example_account()
    assert app.preview(acct.who).lines[0].rate == D("1990.00")
    sync_catalog(app.uow(), with_price(read_catalog(), "gotowebinar", "pro", "EUR", "annual",
                                       D("1500.00")))
    page = app.preview(acct.who)
    assert (page.lines[0].rate, page.lines[0].amount) == (D("1500.00"), D("4500.00"))
    assert page.total_due == ((D("4500.00") - D("20.27") + D("32.00")) * D("1.2")).quantize(
        D("0.01"))
    order, _ = app.place(acct.who)
    assert order.lines[0].amount == D("4500.00")


def with_price(catalog: Catalog, product: str, level: str, currency: str, term: str,
               amount: Decimal) -> Catalog:
    def fix_level(lv):
        if lv.code != level:
            return lv
        prices = {cur: dict(terms) for cur, terms in lv.prices.items()}
        prices[currency][term] = amount
        return dataclasses.replace(lv, prices=prices)

    return Catalog(tuple(
        dataclasses.replace(p, levels=tuple(fix_level(lv) for lv in p.levels))
        if p.code == product else p for p in catalog.products))


def test_r10_3_a_trial_is_not_realigned_and_an_expired_one_is_not_credited(app):
    acct = app.account(country="US", billing_day=10, subscriptions=[
        {"product": "gotowebinar", "level": "pro", "licenses": 1, "status": "trialing"},
        {"product": "gototraining", "level": "pro", "licenses": 1, "status": "expired"},
        {"product": "gotomeeting", "level": "business", "licenses": 2, "term": "annual",
         "period_start": "2026-11-26"},
    ], cart=[{"product": "logmein-pro", "licenses": 1, "term": "monthly"}])
    page = app.preview(acct.who)
    assert [ln.kind for ln in page.lines] == ["new"]  # the paid one starts today already
    assert (page.vat.rate, page.total_due) == (D("0"), D("30.00"))  # R11.3: US, no VAT
