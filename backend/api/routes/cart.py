"""/api/cart: the account's cart (R8, R10.5)."""

from fastapi import APIRouter

from backend.api.deps import Locale, OneHopRoute, Service, Who
from backend.api.schemas import CartItemIn, CartItemPatchIn, RowId
from backend.service_layer.views import CartOut

router = APIRouter(prefix="/api/cart", tags=["cart"], route_class=OneHopRoute)


@router.get("", response_model=CartOut)
def view(service: Service, who: Who, locale: Locale) -> CartOut:
    return service.cart(who, locale)


@router.post("/items", response_model=CartOut)
def add(body: CartItemIn, service: Service, who: Who, locale: Locale) -> CartOut:
    return service.add_to_cart(who, product=body.product, level=body.level,
                               licenses=body.licenses, term=body.term, locale=locale)


@router.patch("/items/{item_id}", response_model=CartOut)
def edit(item_id: RowId, body: CartItemPatchIn, service: Service, who: Who,
         locale: Locale) -> CartOut:
    return service.edit_cart_item(who, item_id, level=body.level, licenses=body.licenses,
                                  term=body.term, locale=locale)


@router.delete("/items/{item_id}", response_model=CartOut)
def remove(item_id: RowId, service: Service, who: Who, locale: Locale) -> CartOut:
    return service.remove_cart_item(who, item_id, locale=locale)
