"""Payment card checks (R11.1) and brand detection for the simulator (R11.4).

Only ``CardDetails`` (brand, last four digits, expiry) may ever be stored. The full
number and the CVC live in a ``ValidatedCard`` just long enough for one charge call.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from stdnum import luhn

from backend.domain.errors import ValidationFailed, _


@dataclass(frozen=True)
class CardDetails:
    """What may be kept about a card (R11.1): nothing that allows charging it."""

    brand: str  # visa | mastercard | amex | discover | card
    last4: str
    exp_month: int
    exp_year: int


@dataclass(frozen=True, repr=False)
class ValidatedCard:
    """A checked card for a single charge call.

    Holds the full number and CVC: NEVER persist, log, serialise or email it (R11.1).
    ``repr``/``str`` show only the brand and last four digits.
    """

    details: CardDetails
    number: str = field(compare=False)
    cvc: str = field(compare=False)

    def __repr__(self) -> str:
        d = self.details
        return (
            f"ValidatedCard(brand={d.brand!r}, number='**** {d.last4}', cvc='***', "
            f"exp={d.exp_month:02d}/{d.exp_year})"
        )

    __str__ = __repr__


def card_brand(number: str) -> str:
    """Brand from the leading digits; "card" when unknown."""
    two, four = int(number[:2] or 0), int(number[:4] or 0)
    three = int(number[:3] or 0)
    if number.startswith("4"):
        return "visa"
    if 51 <= two <= 55 or 2221 <= four <= 2720:
        return "mastercard"
    if two in (34, 37):
        return "amex"
    if four == 6011 or two == 65 or 644 <= three <= 649:
        return "discover"
    return "card"


def card_expired(exp_month: int, exp_year: int, today: date) -> bool:
    """A card is good through the last day of its expiry month (compared as year and month,
    so a card on file valid past year 9999 needs no date that cannot exist)."""
    return (today.year, today.month) > (exp_year, exp_month)


def saved_card_usable(card: CardDetails, today: date) -> bool:
    """A card on file can be charged only while not expired (R11.1)."""
    return not card_expired(card.exp_month, card.exp_year, today)


def _as_int(value: int | str) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip()
    return int(text) if text.isdigit() else None


def validate_card(
    name: str,
    number: str,
    exp_month: int | str,
    exp_year: int | str,
    cvc: str,
    today: date,
) -> ValidatedCard:
    """Check a card entered on the Place Order page (R11.1).

    Raises ``ValidationFailed`` on the first faulty field, in form order: "card.name",
    "card.number", "card.exp_month", "card.exp_year", "card.expiry" (in the past),
    "card.cvc". Two-digit years mean 20YY.
    """
    if not (name or "").strip():
        raise ValidationFailed(_("Enter the cardholder's name."), field="card.name")

    digits = "".join(ch for ch in (number or "") if ch not in " -")
    if not (digits.isascii() and digits.isdigit() and 12 <= len(digits) <= 19):
        raise ValidationFailed(
            _("Enter the card number: {min} to {max} digits."),
            field="card.number",
            min=12,
            max=19,
        )
    if not luhn.is_valid(digits):
        raise ValidationFailed(
            _("This card number is not valid: check the digits."), field="card.number"
        )

    month = _as_int(exp_month)
    if month is None or not 1 <= month <= 12:
        raise ValidationFailed(
            _("Enter the expiry month as a number from 1 to 12."), field="card.exp_month"
        )
    year = _as_int(exp_year)
    if year is not None and year < 100:
        year += 2000
    if year is None or not 2000 <= year <= 9999:
        raise ValidationFailed(_("Enter the expiry year, e.g. 2030."), field="card.exp_year")
    if card_expired(month, year, today):
        raise ValidationFailed(
            _("This card expired at the end of {expiry}."),
            field="card.expiry",
            expiry=f"{month:02d}/{year}",
        )

    code = (cvc or "").strip()
    if not (code.isascii() and code.isdigit() and len(code) in (3, 4)):
        raise ValidationFailed(_("Enter the security code (CVC): 3 or 4 digits."), field="card.cvc")

    details = CardDetails(card_brand(digits), digits[-4:], month, year)
    return ValidatedCard(details=details, number=digits, cvc=code)
