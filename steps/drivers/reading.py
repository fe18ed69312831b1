"""Reading what a screen writes for a person back into values: amounts, dates, periods
and countries as her language writes them (shared by the screen drivers, tui and web).

Parsed with Babel's data for the person's language, the way she would read them: a value
written for another language does not parse, so a screen in the wrong language fails the
scenario.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from babel import Locale
from babel.dates import get_month_names
from babel.numbers import NumberFormatError, get_currency_symbol, parse_decimal

# The locale a person of each language reads.
LOCALES = {"en": "en_US", "fr": "fr_FR"}
CURRENCIES = ("EUR", "USD", "GBP")

_SPACES = re.compile(r"[\u00a0\u202f\u2009\u2007 ]+")
_NUMBER = re.compile(r"\d[\d\u00a0\u202f\u2009 .,]*\d|\d")


def flat(text: str) -> str:
    """Every kind of space as one plain space, the minus sign as '-', trimmed."""
    return _SPACES.sub(" ", text).replace("\u2212", "-").strip()


def parse_money(text: str, lang: str) -> Decimal:
    """'-20,27 €', '−€20.27', '5 970,00 €' -> Decimal (the currency sign is ignored)."""
    match = _NUMBER.search(text)
    if match is None:
        raise ValueError(f"no amount in {text!r}")
    number = _SPACES.sub("\u202f" if lang == "fr" else "", match.group(0))
    try:
        value = parse_decimal(number, locale=LOCALES[lang], strict=True)
    except NumberFormatError as exc:
        raise ValueError(f"{text!r} is not an amount as {lang} writes it") from exc
    negative = "-" in flat(text[: match.start()])
    return -value if negative else value


def currency_of(text: str, lang: str) -> str:
    """The currency an amount is written in ('5 970,00 €' -> EUR, '£20.27' -> GBP)."""
    sign = re.sub(r"[\d\s.,()\u00a0\u202f\u2212-]", "", text)
    for code in CURRENCIES:
        if sign in (code, get_currency_symbol(code, locale=LOCALES[lang])):
            return code
    raise ValueError(f"no currency recognised in {text!r}")


def _month_numbers(lang: str) -> dict[str, int]:
    names: dict[str, int] = {}
    for width in ("abbreviated", "wide"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, locale=LOCALES[lang]).items():
                names[name.casefold().rstrip(".")] = number
    return names


def parse_date(text: str, lang: str) -> date:
    """'Nov 26, 2026' (en) or '26 nov. 2026' (fr) -> date."""
    months = _month_numbers(lang)
    words = re.findall(r"[^\W\d_]+\.?|\d+", flat(text))
    numbers = [int(w) for w in words if w.isdigit()]
    named = [months[w.casefold().rstrip(".")] for w in words if w.casefold().rstrip(".") in months]
    years = [n for n in numbers if n >= 1000]
    days = [n for n in numbers if 1 <= n <= 31]
    if len(named) != 1 or len(years) != 1 or len(days) != 1:
        raise ValueError(f"{text!r} is not a date as {lang} writes it")
    return date(years[0], named[0], days[0])


def parse_period(text: str, lang: str) -> tuple[date, date]:
    """'Nov 26, 2026 – Nov 25, 2027' -> (start, end)."""
    start, sep, end = flat(text).partition(" – ")
    if not sep:
        raise ValueError(f"{text!r} is not a period 'start – end'")
    return parse_date(start, lang), parse_date(end, lang)


def country_code(name: str, lang: str) -> str:
    """A country named in the person's language ('Allemagne') -> its code ('DE')."""
    wanted = flat(name).casefold()
    for code, territory in Locale.parse(LOCALES[lang]).territories.items():
        if territory.casefold() == wanted and code.isalpha():
            return code
    raise ValueError(f"{name!r} is not a country's name in {lang}")
