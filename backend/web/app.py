"""The pages' application, mounted by `backend.api.app` at `/` beside the API (`/api`)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match, Mount
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from backend.bootstrap import Backend
from backend.domain.errors import DomainError, NotSignedIn, _
from backend.web.common import refusal, see_other
from backend.web.rendering import render, tr
from backend.web.security import CsrfRefused, PageGuard

STATIC_DIR = Path(__file__).parent / "static"


def _error_page(request: Request, status: int, title: str, message: str, *,
                translated: bool = False, link: str | None = None,
                code: str | None = None) -> Response:
    """The error page: `title` and `message` are msgids (`message` already in the page's
    language when `translated`)."""
    return render(request, "error.html", status=status, title=tr(request, title),
                  message=message if translated else tr(request, message), link=link,
                  code=code)


async def unexpected_error(request: Request) -> Response:
    return _error_page(request, 500, _("Something went wrong"),
                       _("Something went wrong on our side. Nothing was changed; please "
                         "try again."))


def create_pages_app(backend: Backend) -> FastAPI:
    from backend.web.routes import account, cart, checkout, choose, session, users

    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.state.backend = backend
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for module in (session, account, choose, cart, checkout, users):
        app.include_router(module.router)
    app.add_middleware(PageGuard, error_page=unexpected_error)

    @app.exception_handler(NotSignedIn)
    async def _not_signed_in(request: Request, _err: NotSignedIn) -> Response:
        if request.method == "GET":
            here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return see_other(f"/sign-in?next={_quote(here)}")
        return see_other("/sign-in")

    @app.exception_handler(DomainError)
    async def _refused(request: Request, err: DomainError) -> Response:
        shown = refusal(request, err)
        return _error_page(request, shown.status, _("The request was refused"), shown.message,
                           translated=True, link=shown.link, code=shown.code)

    @app.exception_handler(CsrfRefused)
    async def _csrf(request: Request, _err: CsrfRefused) -> Response:
        return _error_page(request, 403, _("This form has expired"),
                           _("This form has expired or did not come from this site, so "
                             "nothing was done. Go back, reload the page and try again."),
                           code="csrf")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, err: StarletteHTTPException) -> Response:
        if err.status_code == 405:
            return _error_page(request, 405, _("This page cannot do that"),
                               _("This page does not accept that kind of request."))
        return _error_page(request, 404, _("Page not found"),
                           _("There is no page at this address."), code="not_found")

    @app.exception_handler(RequestValidationError)
    async def _bad_address(request: Request, _err: RequestValidationError) -> Response:
        return _error_page(request, 404, _("Page not found"),
                           _("There is no page at this address."), code="not_found")

    return app


def _quote(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/")


class PagesMount(Mount):
    """Mounted at `/`, the pages take every address except the API's, whose own 404 and
    405 answers (JSON, api.md) stay as they are."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        path = scope.get("path", "")
        if path == "/api" or path.startswith("/api/"):
            return Match.NONE, {}
        return super().matches(scope)


def mount_pages(app: FastAPI, backend: Backend) -> None:
    app.router.routes.append(PagesMount("/", app=create_pages_app(backend), name="pages"))
