"""Manage user products (R13): each product's licenses assigned / total, and who holds one."""

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


def _page(request: Request, *, alert: Refusal | None = None, status: int = 200) -> Response:
    who = current_user(request)
    account = service(request).account(who)
    users = service(request).users(who)
    held = [s for s in account.subscriptions if s.status in ("active", "trialing")]
    return render(request, "users.html", status=status, account=account, users=users,
                  held=held, alert=alert)


@router.get("/users")
def manage_user_products(request: Request) -> Response:
    return _page(request)


@router.post("/users/{user_id}/licenses/{product}/{change}")
def change_license(request: Request, user_id: int, product: str, change: str,
                   form: Form) -> Response:
    who = current_user(request)
    if change not in ("assign", "unassign"):
        return _page(request, status=404)
    try:
        if change == "assign":
            service(request).assign_license(who, user_id, product)
        else:
            service(request).unassign_license(who, user_id, product)
    except DomainError as err:
        shown = refusal(request, err)
        return _page(request, alert=shown, status=shown.status)
    return see_other("/users")
