"""The cart (R8): stored with the account, one item per product."""

from __future__ import annotations

from backend.service_layer import views
from backend.service_layer.common import Principal, cart_out, load, today_for
from backend.service_layer.unit_of_work import SqlAlchemyUnitOfWork


def view_cart(uow: SqlAlchemyUnitOfWork, who: Principal, locale: str) -> views.CartOut:
    with uow:
        account, _user = load(uow, who)
        return cart_out(account, uow.catalog.load(), locale)


def add_cart_item(uow: SqlAlchemyUnitOfWork, who: Principal, *, product: str,
                  level: str | None, licenses: object, term: object, locale: str,
                  portal_url: str) -> views.CartOut:
    """R8.2-R8.4: put a product in the cart, or edit its item when it is there already."""
    with uow.for_write():
        account, user = load(uow, who, lock=True)
        account.ensure_may_add(user, portal_url)
        catalog = uow.catalog.load()
        account.put_in_cart(catalog, today_for(account, uow), product=product, level=level,
                            licenses=licenses, term=term)
        uow.flush()
        out = cart_out(account, catalog, locale)
        uow.commit()
        return out


def edit_cart_item(uow: SqlAlchemyUnitOfWork, who: Principal, item_id: int, *,
                   level: str | None = None, licenses: object = None, term: object = None,
                   locale: str, portal_url: str) -> views.CartOut:
    """R10.5: Edit Order changes an item's level, licenses or term."""
    with uow.for_write():
        account, user = load(uow, who, lock=True)
        account.ensure_may_add(user, portal_url)
        catalog = uow.catalog.load()
        account.edit_cart_item(catalog, item_id, level=level, licenses=licenses, term=term)
        out = cart_out(account, catalog, locale)
        uow.commit()
        return out


def remove_cart_item(uow: SqlAlchemyUnitOfWork, who: Principal, item_id: int, *,
                     locale: str, portal_url: str) -> views.CartOut:
    with uow.for_write():
        account, user = load(uow, who, lock=True)
        account.ensure_may_add(user, portal_url)
        account.remove_cart_item(item_id)
        out = cart_out(account, uow.catalog.load(), locale)
        uow.commit()
        return out
