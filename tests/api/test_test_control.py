"""/api/testing/ (api.md's test control): accounts made to order, per-account clocks,
the outbox and the payment simulator's record; guarded by X-Test-Token, absent without
test mode."""

from __future__ import annotations

import dataclasses

import pytest
from fastapi.testclient import TestClient

from backend.api.app import create_app
from backend.service_layer.facade import BillingService
from backend.settings import Settings

from .support import CONTROL, WORKED_EXAMPLE, error


def test_an_account_is_made_with_fake_defaults(client, api):
    resp = client.post("/api/testing/accounts", json={"extra_users": 2}, headers=CONTROL)
    assert resp.status_code == 201, resp.text
    made = resp.json()
    assert set(made) == {"account_id", "billing_contact", "users"}
    assert len(made["users"]) == 2
    contact = made["billing_contact"]
    overview = api.overview(api.sign_in(contact["email"], contact["password"]))
    assert (overview["id"], overview["country"], overview["currency"], overview["locale"]) == (
        made["account_id"], "US", "USD", "en")
    assert 1 <= overview["billing_day"] <= 28
    assert overview["today"] == "2026-11-26"  # the server's date: no test clock was set


def test_an_account_that_breaks_a_rule_is_refused_like_any_request(client, api):
    for spec, status, code, field in [
        ({"subscriptions": [{"product": "nothing", "licenses": 1, "term": "monthly"}]},
         422, "validation", "product"),
        ({"cart": [{"product": "gotowebinar", "level": "pro", "licenses": 101,
                    "term": "monthly"}]}, 422, "validation", "licenses"),
        ({**WORKED_EXAMPLE, "cart": [{"product": "gotomeeting", "level": "business",
                                      "licenses": 1, "term": "monthly"}]},
         409, "already_subscribed", None),
        ({"extra_users": 51}, 422, "validation", "extra_users"),
        ({"kind": "huge"}, 422, "validation", "kind"),
    ]:
        error(client.post("/api/testing/accounts", json=spec, headers=CONTROL), status, code,
              field)


def test_the_clock_is_set_and_released_per_account(client, api, clock):
    acct, other = api.account(), api.account()
    resp = api.control("PUT", f"/accounts/{acct.id}/clock", json={"today": "2027-01-31"})
    assert resp.status_code == 200
    assert resp.json() == {"account_id": acct.id, "today": "2027-01-31"}
    assert api.overview(acct)["today"] == "2027-01-31"
    assert api.overview(other)["today"] == "2026-11-26"
    clock.advance(days=3)
    released = api.control("PUT", f"/accounts/{acct.id}/clock", json={"today": None})
    assert released.json()["today"] == "2026-11-29"  # the server's date again
    error(api.control("PUT", "/accounts/999999/clock", json={"today": "2027-01-01"}), 404,
          "not_found")
    error(api.control("PUT", f"/accounts/{acct.id}/clock", json={"today": "someday"}), 422,
          "validation", "today")


def test_emails_and_charges_are_listed_per_account(client, api):
    acct = api.account(**WORKED_EXAMPLE)
    assert api.emails(acct) == [] and api.charges(acct) == []
    order = api.place(acct).json()
    [mail] = api.emails(acct)
    assert (mail["to"], mail["kind"]) == (acct.contact.email, "order_confirmation")
    assert mail["subject"] and "4242 4242" not in mail["body"]
    assert api.charges(acct) == [{"amount": "7178.08", "currency": "EUR", "last4": "4242",
                                  "order_number": order["number"]}]
    for what in ("emails", "charges"):
        error(api.control("GET", f"/accounts/999999/{what}"), 404, "not_found")


@pytest.mark.parametrize("headers", [{}, {"X-Test-Token": "wrong"}], ids=["none", "wrong"])
def test_a_missing_or_wrong_token_is_refused_with_403(client, api, headers):
    acct = api.account()
    for method, path, body in [
        ("POST", "/api/testing/accounts", {}),
        ("PUT", f"/api/testing/accounts/{acct.id}/clock", {"today": "2027-01-01"}),
        ("GET", f"/api/testing/accounts/{acct.id}/emails", None),
        ("GET", f"/api/testing/accounts/{acct.id}/charges", None),
        ("GET", "/api/testing/config", None),
    ]:
        error(client.request(method, path, json=body, headers=headers), 403,
              "invalid_test_token")
    assert api.overview(acct)["today"] == "2026-11-26"


def test_the_configuration_read_is_the_deployments_own(client, deployment):
    default = Settings()
    resp = client.get("/api/testing/config", headers=CONTROL)
    assert resp.status_code == 200, resp.text
    assert resp.json() == {"corporate_portal_url": default.corporate_portal_url,
                           "seller_country": default.seller_country}
    service = BillingService(deployment.backend.uow, deployment.backend.gateway, Settings(
        database_url=deployment.backend.settings.database_url, test_token="other-token",
        corporate_portal_url="https://portal.example.test/billing", seller_country="de"))
    configured = TestClient(create_app(dataclasses.replace(
        deployment.backend, settings=service.settings, service=service)))
    resp = configured.get("/api/testing/config", headers={"X-Test-Token": "other-token"})
    assert resp.json() == {"corporate_portal_url": "https://portal.example.test/billing",
                           "seller_country": "DE"}
    error(configured.get("/api/testing/config", headers=CONTROL), 403, "invalid_test_token")


def test_without_test_mode_the_routes_do_not_exist(deployment):
    backend = dataclasses.replace(deployment.backend, settings=Settings(
        database_url=deployment.backend.settings.database_url, test_token=None))
    production = TestClient(create_app(backend))
    error(production.post("/api/testing/accounts", json={}, headers=CONTROL), 404,
          "not_found")
    error(production.get("/api/testing/accounts/1/emails", headers=CONTROL), 404, "not_found")
    error(production.get("/api/testing/config", headers=CONTROL), 404, "not_found")
    assert production.get("/api/health").json() == {"status": "ok"}
