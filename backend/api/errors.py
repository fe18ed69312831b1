"""Every error leaves in the contract's shape {"error": {code, message, field}}, in the
caller's language, and never with a stack trace."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from backend.domain.errors import DomainError, _
from backend.i18n import error_message, negotiate, translate

log = logging.getLogger("billing_center.api")

STATUS = {
    "invalid_credentials": 401, "not_signed_in": 401, "not_billing_contact": 403,
    "enterprise_account": 403, "validation": 422, "trial_not_allowed": 409,
    "already_subscribed": 409, "cart_empty": 409, "card_declined": 402,
    "insufficient_funds": 402, "expired_card": 402, "payment_error": 502,
    "idempotency_conflict": 409, "not_found": 404, "invalid_test_token": 403,
    "too_many_attempts": 429,
}


def request_locale(request: Request) -> str:
    """Accept-Language first, else the signed-in user's language, else English."""
    return negotiate(request.headers.get("accept-language"),
                     fallback=getattr(request.state, "user_locale", None))


def error_body(code: str, message: str, field: str | None = None, **extra) -> dict:
    return {"error": {"code": code, "message": message, "field": field, **extra}}


def _field_of(loc: tuple) -> str | None:
    parts = [str(p) for p in loc if p not in ("body", "query", "header", "path")]
    return ".".join(parts) or "body"


def install(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain(request: Request, err: DomainError):
        extra = {k: v for k, v in err.params.items() if k == "portal_url"}
        retry_after = err.params.get("retry_after")
        return JSONResponse(
            error_body(err.code, error_message(err, request_locale(request)), err.field, **extra),
            status_code=STATUS.get(err.code, 400),
            headers={"Retry-After": str(retry_after)} if retry_after is not None else None)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, err: RequestValidationError):
        first = err.errors()[0] if err.errors() else {}
        if first.get("type") == "json_invalid":
            msgid, field = _("The request body is not valid JSON."), "body"
        elif first.get("type") == "missing":
            msgid, field = _("{field} is required."), _field_of(first.get("loc", ()))
        else:
            msgid, field = _("{field} has a value of the wrong type."), _field_of(
                first.get("loc", ()))
        locale = request_locale(request)
        return JSONResponse(
            error_body("validation", translate(msgid, locale, field=field), field),
            status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, err: StarletteHTTPException):
        locale = request_locale(request)
        if err.status_code == 404:
            return JSONResponse(error_body(
                "not_found", translate(_("The requested item was not found."), locale)),
                status_code=404)
        if err.status_code == 405:
            return JSONResponse(error_body(
                "method_not_allowed", translate(_("This method is not allowed here."), locale)),
                status_code=405)
        return JSONResponse(error_body("http_error", str(err.detail)),
                            status_code=err.status_code)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, err: Exception):
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse(error_body(
            "internal", translate(_("Something went wrong on our side. Nothing was changed; "
                                    "please try again."), request_locale(request))),
            status_code=500)
