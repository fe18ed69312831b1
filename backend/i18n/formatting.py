"""Money, dates and rates written per locale (fr: "26 nov. 2026", "1 234,50 €", "25,5 %").
Babel is imported on first use, not with this module (see catalog.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache, lru_cache

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


# Formatted values, remembered: Babel takes ~50 µs for an amount and ~30 µs for a date, and
# an order's page and email write the same few dates and prices on every line (an order
# re-aligning 1,000 subscriptions has 2,001 lines). Keyed by language, bounded.
_REMEMBERED = 4096


def format_money(amount: Decimal | int | str, currency: str, locale: str) -> str:
    """An amount with its currency: fr "1 234,50 €", en "€1,234.50"."""
    value = _decimal(amount)
    # equal amounts ("16", "16.00") share an entry, as Babel writes both to the currency's
    # cents; the sign is part of the key because -0.00 and 0.00 are equal but written apart
    return _money(value, value.is_signed(), currency, BABEL_LOCALES[normalize(locale)])


@lru_cache(maxsize=_REMEMBERED)
def _money(amount: Decimal, _signed: bool, currency: str, language: str) -> str:
    from babel.numbers import format_currency

    return format_currency(amount, currency, locale=_babel_locale_of(language))


def format_date(d: date, locale: str) -> str:
    """A date in the medium form: fr "26 nov. 2026", en "Nov 26, 2026"."""
    return _date(d, BABEL_LOCALES[normalize(locale)])


@lru_cache(maxsize=_REMEMBERED)
def _date(d: date, language: str) -> str:
    from babel.dates import format_date as _babel_format_date

    return _babel_format_date(d, format="medium", locale=_babel_locale_of(language))


def format_percent_rate(rate: Decimal | int | str, locale: str) -> str:
    """A percentage given in percent (VAT "20", "25.5"): fr "25,5 %", en "25.5%"."""
    from babel.numbers import format_percent

    return format_percent(
        _decimal(rate) / 100,
        locale=babel_locale(locale),
        decimal_quantization=False,
    )
