"""Every error leaves in the contract's shape {"error": {code, message, field}}, in the
caller's language, and never with a stack trace."""

from __future__ import annotations

import logging
import re

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

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


_NOT_JSON = _("The request body is not valid JSON.")
_FORBIDDEN_CHARACTER = _("{field} contains a character that is not allowed (NUL or an "
                         "unpaired surrogate).")
# pydantic's error types -> the message a caller reads ({field} and the named limits)
_BY_TYPE = {
    "missing": _("{field} is required."),
    "string_too_long": _("{field} must be at most {max} characters long."),
    "too_long": _("{field} can hold at most {max} items."),
    "text_not_allowed": _FORBIDDEN_CHARACTER,  # api/schemas.py
    "string_unicode": _FORBIDDEN_CHARACTER,
    "number_too_large": _("{field} is too large."),
    "greater_than_equal": _("{field} must be at least {min}."),
    "less_than_equal": _("{field} must be at most {max}."),
    "literal_error": _("{field} is not one of the allowed values."),
    "int_parsing": _("{field} must be a whole number."),
    "int_from_float": _("{field} must be a whole number."),
    "int_type": _("{field} must be a whole number."),
    "bool_type": _("{field} must be true or false."),
}
_DATE = _("{field} must be a date written YYYY-MM-DD.")
_WRONG_TYPE = _("{field} has a value of the wrong type.")


def _validation_message(error: dict) -> tuple[str, dict]:
    """The message id and its parameters for pydantic's first error on a request."""
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "json_invalid":
        return _NOT_JSON, {"field": "body"}
    params = {"field": _field_of(error.get("loc", ()))}
    if kind.startswith("date_"):
        return _DATE, params
    if "max_length" in ctx:
        params["max"] = ctx["max_length"]
    if "ge" in ctx:
        params["min"] = ctx["ge"]
    if "le" in ctx:
        params["max"] = ctx["le"]
    return _BY_TYPE.get(kind, _WRONG_TYPE), params


def _allowed(request: Request) -> str:
    """Every method the document lists for the request's path (Starlette's Allow names only
    those of the first route that matched the path)."""
    methods = set()
    for template, operations in request.app.openapi()["paths"].items():
        if re.fullmatch(re.sub(r"\{[^/]+\}", "[^/]+", template), request.url.path):
            methods.update(m.upper() for m in operations)
    if "GET" in methods:
        methods.add("HEAD")  # Starlette answers HEAD wherever it answers GET
    return ", ".join(sorted(methods))


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
        from backend.api.deps import resolve_pending_principal

        try:  # a caller not signed in is told so first (401 before 422)
            await resolve_pending_principal(request)
        except DomainError as refused:
            return await _domain(request, refused)
        first = err.errors()[0] if err.errors() else {}
        msgid, params = _validation_message(first)
        field = params["field"]
        return JSONResponse(
            error_body("validation", translate(msgid, request_locale(request), **params), field),
            status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, err: StarletteHTTPException):
        locale = request_locale(request)
        headers = err.headers  # e.g. 405's Allow, which RFC 9110 requires
        if err.status_code == 404:
            return JSONResponse(error_body(
                "not_found", translate(_("The requested item was not found."), locale)),
                status_code=404, headers=headers)
        if err.status_code == 400:  # FastAPI's answer to a body it could not decode
            return JSONResponse(error_body(
                "validation", translate(_NOT_JSON, locale), "body"), status_code=422,
                headers=headers)
        if err.status_code == 405:
            return JSONResponse(error_body(
                "method_not_allowed", translate(_("This method is not allowed here."), locale)),
                status_code=405, headers={"Allow": _allowed(request)})
        return JSONResponse(error_body("http_error", str(err.detail)),
                            status_code=err.status_code, headers=headers)

    # Not an `Exception` handler: Starlette runs that one in its outermost middleware,
    # which re-raises after answering, so the server logs the error a second time and
    # drops the kept-alive connection. This middleware sits just inside it.
    app.add_middleware(UnexpectedErrors)


class UnexpectedErrors:
    """An error no handler expected answers the contract's 500 (`internal`), is logged
    once with its traceback, and ends the request like any other answer: the connection
    stays open for the next one."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope.setdefault("state", {})  # shared with the request, for the user's language
        started = False

        async def watching(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watching)
        except Exception:
            request = Request(scope)
            log.exception("unexpected error on %s %s", request.method, request.url.path)
            if started:  # half an answer was sent: the server can only close the connection
                return
            response = JSONResponse(error_body("internal", translate(
                _("Something went wrong on our side. Nothing was changed; please try again."),
                request_locale(request))), status_code=500)
            await response(scope, receive, send)
