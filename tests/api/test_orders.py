"""/api/orders (R11, R12): placing an order, its idempotency key, refused cards, and
reading an order back; after every refusal the cart, charges and emails are as before."""

from __future__ import annotations

import pytest

from .support import DECLINED, GOOD_CARD, WORKED_EXAMPLE, error


def state(api, acct) -> tuple:
    """What a refused order must leave untouched."""
    overview = api.overview(acct)
    return (api.cart(acct), overview["subscriptions"], overview["billing_day"],
            overview["card"], api.charges(acct), api.emails(acct))


def test_placing_the_worked_example_answers_201_with_the_order(client, api):
    acct = api.account(**WORKED_EXAMPLE)
    resp = api.place(acct, key="k-201")
    assert resp.status_code == 201, resp.text
    order = resp.json()
    assert order["number"].startswith("BC-") and order["placed_on"] == "2026-11-26"
    assert (order["total_due"], order["currency"], order["billing_day"],
            order["next_billing_date"]) == ("7178.08", "EUR", 26, "2026-12-26")
    assert order["card"] == {"brand": "visa", "last4": "4242"}
    assert order["activated"] == ["gotowebinar"] and order["licenses_to_assign"]
    assert api.cart(acct)["items"] == []
    [charge] = api.charges(acct)
    assert (charge["amount"], charge["order_number"]) == ("7178.08", order["number"])
    [mail] = api.emails(acct)
    assert mail["kind"] == "order_confirmation" and order["number"] in mail["body"]
    again = client.get(f"/api/orders/{order['id']}", headers=acct.headers)
    assert again.status_code == 200 and again.json() == order


def test_the_same_key_and_body_replays_the_order_with_200(client, api):
    acct = api.account(**WORKED_EXAMPLE)
    first = api.place(acct, key="same")
    replay = api.place(acct, key="same")
    assert (first.status_code, replay.status_code) == (201, 200)
    assert replay.json() == first.json()
    assert len(api.charges(acct)) == 1 and len(api.emails(acct)) == 1


def test_the_same_key_with_another_body_is_a_conflict(client, api):
    acct = api.account(**WORKED_EXAMPLE)
    assert api.place(acct, key="k").status_code == 201
    other_card = {**GOOD_CARD, "number": "5555 5555 5555 4444"}
    error(api.place(acct, key="k", card=other_card), 409, "idempotency_conflict")
    assert len(api.charges(acct)) == 1


@pytest.mark.parametrize("headers", [{}, {"Idempotency-Key": "  "},
                                     {"Idempotency-Key": "x" * 201}],
                         ids=["missing", "blank", "too-long"])
def test_an_idempotency_key_is_required(client, api, headers):
    acct = api.account(**WORKED_EXAMPLE)
    before = state(api, acct)
    resp = client.post("/api/orders", json={"card": GOOD_CARD},
                       headers={**acct.headers, **headers})
    error(resp, 422, "validation", "Idempotency-Key")
    assert state(api, acct) == before


@pytest.mark.parametrize("number, status, code", [
    (DECLINED, 402, "card_declined"),
    ("4000 0000 0000 9995", 402, "insufficient_funds"),
    ("4000 0000 0000 0069", 402, "expired_card"),
    ("4000 0000 0000 0119", 502, "payment_error"),
])
def test_a_refused_card_leaves_the_cart_intact_and_the_key_reusable(client, api, number,
                                                                    status, code):
    acct = api.account(**WORKED_EXAMPLE)
    before = state(api, acct)
    error(api.place(acct, key="retry", card={**GOOD_CARD, "number": number}), status, code)
    assert state(api, acct) == before
    assert len(api.cart(acct)["items"]) == 1
    assert api.place(acct, key="retry").status_code == 201  # fixed card, same key


@pytest.mark.parametrize("card, field", [
    ({**GOOD_CARD, "number": "4242 4242 4242 4241"}, "card.number"),
    ({**GOOD_CARD, "cvc": "12"}, "card.cvc"),
    ({**GOOD_CARD, "exp_month": 10, "exp_year": 2026}, "card.expiry"),
    (None, "card"),
])
def test_invalid_payment_details_are_refused_at_their_field(client, api, card, field):
    acct = api.account(**WORKED_EXAMPLE)
    before = state(api, acct)
    error(api.place(acct, card=card), 422, "validation", field)
    assert state(api, acct) == before


def test_an_order_with_a_vat_number_is_reverse_charged_and_saves_it(client, api):
    acct = api.account(country="DE", cart=[{"product": "gotomeeting", "level": "business",
                                            "licenses": 10, "term": "monthly"}])
    order = api.place(acct, vat_number="DE 136 695 976").json()
    assert (order["vat"]["reverse_charge"], order["vat"]["number"], order["total_due"]) == (
        True, "DE136695976", "160.00")
    assert api.overview(acct)["vat_number"] == "DE136695976"


def test_an_empty_cart_cannot_be_ordered(client, api):
    acct = api.account()
    error(api.place(acct), 409, "cart_empty")
    assert api.charges(acct) == []


def test_an_unknown_order_and_another_accounts_order_are_not_found(client, api):
    mine, theirs = api.account(**WORKED_EXAMPLE), api.account(**WORKED_EXAMPLE)
    their_order = api.place(theirs).json()
    error(client.get(f"/api/orders/{their_order['id']}", headers=mine.headers), 404,
          "not_found")
    error(client.get("/api/orders/999999", headers=mine.headers), 404, "not_found")
    error(client.get("/api/orders/abc", headers=mine.headers), 422, "validation", "order_id")
    error(client.get(f"/api/orders/{their_order['id']}"), 401, "not_signed_in")


def test_a_colleague_neither_places_nor_reads_orders(client, api):
    acct = api.account(**WORKED_EXAMPLE, extra_users=1)
    colleague = api.colleague(acct)
    before = state(api, acct)
    error(api.place(colleague), 403, "not_billing_contact")
    assert state(api, acct) == before
    order = api.place(acct).json()
    err = error(client.get(f"/api/orders/{order['id']}", headers=colleague.headers), 403,
                "not_billing_contact")
    assert err["message"] == \
        "Only a billing contact of this account can see its orders and users."
