"""Reading the account and the catalog (R2, R4, R5)."""

from __future__ import annotations

from backend.domain.catalog import Product
from backend.service_layer import views
from backend.service_layer.common import Principal, account_out, load, today_for
from backend.service_layer.unit_of_work import SqlAlchemyUnitOfWork


def account_overview(uow: SqlAlchemyUnitOfWork, who: Principal,
                     portal_url: str) -> views.AccountOut:
    with uow:
        account, user = load(uow, who)
        return account_out(account, user, uow.catalog.load(), today_for(account, uow),
                           portal_url)


def _product_out(product: Product, currency: str) -> dict:
    return {
        "code": product.code, "name": product.name, "trial_days": product.trial_days,
        "levels": [views.LevelOut(code=lv.code, name=lv.name, max_licenses=lv.max_licenses,
                                  monthly=lv.price(currency, "monthly"),
                                  annual=lv.price(currency, "annual"))
                   for lv in product.levels],
    }


def catalog(uow: SqlAlchemyUnitOfWork, who: Principal) -> list[views.ProductOut]:
    """The whole catalog with prices in the account's currency."""
    with uow:
        account, _user = load(uow, who)
        return [views.ProductOut(**_product_out(p, account.currency))
                for p in uow.catalog.load().products]


def available_products(uow: SqlAlchemyUnitOfWork, who: Principal,
                       portal_url: str) -> list[views.AvailableProductOut]:
    """R2: products not held active; R4: whether Try is offered. R0: only for those who
    may add subscriptions."""
    with uow:
        account, user = load(uow, who)
        account.ensure_may_add(user, portal_url)
        offers = account.offers(uow.catalog.load(), today_for(account, uow))
        return [views.AvailableProductOut(**_product_out(o.product, account.currency),
                                          can_buy=o.can_buy, can_try=o.can_try)
                for o in offers]
