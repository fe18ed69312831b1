"""Test control's held subscriptions (api.md): one license unless more are asked for; a
status other than active, trialing or expired, a period starting after today, a trial of a
product without one and a product listed twice refused on their field with their own words,
in English and in French; a period ending the day before the next billing day. Until now
only tests/api checked these; the service layer's mutation run leaves tests/api out
(docs/mutation.md)."""

from __future__ import annotations

from datetime import date

import pytest

from backend.domain.errors import AlreadySubscribed, ValidationFailed
from backend.i18n.catalog import error_message
from backend.service_layer import testing


def make(app, **spec):
    return testing.create_test_account(app.uow(), faker_seed=2026, today=app.TODAY, **spec)


def test_a_held_subscription_has_one_license_unless_asked(app):
    made = make(app, country="FR", subscriptions=[
        {"product": "gotomeeting", "level": "business", "term": "monthly"},
        {"product": "gotowebinar", "level": "pro", "status": "trialing"}])
    held = {r["product"]: r["licenses"] for r in app.rows("subscriptions")
            if r["account_id"] == made.account_id}
    assert held == {"gotomeeting": 1, "gotowebinar": 1}


def test_a_held_subscription_with_an_unknown_status_is_refused_on_its_status(app):
    with pytest.raises(ValidationFailed) as err:
        make(app, country="FR", subscriptions=[
            {"product": "gotomeeting", "level": "business", "term": "monthly",
             "status": "cancelled"}])
    assert err.value.field == "status"
    english = error_message(err.value, "en")
    assert english == "The status must be active, trialing or expired."
    french = error_message(err.value, "fr")
    assert french != english and french.strip()
    assert app.rows("accounts") == []


def refusal(app, subscription: dict, **spec) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as err:
        make(app, country="FR", subscriptions=[subscription], **spec)
    assert app.rows("accounts") == []
    return err.value


@pytest.mark.parametrize("spec, field, english", [
    ({"product": "gotomeeting", "level": "business", "term": "monthly",
      "period_start": "2026-11-27"}, "period_start", "The period cannot start after today."),
    ({"product": "gotomeeting", "level": "business", "status": "trialing",
      "period_start": "2026-11-27"}, "period_start", "The period cannot start after today."),
    ({"product": "gotoconnect", "level": "basic", "status": "trialing"}, "product",
     "gotoconnect has no free trial."),
], ids=["active_from_tomorrow", "trial_from_tomorrow", "trial_without_trial"])
def test_a_held_subscription_that_breaks_a_rule_is_refused_in_words(app, spec, field, english):
    err = refusal(app, spec)
    assert err.field == field
    assert error_message(err, "en") == english
    assert error_message(err, "fr") not in ("", english)


def test_a_product_held_twice_is_refused_on_the_product(app):
    with pytest.raises(ValidationFailed) as err:
        make(app, country="FR", subscriptions=[
            {"product": "gotomeeting", "level": "business", "term": "monthly"},
            {"product": "gotomeeting", "level": "professional", "term": "annual"}])
    assert err.value.field == "product"
    assert error_message(err.value, "en") == "gotomeeting is listed twice."
    assert app.rows("accounts") == []


def test_a_held_period_ends_the_day_before_the_next_billing_day_not_its_starts(app):
    """Billing day 31: the period that started on 2027-02-28 (February's last day) ends on
    2027-03-30, the day before March 31, not on 2027-03-27."""
    made = testing.create_test_account(
        app.uow(), faker_seed=2026, country="FR", today=date(2027, 3, 10), billing_day=31,
        subscriptions=[{"product": "gotomeeting", "level": "business", "term": "monthly"}])
    [sub] = [r for r in app.rows("subscriptions") if r["account_id"] == made.account_id]
    assert (sub["period_start"], sub["period_end"]) == (date(2027, 2, 28), date(2027, 3, 30))


def test_held_trials_last_the_products_trial_days_and_an_expired_one_ended_yesterday(app):
    """GoToMeeting's trial is 14 days; today is 2026-11-26. A trialing one starts today
    (or when asked); an expired one ended yesterday, or earlier when it started earlier."""
    made = make(app, country="FR", subscriptions=[
        {"product": "gotomeeting", "level": "business", "status": "trialing"},
        {"product": "gotowebinar", "level": "pro", "status": "expired"},
        {"product": "gototraining", "level": "starter", "status": "expired",
         "period_start": "2026-10-01"}])
    subs = {r["product"]: (r["status"], r["period_start"], r["period_end"], r["trial_end"])
            for r in app.rows("subscriptions") if r["account_id"] == made.account_id}
    assert subs == {
        "gotomeeting": ("trialing", date(2026, 11, 26), date(2026, 12, 10), date(2026, 12, 10)),
        "gotowebinar": ("trialing", date(2026, 11, 18), date(2026, 11, 25), date(2026, 11, 25)),
        "gototraining": ("trialing", date(2026, 10, 1), date(2026, 10, 8), date(2026, 10, 8)),
    }


def test_a_product_listed_twice_as_a_used_trial_is_recorded_once(app):
    made = make(app, country="FR", trials_used=["gotowebinar", "gotowebinar"])
    used = [r["product"] for r in app.rows("used_products") if r["account_id"] == made.account_id]
    assert used == ["gotowebinar"]


def test_a_held_product_asked_for_in_the_cart_is_refused_as_held(app):
    """The cart of a test account follows the cart's rules on the account's own date: a
    product held and active on it is not bought again (R2)."""
    with pytest.raises(AlreadySubscribed):
        make(app, country="FR",
             subscriptions=[{"product": "gotomeeting", "level": "business",
                             "term": "monthly"}],
             cart=[{"product": "gotomeeting", "level": "business", "licenses": 1,
                    "term": "monthly"}])
    assert app.rows("accounts") == []


def test_a_product_in_trial_may_be_in_the_cart_of_a_test_account(app):
    """R2: a trialing product is bought, not held; whether its trial is still on is read on
    the account's own date."""
    made = make(app, country="FR",
                subscriptions=[{"product": "gotowebinar", "level": "pro",
                                "status": "trialing"}],
                cart=[{"product": "gotowebinar", "level": "pro", "licenses": 2,
                       "term": "annual"}])
    cart = [(r["product"], r["licenses"]) for r in app.rows("cart_items")
            if r["account_id"] == made.account_id]
    assert cart == [("gotowebinar", 2)]
