"""Signing in and out (R1) and the language switch."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from backend.api.deps import SESSION_COOKIE
from backend.domain.errors import DomainError, NotSignedIn
from backend.i18n import SUPPORTED
from backend.web.common import current_user, refusal, see_other, service
from backend.web.rendering import render
from backend.web.security import (
    LANG_COOKIE,
    checked_form,
    delete_cookie,
    local_path,
    session_token,
    set_cookie,
)

router = APIRouter()
Form = Annotated[FormData, Depends(checked_form)]
ONE_YEAR = 365 * 24 * 3600


@router.get("/")
def home(request: Request) -> Response:
    try:
        current_user(request)
    except NotSignedIn:
        return see_other("/sign-in")
    return see_other("/account")


@router.get("/sign-in")
def sign_in_page(request: Request, next: str | None = None) -> Response:  # noqa: A002
    """Sent here from a page (`next`): the page says why, as the API would (R1)."""
    alert = refusal(request, NotSignedIn()) if next is not None else None
    return render(request, "sign_in.html", email="", next=local_path(next, "/account"),
                  alert=alert)


@router.post("/sign-in")
def sign_in(request: Request, form: Form) -> Response:
    email = str(form.get("email", "")).strip()
    target = local_path(str(form.get("next", "")), "/account")
    try:
        session = service(request).sign_in(email, str(form.get("password", "")))
    except DomainError as err:  # R1: one generic message, the email kept
        shown = refusal(request, err)
        page = render(request, "sign_in.html", status=shown.status, email=email,
                      next=target, alert=shown)
        if err.params.get("retry_after") is not None:  # too many failed sign-ins
            page.headers["Retry-After"] = str(err.params["retry_after"])
        return page
    response = see_other(target)
    set_cookie(response, request, SESSION_COOKIE, session.token)
    return response


@router.post("/sign-out")
def sign_out(request: Request, form: Form) -> Response:
    """R1: the session ends everywhere it is used (the API's cookie and bearer alike)."""
    token = session_token(request)
    if token:
        service(request).sign_out(token)
    response = see_other("/sign-in")
    delete_cookie(response, request, SESSION_COOKIE)
    return response


@router.post("/language")
def switch_language(request: Request, form: Form) -> Response:
    """The switch sticks for a year (cookie); the page comes back in that language."""
    lang = str(form.get("lang", ""))
    response = see_other(local_path(str(form.get("next", "")), "/"))
    if lang in SUPPORTED:
        set_cookie(response, request, LANG_COOKIE, lang, max_age=ONE_YEAR)
    return response
