"""FastAPI dependencies: the service facade, the signed-in principal, the caller's
language, and the test-control guard."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Header, Request

from backend.api.errors import request_locale
from backend.bootstrap import Backend
from backend.domain.errors import DomainError, _
from backend.service_layer.common import Principal
from backend.service_layer.facade import BillingService

SESSION_COOKIE = "billing_session"


def get_backend(request: Request) -> Backend:
    return request.app.state.backend


def get_service(backend: Annotated[Backend, Depends(get_backend)]) -> BillingService:
    return backend.service


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _sep, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return request.cookies.get(SESSION_COOKIE)  # the web pages use a cookie session


def get_principal(request: Request,
                  service: Annotated[BillingService, Depends(get_service)]) -> Principal:
    who = service.authenticate(bearer_token(request))
    request.state.user_locale = who.locale
    return who


def get_locale(request: Request, _who: Annotated[Principal, Depends(get_principal)]) -> str:
    return request_locale(request)


class InvalidTestToken(DomainError):
    code = "invalid_test_token"
    msgid = _("The test token is missing or wrong.")


def require_test_token(backend: Annotated[Backend, Depends(get_backend)],
                       x_test_token: Annotated[str | None, Header()] = None) -> None:
    expected = backend.settings.test_token or ""
    if not expected or not secrets.compare_digest(x_test_token or "", expected):
        raise InvalidTestToken()


Service = Annotated[BillingService, Depends(get_service)]
Who = Annotated[Principal, Depends(get_principal)]
Locale = Annotated[str, Depends(get_locale)]
BackendDep = Annotated[Backend, Depends(get_backend)]
