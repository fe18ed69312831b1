"""FastAPI dependencies: the service facade, the signed-in principal, the caller's
language, and the test-control guard; and `OneHopRoute`, which runs a route's blocking work
in one hop into the thread pool.

FastAPI runs every plain `def` dependency in the thread pool, one hop each, then the
endpoint in another. A hop costs the event loop a task switch and a thread hand-over, and
under load every hop is another wait for the GIL, so the dependencies that do no I/O are
`async def` (run on the loop, no hop), and the one that does, the principal
(`authenticate` reads the session), is resolved in the endpoint's own hop: `get_principal`
hands over a `Pending` principal that `OneHopRoute` resolves first thing in the worker
thread, before the endpoint runs. A request that fails validation resolves it before the
validation error is answered (api/errors.py), so a caller not signed in is still told 401
before 422, as when the principal was its own dependency."""

from __future__ import annotations

import functools
import inspect
import secrets
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.routing import APIRoute
from fastapi.security import APIKeyHeader, HTTPBearer
from starlette.concurrency import run_in_threadpool

from backend.api.errors import request_locale
from backend.bootstrap import Backend
from backend.domain.errors import DomainError, _
from backend.service_layer.common import Principal
from backend.service_layer.facade import BillingService

SESSION_COOKIE = "billing_session"


async def get_backend(request: Request) -> Backend:
    return request.app.state.backend


async def get_service(backend: Annotated[Backend, Depends(get_backend)]) -> BillingService:
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


class Pending:
    """A value a dependency leaves to the endpoint's worker thread: computed once, on the
    first `resolve()`, by whichever thread asks first."""

    def __init__(self, compute: Callable[[], Any]):
        self._compute = compute
        self._done = False
        self._value: Any = None

    @property
    def resolved(self) -> bool:
        return self._done

    def resolve(self) -> Any:
        if not self._done:
            self._value = self._compute()  # an error (NotSignedIn) leaves it unresolved
            self._done = True
        return self._value


PENDING_PRINCIPAL = "pending_principal"  # request.state: the principal, while unresolved


async def get_principal(request: Request,
                        service: Annotated[BillingService, Depends(get_service)],
                        _scheme: Annotated[object, Depends(bearer_scheme)] = None) -> Principal:
    """The signed-in principal, as a `Pending` that `OneHopRoute` resolves in the
    endpoint's worker thread (typed Principal: that is what the endpoint receives)."""
    token = bearer_token(request)  # the header, or the web pages' cookie

    def authenticate() -> Principal:
        who = service.authenticate(token)
        request.state.user_locale = who.locale
        return who

    pending = Pending(authenticate)
    setattr(request.state, PENDING_PRINCIPAL, pending)
    return pending  # type: ignore[return-value]


async def get_locale(request: Request,
                     who: Annotated[Principal, Depends(get_principal)]) -> str:
    """The caller's language, which falls back on the signed-in user's: resolved after
    the principal, in the endpoint's thread."""
    def locale() -> str:
        if isinstance(who, Pending):
            who.resolve()
        return request_locale(request)

    return Pending(locale)  # type: ignore[return-value]


async def resolve_pending_principal(request: Request) -> None:
    """Before answering a request that failed validation: authenticate it first if its
    principal is still pending, so NotSignedIn (401) wins over the validation error, as it
    did when the principal was resolved before the body was validated."""
    pending = getattr(request.state, PENDING_PRINCIPAL, None)
    if isinstance(pending, Pending) and not pending.resolved:
        await run_in_threadpool(pending.resolve)


def _one_hop(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """A plain `def` endpoint as a coroutine that runs, in one hop into the thread pool,
    the resolution of its pending arguments (the principal, the locale), then the
    endpoint. FastAPI sees the endpoint's own signature (`functools.wraps`)."""

    def run(values: dict[str, Any]) -> Any:
        for name, value in values.items():  # a pending locale resolves the principal first
            if isinstance(value, Pending):
                values[name] = value.resolve()
        return endpoint(**values)

    @functools.wraps(endpoint)
    async def in_one_hop(**values: Any) -> Any:
        return await run_in_threadpool(run, values)

    return in_one_hop


class OneHopRoute(APIRoute):
    """The routes of the API: a blocking endpoint and the principal it depends on run in
    one hop into the thread pool, and its return value is validated and serialised on the
    event loop (FastAPI would hop into the pool once more to validate it)."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if not inspect.iscoroutinefunction(endpoint):
            endpoint = _one_hop(endpoint)
        super().__init__(path, endpoint, **kwargs)


class InvalidTestToken(DomainError):
    code = "invalid_test_token"
    msgid = _("The test token is missing or wrong.")


async def require_test_token(
        backend: Annotated[Backend, Depends(get_backend)],
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
