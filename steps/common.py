"""Reading the features' words: dates, money, counts, terms, yes/no, names."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

PRONOUN = r"(?:she|he)"


def day(text: str) -> date:
    return date.fromisoformat(text.strip())


def money(text: str) -> Decimal:
    return Decimal(text.strip().replace(",", ""))


def yes(text: str) -> bool:
    word = text.strip().casefold()
    assert word in ("yes", "no"), f"expected yes or no, got {text!r}"
    return word == "yes"


def term(text: str) -> str:
    word = text.strip().casefold()
    assert word in ("monthly", "annual"), f"a term is monthly or annual, not {text!r}"
    return word


def names(text: str) -> list[str]:
    """ "Claire, Bob and Alice" -> ["Claire", "Bob", "Alice"]."""
    return [n.strip() for n in text.replace(" and ", ", ").split(",") if n.strip()]


def same(a: str | None, b: str | None) -> bool:
    return (a or "").casefold() == (b or "").casefold()
