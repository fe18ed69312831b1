"""POST /api/trials (R9): a free trial starts at once; refused when R4 offers no Try."""

from __future__ import annotations

from .support import error


def start(client, who, **body):
    return client.post("/api/trials", json=body, headers=who.headers)


def test_a_trial_starts_at_once_and_sends_the_welcome_email(client, api):
    acct = api.account(country="FR")
    resp = start(client, acct, product="gotowebinar", level="pro", licenses=3)
    assert resp.status_code == 201, resp.text
    body = resp.json()
    sub = body["subscription"]
    assert (sub["product"], sub["level"], sub["licenses"], sub["status"], sub["term"]) == (
        "gotowebinar", "pro", 3, "trialing", None)
    assert body["trial_end"] == sub["trial_end"] == "2026-12-03"  # 7 trial days
    assert [s["status"] for s in api.overview(acct)["subscriptions"]] == ["trialing"]
    assert api.cart(acct)["items"] == [] and api.charges(acct) == []
    [mail] = api.emails(acct)
    assert mail["kind"] == "trial_welcome"


def test_a_second_trial_or_a_product_without_one_is_not_allowed(client, api):
    acct = api.account(trials_used=["gotowebinar"])
    error(start(client, acct, product="gotowebinar", level="pro", licenses=1), 409,
          "trial_not_allowed")
    err = error(start(client, acct, product="gotoconnect", level="basic", licenses=1), 409,
                "trial_not_allowed")
    assert "GoTo Connect" in err["message"]
    assert api.overview(acct)["subscriptions"] == [] and api.emails(acct) == []


def test_bad_choices_are_refused_at_their_field(client, api):
    acct = api.account()
    error(start(client, acct, product="gotowebinar", level="pro", licenses=0), 422,
          "validation", "licenses")
    error(start(client, acct, product="nothing", licenses=1), 422, "validation", "product")
    error(start(client, acct, level="pro"), 422, "validation", "product")
    assert api.overview(acct)["subscriptions"] == []


def test_a_colleague_cannot_start_a_trial(client, api):
    acct = api.account(extra_users=1)
    error(start(client, api.colleague(acct), product="gotowebinar", level="lite", licenses=1),
          403, "not_billing_contact")
    assert api.overview(acct)["subscriptions"] == []
    error(start(client, api.account(kind="enterprise"), product="gotowebinar", level="lite",
                licenses=1), 403, "enterprise_account")
