"""GET /api/checkout (R10, R11.2, R11.3): the Place Order page as data."""

from __future__ import annotations

from .support import WORKED_EXAMPLE, error

ONE_ITEM = [{"product": "gotomeeting", "level": "business", "licenses": 10,
             "term": "monthly"}]


def checkout(client, acct, **params):
    return client.get("/api/checkout", params=params, headers=acct.headers)


def test_the_worked_example(client, api):
    acct = api.account(**WORKED_EXAMPLE)
    resp = checkout(client, acct)
    assert resp.status_code == 200, resp.text
    page = resp.json()
    assert (page["today"], page["billing_day"], page["currency"]) == ("2026-11-26", 26, "EUR")
    assert [(ln["kind"], ln["product"], ln["amount"]) for ln in page["lines"]] == [
        ("new", "gotowebinar", "5970.00"), ("credit", "gotomeeting", "-20.27"),
        ("renewal", "gotomeeting", "32.00")]
    assert (page["subtotal"], page["vat"]["rate"], page["vat"]["amount"],
            page["total_due"]) == ("5981.73", "20", "1196.35", "7178.08")
    assert page["vat"]["reverse_charge"] is False and page["vat"]["number"] is None
    assert api.cart(acct)["items"]  # looking changes nothing


def test_a_valid_vat_number_is_reverse_charged_and_not_saved(client, api):
    acct = api.account(country="DE", cart=ONE_ITEM)
    page = checkout(client, acct, vat_number="DE 136 695 976").json()
    assert (page["vat"]["rate"], page["vat"]["amount"], page["vat"]["reverse_charge"],
            page["vat"]["number"]) == ("0", "0.00", True, "DE136695976")
    assert page["total_due"] == page["subtotal"] == "160.00"
    assert api.overview(acct)["vat_number"] is None
    without = checkout(client, acct).json()
    assert (without["vat"]["rate"], without["total_due"]) == ("19", "190.40")


def test_a_bad_vat_number_is_refused_at_its_field(client, api):
    acct = api.account(country="DE", cart=ONE_ITEM)
    err = error(checkout(client, acct, vat_number="DE136695977"), 422, "validation",
                "vat_number")
    fr = error(client.get("/api/checkout", params={"vat_number": "DE136695977"},
                          headers={**acct.headers, "Accept-Language": "fr"}),
               422, "validation", "vat_number")
    assert fr["message"] != err["message"]


def test_an_empty_cart_has_no_page_whatever_the_vat_number(client, api):
    acct = api.account(country="DE")
    error(checkout(client, acct), 409, "cart_empty")
    error(checkout(client, acct, vat_number="nonsense"), 409, "cart_empty")


def test_a_colleague_and_an_enterprise_contact_are_refused(client, api):
    acct = api.account(extra_users=1, cart=ONE_ITEM)
    error(checkout(client, api.colleague(acct)), 403, "not_billing_contact")
    enterprise = api.account(kind="enterprise", cart=ONE_ITEM)
    error(checkout(client, enterprise), 403, "enterprise_account")
    error(client.get("/api/checkout"), 401, "not_signed_in")
