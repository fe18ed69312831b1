"""How a date or an amount may be written for a person in her language (flow.md: "Dates,
numbers and money are formatted per locale (fr: `26 nov. 2026`, `1 234,50 €`)").

Used to read what reaches people as text (emails). A rendering in the wrong language
does not match, so a check with these also checks the language.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

_LOCALES = {"en": ("en_US", "en_GB"), "fr": ("fr_FR",)}
_SPACES = re.compile(r"[\u00a0\u202f\u2009\u2007 ]+")


def plain(text: str) -> str:
    """Text with every kind of space as one plain space and the minus sign as '-'."""
    return _SPACES.sub(" ", text).replace("\u2212", "-")


def date_forms(day: date, lang: str) -> set[str]:
    return {
        plain(format_date(day, format=fmt, locale=locale))
        for locale in _LOCALES[lang]
        for fmt in ("medium", "long")
    }


def money_forms(amount: Decimal, currency: str, lang: str, *, bare: bool = True) -> set[str]:
    """An amount with its currency, and (if `bare`) the bare number, written per locale
    (sign kept off: a credit may be shown as "-20,27 €", "−20,27 €" or "20,27 €" under a
    Credit heading)."""
    value = abs(amount)
    forms: set[str] = set()
    for locale in _LOCALES[lang]:
        forms.add(plain(format_currency(value, currency, locale=locale)))
        if bare:
            forms.add(plain(format_decimal(value, format="#,##0.00", locale=locale)))
    return forms


def mentions(text: str, forms: set[str]) -> bool:
    flat = plain(text)
    return any(form in flat for form in forms)
