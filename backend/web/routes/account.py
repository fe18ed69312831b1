"""The account home (what is held, the billing date, the cart) and the account's messages."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from backend.domain.errors import DomainError
from backend.web.common import current_user, refusal, service
from backend.web.rendering import render

router = APIRouter()


@router.get("/account")
def account_home(request: Request) -> Response:
    who = current_user(request)
    account = service(request).account(who)
    upcoming = [s.next_billing_date for s in account.subscriptions
                if s.status == "active" and s.next_billing_date]
    return render(request, "account.html", account=account,
                  next_billing_date=min(upcoming) if upcoming else None)


@router.get("/messages")
def messages(request: Request) -> Response:
    who = current_user(request)
    try:
        emails = service(request).messages(who)
    except DomainError as err:
        shown = refusal(request, err)
        return render(request, "messages.html", status=shown.status, emails=[], alert=shown)
    return render(request, "messages.html", emails=emails, alert=None)
