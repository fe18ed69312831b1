"""What the OpenAPI document says about errors, headers and security, read directly (the
Schemathesis test checks that the deployment behaves as it says)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}
SIGNED_OUT = {("POST", "/api/session"), ("DELETE", "/api/session"), ("GET", "/api/health")}


@pytest.fixture
def document(http) -> dict:
    response = http.client.get("/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(document: dict):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield method.upper(), path, operation


def test_every_error_answer_is_documented_with_the_contracts_error_shape(document):
    schemas = document["components"]["schemas"]
    assert "HTTPValidationError" not in schemas and "ValidationError" not in schemas
    assert schemas["ErrorOut"]["required"] == ["error"]
    detail = schemas["ErrorDetail"]
    assert set(detail["required"]) == {"code", "message", "field"}
    assert {"validation", "not_found", "payment_error", "internal"} <= set(
        detail["properties"]["code"]["enum"])
    for method, path, operation in operations(document):
        responses = operation["responses"]
        errors = {status: r for status, r in responses.items() if int(status) >= 400}
        assert "500" in errors, (method, path)
        for status, response in errors.items():
            assert response["content"]["application/json"]["schema"] == ERROR_REF, (
                method, path, status)
        if operation.get("parameters") or operation.get("requestBody"):
            assert "422" in errors, (method, path)


def test_the_statuses_of_placing_an_order_and_its_required_idempotency_key(document):
    order = document["paths"]["/api/orders"]["post"]
    assert set(order["responses"]) == {"200", "201", "401", "402", "403", "409", "422", "500",
                                       "502"}
    [key] = [p for p in order["parameters"] if p["name"].lower() == "idempotency-key"]
    assert key["in"] == "header" and key["required"] is True
    assert key["schema"]["maxLength"] == 200


def test_sign_in_documents_its_lock_out_and_when_to_retry(document):
    responses = document["paths"]["/api/session"]["post"]["responses"]
    assert "429" in responses and "too_many_attempts" in responses["429"]["description"]
    assert responses["429"]["headers"]["Retry-After"]["required"] is True


def test_reading_orders_and_users_is_refused_to_colleagues(document):
    for path in ("/api/orders/{order_id}", "/api/users"):
        forbidden = document["paths"][path]["get"]["responses"]["403"]
        assert "not_billing_contact" in forbidden["description"], path


def test_signed_in_routes_take_a_bearer_token_and_test_control_its_token(document):
    schemes = document["components"]["securitySchemes"]
    assert schemes["bearer"] == {"type": "http", "scheme": "bearer",
                                 "description": schemes["bearer"]["description"]}
    assert (schemes["testToken"]["type"], schemes["testToken"]["in"],
            schemes["testToken"]["name"]) == ("apiKey", "header", "X-Test-Token")
    for method, path, operation in operations(document):
        if path.startswith("/api/testing/"):
            expected, refusal = [{"testToken": []}], "403"
        elif (method, path) in SIGNED_OUT:
            expected, refusal = None, None
        else:
            expected, refusal = [{"bearer": []}], "401"
        assert operation.get("security") == expected, (method, path)
        if refusal:
            assert refusal in operation["responses"], (method, path)


def test_an_email_is_sent_at_an_instant_in_utc(http, document):
    sent_at = document["components"]["schemas"]["EmailOut"]["properties"]["sent_at"]
    assert sent_at["format"] == "date-time" and "UTC" in sent_at["description"]
    made, auth = http.signed_in(country="FR", card_on_file=True, cart=[
        {"product": "gotomeeting", "level": "business", "licenses": 1, "term": "monthly"}])
    placed = http.client.post("/api/orders", json={"use_saved_card": True},
                              headers={**auth, "Idempotency-Key": "utc"})
    assert placed.status_code == 201, placed.text
    [email] = http.client.get(f"/api/testing/accounts/{made['account_id']}/emails",
                              headers=http.test_headers).json()
    assert email["sent_at"].endswith("Z")
    assert datetime.fromisoformat(email["sent_at"]).tzinfo == UTC


def test_a_method_a_path_does_not_take_is_refused_with_every_method_it_does(http):
    response = http.client.request("PUT", "/api/session")
    assert response.status_code == 405
    assert response.headers["Allow"] == "DELETE, POST"
    assert response.json()["error"]["code"] == "method_not_allowed"
