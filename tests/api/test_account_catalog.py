"""GET /api/account, /api/catalog and /api/catalog/available (R0.1, R0.2, R2, R4)."""

from __future__ import annotations

from .support import WORKED_EXAMPLE, error

PORTAL = "https://link.logmeininc.com/corp-billing"


def test_the_account_overview(client, api):
    acct = api.account(**WORKED_EXAMPLE, card_on_file=True)
    body = api.overview(acct)
    assert (body["id"], body["kind"], body["country"], body["currency"], body["billing_day"],
            body["today"], body["cart_count"]) == (
        acct.id, "standard", "FR", "EUR", 15, "2026-11-26", 1)
    assert body["can_add_subscription"] and body["portal_url"] is None
    assert (body["card"]["brand"], body["card"]["last4"]) == ("visa", "4242")
    [meeting] = body["subscriptions"]
    assert (meeting["product"], meeting["status"], meeting["period_start"],
            meeting["period_end"], meeting["next_billing_date"]) == (
        "gotomeeting", "active", "2026-11-15", "2026-12-14", "2026-12-15")


def test_a_colleague_sees_the_overview_without_the_add_action(client, api):
    acct = api.account(extra_users=1)
    body = api.overview(api.colleague(acct))
    assert body["id"] == acct.id and not body["can_add_subscription"]


def test_the_catalog_is_priced_in_the_accounts_currency(client, api):
    acct = api.account(country="GB")
    resp = client.get("/api/catalog", headers=acct.headers)
    assert resp.status_code == 200
    products = {p["code"]: p for p in resp.json()}
    assert len(products) == 6
    pro = next(lv for lv in products["gotowebinar"]["levels"] if lv["code"] == "pro")
    assert (pro["max_licenses"], pro["monthly"], pro["annual"]) == (100, "169.15", "1691.50")
    error(client.get("/api/catalog"), 401, "not_signed_in")


def test_available_lists_what_the_account_does_not_hold_with_buy_and_try(client, api):
    acct = api.account(**WORKED_EXAMPLE, trials_used=["gototraining"])
    resp = client.get("/api/catalog/available", headers=acct.headers)
    assert resp.status_code == 200
    offers = {p["code"]: (p["can_buy"], p["can_try"]) for p in resp.json()}
    assert "gotomeeting" not in offers  # held active (R2)
    assert offers["gotowebinar"] == (True, True)
    assert offers["gototraining"] == (True, False)  # trial used (R4)
    assert offers["gotoconnect"] == (True, False)  # no trial


def test_available_is_refused_to_a_colleague_and_to_an_enterprise_contact(client, api):
    acct = api.account(extra_users=1)
    colleague = api.colleague(acct)
    error(client.get("/api/catalog/available", headers=colleague.headers), 403,
          "not_billing_contact")
    enterprise = api.account(kind="enterprise")
    resp = client.get("/api/catalog/available", headers=enterprise.headers)
    err = error(resp, 403, "enterprise_account")
    assert err["portal_url"] == PORTAL and PORTAL in err["message"]
    assert api.overview(enterprise)["portal_url"] == PORTAL
