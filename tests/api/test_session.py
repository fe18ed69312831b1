"""POST/DELETE /api/session (R1): signing in and out, the one generic refusal, the limit on
failed sign-ins (429 with Retry-After) and expiring tokens."""

from __future__ import annotations

from .support import error


def sign_in(client, email: str, password: str, **headers):
    return client.post("/api/session", json={"email": email, "password": password},
                       headers=headers)


def test_sign_in_returns_a_token_the_user_and_the_account(client, api):
    made = api.new_account(country="FR", locale="fr")
    contact = made["billing_contact"]
    resp = sign_in(client, contact["email"].upper(), contact["password"])
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["token"]
    assert body["user"]["email"] == contact["email"] and body["user"]["is_billing_contact"]
    assert (body["account"]["id"], body["account"]["currency"]) == (made["account_id"], "EUR")
    account = client.get("/api/account", headers={"Authorization": f"Bearer {body['token']}"})
    assert account.status_code == 200 and account.json()["id"] == made["account_id"]


def test_wrong_password_and_unknown_email_get_one_message_naming_no_field(client, api):
    contact = api.new_account()["billing_contact"]
    wrong = error(sign_in(client, contact["email"], "not-it"), 401, "invalid_credentials")
    unknown = error(sign_in(client, "nobody." + contact["email"], contact["password"]), 401,
                    "invalid_credentials")
    assert wrong == unknown
    french = error(sign_in(client, contact["email"], "not-it", **{"Accept-Language": "fr"}),
                   401, "invalid_credentials")
    assert french["message"] == "L'adresse e-mail ou le mot de passe est incorrect."


def test_a_missing_field_is_a_validation_error(client):
    error(client.post("/api/session", json={"email": "a@example.com"}), 422, "validation",
          "password")
    error(client.post("/api/session", content=b"{not json",
                      headers={"Content-Type": "application/json"}), 422, "validation", "body")


def test_after_five_failures_the_email_gets_429_with_retry_after(client, api, clock):
    contact = api.new_account()["billing_contact"]
    unknown = "nobody." + contact["email"]
    for _ in range(5):
        error(sign_in(client, contact["email"], "guess"), 401, "invalid_credentials")
        error(sign_in(client, unknown, "guess"), 401, "invalid_credentials")
    clock.advance(minutes=3)
    refused = sign_in(client, contact["email"], contact["password"])  # the right one
    err = error(refused, 429, "too_many_attempts")
    assert refused.headers["Retry-After"] == str(12 * 60)
    assert err["message"] == "Too many failed sign-ins for this email. Try again in 12 min."
    same = sign_in(client, unknown, contact["password"])  # nothing tells them apart
    assert (same.status_code, same.headers["Retry-After"], same.json()) == (
        429, "720", refused.json())
    fr = error(sign_in(client, unknown, "x", **{"Accept-Language": "fr"}), 429,
               "too_many_attempts")
    assert fr["message"].startswith("Trop de tentatives de connexion échouées")
    clock.advance(minutes=12)
    assert sign_in(client, contact["email"], contact["password"]).status_code == 200


def test_sign_out_ends_the_session_and_a_second_sign_out_is_harmless(client, api):
    acct = api.account()
    assert client.get("/api/account", headers=acct.headers).status_code == 200
    resp = client.delete("/api/session", headers=acct.headers)
    assert (resp.status_code, resp.content) == (204, b"")
    error(client.get("/api/account", headers=acct.headers), 401, "not_signed_in")
    assert client.delete("/api/session", headers=acct.headers).status_code == 204
    assert client.delete("/api/session").status_code == 204


def test_no_token_or_a_wrong_one_is_not_signed_in(client):
    error(client.get("/api/account"), 401, "not_signed_in")
    error(client.get("/api/account", headers={"Authorization": "Bearer nope"}), 401,
          "not_signed_in")
    error(client.get("/api/cart", headers={"Authorization": "Basic abc"}), 401,
          "not_signed_in")


def test_an_idle_token_expires_and_answers_not_signed_in(client, api, clock):
    acct = api.account()
    clock.advance(minutes=29)
    assert client.get("/api/cart", headers=acct.headers).status_code == 200
    clock.advance(minutes=29)
    assert client.get("/api/cart", headers=acct.headers).status_code == 200
    clock.advance(minutes=31)
    err = error(client.get("/api/cart", headers=acct.headers), 401, "not_signed_in")
    assert err["message"] == "Your session has expired: please sign in again."
    fr = error(client.get("/api/account", headers={**acct.headers, "Accept-Language": "fr"}),
               401, "not_signed_in")
    assert fr["message"] == "Votre session a expiré : veuillez vous reconnecter."


def test_a_token_expires_twelve_hours_after_sign_in_however_busy(client, api, clock):
    acct = api.account()
    for _ in range(35):
        clock.advance(minutes=20)
        assert client.get("/api/account", headers=acct.headers).status_code == 200
    clock.advance(minutes=20)
    error(client.get("/api/account", headers=acct.headers), 401, "not_signed_in")
