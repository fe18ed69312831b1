"""Payment gateway port and the offline simulator (R11.4, R11.5).

The gateway never stores anything: the service layer records charges. Only the
``ChargeResult`` (brand, last four, references) may be kept.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from backend.domain.cards import CardDetails, ValidatedCard, saved_card_usable
from backend.domain.errors import CardDeclined, ExpiredCard, InsufficientFunds, PaymentError


@dataclass(frozen=True)
class ChargeResult:
    """An approved charge."""

    reference: str  # the caller's reference (e.g. the order's idempotency key)
    charge_id: str  # the gateway's id for this charge
    brand: str
    last4: str
    amount: Decimal
    currency: str


class PaymentGateway(Protocol):
    def charge(
        self,
        *,
        amount: Decimal,
        currency: str,
        card: ValidatedCard | None,
        saved_card: CardDetails | None,
        reference: str,
        today: date | None = None,
    ) -> ChargeResult:
        """Charge exactly one of ``card`` / ``saved_card`` or raise CardDeclined,
        InsufficientFunds, ExpiredCard or PaymentError."""
        ...


# R11.4: test numbers and the refusal each one triggers.
_OUTCOMES = {
    "4000000000000002": CardDeclined,
    "4000000000009995": InsufficientFunds,
    "4000000000000069": ExpiredCard,
    "4000000000000119": PaymentError,
}


class SimulatedGateway:
    """Offline gateway following the R11.4 test cards; any other valid card succeeds.

    A saved card succeeds unless expired; pass the account's ``today`` (R14) so the
    simulator can tell. Without ``today`` the caller must have checked
    ``saved_card_usable`` itself.
    """

    def charge(
        self,
        *,
        amount: Decimal,
        currency: str,
        card: ValidatedCard | None,
        saved_card: CardDetails | None,
        reference: str,
        today: date | None = None,
    ) -> ChargeResult:
        if (card is None) == (saved_card is None):
            raise ValueError("charge needs exactly one of card or saved_card")
        if amount < 0:
            raise ValueError("cannot charge a negative amount")
        if card is not None:
            refusal = _OUTCOMES.get(card.number)
            if refusal is not None:
                raise refusal()
            details = card.details
        else:
            details = saved_card
            if today is not None and not saved_card_usable(details, today):
                raise ExpiredCard()
        charge_id = "sim_" + hashlib.sha256(reference.encode()).hexdigest()[:20]
        return ChargeResult(reference, charge_id, details.brand, details.last4, amount, currency)
