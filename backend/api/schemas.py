"""Request bodies, named by use. Fields that a person types (licenses, card expiry) are
taken as given and checked by the domain, so a bad value gets the rule's own message
(R6: the allowed range) instead of a generic type error."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field


class SessionIn(BaseModel):
    email: str
    password: str


class CartItemIn(BaseModel):
    product: str
    level: str | None = None
    licenses: Any = 1
    term: Any = None


class CartItemPatchIn(BaseModel):
    level: str | None = None
    licenses: Any = None
    term: Any = None


class CardIn(BaseModel):
    name: str = ""
    number: str | int = ""
    exp_month: Any = None
    exp_year: Any = None
    cvc: str | int = ""

    def __repr__(self) -> str:  # never show the number or the CVC in logs or tracebacks
        return "CardIn(***)"


class OrderIn(BaseModel):
    card: CardIn | None = None
    use_saved_card: bool = False
    vat_number: str | None = None


class TrialIn(BaseModel):
    product: str
    level: str | None = None
    licenses: Any = 1


class ClockIn(BaseModel):
    today: date | None


class HeldSubscriptionIn(BaseModel):
    product: str
    level: str | None = None
    licenses: Any = 1
    term: Literal["monthly", "annual"] | None = None
    status: Literal["active", "trialing", "expired"] | None = None
    period_start: date | None = None


class TestAccountIn(BaseModel):
    kind: Literal["standard", "enterprise"] = "standard"
    country: str | None = None
    currency: str | None = None
    locale: Literal["en", "fr"] | None = None
    name: str | None = None
    today: date | None = None
    billing_day: int | None = Field(default=None, ge=1, le=31)
    subscriptions: list[HeldSubscriptionIn] = []
    trials_used: list[str] = []
    cart: list[CartItemIn] = []
    card_on_file: bool = False
    vat_number: str | None = None
    extra_users: int = Field(default=0, ge=0, le=50)
