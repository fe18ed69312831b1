"""Test control (api.md): accounts made to order go through the product's own rules, so a
request that breaks one is refused like any other and writes nothing; clocks are per
account (R14)."""

from __future__ import annotations

from datetime import date

import pytest

from backend.domain.errors import AlreadySubscribed, NotFound, ValidationFailed
from backend.service_layer import testing

TODAY = date(2026, 11, 26)


def make(app, **spec):
    return testing.create_test_account(app.uow(), faker_seed=7, today=TODAY, **spec)


def test_an_account_is_made_with_fake_data_and_the_requested_state(app):
    made = make(app, country="FR", locale="fr", billing_day=15, extra_users=2,
                subscriptions=[{"product": "gotomeeting", "level": "business", "licenses": 2,
                                "term": "monthly"}],
                trials_used=["gototraining"], card_on_file=True,
                cart=[{"product": "logmein-pro", "licenses": 1, "term": "annual"}])
    assert len(made.users) == 2 and made.billing_contact.password
    acct_who = app.sign_in(made.billing_contact.email, made.billing_contact.password)
    out = acct_who.account
    assert (out.country, out.currency, out.locale, out.billing_day, out.today) == (
        "FR", "EUR", "fr", 15, TODAY)
    assert out.cart_count == 1 and out.card.last4 == "4242"
    [sub] = out.subscriptions
    assert (sub.period_start, sub.period_end) == (date(2026, 11, 15), date(2026, 12, 14))
    for creds in made.users:
        assert not app.sign_in(creds.email, creds.password).user.is_billing_contact


@pytest.mark.parametrize("spec, error, field", [
    ({"subscriptions": [{"product": "gotonowhere", "licenses": 1, "term": "monthly"}]},
     ValidationFailed, "product"),
    ({"cart": [{"product": "gotonowhere", "licenses": 1, "term": "monthly"}]},
     ValidationFailed, "product"),
    ({"trials_used": ["gotonowhere"]}, ValidationFailed, "product"),
    ({"subscriptions": [{"product": "gotowebinar", "level": "lite", "licenses": 26,
                         "term": "monthly"}]}, ValidationFailed, "licenses"),
    ({"cart": [{"product": "logmein-pro", "licenses": 0, "term": "monthly"}]},
     ValidationFailed, "licenses"),
    ({"subscriptions": [{"product": "gotomeeting", "level": "business", "licenses": 1,
                         "term": "monthly"}],
      "cart": [{"product": "gotomeeting", "level": "business", "licenses": 2,
                "term": "monthly"}]}, AlreadySubscribed, None),
    ({"subscriptions": [{"product": "gotomeeting", "level": "business", "licenses": 1,
                         "term": "monthly", "period_start": "2026-11-27"}]},
     ValidationFailed, "period_start"),
    ({"subscriptions": [{"product": "gotoconnect", "level": "basic", "licenses": 1,
                         "status": "trialing"}]}, ValidationFailed, "product"),
    ({"billing_day": 32}, ValidationFailed, "billing_day"),
    ({"locale": "de"}, ValidationFailed, "locale"),
    ({"country": "DE", "vat_number": "DE136695977"}, ValidationFailed, "vat_number"),
], ids=["unknown_product", "unknown_product_in_cart", "unknown_trial_product",
        "licenses_out_of_range", "cart_licenses_out_of_range", "held_product_in_cart",
        "period_start_after_today", "trial_of_product_without_trial", "billing_day",
        "locale", "invalid_vat_number"])
def test_a_request_that_breaks_a_rule_is_refused_and_writes_nothing(app, spec, error, field):
    before = app.snapshot()
    with pytest.raises(error) as err:
        make(app, **spec)
    assert err.value.field == field
    assert app.snapshot() == before
    assert app.rows("accounts") == []


def test_r14_set_clock_and_unknown_accounts(app):
    made = make(app)
    assert testing.set_clock(app.uow(), made.account_id, date(2027, 2, 28)) == date(2027, 2,
                                                                                     28)
    with pytest.raises(NotFound):
        testing.set_clock(app.uow(), made.account_id + 1000, TODAY)
    with pytest.raises(NotFound):
        testing.list_emails(app.uow(), made.account_id + 1000)
    with pytest.raises(NotFound):
        testing.list_charges(app.uow(), made.account_id + 1000)
