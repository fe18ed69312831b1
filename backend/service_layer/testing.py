"""Test control (api.md, test mode only): accounts made to order with Faker-filled data,
per-account clocks (R14), and what the outbox and the payment simulator recorded."""

from __future__ import annotations

import secrets
import threading
import unicodedata
from datetime import date

from faker import Faker

from backend.domain.catalog import parse_licenses, parse_term
from backend.domain.dates import add_days, last_billing_date_on_or_before, period_end
from backend.domain.errors import ValidationFailed, _
from backend.domain.model import (
    ACTIVE,
    EXPIRED,
    TRIALING,
    Account,
    Subscription,
    UsedProduct,
    User,
)
from backend.domain.money import to_cents
from backend.domain.vat import currency_for_country, normalize_vat_number
from backend.service_layer import views
from backend.service_layer.common import email_out, load_account, today_for
from backend.service_layer.test_passwords import hashed_passwords
from backend.service_layer.unit_of_work import SqlAlchemyUnitOfWork

_FAKER_LOCALES = {"en": "en_US", "fr": "fr_FR"}
_fakers: dict[str, Faker] = {}
_faker_lock = threading.Lock()


def _faker(locale: str, seed: int) -> Faker:
    """One seeded Faker per language and process: a fresh server yields the same names."""
    with _faker_lock:
        if locale not in _fakers:
            fake = Faker(_FAKER_LOCALES[locale])
            fake.seed_instance(seed)
            _fakers[locale] = fake
        return _fakers[locale]


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in ascii_text.lower() if ch.isalnum())


def _person(fake: Faker, locale: str, billing_contact: bool) -> tuple[User, str]:
    first, last = fake.first_name(), fake.last_name()
    # a random tag keeps addresses unique across processes sharing one database
    email = f"{_slug(first)}.{_slug(last)}.{secrets.token_hex(3)}@{fake.safe_domain_name()}"
    password, password_hash = hashed_passwords.take()
    user = User(email=email, name=f"{first} {last}",
                password_hash=password_hash, is_billing_contact=billing_contact,
                locale=locale)
    return user, password


def create_test_account(uow: SqlAlchemyUnitOfWork, *, faker_seed: int, kind: str = "standard",
                        country: str | None = None, currency: str | None = None,
                        locale: str | None = None, name: str | None = None,
                        today: date | None = None, billing_day: int | None = None,
                        subscriptions: list[dict] | None = None,
                        trials_used: list[str] | None = None, cart: list[dict] | None = None,
                        card_on_file: bool = False, vat_number: str | None = None,
                        extra_users: int = 0) -> views.TestAccountOut:
    """Builds an account through the same domain rules as the product, so a test account
    can only be in a state a real one could reach. Refusals use the contract's errors."""
    locale = locale or "en"
    if locale not in _FAKER_LOCALES:
        raise ValidationFailed(_("The language must be en or fr."), field="locale")
    if kind not in ("standard", "enterprise"):
        raise ValidationFailed(_("The account kind must be standard or enterprise."),
                               field="kind")
    country = (country or ("FR" if locale == "fr" else "US")).upper()
    if len(country) != 2 or not (country.isascii() and country.isalpha()):
        raise ValidationFailed(_("The country must be a two-letter code."), field="country")
    fake = _faker(locale, faker_seed)
    day = billing_day if billing_day is not None else fake.random_int(1, 28)
    if not isinstance(day, int) or not 1 <= day <= 31:
        raise ValidationFailed(_("The billing day must be from 1 to 31."), field="billing_day")
    if extra_users < 0 or extra_users > 50:
        raise ValidationFailed(_("Extra users must be from 0 to 50."), field="extra_users")

    # People first: hashing passwords is slow and must not hold the database's write lock.
    contact, contact_password = _person(fake, locale, True)
    people = [_person(fake, locale, False) for _i in range(extra_users)]
    with uow.for_write():
        account = Account(name=name or fake.company(), kind=kind, country=country,
                          currency=(currency or currency_for_country(country)).upper(),
                          locale=locale, billing_day=day, test_today=today)
        if vat_number:
            account.vat_number = normalize_vat_number(vat_number, country)
        account.users.append(contact)
        account.users.extend(user for user, _password in people)
        others = [views.Credentials(email=user.email, password=password)
                  for user, password in people]
        now = today_for(account, uow)
        catalog = uow.catalog.load()
        if account.currency not in catalog.currencies:
            raise ValidationFailed(_("The catalog has no prices in {currency}."),
                                   field="currency", currency=account.currency)
        for spec in subscriptions or []:
            account.subscriptions.append(_held(account, catalog, spec, now))
        for product in trials_used or []:
            catalog.get(product)
            if not account.has_ever_had(product):
                account.used_products.append(UsedProduct(product=product))
        for item in cart or []:
            account.put_in_cart(catalog, now, product=item.get("product"),
                                level=item.get("level"), licenses=item.get("licenses"),
                                term=item.get("term"))
        if card_on_file:
            account.save_card("visa", "4242", 12, now.year + 3)
        uow.accounts.add(account)
        uow.flush()
        out = views.TestAccountOut(
            account_id=account.id,
            billing_contact=views.Credentials(email=contact.email, password=contact_password),
            users=others)
        uow.commit()
        return out


def _held(account: Account, catalog, spec: dict, today: date) -> Subscription:
    product = catalog.get(spec.get("product"))
    level = product.resolve_level(spec.get("level"))
    licenses = parse_licenses(spec.get("licenses", 1), level.max_licenses)
    status = spec.get("status") or ACTIVE
    if status not in (ACTIVE, TRIALING, EXPIRED):
        raise ValidationFailed(_("The status must be active, trialing or expired."),
                               field="status")
    if account.subscription(product.code):
        raise ValidationFailed(_("{product} is listed twice."), field="product",
                               product=product.code)
    start = spec.get("period_start")
    start = date.fromisoformat(start) if isinstance(start, str) else start
    if status == ACTIVE:
        start = start or last_billing_date_on_or_before(today, account.billing_day)
        if start > today:
            raise ValidationFailed(_("The period cannot start after today."),
                                   field="period_start")
        term = parse_term(spec.get("term"))
        rate = level.price(account.currency, term)
        account.remember_product(product.code)
        return Subscription(product=product.code, level=level.code, licenses=licenses,
                            term=term, status=ACTIVE, period_start=start,
                            period_end=period_end(start, term, account.billing_day),
                            amount_paid=to_cents(rate * licenses))
    if not product.has_trial:
        raise ValidationFailed(_("{product} has no free trial."), field="product",
                               product=product.code)
    length = product.trial_days or 0
    if status == EXPIRED:  # ended yesterday, unless given an earlier start
        start = min(start or today, add_days(today, -length - 1))
    start = start or today
    if start > today:
        raise ValidationFailed(_("The period cannot start after today."), field="period_start")
    end = add_days(start, length)
    account.remember_product(product.code)
    return Subscription(product=product.code, level=level.code, licenses=licenses, term=None,
                        status=TRIALING, period_start=start, period_end=end, trial_end=end)


def set_clock(uow: SqlAlchemyUnitOfWork, account_id: int, today: date | None) -> date:
    """R14: freeze (or, with None, release) one account's today."""
    with uow.for_write():
        account = load_account(uow, account_id, lock=True)
        account.test_today = today
        result = today_for(account, uow)
        uow.commit()
        return result


def list_emails(uow: SqlAlchemyUnitOfWork, account_id: int) -> list[views.EmailOut]:
    with uow:
        load_account(uow, account_id)
        return [email_out(e) for e in uow.outbox.for_account(account_id)]


def list_charges(uow: SqlAlchemyUnitOfWork, account_id: int) -> list[views.ChargeOut]:
    with uow:
        load_account(uow, account_id)
        return [views.ChargeOut(amount=c.amount, currency=c.currency, last4=c.last4,
                                order_number=c.order_number)
                for c in uow.orders.charges(account_id)]

