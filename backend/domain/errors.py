"""Typed refusals. Each carries a code from the HTTP contract (api.md), an English message
id with named placeholders (translated by backend.i18n) and, for field errors, the field."""

from __future__ import annotations


def _(msgid: str) -> str:
    """Marks a message id for extraction; translation happens at the edge (backend.i18n)."""
    return msgid


class Country(str):
    """A country code placed in a message: the edge writes the country's name in the
    reader's language ("DE" -> "Germany" / "Allemagne")."""


class DomainError(Exception):
    code: str = "error"
    msgid: str = _("The request was refused.")

    def __init__(self, msgid: str | None = None, *, field: str | None = None, **params: object):
        self.msgid = msgid or type(self).msgid
        self.field = field
        self.params = params
        super().__init__(self.msgid.format(**params) if params else self.msgid)


class InvalidCredentials(DomainError):
    code = "invalid_credentials"
    msgid = _("The email or password is incorrect.")


class NotSignedIn(DomainError):
    code = "not_signed_in"
    msgid = _("Please sign in first.")


class SessionExpired(NotSignedIn):
    msgid = _("Your session has expired: please sign in again.")


class TooManyAttempts(DomainError):
    """Carries `retry_after` (seconds) for the edge's Retry-After header."""

    code = "too_many_attempts"
    msgid = _("Too many failed sign-ins for this email. Try again in {minutes} min.")


class NotBillingContact(DomainError):
    code = "not_billing_contact"
    msgid = _("Only a billing contact of this account can add subscriptions or trials.")


class EnterpriseAccount(DomainError):
    code = "enterprise_account"
    msgid = _(
        "Enterprise accounts manage their subscriptions in the Corporate Billing Portal: "
        "{portal_url}"
    )


class ValidationFailed(DomainError):
    code = "validation"
    msgid = _("The value is not valid.")


class TrialNotAllowed(DomainError):
    code = "trial_not_allowed"
    msgid = _("A free trial of {product} is not available for this account.")


class AlreadySubscribed(DomainError):
    code = "already_subscribed"
    msgid = _("This account already has an active subscription to {product}.")


class CartEmpty(DomainError):
    code = "cart_empty"
    msgid = _("The cart is empty: add a product before placing an order.")


class CardDeclined(DomainError):
    code = "card_declined"
    msgid = _("The card was declined. No order was placed; try another card.")


class InsufficientFunds(DomainError):
    code = "insufficient_funds"
    msgid = _("The card was declined for insufficient funds. No order was placed.")


class ExpiredCard(DomainError):
    code = "expired_card"
    msgid = _("The card has expired. No order was placed; use another card.")


class PaymentError(DomainError):
    code = "payment_error"
    msgid = _(
        "The payment could not be processed because of an error at the payment provider. "
        "No order was placed; please try again."
    )


class IdempotencyConflict(DomainError):
    code = "idempotency_conflict"
    msgid = _("This idempotency key was already used for a different order request.")


class NotFound(DomainError):
    code = "not_found"
    msgid = _("The requested item was not found.")
