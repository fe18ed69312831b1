"""Read models the services return: plain data shaped like the HTTP contract (api.md), so
the API, the web pages and the TUI's embedded client show the same thing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import AwareDatetime, BaseModel, Field, field_serializer


def rate_text(rate: Decimal) -> str:
    """A VAT percentage without trailing zeros: 20, 25.5, 0."""
    return format(rate.normalize(), "f") if rate else "0"


class UserOut(BaseModel):
    id: int
    email: str
    name: str
    locale: str
    is_billing_contact: bool


class CardOut(BaseModel):
    brand: str
    last4: str
    exp_month: int
    exp_year: int


class SubscriptionOut(BaseModel):
    id: int
    product: str
    product_name: str
    level: str
    level_name: str
    licenses: int
    assigned: int
    term: Literal["monthly", "annual"] | None
    status: Literal["active", "trialing", "expired"]
    period_start: date
    period_end: date
    next_billing_date: date | None
    trial_end: date | None


class AccountOut(BaseModel):
    id: int
    name: str
    kind: Literal["standard", "enterprise"]
    country: str
    currency: str
    locale: str
    billing_day: int
    today: date
    vat_number: str | None
    card: CardOut | None
    subscriptions: list[SubscriptionOut]
    cart_count: int
    # R0.1/R0.2: whether this user is offered Add a new subscription, and where to go if not
    can_add_subscription: bool
    portal_url: str | None = None


class SessionOut(BaseModel):
    token: str
    user: UserOut
    account: AccountOut


class LevelOut(BaseModel):
    code: str
    name: str
    max_licenses: int
    monthly: Decimal
    annual: Decimal


class ProductOut(BaseModel):
    code: str
    name: str
    trial_days: int | None
    levels: list[LevelOut]


class AvailableProductOut(ProductOut):
    can_buy: bool
    can_try: bool


class CartItemOut(BaseModel):
    id: int
    product: str
    product_name: str
    level: str
    level_name: str
    licenses: int
    term: Literal["monthly", "annual"]


class CartOut(BaseModel):
    items: list[CartItemOut]
    primary_action: Literal["place_order", "add_to_cart"]
    primary_action_label: str


class LineOut(BaseModel):
    kind: Literal["new", "credit", "renewal"]
    product: str
    product_name: str
    level: str
    level_name: str
    licenses: int
    term: Literal["monthly", "annual"]
    period_start: date
    period_end: date
    rate: Decimal
    amount: Decimal


class VatOut(BaseModel):
    rate: Decimal
    amount: Decimal
    reverse_charge: bool
    country: str
    number: str | None = None

    @field_serializer("rate")
    def _rate(self, rate: Decimal) -> str:
        return rate_text(rate)


class CheckoutOut(BaseModel):
    today: date
    billing_day: int
    lines: list[LineOut]
    subtotal: Decimal
    vat: VatOut
    total_due: Decimal
    currency: str
    next_billing_date: date


class OrderCardOut(BaseModel):
    brand: str | None
    last4: str | None


class OrderOut(BaseModel):
    id: int
    number: str
    placed_on: date
    lines: list[LineOut]
    subtotal: Decimal
    vat: VatOut
    total_due: Decimal
    currency: str
    billing_day: int
    next_billing_date: date
    card: OrderCardOut
    # R12.2: what is now active, and whether licenses wait to be assigned
    activated: list[str]
    licenses_to_assign: bool


class TrialOut(BaseModel):
    subscription: SubscriptionOut
    trial_end: date


class UserLicensesOut(BaseModel):
    id: int
    email: str
    name: str
    is_billing_contact: bool
    licenses: list[str]


class Credentials(BaseModel):
    email: str
    password: str


class TestAccountOut(BaseModel):
    account_id: int
    billing_contact: Credentials
    users: list[Credentials]


class EmailOut(BaseModel):
    to: str
    subject: str
    body: str
    kind: Literal["trial_welcome", "order_confirmation"]
    sent_at: AwareDatetime = Field(description="When it was sent: UTC, with its offset.")


class ClockOut(BaseModel):
    account_id: int
    today: date


class ChargeOut(BaseModel):
    amount: Decimal
    currency: str
    last4: str | None
    order_number: str


class DeploymentConfigOut(BaseModel):
    """What the deployment is configured with, where a rule leaves it to the deployment
    (test control, so a suite checks the configured value rather than a default)."""

    corporate_portal_url: str = Field(
        description="Where enterprise accounts' billing contacts are sent (R0.2).")
    seller_country: str = Field(
        description="The seller's country, ISO 3166 alpha-2: decides reverse charge (R11.3).")
