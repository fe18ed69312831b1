"""Placed orders, the charges behind them, and idempotency records (R12)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from backend.domain.checkout import Quote
from backend.domain.errors import IdempotencyConflict


@dataclass(eq=False)
class OrderLine:
    kind: str
    product: str
    product_name: str
    level: str
    level_name: str
    licenses: int
    term: str
    period_start: date
    period_end: date
    rate: Decimal
    amount: Decimal
    id: int | None = None


@dataclass(eq=False)
class Order:
    account_id: int
    number: str
    placed_on: date
    currency: str
    subtotal: Decimal
    vat_rate: Decimal
    vat_amount: Decimal
    vat_reverse_charge: bool
    vat_country: str
    total_due: Decimal
    billing_day: int
    next_billing_date: date
    card_brand: str | None
    card_last4: str | None
    lines: list[OrderLine] = field(default_factory=list)
    # the customer's VAT number the order was taxed with: a reverse-charge invoice names it
    vat_number: str | None = None
    id: int | None = None

    @classmethod
    def from_quote(cls, quote: Quote, *, account_id: int, number: str,
                   card_brand: str | None, card_last4: str | None,
                   vat_number: str | None = None) -> Order:
        return cls(
            account_id=account_id, number=number, placed_on=quote.today,
            currency=quote.currency, subtotal=quote.subtotal, vat_rate=quote.vat.rate,
            vat_amount=quote.vat.amount, vat_reverse_charge=quote.vat.reverse_charge,
            vat_country=quote.vat.country, total_due=quote.total_due,
            billing_day=quote.billing_day, next_billing_date=quote.next_billing_date,
            card_brand=card_brand, card_last4=card_last4, vat_number=vat_number,
            # the quote's fields as they are (asdict would deep-copy every date and amount)
            lines=[OrderLine(**vars(ln)) for ln in quote.lines],
        )


@dataclass(eq=False)
class Charge:
    """What the payment simulator took for an order; only brand/last four of the card."""

    account_id: int
    order_id: int
    order_number: str
    amount: Decimal
    currency: str
    last4: str | None
    id: int | None = None


@dataclass(eq=False)
class IdempotencyRecord:
    """R12.4: a key seen once with the request's fingerprint and the order it produced."""

    account_id: int
    key: str
    request_hash: str
    order_id: int
    id: int | None = None

    def replay(self, request_hash: str) -> int:
        """The same key with the same request returns its order; another request is refused."""
        if request_hash != self.request_hash:
            raise IdempotencyConflict()
        return self.order_id


def request_fingerprint(*, card: dict | None, use_saved_card: bool,
                        vat_number: str | None) -> str:
    """A hash of the order request that never includes the full card number or the CVC:
    the card is reduced to its last four digits, expiry and holder name."""
    safe_card = None
    if card is not None:
        digits = "".join(ch for ch in str(card.get("number") or "") if ch.isdigit())
        safe_card = {"name": card.get("name"), "last4": digits[-4:],
                     "digits": len(digits), "exp_month": card.get("exp_month"),
                     "exp_year": card.get("exp_year")}
    canonical = json.dumps({"card": safe_card, "use_saved_card": bool(use_saved_card),
                            "vat_number": (vat_number or "").replace(" ", "").upper() or None},
                           sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()
