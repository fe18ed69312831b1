"""Every word, amount and date the TUI shows, in the person's language.

flow.md's binding labels come from `backend.i18n.labels`; every other string is an English
msgid translated by the backend's catalog (`backend/i18n/locales/fr/LC_MESSAGES/
messages.po`), marked where it is written by a call to `tr(...)` so that
tests/tui/test_text.py can find it. Money, dates and percentages are written by Babel.
backend.i18n costs ~20 ms to import (Babel's core and the catalog's .po), light enough for
the first frame; nothing here touches SQLAlchemy, FastAPI, pydantic or httpx.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from backend.i18n.catalog import translate
from backend.i18n.formatting import format_date, format_money, format_percent_rate
from backend.i18n.labels import label
from backend.i18n.negotiation import BABEL_LOCALES, SUPPORTED, normalize

__all__ = ["SUPPORTED", "Text", "normalize"]


class Text:
    """The words of one language: `t.label("next")`, `t.tr("Cart")`, `t.money(...)`."""

    def __init__(self, lang: str):
        self.lang = normalize(lang)

    def label(self, key: str) -> str:
        """A binding label of flow.md ("Place Order", "Passer la commande")."""
        return label(key, self.lang)

    def tr(self, msgid: str, **params: object) -> str:
        """Any other text: the msgid in this language, {placeholders} filled (dates and
        decimals in params are written per locale)."""
        return translate(msgid, self.lang, **params)

    def money(self, amount: Decimal, currency: str) -> str:
        return format_money(amount, currency, self.lang)

    def date(self, day: date | None) -> str:
        return format_date(day, self.lang) if day else "–"

    def percent(self, rate: Decimal) -> str:
        return format_percent_rate(rate, self.lang)

    def term(self, term: str | None) -> str:
        """Monthly / Annual (flow.md labels); a trial has no term."""
        return self.label(term) if term else "–"

    def country(self, code: str) -> str:
        """A country's name in this language ("FR" -> "France")."""
        from babel import Locale

        return Locale.parse(BABEL_LOCALES[self.lang]).territories.get(code, code)

    def card(self, card: object) -> str:
        """A card on file: "Visa •••• 4242, expires 12/2030" (never more than last four)."""
        return self.tr("{brand} •••• {last4}, expires {month}/{year}",
                       brand=str(card.brand).title(), last4=card.last4,  # type: ignore[attr-defined]
                       month=str(card.exp_month).zfill(2),  # type: ignore[attr-defined]
                       year=card.exp_year)  # type: ignore[attr-defined]

    def pair(self, caption: str, value: object) -> str:
        """"Total due: 7,178.08 €" / "Total dû : 7 178,08 €" (French puts a space before
        the colon)."""
        return self.tr("{label}: {value}", label=caption, value=value)

    def period(self, start: date, end: date) -> str:
        return f"{self.date(start)} – {self.date(end)}"
