"""The Place Order page as numbers (R10) and what placing the order changes (R10.3, R12.1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from backend.domain.catalog import Catalog
from backend.domain.dates import days_inclusive, next_billing_date, period_end
from backend.domain.errors import CartEmpty
from backend.domain.model import ACTIVE, Account, Subscription
from backend.domain.money import to_cents
from backend.domain.vat import VatResult, compute_vat

NEW, CREDIT, RENEWAL = "new", "credit", "renewal"


@dataclass(frozen=True)
class QuoteLine:
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


@dataclass(frozen=True)
class Quote:
    today: date
    billing_day: int
    currency: str
    lines: tuple[QuoteLine, ...]
    subtotal: Decimal
    vat: VatResult
    total_due: Decimal

    @property
    def next_billing_date(self) -> date:
        """The account's next billing date once the order is placed: the earliest renewal."""
        return min(next_billing_date(line.period_start, line.term)
                   for line in self.lines if line.kind != CREDIT)


def unused_credit(sub: Subscription, today: date) -> Decimal:
    """R10.3: amount paid for the current period x unused days / days in the period, days
    counted inclusive (unused ones from today to the period's last day), half-up to the cent.
    Never more than what was paid, never negative."""
    if today > sub.period_end:
        return Decimal("0.00")
    start = max(today, sub.period_start)
    unused = days_inclusive(start, sub.period_end)
    total = days_inclusive(sub.period_start, sub.period_end)
    return to_cents(sub.amount_paid * unused / total)


def needs_realignment(sub: Subscription, today: date) -> bool:
    """R10.3: an active paid subscription whose period does not already start today."""
    return sub.is_paid_active(today) and sub.period_start != today


def build_quote(account: Account, catalog: Catalog, today: date, *,
                valid_vat_number: str | None, seller_country: str) -> Quote:
    """R10.1-R10.4: one line per cart item priced from the catalog now (R8.5), a credit and
    a renewal line for each active paid subscription re-aligned to today (R10.3), then
    subtotal, VAT (R11.3) and total due."""
    if not account.cart_items:
        raise CartEmpty()
    lines: list[QuoteLine] = []

    def line(kind: str, product: str, level_code: str, licenses: int, term: str,
             start: date, end: date, rate: Decimal, amount: Decimal) -> QuoteLine:
        prod = catalog.get(product)
        lvl = prod.resolve_level(level_code)
        return QuoteLine(kind, prod.code, prod.name, lvl.code, lvl.name, licenses, term,
                         start, end, rate, amount)

    for item in account.cart_items:
        prod = catalog.get(item.product)
        account.ensure_covers_assigned(prod, item.licenses)  # assignments may have grown since
        lvl = prod.resolve_level(item.level)
        rate = lvl.price(account.currency, item.term)
        lines.append(line(NEW, item.product, item.level, item.licenses, item.term, today,
                          period_end(today, item.term), rate, to_cents(rate * item.licenses)))

    in_cart = {item.product for item in account.cart_items}
    for sub in account.subscriptions:
        if sub.product in in_cart or not needs_realignment(sub, today):
            continue
        assert sub.term is not None  # an active paid subscription always has a term
        credit = unused_credit(sub, today)
        paid_rate = to_cents(sub.amount_paid / sub.licenses)  # what the period was bought at
        lines.append(line(CREDIT, sub.product, sub.level, sub.licenses, sub.term,
                          max(today, sub.period_start), sub.period_end, paid_rate, -credit))
        lvl = catalog.get(sub.product).resolve_level(sub.level)
        rate = lvl.price(account.currency, sub.term)
        lines.append(line(RENEWAL, sub.product, sub.level, sub.licenses, sub.term, today,
                          period_end(today, sub.term), rate, to_cents(rate * sub.licenses)))

    subtotal = sum((ln.amount for ln in lines), Decimal("0.00"))
    vat = compute_vat(subtotal, account.country, valid_vat_number, seller_country)
    return Quote(today=today, billing_day=today.day, currency=account.currency,
                 lines=tuple(lines), subtotal=subtotal, vat=vat, total_due=subtotal + vat.amount)


def apply_quote(account: Account, quote: Quote) -> None:
    """R0.3, R9.5, R10.3, R12.1: what the placed order changes on the account, all at once:
    new subscriptions active from today (a trial of the product becomes the paid one),
    re-aligned periods, the billing date moved to today, the cart emptied."""
    # by product, read once: a lookup per line would make an order re-aligning many
    # subscriptions quadratic in them
    held: dict[str, Subscription] = {}
    for sub in account.subscriptions:
        held.setdefault(sub.product, sub)  # the first, as Account.subscription finds it
    bought = [ln for ln in quote.lines if ln.kind != CREDIT]
    for ln in bought:
        sub = held.get(ln.product)
        if sub is None:
            sub = Subscription(product=ln.product, level=ln.level, licenses=ln.licenses,
                               term=ln.term, status=ACTIVE, period_start=ln.period_start,
                               period_end=ln.period_end)
            account.subscriptions.append(sub)
            held[ln.product] = sub
        sub.level, sub.licenses, sub.term, sub.status = ln.level, ln.licenses, ln.term, ACTIVE
        sub.period_start, sub.period_end = ln.period_start, ln.period_end
        sub.amount_paid, sub.trial_end = ln.amount, None
    account.remember_products(ln.product for ln in bought)
    account.billing_day = quote.today.day
    account.cart_items.clear()
