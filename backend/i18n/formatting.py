"""Money, dates and rates written per locale (fr: "26 nov. 2026", "1 234,50 €", "25,5 %").
Babel is imported on first use, not with this module (see catalog.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache

from .negotiation import BABEL_LOCALES, normalize


def _decimal(value: Decimal | int | str) -> Decimal:
    if isinstance(value, float | bool):
        raise TypeError(f"expected an exact decimal, got {type(value).__name__}")
    return value if isinstance(value, Decimal) else Decimal(value)


def babel_locale(locale: str):  # noqa: ANN201 (babel.Locale: Babel is imported late)
    """Babel's Locale for a locale tag, one per language we speak, made once: given a string
    instead, Babel parses it again inside every call (~80 times for an order confirmation).
    Cached by language, not by tag, so no tag from a request can grow the cache."""
    return _babel_locale_of(BABEL_LOCALES[normalize(locale)])


@cache
def _babel_locale_of(identifier: str):  # noqa: ANN202
    from babel import Locale

    return Locale.parse(identifier)


def format_money(amount: Decimal | int | str, currency: str, locale: str) -> str:
    """An amount with its currency: fr "1 234,50 €", en "€1,234.50"."""
    from babel.numbers import format_currency

    return format_currency(_decimal(amount), currency, locale=babel_locale(locale))


def format_date(d: date, locale: str) -> str:
    """A date in the medium form: fr "26 nov. 2026", en "Nov 26, 2026"."""
    from babel.dates import format_date as _babel_format_date

    return _babel_format_date(d, format="medium", locale=babel_locale(locale))


def format_percent_rate(rate: Decimal | int | str, locale: str) -> str:
    """A percentage given in percent (VAT "20", "25.5"): fr "25,5 %", en "25.5%"."""
    from babel.numbers import format_percent

    return format_percent(
        _decimal(rate) / 100,
        locale=babel_locale(locale),
        decimal_quantization=False,
    )
