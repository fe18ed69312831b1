"""The Place Order page (R10) and placing the order (R11, R12)."""

from __future__ import annotations

import secrets
from dataclasses import asdict
from datetime import date
from typing import NamedTuple

from backend.adapters.payments import PaymentGateway
from backend.domain.cards import CardDetails, validate_card
from backend.domain.checkout import NEW, Quote, apply_quote, build_quote
from backend.domain.errors import CartEmpty, NotFound, ValidationFailed, _
from backend.domain.model import Account, User
from backend.domain.orders import Charge, IdempotencyRecord, Order, request_fingerprint
from backend.domain.outbox import ORDER_CONFIRMATION, OutboxEmail
from backend.domain.vat import normalize_vat_number
from backend.emails.render import render_order_confirmation
from backend.service_layer import views
from backend.service_layer.common import Principal, checkout_out, load, order_out, today_for
from backend.service_layer.inputs import CardInput
from backend.service_layer.unit_of_work import SqlAlchemyUnitOfWork

MAX_IDEMPOTENCY_KEY = 200
# What placing an order reads of the account, loaded with it (see AccountRepository.get);
# then, of its subscriptions and used products, only what the quote touches (load_quoted).
PLACING_TOUCHES = ("users", "cart_items", "assignments")


class PlacedOrder(NamedTuple):
    order: views.OrderOut
    created: bool  # False: the same request again, answered with the first order (R12.4)


def checked_idempotency_key(given: str | None) -> str:
    """R12.4: every order request carries a key, so a double click or a retry after a
    timeout can never charge twice; whatever the edge (HTTP header, TUI, web form)."""
    key = (given or "").strip()
    if not key or len(key) > MAX_IDEMPOTENCY_KEY:
        raise ValidationFailed(_("An Idempotency-Key header (up to 200 characters) is "
                                 "required to place an order."), field="Idempotency-Key")
    return key


def _vat_number(account: Account, given: str | None) -> str | None:
    """R11.2: a number given now must be valid and of the account's country; otherwise the
    one saved on the account (validated when it was saved) applies."""
    if given and given.strip():
        return normalize_vat_number(given, account.country)
    return account.vat_number


def _quote(uow: SqlAlchemyUnitOfWork, account: Account, today: date, vat_number: str | None,
           seller_country: str, *, placing: bool) -> Quote:
    """The quote for `today` as the use case read it once: the subscriptions are loaded for
    that day (load_quoted), so a midnight passing meanwhile changes nothing."""
    uow.accounts.load_quoted(account, today, placing=placing)
    return build_quote(account, uow.catalog.load(), today,
                       valid_vat_number=vat_number, seller_country=seller_country)


def checkout_preview(uow: SqlAlchemyUnitOfWork, who: Principal, *, vat_number: str | None,
                     seller_country: str, portal_url: str) -> views.CheckoutOut:
    """R10: the Place Order page as data, priced from the catalog now (R8.5)."""
    with uow:
        account, user = load(uow, who)
        account.ensure_may_add(user, portal_url)
        if not account.cart_items:  # R10.5: no page for an empty cart, whatever else is asked
            raise CartEmpty()
        number = _vat_number(account, vat_number)
        return checkout_out(_quote(uow, account, today_for(account, uow), number,
                                   seller_country, placing=False), number)


def get_order(uow: SqlAlchemyUnitOfWork, who: Principal, order_id: int) -> views.OrderOut:
    with uow:
        account, user = load(uow, who)
        account.ensure_may_read_billing(user)
        order = uow.orders.get(who.account_id, order_id)
        if order is None:
            raise NotFound(_("There is no such order on this account."))
        return order_out(order)


def place_order(uow: SqlAlchemyUnitOfWork, gateway: PaymentGateway, who: Principal, *,
                idempotency_key: str | None, card: CardInput | None, use_saved_card: bool,
                vat_number: str | None, seller_country: str,
                portal_url: str) -> PlacedOrder:
    """R11-R12: validate, charge, then write the order, subscriptions, re-alignments, new
    billing date, emptied cart, charge record and confirmation email in one transaction.
    A refusal at any point (validation, decline, gateway fault) writes nothing (R11.5).
    Returns the order and whether it was created now (False: an idempotent replay)."""
    key = checked_idempotency_key(idempotency_key)
    card_fields = asdict(card) if card is not None else None
    fingerprint = request_fingerprint(card=card_fields, use_saved_card=use_saved_card,
                                      vat_number=vat_number)
    with uow.for_write():
        account, user = load(uow, who, lock=True, loading=PLACING_TOUCHES)
        account.ensure_may_add(user, portal_url)
        record = uow.orders.idempotency_record(account.id, key)
        if record is not None:  # R12.4
            return PlacedOrder(order_out(uow.orders.get(account.id, record.replay(fingerprint))),
                               created=False)
        today = today_for(account, uow)
        if not account.cart_items:
            raise CartEmpty()
        number = _vat_number(account, vat_number)
        quote = _quote(uow, account, today, number, seller_country, placing=True)

        validated, saved = None, None
        if card is not None and use_saved_card:
            raise ValidationFailed(_("Pay with either a new card or the card on file, not both."),
                                   field="card")
        if card is not None:
            validated = validate_card(card.name or "", str(card.number or ""), card.exp_month,
                                      card.exp_year, str(card.cvc or ""), today)
        elif use_saved_card:
            if not account.card_last4:
                raise ValidationFailed(_("There is no card on file: enter a card."),
                                       field="card")
            saved = CardDetails(account.card_brand, account.card_last4,
                                account.card_exp_month, account.card_exp_year)
        else:  # a card is needed even when nothing is due now: renewals are charged to it
            raise ValidationFailed(_("Enter payment details or use the card on file."),
                                   field="card")

        order_number = "BC-" + secrets.token_hex(5).upper()
        card_details = validated.details if validated else saved
        assert card_details is not None
        apply_quote(account, quote)
        if vat_number and number:
            account.vat_number = number
        if validated is not None:
            account.save_card(**asdict(validated.details))
        order = Order.from_quote(quote, account_id=account.id, number=order_number,
                                 card_brand=card_details.brand, card_last4=card_details.last4,
                                 vat_number=number)
        uow.orders.add(order)  # the one flush: the account's changes and the order
        if quote.total_due > 0:
            uow.orders.add_charge(Charge(account_id=account.id, order_id=order.id,
                                         order_number=order.number, amount=quote.total_due,
                                         currency=quote.currency, last4=order.card_last4))
        uow.orders.add_idempotency_record(IdempotencyRecord(
            account_id=account.id, key=key, request_hash=fingerprint, order_id=order.id))
        uow.outbox.add(_confirmation_email(account, user, order, uow))
        out = order_out(order)
        # R12.1: the card is charged last, once everything else is written and only the
        # commit is left, so a failure while writing (e.g. the email) charges nothing.
        if quote.total_due > 0:
            gateway.charge(amount=quote.total_due, currency=quote.currency, card=validated,
                           saved_card=saved, reference=order_number, today=today)
        uow.commit()
        return PlacedOrder(out, created=True)


def _confirmation_email(account: Account, user: User, order: Order,
                        uow: SqlAlchemyUnitOfWork) -> OutboxEmail:
    """R12.3: the purchase details, in the contact's language; the card as brand + last 4."""
    mail = render_order_confirmation(
        user.locale, contact_name=user.name, order_number=order.number,
        placed_on=order.placed_on,
        lines=[{"kind": ln.kind, "product_name": ln.product_name, "level_name": ln.level_name,
                "licenses": ln.licenses, "term": ln.term, "period_start": ln.period_start,
                "period_end": ln.period_end, "rate": ln.rate, "amount": ln.amount}
               for ln in order.lines],
        subtotal=order.subtotal, vat_rate=order.vat_rate, vat_amount=order.vat_amount,
        reverse_charge=order.vat_reverse_charge, total_due=order.total_due,
        currency=order.currency, next_billing_date=order.next_billing_date,
        card_brand=order.card_brand or "", card_last4=order.card_last4 or "",
        licenses_to_assign=any(ln.kind == NEW for ln in order.lines),
        vat_number=order.vat_number,
    )
    return OutboxEmail(account_id=account.id, to=user.email, subject=mail.subject,
                       body=mail.body, kind=ORDER_CONFIRMATION, sent_at=uow.clock.now())

