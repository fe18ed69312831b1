"""The OpenAPI document as the contract of api.md: every operation lists each status it can
answer, errors in their real shape (`ErrorOut`), its required headers and its security.

FastAPI derives the document from the routes. What it cannot know is added here, in one
place, so route modules stay about their use case:
- the refusals of each operation (`REFUSALS`, by contract code: their status comes from
  api/errors.py); every operation may also answer `internal`, every one with parameters or
  a body `validation`, every signed-in one `not_signed_in`, all of test control
  `invalid_test_token`;
- `Idempotency-Key` is required on placing an order (the route refuses its absence with
  its own message, so FastAPI sees an optional header);
- a replayed order answers 200 with the first order (R12.4);
- links from an answer to the operations that take the ids it gives (`LINKS`).
The security schemes themselves come from the dependencies (api/deps.py).
"""

from __future__ import annotations

import copy
from typing import Any, Literal

from fastapi import FastAPI
from pydantic import BaseModel, Field

from backend.api.errors import STATUS

# Codes the API answers besides those of the rules: api/errors.py.
OTHER_CODES = {"internal": 500, "method_not_allowed": 405}
ALL_CODES = {**STATUS, **OTHER_CODES}


class ErrorDetail(BaseModel):
    code: Literal[tuple(ALL_CODES)] = Field(  # type: ignore[valid-type]
        description="What went wrong, as a stable slug (api.md).")
    message: str = Field(description="For a person, in the caller's language.")
    field: str | None = Field(description="The request field at fault, if one is.")
    portal_url: str | None = Field(
        default=None, description="enterprise_account only: the Corporate Billing Portal.")


class ErrorOut(BaseModel):
    """Every 4xx and 5xx body (api.md)."""

    error: ErrorDetail


BILLING_CONTACT = ("not_billing_contact", "enterprise_account")  # R0.1, R0.2
PAYMENT = ("card_declined", "insufficient_funds", "expired_card", "payment_error")
REFUSALS: dict[str, tuple[str, ...]] = {
    "POST /api/session": ("invalid_credentials", "too_many_attempts"),
    "DELETE /api/session": (),
    "GET /api/account": (),
    "GET /api/catalog": (),
    "GET /api/catalog/available": BILLING_CONTACT,
    "GET /api/cart": (),
    "POST /api/cart/items": (*BILLING_CONTACT, "already_subscribed"),
    "PATCH /api/cart/items/{item_id}": (*BILLING_CONTACT, "not_found"),
    "DELETE /api/cart/items/{item_id}": (*BILLING_CONTACT, "not_found"),
    "GET /api/checkout": (*BILLING_CONTACT, "cart_empty"),
    "POST /api/orders": (*BILLING_CONTACT, "cart_empty", "idempotency_conflict", *PAYMENT),
    "GET /api/orders/{order_id}": ("not_billing_contact", "not_found"),
    "POST /api/trials": (*BILLING_CONTACT, "trial_not_allowed"),
    "GET /api/users": ("not_billing_contact",),
    "GET /api/messages": ("not_billing_contact",),
    "PUT /api/users/{user_id}/licenses/{product}": (*BILLING_CONTACT, "not_found"),
    "DELETE /api/users/{user_id}/licenses/{product}": (*BILLING_CONTACT, "not_found"),
    "POST /api/testing/accounts": ("already_subscribed",),
    "PUT /api/testing/accounts/{account_id}/clock": ("not_found",),
    "GET /api/testing/accounts/{account_id}/emails": ("not_found",),
    "GET /api/testing/accounts/{account_id}/charges": ("not_found",),
    "GET /api/testing/config": (),
    "GET /api/health": (),
}
# Where an answer names what another operation takes (OpenAPI links): a client, or a
# stateful test, can follow them. (operation, status) -> link name -> (target, parameters)
_CART_ITEM = {"item_id": "$response.body#/items/0/id"}
_TEST_ACCOUNT = {"account_id": "$response.body#/account_id"}
_USER = {"user_id": "$response.body#/0/id"}
LINKS: dict[tuple[str, str], dict[str, tuple[str, dict[str, str]]]] = {
    ("POST /api/orders", "201"): {
        "GetOrder": ("GET /api/orders/{order_id}", {"order_id": "$response.body#/id"})},
    ("POST /api/cart/items", "200"): {
        "EditCartItem": ("PATCH /api/cart/items/{item_id}", _CART_ITEM),
        "RemoveCartItem": ("DELETE /api/cart/items/{item_id}", _CART_ITEM)},
    ("GET /api/users", "200"): {
        "AssignLicense": ("PUT /api/users/{user_id}/licenses/{product}", _USER),
        "UnassignLicense": ("DELETE /api/users/{user_id}/licenses/{product}", _USER)},
    ("POST /api/testing/accounts", "201"): {
        "SetClock": ("PUT /api/testing/accounts/{account_id}/clock", _TEST_ACCOUNT),
        "ListEmails": ("GET /api/testing/accounts/{account_id}/emails", _TEST_ACCOUNT),
        "ListCharges": ("GET /api/testing/accounts/{account_id}/charges", _TEST_ACCOUNT)},
}
IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key", "in": "header", "required": True,
    "description": "Any text naming this order attempt (a UUID): the same key with the same "
                   "body returns the first order (R12.4).",
    "schema": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": r"\S"},
}
ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}


def _codes(operation: dict, key: str) -> list[str]:
    codes = ["internal", *REFUSALS[key]]
    if operation.get("parameters") or operation.get("requestBody"):
        codes.append("validation")
    schemes = {name for requirement in operation.get("security", []) for name in requirement}
    if "bearer" in schemes:
        codes.append("not_signed_in")
    if "testToken" in schemes:
        codes.append("invalid_test_token")
    return codes


def _document_errors(operation: dict, key: str) -> None:
    by_status: dict[int, list[str]] = {}
    for code in _codes(operation, key):
        by_status.setdefault(ALL_CODES[code], []).append(code)
    responses = operation["responses"]
    for status, codes in by_status.items():
        responses[str(status)] = {
            "description": "Error: " + ", ".join(f"`{c}`" for c in sorted(set(codes))),
            "content": {"application/json": {"schema": ERROR_REF}},
        }
    operation["responses"] = dict(sorted(responses.items()))


def _refine(doc: dict[str, Any]) -> None:
    listed = set()
    for path, methods in doc["paths"].items():
        for method, operation in methods.items():
            key = f"{method.upper()} {path}"
            if key not in REFUSALS:
                raise LookupError(f"{key} has no entry in backend/api/openapi.py REFUSALS")
            listed.add(key)
            _document_errors(operation, key)
    # The test-control routes exist only in test mode (api.md): absent, they are not unknown.
    if unknown := {key for key in set(REFUSALS) - listed
                   if not key.split(" ", 1)[1].startswith("/api/testing/")}:
        raise LookupError(f"REFUSALS names operations that do not exist: {sorted(unknown)}")

    _add_links(doc)
    order = doc["paths"]["/api/orders"]["post"]
    order["parameters"] = [IDEMPOTENCY_KEY] + [
        p for p in order.get("parameters", []) if p["name"].lower() != "idempotency-key"]
    order["responses"]["200"] = {**order["responses"]["201"],
                                 "description": "The order this key already placed (R12.4)"}
    doc["paths"]["/api/session"]["post"]["responses"]["429"]["headers"] = {"Retry-After": {
        "description": "Seconds until this email may try to sign in again (R1).",
        "required": True, "schema": {"type": "integer", "minimum": 1}}}

    schemas = doc["components"]["schemas"]
    schemas.update(_component(ErrorOut))
    for unused in ("HTTPValidationError", "ValidationError"):  # FastAPI's 422, never sent
        schemas.pop(unused, None)


def _operation(doc: dict[str, Any], key: str) -> dict[str, Any]:
    method, path = key.split(" ", 1)
    return doc["paths"][path][method.lower()]


def _add_links(doc: dict[str, Any]) -> None:
    for (key, status), links in LINKS.items():
        if key.split(" ", 1)[1] not in doc["paths"]:  # test control, outside test mode
            continue
        _operation(doc, key)["responses"][status]["links"] = {
            name: {"operationId": _operation(doc, target)["operationId"],
                   "parameters": parameters}
            for name, (target, parameters) in links.items()}


def _component(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    defs = schema.pop("$defs", {})
    return {**defs, model.__name__: schema}


def install(app: FastAPI) -> None:
    """Replaces ``app.openapi`` with FastAPI's document refined as above (built once)."""
    generate = app.openapi
    refined: list[dict[str, Any]] = []

    def openapi() -> dict[str, Any]:
        if not refined:
            doc = copy.deepcopy(generate())
            _refine(doc)
            refined.append(doc)
            app.openapi_schema = doc
        return refined[0]

    app.openapi = openapi
