"""Templates in the person's language: one Jinja2 environment per language, with
`jinja2.ext.i18n` answering from the backend's catalog, flow.md's labels, and Babel's
formatting of money, dates and numbers.

Templates write text as `_("English text {name}", name=value)` (the catalog's `{name}`
placeholders, filled like every backend message: dates and decimals per locale) and
`ngettext(singular, plural, count)`; never `{% trans %}`, whose `%(name)s` placeholders the
catalog does not use. flow.md's labels come from `label("key")`, copied verbatim.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from babel import Locale
from babel.numbers import format_decimal
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from backend.domain.errors import _
from backend.i18n import (
    SUPPORTED,
    format_date,
    format_money,
    format_percent_rate,
    label,
    negotiate,
    translate,
    translate_plural,
)
from backend.i18n.negotiation import BABEL_LOCALES
from backend.web.security import LANG_COOKIE, csrf_token

TEMPLATES_DIR = Path(__file__).parent / "templates"

# Card brands as the domain records them (backend/domain/cards.py) -> their names.
BRANDS = {"visa": "Visa", "mastercard": "Mastercard", "amex": "American Express",
          "discover": "Discover"}

# The switch names the other language in that language.
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}


def page_locale(request: Request) -> str:
    """The language switch's cookie first, then Accept-Language, then the signed-in
    person's own language, else English."""
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in SUPPORTED:
        return chosen
    return negotiate(request.headers.get("accept-language"),
                     fallback=getattr(request.state, "user_locale", None))


@cache
def environment(locale: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(("html",)),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]  (added by the extension)
        gettext=lambda msgid, **params: translate(msgid, locale, **params),
        ngettext=lambda singular, plural, count, **params: translate_plural(
            singular, plural, count, locale, **params),
        newstyle=False,
    )
    babel_locale = BABEL_LOCALES[locale]
    env.globals.update(
        label=lambda key: label(key, locale),
        locale=locale,
        other_languages=[(code, LANGUAGE_NAMES[code]) for code in SUPPORTED if code != locale],
    )
    env.filters.update(
        money=lambda amount, currency: format_money(amount, currency, locale),
        date=lambda d: format_date(d, locale) if isinstance(d, date) else "",
        percent=lambda rate: format_percent_rate(rate, locale),
        number=lambda n: format_decimal(Decimal(n), locale=babel_locale),
        country=lambda code: Locale.parse(babel_locale).territories.get(code, code),
        brand=lambda code: BRANDS.get(code or "", translate(_("Card"), locale)),
    )
    return env


def render(request: Request, template: str, *, status: int = 200,
           **context: object) -> HTMLResponse:
    """The page `template` in the person's language."""
    locale = page_locale(request)
    html = environment(locale).get_template(template).render(
        request=request, csrf_token=csrf_token(request), here=_here(request),
        signed_in=bool(getattr(request.state, "signed_in", False)), **context)
    return HTMLResponse(html, status_code=status)


def _here(request: Request) -> str:
    """Where the language switch comes back to: this page's address, or, for a page shown
    in answer to a post (a refusal), the page the form was on."""
    if request.method == "GET":
        return request.url.path + (f"?{request.url.query}" if request.url.query else "")
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc == request.url.netloc and referer.path:
        return referer.path + (f"?{referer.query}" if referer.query else "")
    return "/"


def tr(request: Request, msgid: str, **params: object) -> str:
    """A message of the catalog in the page's language (for texts built in Python)."""
    return translate(msgid, page_locale(request), **params)
