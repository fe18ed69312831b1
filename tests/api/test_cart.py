"""/api/cart (R8, R10.5): view, add (R8.4: the same product edits its item), edit, remove,
and the refusals, each checked against the cart as it is afterwards."""

from __future__ import annotations

from .support import error

WEBINAR = {"product": "gotowebinar", "level": "pro", "licenses": 3, "term": "annual"}


def items(cart: dict) -> list[tuple]:
    return [(i["product"], i["level"], i["licenses"], i["term"]) for i in cart["items"]]


def test_an_empty_cart_offers_place_order(client, api):
    acct = api.account()
    cart = api.cart(acct)
    assert (cart["items"], cart["primary_action"], cart["primary_action_label"]) == (
        [], "place_order", "Place Order")


def test_adding_returns_the_cart_and_switches_the_buy_button(client, api):
    acct = api.account(locale="fr", country="FR")
    resp = client.post("/api/cart/items", json=WEBINAR,
                       headers={**acct.headers, "Accept-Language": "fr"})
    assert resp.status_code == 200, resp.text
    cart = resp.json()
    assert items(cart) == [("gotowebinar", "pro", 3, "annual")]
    assert cart["items"][0]["product_name"] == "GoToWebinar"
    assert (cart["primary_action"], cart["primary_action_label"]) == (
        "add_to_cart", "Ajouter au panier")
    assert api.overview(acct)["cart_count"] == 1


def test_r8_4_adding_the_same_product_again_edits_its_item(client, api):
    acct = api.account()
    first = client.post("/api/cart/items", json=WEBINAR, headers=acct.headers).json()
    again = client.post("/api/cart/items", json={**WEBINAR, "level": "lite", "licenses": 5,
                                                 "term": "monthly"}, headers=acct.headers)
    assert again.status_code == 200
    assert items(again.json()) == [("gotowebinar", "lite", 5, "monthly")]
    assert again.json()["items"][0]["id"] == first["items"][0]["id"]


def test_r5_a_one_level_product_needs_no_level(client, api):
    acct = api.account()
    resp = client.post("/api/cart/items", json={"product": "logmein-pro", "licenses": 2,
                                                "term": "monthly"}, headers=acct.headers)
    assert items(resp.json()) == [("logmein-pro", "pro", 2, "monthly")]


def test_patch_and_delete_an_item(client, api):
    acct = api.account(cart=[WEBINAR, {"product": "gotoconnect", "level": "basic",
                                       "licenses": 1, "term": "monthly"}])
    webinar, connect = (i["id"] for i in api.cart(acct)["items"])
    resp = client.patch(f"/api/cart/items/{webinar}", json={"licenses": 7},
                        headers=acct.headers)
    assert resp.status_code == 200
    assert items(resp.json())[0] == ("gotowebinar", "pro", 7, "annual")
    resp = client.patch(f"/api/cart/items/{webinar}", json={"level": "standard",
                                                           "term": "monthly"},
                        headers=acct.headers)
    assert items(resp.json())[0] == ("gotowebinar", "standard", 7, "monthly")
    resp = client.delete(f"/api/cart/items/{connect}", headers=acct.headers)
    assert resp.status_code == 200
    assert items(resp.json()) == [("gotowebinar", "standard", 7, "monthly")]
    assert items(api.cart(acct)) == [("gotowebinar", "standard", 7, "monthly")]


def test_r6_licenses_out_of_range_are_refused_at_their_field_and_change_nothing(client, api):
    acct = api.account(cart=[WEBINAR])
    [item] = api.cart(acct)["items"]
    before = api.cart(acct)
    for licenses in (0, 101, "ten"):
        err = error(client.post("/api/cart/items", json={**WEBINAR, "licenses": licenses},
                                headers=acct.headers), 422, "validation", "licenses")
        error(client.patch(f"/api/cart/items/{item['id']}", json={"licenses": licenses},
                           headers=acct.headers), 422, "validation", "licenses")
    assert "1" in err["message"] and "100" in err["message"]
    error(client.post("/api/cart/items", json={**WEBINAR, "term": "weekly"},
                      headers=acct.headers), 422, "validation", "term")
    error(client.post("/api/cart/items", json={"licenses": 1}, headers=acct.headers), 422,
          "validation", "product")
    assert api.cart(acct) == before


def test_a_held_product_cannot_be_added(client, api):
    acct = api.account(subscriptions=[{"product": "gotomeeting", "level": "business",
                                       "licenses": 2, "term": "monthly"}])
    error(client.post("/api/cart/items", json={"product": "gotomeeting", "level": "business",
                                               "licenses": 3, "term": "monthly"},
                      headers=acct.headers), 409, "already_subscribed")
    assert api.cart(acct)["items"] == []


def test_an_item_of_another_cart_is_not_found(client, api):
    mine, theirs = api.account(cart=[WEBINAR]), api.account(cart=[WEBINAR])
    [their_item] = api.cart(theirs)["items"]
    error(client.patch(f"/api/cart/items/{their_item['id']}", json={"licenses": 9},
                       headers=mine.headers), 404, "not_found")
    error(client.delete(f"/api/cart/items/{their_item['id']}", headers=mine.headers), 404,
          "not_found")
    assert items(api.cart(theirs)) == [("gotowebinar", "pro", 3, "annual")]
    assert items(api.cart(mine)) == [("gotowebinar", "pro", 3, "annual")]


def test_a_colleague_cannot_change_the_cart(client, api):
    acct = api.account(extra_users=1, cart=[WEBINAR])
    colleague = api.colleague(acct)
    [item] = api.cart(acct)["items"]
    for resp in (
        client.post("/api/cart/items", json={"product": "gotoconnect", "level": "basic",
                                             "licenses": 1, "term": "monthly"},
                    headers=colleague.headers),
        client.patch(f"/api/cart/items/{item['id']}", json={"licenses": 9},
                     headers=colleague.headers),
        client.delete(f"/api/cart/items/{item['id']}", headers=colleague.headers),
    ):
        error(resp, 403, "not_billing_contact")
    assert items(api.cart(acct)) == [("gotowebinar", "pro", 3, "annual")]
    error(client.get("/api/cart"), 401, "not_signed_in")
