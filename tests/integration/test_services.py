"""Service layer on a real store (SQLite and PostgreSQL): signing in (R1), the account
overview, who may add (R0.1, R0.2) and per-account clocks (R14)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from backend.domain.errors import (
    EnterpriseAccount,
    InvalidCredentials,
    NotBillingContact,
    NotSignedIn,
)
from backend.i18n import error_message
from backend.service_layer import auth, ordering
from backend.service_layer.common import Principal

PORTAL_URL = "https://link.logmeininc.com/corp-billing"


# --- R1 signing in and out --------------------------------------------------------------------
def test_r1_sign_in_with_email_and_password(app):
    acct = app.account(country="FR", locale="fr")
    session = app.sign_in(acct.email, acct.password)
    assert session.token and session.token != acct.token  # every sign-in is a new session
    assert session.user.email == acct.email and session.user.is_billing_contact
    assert session.user.locale == "fr"
    assert session.account.id == acct.account_id
    who = auth.authenticate(app.uow(), session.token)
    assert (who.user_id, who.account_id) == (session.user.id, acct.account_id)
    # the token itself is never stored, only its hash
    assert all(session.token not in v for _t, _c, v in app.text_values())


def test_r1_email_is_not_case_sensitive(app):
    acct = app.account()
    assert app.sign_in(acct.email.upper(), acct.password).user.email == acct.email


def test_r1_wrong_password_and_unknown_email_get_the_same_refusal(app):
    acct = app.account()
    before = app.snapshot(without=("sign_in_attempts",))
    with pytest.raises(InvalidCredentials) as wrong_password:
        app.sign_in(acct.email, acct.password + "x")
    with pytest.raises(InvalidCredentials) as unknown_email:
        app.sign_in("nobody." + acct.email, acct.password)
    with pytest.raises(InvalidCredentials) as empty:
        app.sign_in("", "")
    errors = [wrong_password.value, unknown_email.value, empty.value]
    assert {(e.code, str(e), e.field) for e in errors} == {
        ("invalid_credentials", "The email or password is incorrect.", None)}
    assert len({error_message(e, "fr") for e in errors}) == 1
    # no session was opened, nothing else written (the failures are counted: see
    # test_sign_in_limits.py)
    assert app.snapshot(without=("sign_in_attempts",)) == before


def test_r1_sign_out_ends_the_session(app):
    acct = app.account()
    assert auth.authenticate(app.uow(), acct.token) == acct.who
    auth.sign_out(app.uow(), acct.token)
    with pytest.raises(NotSignedIn):
        auth.authenticate(app.uow(), acct.token)
    for token in (None, "", "not-a-token"):
        with pytest.raises(NotSignedIn):
            auth.authenticate(app.uow(), token)


# --- the account overview ---------------------------------------------------------------------
def test_account_overview_shows_what_the_account_holds(app):
    acct = app.worked_example_account(card_on_file=True)
    out = app.overview(acct.who)
    assert (out.id, out.kind, out.country, out.currency, out.billing_day, out.today) == (
        acct.account_id, "standard", "FR", "EUR", 15, date(2026, 11, 26))
    assert out.can_add_subscription and out.portal_url is None
    assert out.cart_count == 1
    assert out.vat_number is None
    assert (out.card.brand, out.card.last4) == ("visa", "4242")
    [meeting] = out.subscriptions
    assert (meeting.product, meeting.level, meeting.licenses, meeting.term, meeting.status) == (
        "gotomeeting", "business", 2, "monthly", "active")
    assert (meeting.period_start, meeting.period_end, meeting.next_billing_date) == (
        date(2026, 11, 15), date(2026, 12, 14), date(2026, 12, 15))
    assert (meeting.product_name, meeting.level_name, meeting.assigned) == (
        "GoToMeeting", "Business", 0)


# --- R0.1 / R0.2 who may add ------------------------------------------------------------------
def write_attempts(app, who: Principal, item_id: int, user_id: int):
    """Every use case that adds or changes what the account buys, as a direct request."""
    return {
        "available_products": lambda: app.available(who),
        "add_cart_item": lambda: app.add(who, "logmein-pro", licenses=1),
        "edit_cart_item": lambda: app.edit(who, item_id, licenses=2),
        "remove_cart_item": lambda: app.remove(who, item_id),
        "checkout_preview": lambda: app.preview(who),
        "place_order": lambda: app.place(who),
        "start_trial": lambda: app.trial(who, "gototraining", "starter"),
        "assign_license": lambda: app.assign(who, user_id, "gotomeeting"),
        "unassign_license": lambda: app.unassign(who, user_id, "gotomeeting"),
    }


def test_r0_1_a_user_who_is_not_the_billing_contact_is_refused_everywhere(app):
    acct = app.worked_example_account(extra_users=1)
    other = app.other_user(acct)
    item_id = app.view_cart(acct.who).items[0].id
    assert not app.overview(other).can_add_subscription
    assert app.overview(acct.who).can_add_subscription
    before = app.snapshot()
    refused = []
    for name, attempt in write_attempts(app, other, item_id, other.user_id).items():
        with pytest.raises(NotBillingContact) as err:
            attempt()
        assert err.value.code == "not_billing_contact"
        refused.append(name)
    assert len(refused) == 9
    assert app.snapshot() == before  # nothing changed
    assert app.charges(acct) == [] and app.emails(acct) == []


def test_r0_2_enterprise_billing_contact_is_sent_to_the_corporate_portal(app):
    acct = app.account(kind="enterprise", country="FR", extra_users=1,
                       cart=[{"product": "gotowebinar", "level": "pro", "licenses": 3,
                              "term": "annual"}])
    out = app.overview(acct.who)
    assert not out.can_add_subscription
    assert out.portal_url == PORTAL_URL
    item_id = app.view_cart(acct.who).items[0].id
    before = app.snapshot()
    attempts = write_attempts(app, acct.who, item_id, acct.who.user_id)
    for name in ("available_products", "add_cart_item", "edit_cart_item", "remove_cart_item",
                 "checkout_preview", "place_order", "start_trial", "assign_license",
                 "unassign_license"):
        with pytest.raises(EnterpriseAccount) as err:
            attempts[name]()
        assert err.value.code == "enterprise_account"
        assert err.value.params["portal_url"] == PORTAL_URL
        assert PORTAL_URL in str(err.value) and PORTAL_URL in error_message(err.value, "fr")
    assert app.snapshot() == before
    assert app.charges(acct) == [] and app.emails(acct) == []


def test_r0_2_the_portal_link_is_configurable(app):
    acct = app.account(kind="enterprise")
    with pytest.raises(EnterpriseAccount) as err:
        ordering.checkout_preview(app.uow(), acct.who, vat_number=None, seller_country="IE",
                                  portal_url="https://billing.example/corp")
    assert "https://billing.example/corp" in str(err.value)


# --- R14 per-account clocks -------------------------------------------------------------------
def test_r14_each_account_has_its_own_today(app):
    first = app.account(today=date(2026, 11, 26))
    second = app.account(today=date(2027, 2, 28))
    assert app.overview(first.who).today == date(2026, 11, 26)
    assert app.overview(second.who).today == date(2027, 2, 28)
    assert app.set_clock(first, date(2026, 12, 31)) == date(2026, 12, 31)
    assert app.overview(first.who).today == date(2026, 12, 31)
    assert app.overview(second.who).today == date(2027, 2, 28)  # untouched


def test_r14_without_a_test_clock_today_is_the_servers_utc_date(app, clock):
    clock.set(datetime(2030, 5, 17, 23, 59, tzinfo=UTC))
    acct = app.account(today=None)
    assert app.overview(acct.who).today == date(2030, 5, 17)
    clock.set(datetime(2030, 5, 18, 0, 1, tzinfo=UTC))
    assert app.overview(acct.who).today == date(2030, 5, 18)
    app.set_clock(acct, date(2026, 1, 31))
    assert app.overview(acct.who).today == date(2026, 1, 31)
    assert app.set_clock(acct, None) == date(2030, 5, 18)  # released


def test_r14_r10_2_the_accounts_today_drives_the_order(app):
    """The same cart priced on two accounts' own dates gives two billing periods, with
    month arithmetic clamped to the month's end (31 Jan + 1 month = 28 Feb)."""
    spec = {"country": "US", "cart": [{"product": "logmein-pro", "licenses": 1,
                                       "term": "monthly"}]}
    early = app.account(today=date(2027, 1, 31), **spec)
    late = app.account(today=date(2027, 3, 1), **spec)
    assert app.preview(early.who).lines[0].period_end == date(2027, 2, 27)  # R10.2
    assert app.preview(late.who).lines[0].period_end == date(2027, 3, 31)
