"""/api/cart: the account's cart (R8, R10.5)."""

from fastapi import APIRouter

from backend.api.deps import Locale, PortalUrl, UoW, Who
from backend.api.schemas import CartItemIn, CartItemPatchIn, RowId
from backend.service_layer import cart
from backend.service_layer.views import CartOut

router = APIRouter(prefix="/api/cart", tags=["cart"])


@router.get("", response_model=CartOut)
def view(uow: UoW, who: Who, locale: Locale) -> CartOut:
    return cart.view_cart(uow, who, locale)


@router.post("/items", response_model=CartOut)
def add(body: CartItemIn, uow: UoW, who: Who, locale: Locale, portal_url: PortalUrl) -> CartOut:
    return cart.add_cart_item(uow, who, product=body.product, level=body.level,
                              licenses=body.licenses, term=body.term, locale=locale,
                              portal_url=portal_url)


@router.patch("/items/{item_id}", response_model=CartOut)
def edit(item_id: RowId, body: CartItemPatchIn, uow: UoW, who: Who, locale: Locale,
         portal_url: PortalUrl) -> CartOut:
    return cart.edit_cart_item(uow, who, item_id, level=body.level, licenses=body.licenses,
                               term=body.term, locale=locale, portal_url=portal_url)


@router.delete("/items/{item_id}", response_model=CartOut)
def remove(item_id: RowId, uow: UoW, who: Who, locale: Locale, portal_url: PortalUrl) -> CartOut:
    return cart.remove_cart_item(uow, who, item_id, locale=locale, portal_url=portal_url)
