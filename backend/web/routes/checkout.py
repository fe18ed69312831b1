"""The Place Order page (R10), placing the order (R11, R12) and its confirmation (R12.2).

The form carries an idempotency key made when the page is shown, so a double-submitted or
retried Place Order makes one order (R12.4), and the total and VAT number the page showed,
so the order is placed only at the price the person saw.
"""

from __future__ import annotations

import secrets
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from backend.domain.errors import CartEmpty, DomainError, _
from backend.i18n import label
from backend.service_layer.inputs import CardInput
from backend.web.common import Refusal, current_user, refusal, see_other, service
from backend.web.rendering import page_locale, render, tr
from backend.web.security import checked_form

router = APIRouter()
Form = Annotated[FormData, Depends(checked_form)]
PAGE_FIELDS = ("vat_number", "card", "card_name", "card_number", "card_expiry", "card_cvc")
# Given back to the page after a refusal; the card number and the CVC never are.
KEPT = ("card_name", "card_exp_month", "card_exp_year", "payment")


def _page(request: Request, *, vat_number: str | None, key: str | None = None,
          typed: dict[str, str] | None = None, errors: dict[str, Refusal] | None = None,
          alert: Refusal | None = None, notice: str | None = None,
          status: int = 200) -> Response:
    who = current_user(request)
    errors = dict(errors or {})
    account = service(request).account(who)
    shown_vat = vat_number if vat_number is not None else (account.vat_number or "")
    try:
        checkout = service(request).checkout(who, shown_vat or None)
    except CartEmpty as err:  # R10.5: an empty cart has no Place Order page
        shown = refusal(request, err)
        return render(request, "error.html", status=shown.status, title=label(
            "place_order", page_locale(request)), message=shown.message, link=None, code=shown.code)
    except DomainError as err:
        shown = refusal(request, err, at_fields=PAGE_FIELDS)
        if shown.field is None:
            raise
        errors[shown.field] = shown  # an invalid VAT number: the page without it
        checkout = service(request).checkout(who, None)
        status = shown.status
    if errors and status == 200:
        status = 422
    return render(request, "place_order.html", status=status, checkout=checkout,
                  account=account, vat_number=shown_vat, key=key or secrets.token_urlsafe(18),
                  typed=typed or {}, errors=errors, alert=alert, notice=notice,
                  vat_applies=not errors.get("vat_number"))


@router.get("/place-order")
def place_order_page(request: Request, vat_number: str | None = None) -> Response:
    return _page(request, vat_number=vat_number.strip() if vat_number is not None else None)


@router.post("/place-order/vat")
def apply_vat_number(request: Request, form: Form) -> Response:
    """The page again with the VAT number typed (R11.2, R11.3); nothing else is kept."""
    current_user(request)
    vat = str(form.get("vat_number", "")).strip()
    return see_other("/place-order?" + urlencode({"vat_number": vat}))


def _card(form: FormData) -> tuple[CardInput | None, bool]:
    """The saved card, or the new card typed (None when nothing was typed)."""
    if form.get("payment") == "saved":
        return None, True
    fields = {name: str(form.get(f"card_{name}", "")).strip()
              for name in ("name", "number", "exp_month", "exp_year", "cvc")}
    if not any(fields.values()):
        return None, False
    return CardInput(**fields), False


@router.post("/place-order")
def place_order(request: Request, form: Form) -> Response:
    who = current_user(request)
    key = str(form.get("idempotency_key", ""))
    vat = str(form.get("vat_number", "")).strip()
    typed = {name: str(form.get(name, "")) for name in KEPT}
    try:
        now = service(request).checkout(who, vat or None)
    except CartEmpty:
        now = None  # already placed (a second submission answers that order) or empty
    except DomainError as err:
        return _refused(request, err, vat, key, typed)
    changed = vat != str(form.get("vat_shown", "")).strip()
    if now is not None and (changed or str(now.total_due) != form.get("total_shown")):
        return _page(request, vat_number=vat, key=key, typed=typed, status=409, notice=tr(
            request, _("The total due has changed since the page was shown. Check it, then "
                       "place the order again.")))
    card, use_saved = _card(form)
    try:
        placed = service(request).place_order(who, idempotency_key=key, card=card,
                                              use_saved_card=use_saved,
                                              vat_number=vat or None)
    except DomainError as err:
        return _refused(request, err, vat, key, typed)
    return see_other(f"/orders/{placed.order.id}")


def _refused(request: Request, err: DomainError, vat: str, key: str,
             typed: dict[str, str]) -> Response:
    """R11.5: nothing placed, the page says why, at the field when there is one."""
    if isinstance(err, CartEmpty):
        return _page(request, vat_number=vat)
    shown = refusal(request, err, at_fields=PAGE_FIELDS)
    errors = {shown.field: shown} if shown.field else {}
    return _page(request, vat_number=vat, key=key, typed=typed, errors=errors,
                 alert=None if shown.field else shown, status=shown.status)


@router.get("/orders/{order_id}")
def confirmation(request: Request, order_id: int) -> Response:
    """R12.2: the order number, what is active now, the new billing date, and the
    reminder to assign the licenses added."""
    order = service(request).order(current_user(request), order_id)
    return render(request, "order.html", order=order)
