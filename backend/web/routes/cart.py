"""The cart (R8) and Edit Order (R10.5): change an item's level, licenses or term, or
remove it, then back to the Place Order page recomputed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from backend.domain.errors import DomainError
from backend.web.common import Refusal, current_user, refusal, see_other, service
from backend.web.rendering import render
from backend.web.security import checked_form

router = APIRouter()
Form = Annotated[FormData, Depends(checked_form)]
ITEM_FIELDS = ("level", "licenses", "term")


@router.get("/cart")
def view_cart(request: Request) -> Response:
    who = current_user(request)
    cart = service(request).cart(who)
    account = service(request).account(who)
    return render(request, "cart.html", cart=cart, account=account)


def _edit_page(request: Request, *, typed: dict[int, dict[str, str]] | None = None,
               errors: dict[int, dict[str, Refusal]] | None = None,
               alert: Refusal | None = None, status: int = 200) -> Response:
    who = current_user(request)
    cart = service(request).cart(who)
    if not cart.items:  # R10.5: an emptied cart shows the cart
        return see_other("/cart")
    products = {p.code: p for p in service(request).catalog(who)}
    return render(request, "edit_order.html", status=status, cart=cart, products=products,
                  typed=typed or {}, errors=errors or {}, alert=alert)


@router.get("/place-order/edit")
def edit_order(request: Request) -> Response:
    return _edit_page(request)


@router.post("/cart/items/{item_id}")
def save_item(request: Request, item_id: int, form: Form) -> Response:
    who = current_user(request)
    typed = {name: str(form.get(name, "")) for name in ITEM_FIELDS}
    try:
        service(request).edit_cart_item(
            who, item_id, level=typed["level"] or None, licenses=typed["licenses"],
            term=typed["term"] or None)
    except DomainError as err:  # at the item's field, what was typed kept
        shown = refusal(request, err, at_fields=ITEM_FIELDS)
        if shown.field is None:
            return _edit_page(request, alert=shown, status=shown.status)
        return _edit_page(request, typed={item_id: typed},
                          errors={item_id: {shown.field: shown}}, status=shown.status)
    return see_other("/place-order")


@router.post("/cart/items/{item_id}/remove")
def remove_item(request: Request, item_id: int, form: Form) -> Response:
    who = current_user(request)
    try:
        cart = service(request).remove_cart_item(who, item_id)
    except DomainError as err:
        shown = refusal(request, err)
        return _edit_page(request, alert=shown, status=shown.status)
    return see_other("/place-order" if cart.items else "/cart")
