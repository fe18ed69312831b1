"""Test control's held subscriptions (api.md): one license unless more are asked for, and a
status other than active, trialing or expired refused on the status field with its own
words, in English and in French. Until now only tests/api checked these; the service
layer's mutation run leaves tests/api out (docs/mutation.md)."""

from __future__ import annotations

import pytest

from backend.domain.errors import ValidationFailed
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
