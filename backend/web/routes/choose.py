"""Steps 2 to 8 of the article: Add a new subscription (R2, R4), Buy or Try, the level
(R5), the licenses dialog (R6), Monthly or Annual (R7), and the primary action (R8, R9).

The choice in progress lives in the address (`?level=&licenses=&term=`), so Back and reload
keep it; only the primary action posts. The cart is the server's (R8.1).
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from backend.domain.catalog import parse_licenses
from backend.domain.errors import (
    AlreadySubscribed,
    DomainError,
    NotFound,
    TrialNotAllowed,
    ValidationFailed,
    _,
)
from backend.service_layer.views import AvailableProductOut, LevelOut
from backend.web.common import Refusal, current_user, refusal, see_other, service
from backend.web.rendering import page_locale, render
from backend.web.security import checked_form

router = APIRouter()
Form = Annotated[FormData, Depends(checked_form)]
Action = Literal["buy", "try"]
CHOICE_FIELDS = ("level", "licenses", "term", "product")


@router.get("/products")
def products(request: Request) -> Response:
    """R2: the products the account does not hold active; R4: Try only where allowed."""
    who = current_user(request)
    try:
        offered = service(request).available_products(who)
    except DomainError as err:  # R0.1, R0.2
        shown = refusal(request, err)
        return render(request, "products.html", status=shown.status, products=[],
                      alert=shown, currency="")
    currency = service(request).account(who).currency
    return render(request, "products.html", products=offered, alert=None, currency=currency)


def _offer(request: Request, code: str, action: Action) -> AvailableProductOut:
    """The product as offered now; a direct attempt at something not offered (R0, R2, R4)
    gets the same refusal the use case gives."""
    who = current_user(request)
    offered = {p.code: p for p in service(request).available_products(who)}
    product = offered.get(code)
    if product is None:
        held = {p.code: p for p in service(request).catalog(who)}.get(code)
        if held is None:
            raise NotFound()
        raise AlreadySubscribed(product=held.name)
    if action == "try" and not product.can_try:
        raise TrialNotAllowed(product=product.name)
    return product


def _level(product: AvailableProductOut, code: str | None) -> LevelOut | None:
    """R5: one level is chosen silently."""
    if len(product.levels) == 1:
        return product.levels[0]
    return next((lv for lv in product.levels if lv.code == code), None)


def _choice_page(request: Request, product: AvailableProductOut, action: Action, *,
                 level: str | None, licenses: str | None, term: str | None,
                 step: str | None, errors: dict[str, Refusal] | None = None,
                 alert: Refusal | None = None, status: int = 200) -> Response:
    errors = dict(errors or {})
    chosen = _level(product, level)
    if level and chosen is None and len(product.levels) > 1:
        errors.setdefault("level", refusal(request, ValidationFailed(
            _("Choose a subscription level."), field="level"), at_fields=CHOICE_FIELDS))
    if chosen is not None and licenses is not None and "licenses" not in errors:
        try:
            parse_licenses(licenses, chosen.max_licenses)
        except ValidationFailed as err:
            errors["licenses"] = refusal(request, err, at_fields=CHOICE_FIELDS)
    if chosen is None:
        current = "level"
    elif step == "level" and len(product.levels) > 1:
        current = "level"
    elif licenses is None or "licenses" in errors or step == "licenses":
        current = "licenses"
    else:
        current = "confirm"
    if action == "try":
        primary_label = None  # the template shows "Start Trial"
    else:
        primary_label = service(request).cart(
            current_user(request), locale=page_locale(request)).primary_action_label
    if errors and status == 200:
        status = 422
    return render(request, "choice.html", status=status, product=product, action=action,
                  level=chosen, licenses=licenses if licenses is not None else "1",
                  licenses_chosen=licenses is not None and "licenses" not in errors,
                  licenses_given=licenses,
                  term=term if term in ("monthly", "annual") else None, step=current,
                  errors=errors, alert=alert, primary_label=primary_label,
                  currency=service(request).account(current_user(request)).currency)


@router.get("/products/{code}/{action}")
def choice(request: Request, code: str, action: Action, level: str | None = None,
           licenses: str | None = None, term: str | None = None,
           step: str | None = None) -> Response:
    product = _offer(request, code, action)
    return _choice_page(request, product, action, level=level, licenses=licenses, term=term,
                        step=step)


@router.post("/products/{code}/buy")
def buy(request: Request, code: str, form: Form) -> Response:
    """R8.2: on an empty cart the item goes in and the Place Order page opens; R8.3: with
    items already there it is added and the cart is shown."""
    who = current_user(request)
    level, licenses, term = _posted(form)
    product = _offer(request, code, "buy")
    before = service(request).cart(who)
    try:
        service(request).add_to_cart(who, product=code, level=level or None,
                                     licenses=licenses, term=term or None)
    except DomainError as err:
        return _refused(request, product, "buy", err, level, licenses, term)
    return see_other("/place-order" if before.primary_action == "place_order" else "/cart")


@router.post("/products/{code}/try")
def start_trial(request: Request, code: str, form: Form) -> Response:
    """R9.1: the trial starts at once; its confirmation is a page of its own (R9.2)."""
    who = current_user(request)
    level, licenses, _term = _posted(form)
    product = _offer(request, code, "try")
    try:
        service(request).start_trial(who, product=code, level=level or None,
                                     licenses=licenses)
    except DomainError as err:
        return _refused(request, product, "try", err, level, licenses, None)
    return see_other(f"/trials/{code}")


def _posted(form: FormData) -> tuple[str, str, str]:
    return (str(form.get("level", "")), str(form.get("licenses", "")),
            str(form.get("term", "")))


def _refused(request: Request, product: AvailableProductOut, action: Action,
             err: DomainError, level: str, licenses: str, term: str | None) -> Response:
    shown = refusal(request, err, at_fields=CHOICE_FIELDS)
    errors = {shown.field: shown} if shown.field else {}
    return _choice_page(request, product, action, level=level or None, licenses=licenses,
                        term=term, step=None, errors=errors,
                        alert=None if shown.field else shown, status=shown.status)


@router.get("/trials/{code}")
def trial_started(request: Request, code: str) -> Response:
    """R9.2: the product, its level, the licenses and the trial's end date."""
    account = service(request).account(current_user(request))
    trial = next((s for s in account.subscriptions
                  if s.product == code and s.status == "trialing"), None)
    if trial is None:
        raise NotFound()
    return render(request, "trial.html", trial=trial)
