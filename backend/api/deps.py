"""FastAPI dependencies: the service facade, the signed-in principal, the caller's
language, and the test-control guard."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPBearer

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


# The schemes as the OpenAPI document declares them; the checks are ours (auto_error off).
bearer_scheme = HTTPBearer(scheme_name="bearer", auto_error=False,
                           description="The token of POST /api/session.")
test_token_scheme = APIKeyHeader(name="X-Test-Token", scheme_name="testToken",
                                 auto_error=False,
                                 description="The deployment's test token (test mode only).")


def get_principal(request: Request,
                  service: Annotated[BillingService, Depends(get_service)],
                  _scheme: Annotated[object, Depends(bearer_scheme)] = None) -> Principal:
    # the token is read by bearer_token, which also takes the web pages' cookie
    who = service.authenticate(bearer_token(request))
    request.state.user_locale = who.locale
    return who


def get_locale(request: Request, _who: Annotated[Principal, Depends(get_principal)]) -> str:
    return request_locale(request)


class InvalidTestToken(DomainError):
    code = "invalid_test_token"
    msgid = _("The test token is missing or wrong.")


def require_test_token(backend: Annotated[Backend, Depends(get_backend)],
                       x_test_token: Annotated[str | None, Depends(test_token_scheme)]) -> None:
    expected = backend.settings.test_token or ""
    # compared as bytes: compare_digest refuses str with non-ASCII characters
    given = (x_test_token or "").encode()
    if not expected or not secrets.compare_digest(given, expected.encode()):
        raise InvalidTestToken()


Service = Annotated[BillingService, Depends(get_service)]
Who = Annotated[Principal, Depends(get_principal)]
Locale = Annotated[str, Depends(get_locale)]
BackendDep = Annotated[Backend, Depends(get_backend)]
