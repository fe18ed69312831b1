"""Whether an order charges the card depends on its total due being above zero, not on its
size: a catalog priced in cents charges cents, and an order with nothing due charges
nothing (and writes no charge), yet is placed. The default catalog cannot say this (its
cheapest order is well above one euro), so these tests price a product of their own."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from backend.domain.catalog import Level
from backend.service_layer.catalog_data import read_catalog, sync_catalog
from tests.integration.test_place_order import CountingGateway


def _priced(code: str, monthly_eur: str) -> object:
    template = read_catalog().get("gotomeeting")
    price = Decimal(monthly_eur)
    level = Level(code="solo", name="Solo", max_licenses=5,
                  prices={"EUR": {"monthly": price, "annual": price * 10}})
    return dataclasses.replace(template, code=code, name=code.title(), levels=(level,),
                               trial_days=None)


@pytest.fixture
def cents_app(app):
    catalog = read_catalog()
    extra = (_priced("penny", "0.40"), _priced("gratis", "0.00"))
    sync_catalog(app.uow(), dataclasses.replace(catalog, products=catalog.products + extra))
    return app


def _order(app, product: str):
    acct = app.account(country="FR", cart=[{"product": product, "level": "solo",
                                           "licenses": 1, "term": "monthly"}])
    gateway = CountingGateway()
    order, created = app.place(acct.who, gateway=gateway)
    assert created
    return acct, order, gateway


def test_a_total_due_under_one_euro_is_charged(cents_app):
    acct, order, gateway = _order(cents_app, "penny")
    assert order.total_due == Decimal("0.48")  # 0.40 + 20 % VAT
    assert [c.amount for c in gateway.approved] == [Decimal("0.48")]
    [charge] = cents_app.charges(acct)
    assert charge.amount == Decimal("0.48") and charge.order_number == order.number


def test_an_order_with_nothing_due_is_placed_without_a_charge(cents_app):
    acct, order, gateway = _order(cents_app, "gratis")
    assert order.total_due == Decimal("0.00")
    assert gateway.approved == [] and cents_app.charges(acct) == []
    assert [s.product for s in cents_app.overview(acct.who).subscriptions] == ["gratis"]
