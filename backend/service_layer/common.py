"""What every use case needs: the account's today (R14), the acting user, and the
presentation of domain objects as read models."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from backend.domain.catalog import Catalog
from backend.domain.checkout import Quote
from backend.domain.errors import NotFound, NotSignedIn, _
from backend.domain.model import Account, Subscription, User
from backend.domain.orders import Order
from backend.domain.outbox import OutboxEmail
from backend.i18n import label
from backend.service_layer import views
from backend.service_layer.unit_of_work import SqlAlchemyUnitOfWork


@dataclass(frozen=True)
class Principal:
    """Who is signed in: resolved from a session token by the edge (API, web, TUI)."""

    user_id: int
    account_id: int
    locale: str = "en"


def today_for(account: Account, uow: SqlAlchemyUnitOfWork) -> date:
    """R14: the account's test clock when set, else the server's UTC date."""
    return account.test_today or uow.clock.now().date()


def load(uow: SqlAlchemyUnitOfWork, who: Principal, *, lock: bool = False,
         loading: tuple[str, ...] = ()) -> tuple[Account, User]:
    account = uow.accounts.get(who.account_id, lock=lock, loading=loading)
    if account is None:
        raise NotSignedIn()
    user = next((u for u in account.users if u.id == who.user_id), None)
    if user is None:
        raise NotSignedIn()
    return account, user


def load_account(uow: SqlAlchemyUnitOfWork, account_id: int, *, lock: bool = False) -> Account:
    account = uow.accounts.get(account_id, lock=lock)
    if account is None:
        raise NotFound(_("There is no account {account_id}."), account_id=account_id)
    return account


def subscription_out(account: Account, sub: Subscription, catalog: Catalog,
                     today: date) -> views.SubscriptionOut:
    product = catalog.get(sub.product)
    level = product.resolve_level(sub.level)
    return views.SubscriptionOut(
        id=sub.id, product=sub.product, product_name=product.name, level=sub.level,
        level_name=level.name, licenses=sub.licenses,
        assigned=account.assigned_count(sub.product), term=sub.term,
        status=sub.status_on(today), period_start=sub.period_start,
        period_end=sub.period_end, next_billing_date=sub.next_billing_date(today),
        trial_end=sub.trial_end,
    )


def account_out(account: Account, user: User, catalog: Catalog, today: date,
                portal_url: str) -> views.AccountOut:
    card = None
    if account.card_last4:
        card = views.CardOut(brand=account.card_brand, last4=account.card_last4,
                             exp_month=account.card_exp_month, exp_year=account.card_exp_year)
    return views.AccountOut(
        id=account.id, name=account.name, kind=account.kind, country=account.country,
        currency=account.currency, locale=account.locale, billing_day=account.billing_day,
        today=today, vat_number=account.vat_number, card=card,
        subscriptions=[subscription_out(account, s, catalog, today)
                       for s in account.subscriptions],
        cart_count=len(account.cart_items), can_add_subscription=account.may_add(user),
        portal_url=portal_url if account.kind == "enterprise" else None,
    )


def user_out(user: User) -> views.UserOut:
    return views.UserOut(id=user.id, email=user.email, name=user.name, locale=user.locale,
                         is_billing_contact=user.is_billing_contact)


def cart_out(account: Account, catalog: Catalog, locale: str) -> views.CartOut:
    items = []
    for item in account.cart_items:
        product = catalog.get(item.product)
        items.append(views.CartItemOut(
            id=item.id, product=item.product, product_name=product.name, level=item.level,
            level_name=product.resolve_level(item.level).name, licenses=item.licenses,
            term=item.term))
    action = account.primary_action
    return views.CartOut(items=items, primary_action=action,
                         primary_action_label=label(action, locale))


def _line_out(line) -> views.LineOut:
    return views.LineOut(
        kind=line.kind, product=line.product, product_name=line.product_name,
        level=line.level, level_name=line.level_name, licenses=line.licenses, term=line.term,
        period_start=line.period_start, period_end=line.period_end, rate=line.rate,
        amount=line.amount)


def checkout_out(quote: Quote, vat_number: str | None) -> views.CheckoutOut:
    return views.CheckoutOut(
        today=quote.today, billing_day=quote.billing_day,
        lines=[_line_out(ln) for ln in quote.lines], subtotal=quote.subtotal,
        vat=views.VatOut(rate=quote.vat.rate, amount=quote.vat.amount,
                         reverse_charge=quote.vat.reverse_charge, country=quote.vat.country,
                         number=vat_number),
        total_due=quote.total_due, currency=quote.currency,
        next_billing_date=quote.next_billing_date)


def order_out(order: Order) -> views.OrderOut:
    new_lines = [ln for ln in order.lines if ln.kind == "new"]
    return views.OrderOut(
        id=order.id, number=order.number, placed_on=order.placed_on,
        lines=[_line_out(ln) for ln in order.lines], subtotal=order.subtotal,
        vat=views.VatOut(rate=order.vat_rate, amount=order.vat_amount,
                         reverse_charge=order.vat_reverse_charge, country=order.vat_country,
                         number=order.vat_number),
        total_due=order.total_due, currency=order.currency, billing_day=order.billing_day,
        next_billing_date=order.next_billing_date,
        card=views.OrderCardOut(brand=order.card_brand, last4=order.card_last4),
        activated=[ln.product for ln in new_lines],
        licenses_to_assign=bool(new_lines),
    )


def email_out(email: OutboxEmail) -> views.EmailOut:
    return views.EmailOut(to=email.to, subject=email.subject, body=email.body, kind=email.kind,
                          sent_at=email.sent_at)
