"""What the services say and which date they count from (R0.1, R9.3, R14). Found by
mutation testing (docs/mutation.md): these refusals were checked by kind only, the welcome
email by subject and date, and every test account carried its own clock."""

from __future__ import annotations

from datetime import timedelta

import pytest

from backend.domain.errors import DomainError, NotBillingContact, NotFound
from backend.i18n import error_message
from backend.service_layer import testing


def check(err: DomainError, english: str) -> None:
    assert error_message(err, "en") == english
    assert error_message(err, "fr") != english, "no French translation for this message"


def test_r0_1_only_a_billing_contact_reads_the_messages_and_is_told_so(app):
    """R0.1: another user of the account is refused the emails, with a message saying why."""
    acct = app.account(extra_users=1)
    with pytest.raises(NotBillingContact) as err:
        app.backend.service.messages(app.other_user(acct))
    check(err.value, "Only a billing contact of this account can read its messages.")


def test_r12_2_an_order_not_on_the_account_is_not_found_and_said_so(app):
    """R12.2: an order number of nothing on this account."""
    acct = app.account()
    with pytest.raises(NotFound) as err:
        app.backend.service.order(acct.who, 999_999)
    check(err.value, "There is no such order on this account.")


def test_r14_without_an_account_clock_a_trial_counts_from_the_servers_today(app, clock):
    """R14: an account without its own test date lives on the server's clock."""
    acct = app.account(today=None)
    assert "gotomeeting" in app.available(acct.who)
    trial = app.trial(acct.who, "gotomeeting", "business")
    assert trial.trial_end == clock.now().date() + timedelta(days=14)


def test_r14_without_an_account_clock_the_cart_and_licenses_use_the_servers_today(app):
    """R14: adding to the cart and assigning a license also read the server's clock."""
    acct = app.account(today=None)
    app.add(acct.who, "logmein-pro", term="monthly")
    app.trial(acct.who, "gotomeeting", "business")
    contact = next(u.id for u in app.users(acct.who) if u.email == acct.email)
    app.assign(acct.who, contact, "gotomeeting")
    assert [i.product for i in app.view_cart(acct.who).items] == ["logmein-pro"]


def test_r9_3_the_welcome_email_greets_the_contact_and_names_the_level(app):
    """R9.3: the welcome email is addressed to the billing contact and names the level."""
    acct = app.account()
    app.trial(acct.who, "gotomeeting", "business")
    (email,) = app.emails(acct)
    name = next(u.name for u in app.users(acct.who) if u.email == acct.email)
    assert email.body.startswith(f"Hello {name},\n")
    assert "Subscription level: Business\n" in email.body


def test_r14_setting_the_clock_of_an_unknown_account_names_it(app):
    """R14: the test clock is set per account; an unknown one is refused by its number."""
    with pytest.raises(NotFound) as err:
        testing.set_clock(app.uow(), 999_999, None)
    check(err.value, "There is no account 999999.")


def test_r11_1_the_facade_can_pay_with_the_card_on_file(app):
    """R11.1: the saved card pays when asked for, through the facade as through the API."""
    acct = app.account(card_on_file=True, cart=[{"product": "logmein-pro", "licenses": 1,
                                                 "term": "monthly"}])
    placed = app.backend.service.place_order(acct.who, idempotency_key="k-saved-card",
                                             use_saved_card=True)
    assert placed.created
