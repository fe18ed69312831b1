"""What keeps the pages safe: the session cookie, CSRF tokens on every form post, the
security headers (Content-Security-Policy first) and a last guard that turns any unexpected
error into the error page, never a stack trace.

CSRF: each browser gets a random `billing_csrf` cookie (HttpOnly, SameSite=Lax). A form's
token is an HMAC keyed by that cookie over the session cookie, so it is bound to both: a page
of another site can neither read the cookie nor compute the token, and a token stops working
when the person signs out or in as someone else. No server secret is needed, so any number
of server processes check each other's tokens.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from starlette.datastructures import FormData, MutableHeaders
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend.api.deps import SESSION_COOKIE

log = logging.getLogger("billing_center.web")

CSRF_COOKIE = "billing_csrf"
CSRF_FIELD = "csrf_token"
LANG_COOKIE = "billing_lang"

# Scripts, styles and images come from our own /static only: no inline script or style.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}


class CsrfRefused(Exception):
    """A form post without the token of this browser and session: answered 403."""


def is_https(request: Request) -> bool:
    return request.url.scheme == "https"


def set_cookie(response: Response, request: Request, name: str, value: str, *,
               max_age: int | None = None) -> None:
    """Every cookie of the pages: HttpOnly, SameSite=Lax, Secure when served over https."""
    response.set_cookie(name, value, max_age=max_age, path="/", httponly=True,
                        samesite="lax", secure=is_https(request))


def delete_cookie(response: Response, request: Request, name: str) -> None:
    response.delete_cookie(name, path="/", httponly=True, samesite="lax",
                           secure=is_https(request))


def session_token(request: Request) -> str:
    return request.cookies.get(SESSION_COOKIE, "")


def csrf_token(request: Request) -> str:
    """The token the forms of this page carry."""
    seed = request.state.csrf_seed
    bound_to = session_token(request)
    return hmac.new(seed.encode(), b"billing-center-csrf\0" + bound_to.encode(),
                    hashlib.sha256).hexdigest()


async def checked_form(request: Request) -> FormData:
    """The posted form, once its CSRF token is checked (FastAPI dependency)."""
    form = await request.form()
    given = form.get(CSRF_FIELD)
    if (not isinstance(given, str) or request.state.csrf_new
            or not hmac.compare_digest(given, csrf_token(request))):
        raise CsrfRefused()
    return form


def local_path(target: str | None, default: str = "/") -> str:
    """`target` when it is a path of this site (after a language switch or sign-in),
    else `default`: never a redirect to another site."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target


ErrorPage = Callable[[Request], Awaitable[Response]]


class PageGuard:
    """ASGI middleware of the pages: gives each browser its CSRF seed, adds the security
    headers to every response, and answers any unexpected error with the error page."""

    def __init__(self, app: ASGIApp, error_page: ErrorPage):
        self.app = app
        self.error_page = error_page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cookies = SimpleCookie()
        for name, value in scope.get("headers", []):
            if name == b"cookie":
                try:
                    cookies.load(value.decode("latin-1"))
                except Exception:  # a malformed Cookie header is as good as none
                    cookies = SimpleCookie()
        seed = cookies[CSRF_COOKIE].value if CSRF_COOKIE in cookies else ""
        new = len(seed) < 32
        if new:
            seed = secrets.token_urlsafe(32)
        state = scope.setdefault("state", {})
        state["csrf_seed"], state["csrf_new"] = seed, new
        https = scope.get("scheme") == "https"
        static = scope.get("path", "").startswith("/static/")
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if not static:  # pages show an account's data: never kept in a cache
                    headers["cache-control"] = "no-store"
                if new:
                    cookie = SimpleCookie()
                    cookie[CSRF_COOKIE] = seed
                    morsel = cookie[CSRF_COOKIE]
                    morsel["path"], morsel["httponly"], morsel["samesite"] = "/", True, "Lax"
                    if https:
                        morsel["secure"] = True
                    headers.append("set-cookie", morsel.OutputString())
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("unexpected error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            try:
                response = await self.error_page(Request(scope))
            except Exception:  # even the error page failed: a plain line, still no trace
                log.exception("the error page failed too")
                response = PlainTextResponse("Something went wrong. / Un problème est "
                                             "survenu.", status_code=500)
            await response(scope, receive, send_with_headers)
