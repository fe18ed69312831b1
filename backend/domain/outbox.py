"""Emails waiting in the outbox (R9.3, R12.3): rendered text only, never card numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

TRIAL_WELCOME, ORDER_CONFIRMATION = "trial_welcome", "order_confirmation"


@dataclass(eq=False)
class OutboxEmail:
    account_id: int
    to: str
    subject: str
    body: str
    kind: str
    sent_at: datetime
    id: int | None = None

