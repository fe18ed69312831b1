"""What every route shares: health, the error shape of unknown paths and methods, and
messages in the caller's language (Accept-Language first, else the user's own)."""

from __future__ import annotations

from .support import error


def test_health(client):
    resp = client.get("/api/health")
    assert (resp.status_code, resp.json()) == (200, {"status": "ok"})


def test_an_unknown_path_is_not_found_in_the_contracts_shape(client):
    err = error(client.get("/api/nothing-here"), 404, "not_found")
    assert err["message"] == "The requested item was not found."
    fr = error(client.get("/api/nothing-here", headers={"Accept-Language": "fr"}), 404,
               "not_found")
    assert fr["message"] != err["message"]


def test_a_wrong_method_is_method_not_allowed(client):
    err = error(client.put("/api/session", json={}), 405, "method_not_allowed")
    assert err["message"] == "This method is not allowed here."
    error(client.delete("/api/account"), 405, "method_not_allowed")
    error(client.post("/api/orders/1"), 405, "method_not_allowed")


def test_a_wrongly_typed_field_is_a_validation_error(client, api):
    acct = api.account()
    err = error(client.post("/api/cart/items", json={"product": ["gotowebinar"]},
                            headers=acct.headers), 422, "validation", "product")
    assert "product" in err["message"]
    error(client.post("/api/cart/items", json=[1, 2], headers=acct.headers), 422, "validation",
          "body")


def test_messages_follow_accept_language_then_the_users_language(client, api):
    french_user = api.account(locale="fr", country="FR")
    english_user = api.account(locale="en", country="US")
    own = error(client.get("/api/checkout", headers=french_user.headers), 409, "cart_empty")
    assert own["message"] == \
        "Le panier est vide : ajoutez un produit avant de passer la commande."
    asked = error(client.get("/api/checkout", headers={**french_user.headers,
                                                       "Accept-Language": "en-GB,en;q=0.9"}),
                  409, "cart_empty")
    assert asked["message"] == "The cart is empty: add a product before placing an order."
    fr = error(client.get("/api/checkout", headers={**english_user.headers,
                                                    "Accept-Language": "fr-FR,fr;q=0.9"}),
               409, "cart_empty")
    assert fr["message"] == own["message"]
    missing = error(client.post("/api/cart/items", json={},
                                headers={**english_user.headers, "Accept-Language": "fr"}),
                    422, "validation", "product")
    assert missing["message"] == "Le champ product est obligatoire."
