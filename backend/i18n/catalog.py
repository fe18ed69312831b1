"""Message translation through Babel. The French catalog is a .po file compiled in memory
on first use (no compiled .mo is kept in the repository). Babel's modules are imported on
first use too: the terminal app's first frame, in English, needs none of them (~12 ms)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache
from gettext import NullTranslations
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from backend.domain.errors import Country

from .negotiation import BABEL_LOCALES, DEFAULT, normalize

if TYPE_CHECKING:
    from backend.domain.errors import DomainError

LOCALES_DIR = Path(__file__).parent / "locales"
DOMAIN = "messages"


def po_path(locale: str) -> Path:
    """Where the catalog of a language lives."""
    return LOCALES_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(locale: str) -> NullTranslations:
    """The compiled catalog of a supported language (English is the source language)."""
    if locale == DEFAULT:
        return NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with po_path(locale).open("rb") as po:
        catalog = read_po(po, locale=locale, domain=DOMAIN, abort_invalid=True)
    mo = BytesIO()
    write_mo(mo, catalog)  # untranslated and fuzzy entries are left out
    mo.seek(0)
    return Translations(mo, domain=DOMAIN)


def _localized(value: object, locale: str) -> object:
    """Dates and decimals written the way the language writes them; the rest unchanged
    (and Babel left unimported: text params are most of the terminal app's first frame)."""
    if isinstance(value, Country):
        from babel import Locale

        return Locale.parse(BABEL_LOCALES[locale]).territories.get(str(value), str(value))
    if isinstance(value, date):
        from babel.dates import format_date

        return format_date(value, format="medium", locale=BABEL_LOCALES[locale])
    if isinstance(value, Decimal):
        from babel.numbers import format_decimal

        return format_decimal(value, locale=BABEL_LOCALES[locale], decimal_quantization=False)
    return value


def translate(msgid: str, locale: str, **params: object) -> str:
    """The message in `locale` (unknown locales: English), with its {named} placeholders
    filled from `params`. Date and Decimal params are formatted for the locale."""
    locale = normalize(locale)
    text = translations(locale).gettext(msgid)
    if not params:
        return text
    return text.format(**{name: _localized(value, locale) for name, value in params.items()})


def translate_plural(singular: str, plural: str, count: int, locale: str,
                     **params: object) -> str:
    """`singular` or `plural` in `locale` as the language counts (`count` is also given to
    the text as {count}), with its {named} placeholders filled as `translate` fills them."""
    locale = normalize(locale)
    text = translations(locale).ngettext(singular, plural, count)
    params = {"count": count, **params}
    return text.format(**{name: _localized(value, locale) for name, value in params.items()})


def error_message(err: DomainError, locale: str) -> str:
    """The user-facing text of a domain error in `locale`."""
    return translate(err.msgid, locale, **err.params)
