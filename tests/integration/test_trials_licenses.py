"""Free trials (R9) and Manage user products (R13) through the services, on SQLite and
PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from backend.domain.errors import NotBillingContact, TrialNotAllowed, ValidationFailed

D = Decimal
TODAY = date(2026, 11, 26)


# --- R9 trials --------------------------------------------------------------------------------
def test_r9_1_r9_2_r0_3_a_trial_starts_at_once_and_changes_nothing_else(app):
    acct = app.account(country="FR", billing_day=15,
                       cart=[{"product": "logmein-pro", "licenses": 1, "term": "monthly"}])
    before = app.snapshot()
    out = app.trial(acct.who, "gotowebinar", "pro", 2)
    sub = out.subscription
    # R9.2: the confirmation names the product, the level, the licenses and the trial end
    assert (sub.product_name, sub.level_name, sub.licenses) == ("GoToWebinar", "Pro", 2)
    assert out.trial_end == sub.trial_end == TODAY + timedelta(days=7)
    assert (sub.status, sub.period_start, sub.term) == ("trialing", TODAY, None)  # R0.3, R7
    assert sub.next_billing_date is None
    after = app.snapshot()
    for unchanged in ("orders", "order_lines", "charges", "cart_items", "accounts",
                      "idempotency_keys"):
        assert after[unchanged] == before[unchanged], unchanged  # no payment, billing day
    assert app.charges(acct) == []
    overview = app.overview(acct.who)
    assert (overview.billing_day, overview.cart_count) == (15, 1)
    assert [(s.product, s.status) for s in overview.subscriptions] == [
        ("gotowebinar", "trialing")]


def test_r9_1_a_one_level_product_takes_its_level_silently(app):
    acct = app.account()
    out = app.trial(acct.who, "logmein-rescue")
    assert out.subscription.level == "standard"
    assert out.trial_end == TODAY + timedelta(days=14)


def test_r9_1_r6_trial_licenses_are_checked(app):
    acct = app.account()
    with pytest.raises(ValidationFailed) as err:
        app.trial(acct.who, "logmein-pro", None, 11)
    assert err.value.field == "licenses" and err.value.params["max"] == 10
    assert app.rows("subscriptions") == []


@pytest.mark.parametrize("locale, subject, end", [
    ("fr", "Votre évaluation gratuite de GoToWebinar a commencé", "3 déc. 2026"),
    ("en", "Your free trial of GoToWebinar has started", "Dec 3, 2026"),
])
def test_r9_3_a_welcome_email_in_the_contacts_language(app, locale, subject, end):
    acct = app.account(locale=locale, country="FR")
    app.trial(acct.who, "gotowebinar", "lite", 1)
    [mail] = app.emails(acct)
    assert (mail.kind, mail.to, mail.subject) == ("trial_welcome", acct.email, subject)
    assert end in mail.body and "GoToWebinar" in mail.body


def test_r9_4_a_second_trial_is_refused(app):
    acct = app.account()
    app.trial(acct.who, "gotowebinar", "pro", 1)
    before = app.snapshot()
    with pytest.raises(TrialNotAllowed) as err:
        app.trial(acct.who, "gotowebinar", "lite", 1)
    assert err.value.code == "trial_not_allowed"
    assert app.snapshot() == before
    assert len(app.emails(acct)) == 1


@pytest.mark.parametrize("spec", [
    {"subscriptions": [{"product": "gotomeeting", "level": "business", "licenses": 1,
                        "term": "monthly"}]},
    {"trials_used": ["gotomeeting"]},
], ids=["subscribed", "trial_used"])
def test_r9_4_no_trial_of_a_product_had_before(app, spec):
    acct = app.account(**spec)
    before = app.snapshot()
    with pytest.raises(TrialNotAllowed):
        app.trial(acct.who, "gotomeeting", "business", 1)
    assert app.snapshot() == before


def test_r9_4_no_trial_of_a_product_once_bought(app):
    acct = app.account(cart=[{"product": "gotomeeting", "level": "business", "licenses": 1,
                              "term": "monthly"}])
    app.place(acct.who)
    with pytest.raises(TrialNotAllowed):
        app.trial(acct.who, "gotomeeting", "business", 1)
    with pytest.raises(TrialNotAllowed):  # and none without a trial in the catalog
        app.trial(acct.who, "gotoconnect", "basic", 1)


def test_r9_5_buying_a_trialing_product_makes_it_active_and_paid(app):
    acct = app.account(country="US", billing_day=3)
    app.trial(acct.who, "gotowebinar", "lite", 1)
    app.set_clock(acct, TODAY + timedelta(days=2))
    app.add(acct.who, "gotowebinar", "pro", 3, "annual")
    order, _ = app.place(acct.who)
    assert [(ln.kind, ln.product) for ln in order.lines] == [("new", "gotowebinar")]
    [sub] = app.overview(acct.who).subscriptions
    today = TODAY + timedelta(days=2)
    assert (sub.status, sub.term, sub.level, sub.licenses, sub.trial_end) == (
        "active", "annual", "pro", 3, None)
    assert (sub.period_start, sub.period_end) == (today, date(2027, 11, 27))
    assert len(app.rows("subscriptions")) == 1
    assert app.overview(acct.who).billing_day == today.day


def test_r9_6_a_trial_expires_when_the_accounts_clock_passes_its_end(app):
    acct = app.account(extra_users=1)
    end = app.trial(acct.who, "gotowebinar", "pro", 1).trial_end
    app.set_clock(acct, end)
    assert app.overview(acct.who).subscriptions[0].status == "trialing"  # last day
    app.set_clock(acct, end + timedelta(days=1))
    [sub] = app.overview(acct.who).subscriptions
    assert sub.status == "expired" and sub.next_billing_date is None
    offer = app.available(acct.who)["gotowebinar"]
    assert offer.can_buy and not offer.can_try  # offered again, Buy only
    with pytest.raises(TrialNotAllowed):
        app.trial(acct.who, "gotowebinar", "pro", 1)
    with pytest.raises(ValidationFailed):  # no access: no license to assign
        app.assign(acct.who, acct.who.user_id, "gotowebinar")
    assert app.charges(acct) == []  # nothing charged
    app.add(acct.who, "gotowebinar", "pro", 1, "monthly")
    order, _ = app.place(acct.who)
    assert order.activated == ["gotowebinar"]
    assert app.overview(acct.who).subscriptions[0].status == "active"


# --- R13 Manage user products -----------------------------------------------------------------
def test_r13_assign_up_to_the_count_then_refuse_then_unassign(app):
    acct = app.account(extra_users=3, subscriptions=[
        {"product": "gotomeeting", "level": "business", "licenses": 2, "term": "monthly"}])
    users = app.users(acct.who)
    assert len(users) == 4 and [u.is_billing_contact for u in users] == [True] + [False] * 3
    contact, first, second, third = (u.id for u in users)
    app.assign(acct.who, contact, "gotomeeting")
    listed = app.assign(acct.who, first, "gotomeeting")
    assert {u.id: u.licenses for u in listed} == {
        contact: ["gotomeeting"], first: ["gotomeeting"], second: [], third: []}
    assert app.overview(acct.who).subscriptions[0].assigned == 2
    before = app.snapshot()
    with pytest.raises(ValidationFailed) as err:
        app.assign(acct.who, second, "gotomeeting")
    assert err.value.field == "product" and "GoToMeeting" in str(err.value)
    assert app.snapshot() == before
    # at most one license of a product per user: assigning again changes nothing
    app.assign(acct.who, first, "gotomeeting")
    assert app.snapshot() == before
    app.unassign(acct.who, first, "gotomeeting")
    app.assign(acct.who, second, "gotomeeting")
    assert {u.id: u.licenses for u in app.users(acct.who)} == {
        contact: ["gotomeeting"], first: [], second: ["gotomeeting"], third: []}
    assert len(app.rows("license_assignments")) == 2


def test_r13_new_licenses_can_be_assigned_after_the_order(app):
    acct = app.account(extra_users=1, cart=[{"product": "logmein-pro", "licenses": 2,
                                             "term": "monthly"}])
    order, _ = app.place(acct.who)
    assert order.licenses_to_assign  # R12.2 reminder
    other = app.users(acct.who)[1].id
    app.assign(acct.who, acct.who.user_id, "logmein-pro")
    app.assign(acct.who, other, "logmein-pro")
    assert app.overview(acct.who).subscriptions[0].assigned == 2


def test_r13_r0_1_only_the_billing_contact_assigns(app):
    acct = app.account(extra_users=1, subscriptions=[
        {"product": "gotomeeting", "level": "business", "licenses": 2, "term": "monthly"}])
    other = app.other_user(acct)
    with pytest.raises(NotBillingContact):
        app.assign(other, other.user_id, "gotomeeting")
    assert app.rows("license_assignments") == []


def test_r13_users_of_another_account_cannot_be_given_licenses(app):
    acct = app.account(subscriptions=[
        {"product": "gotomeeting", "level": "business", "licenses": 2, "term": "monthly"}])
    stranger = app.account()
    with pytest.raises(Exception) as err:
        app.assign(acct.who, stranger.who.user_id, "gotomeeting")
    assert err.value.code == "not_found"
    assert app.rows("license_assignments") == []
