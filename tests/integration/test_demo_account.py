"""The demo account (`billing-center demo`, backend.service_layer.demo) holds what its
docstring promises: a French billing contact of a standard French account billed on the
15th, one monthly GoToMeeting Business subscription of two licenses, a card on file, and two
colleagues to assign licenses to. Its credentials sign in."""

from __future__ import annotations

from datetime import date

from backend.service_layer.demo import create_demo_account


def test_the_demo_account_holds_a_french_contact_a_subscription_a_card_and_colleagues(app):
    creds = create_demo_account(app.backend)
    who = app.authenticate(app.sign_in(creds.email, creds.password).token)
    out = app.overview(who)
    assert (out.kind, out.country, out.currency, out.locale, out.billing_day) == (
        "standard", "FR", "EUR", "fr", 15)
    assert out.today == date(2026, 11, 26)  # the server's date: no test clock
    assert out.card is not None
    assert (out.card.brand, out.card.last4, out.card.exp_month, out.card.exp_year) == (
        "visa", "4242", 12, 2029)
    assert [(s.product, s.level, s.licenses, s.term, s.status, s.period_start)
            for s in out.subscriptions] == [
        ("gotomeeting", "business", 2, "monthly", "active", date(2026, 11, 15))]
    assert out.cart_count == 0 and out.can_add_subscription
    users = app.users(who)
    assert len(users) == 3
    assert [u.is_billing_contact for u in users] == [True, False, False]
    assert users[0].email == creds.email
    assert all(u.licenses == [] for u in users)
    [contact] = [r for r in app.rows("users") if r["email"] == creds.email]
    assert contact["locale"] == "fr"
    assert {r["locale"] for r in app.rows("users")} == {"fr"}
    assert [r["product"] for r in app.rows("used_products")] == ["gotomeeting"]
