"""SQLAlchemy tables and the classical (imperative) mapping of the domain classes onto them,
so the domain stays free of SQLAlchemy (Architecture Patterns with Python, ch. 2)."""

from __future__ import annotations

from datetime import UTC
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import registry, relationship
from sqlalchemy.types import TypeDecorator

from backend.domain.access import SessionToken, SignInAttempts
from backend.domain.model import (
    Account,
    CartItem,
    LicenseAssignment,
    Subscription,
    UsedProduct,
    User,
)
from backend.domain.orders import Charge, IdempotencyRecord, Order, OrderLine
from backend.domain.outbox import OutboxEmail


class Cents(TypeDecorator):
    """An exact Decimal with two places, stored as whole hundredths: SQLite has no decimal
    type, and a float would lose cents."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        hundredths = Decimal(value) * 100
        if hundredths != hundredths.to_integral_value():
            raise ValueError(f"{value} has more than two decimal places")
        return int(hundredths)

    def process_result_value(self, value, dialect):
        return None if value is None else (Decimal(value) / 100).quantize(Decimal("0.01"))


class UtcDateTime(TypeDecorator):
    """An aware UTC datetime on every store: SQLite keeps no time zone and would hand back
    naive values that cannot be compared with the clock's."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError(f"{value} has no time zone")
        return None if value is None else value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

catalog_products = Table(
    "catalog_products", metadata,
    Column("code", String(40), primary_key=True),
    Column("name", String(120), nullable=False),
    Column("trial_days", Integer, nullable=True),
    Column("position", Integer, nullable=False),
)
catalog_levels = Table(
    "catalog_levels", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("product_code", ForeignKey("catalog_products.code"), nullable=False),
    Column("code", String(40), nullable=False),
    Column("name", String(120), nullable=False),
    Column("max_licenses", Integer, nullable=False),
    Column("position", Integer, nullable=False),
    UniqueConstraint("product_code", "code"),
)
catalog_prices = Table(
    "catalog_prices", metadata,
    Column("level_id", ForeignKey("catalog_levels.id"), primary_key=True),
    Column("currency", String(3), primary_key=True),
    Column("term", String(10), primary_key=True),
    Column("amount", Cents, nullable=False),
)
accounts = Table(
    "accounts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("country", String(2), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("locale", String(5), nullable=False),
    Column("billing_day", Integer, nullable=False),
    Column("vat_number", String(32)),
    Column("card_brand", String(20)),
    Column("card_last4", String(4)),
    Column("card_exp_month", Integer),
    Column("card_exp_year", Integer),
    Column("test_today", Date),
)
users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", ForeignKey("accounts.id"), nullable=False, index=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("password_hash", String(200), nullable=False),
    Column("is_billing_contact", Boolean, nullable=False),
    Column("locale", String(5), nullable=False),
)
subscriptions = Table(
    "subscriptions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", ForeignKey("accounts.id"), nullable=False),
    Column("product", String(40), nullable=False),
    Column("level", String(40), nullable=False),
    Column("licenses", Integer, nullable=False),
    Column("term", String(10)),
    Column("status", String(10), nullable=False),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("amount_paid", Cents, nullable=False),
    Column("trial_end", Date),
    # one subscription row per product: two racing orders cannot both subscribe it
    UniqueConstraint("account_id", "product"),
)
cart_items = Table(
    "cart_items", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", ForeignKey("accounts.id"), nullable=False),
    Column("product", String(40), nullable=False),
    Column("level", String(40), nullable=False),
    Column("licenses", Integer, nullable=False),
    Column("term", String(10), nullable=False),
    UniqueConstraint("account_id", "product"),
)
used_products = Table(
    "used_products", metadata,
    Column("account_id", ForeignKey("accounts.id"), primary_key=True),
    Column("product", String(40), primary_key=True),
)
license_assignments = Table(
    "license_assignments", metadata,
    Column("account_id", ForeignKey("accounts.id"), nullable=False, index=True),
    Column("user_id", ForeignKey("users.id"), primary_key=True),
    Column("product", String(40), primary_key=True),
)
orders = Table(
    "orders", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", ForeignKey("accounts.id"), nullable=False, index=True),
    Column("number", String(20), nullable=False, unique=True),
    Column("placed_on", Date, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("subtotal", Cents, nullable=False),
    Column("vat_rate", Cents, nullable=False),
    Column("vat_amount", Cents, nullable=False),
    Column("vat_reverse_charge", Boolean, nullable=False),
    Column("vat_country", String(2), nullable=False),
    Column("total_due", Cents, nullable=False),
    Column("billing_day", Integer, nullable=False),
    Column("next_billing_date", Date, nullable=False),
    Column("card_brand", String(20)),
    Column("card_last4", String(4)),
    Column("vat_number", String(32)),
)
order_lines = Table(
    "order_lines", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("order_id", ForeignKey("orders.id"), nullable=False, index=True),
    Column("kind", String(10), nullable=False),
    Column("product", String(40), nullable=False),
    Column("product_name", String(120), nullable=False),
    Column("level", String(40), nullable=False),
    Column("level_name", String(120), nullable=False),
    Column("licenses", Integer, nullable=False),
    Column("term", String(10), nullable=False),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("rate", Cents, nullable=False),
    Column("amount", Cents, nullable=False),
)
charges = Table(
    "charges", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", ForeignKey("accounts.id"), nullable=False, index=True),
    Column("order_id", ForeignKey("orders.id"), nullable=False),
    Column("order_number", String(20), nullable=False),
    Column("amount", Cents, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("last4", String(4)),
)
idempotency_keys = Table(
    "idempotency_keys", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", ForeignKey("accounts.id"), nullable=False),
    Column("key", String(200), nullable=False),
    Column("request_hash", String(64), nullable=False),
    Column("order_id", ForeignKey("orders.id"), nullable=False),
    UniqueConstraint("account_id", "key"),
)
outbox_emails = Table(
    "outbox_emails", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", ForeignKey("accounts.id"), nullable=False, index=True),
    Column("to", String(254), nullable=False),
    Column("subject", String(300), nullable=False),
    Column("body", Text, nullable=False),
    Column("kind", String(30), nullable=False),
    Column("sent_at", UtcDateTime, nullable=False),
)
sessions = Table(
    "sessions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("user_id", ForeignKey("users.id"), nullable=False),
    Column("account_id", ForeignKey("accounts.id"), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_seen_at", UtcDateTime, nullable=False),
)
# Failed sign-ins per email (R1), keyed by a hash of the email: unknown emails included.
sign_in_attempts = Table(
    "sign_in_attempts", metadata,
    Column("email_hash", String(64), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("window_start", UtcDateTime, nullable=False, index=True),
)

mapper_registry = registry(metadata=metadata)
_started = False


def start_mappers() -> None:
    """Map the domain classes once per process (idempotent)."""
    global _started
    if _started:
        return
    _started = True
    m = mapper_registry.map_imperatively
    m(User, users)
    m(Subscription, subscriptions)
    m(CartItem, cart_items)
    m(UsedProduct, used_products)
    m(LicenseAssignment, license_assignments)
    # An account's collections are read when a use case first touches them, each in one
    # query (all of the account's rows: no N+1), and not at all when it does not: placing
    # an order never reads the license assignments, checking a session reads none of them.
    # Loaded eagerly (selectin), every account load cost five queries whatever the need.
    part = {"cascade": "all, delete-orphan", "lazy": "select"}
    m(Account, accounts, properties={
        "users": relationship(User, order_by=users.c.id, **part),
        "subscriptions": relationship(Subscription, order_by=subscriptions.c.id, **part),
        "cart_items": relationship(CartItem, order_by=cart_items.c.id, **part),
        "used_products": relationship(UsedProduct, **part),
        "assignments": relationship(LicenseAssignment, **part),
    })
    m(OrderLine, order_lines)
    m(Order, orders, properties={
        # Read with the order; written by OrderRepository.add in one executemany: the ORM
        # would insert them one statement each on SQLite (its INSERT … RETURNING cannot
        # promise the order of the rows it returns), 400 statements for an account holding
        # 200 subscriptions. An order's lines never change once written.
        "lines": relationship(OrderLine, order_by=order_lines.c.id, viewonly=True,
                              lazy="selectin"),
    })
    m(Charge, charges)
    m(IdempotencyRecord, idempotency_keys)
    m(OutboxEmail, outbox_emails)
    m(SessionToken, sessions)
    m(SignInAttempts, sign_in_attempts)
