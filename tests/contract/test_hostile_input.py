"""No input gives a 500 (api.md: "never a 500 for any input a client can send").

Hypothesis calls every route of the app with hostile values in its path, query, headers and
body, one or more at a time over an otherwise valid request: text with NUL characters or
unpaired surrogates, text of up to 100,000 characters, numbers past every integer column
(and past what Python writes as text), non-finite floats, dates at, near and past the
calendar's ends, wrong JSON types. Every answer is a success or one of the contract's errors
in its shape; 5xx only as the contract's `payment_error` (502).

The inputs the issue found are also checked one by one, with their message in English and
French, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from backend.i18n import translate

# A placeholder the encoder swaps for a JSON number of 5,000 digits: Python's own json
# refuses to write one, and the server's refuses to read it.
HUGE_LITERAL = "@@5000-digit-number@@"

TEXTS = st.one_of(
    st.text(max_size=30).map(lambda t: t + "\x00"),
    st.text(max_size=30).map(lambda t: "\x00" + t),
    st.sampled_from(["\ud800", "a\udfffb", "\udbff\udbff", "\u2028", "\ufeff", "‮", "é" * 3]),
    st.integers(201, 100_000).map(lambda n: "x" * n),
    st.text(),
)
NUMBERS = st.one_of(
    st.sampled_from([0, -1, 2**31 - 1, 2**31, 2**63 - 1, 2**63, 2**64, -(2**63) - 1, 10**400,
                     HUGE_LITERAL]),
    st.integers(),
    st.floats(),  # NaN and infinities too: the server's JSON reader accepts them
)
DATES = st.one_of(
    st.sampled_from(["9999-12-31", "0001-01-01", "10000-01-01", "0000-01-01", "2026-02-30",
                     "2026-13-01", "99999-12-31", "-0001-01-01", "2026-1-1", "20261126"]),
    st.dates(min_value=date(9998, 1, 1)).map(date.isoformat),
    st.dates(max_value=date(1, 3, 1)).map(date.isoformat),
    st.dates().map(date.isoformat),
)
SCALARS = st.one_of(TEXTS, NUMBERS, DATES, st.none(), st.booleans())
HOSTILE = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=3),
    st.dictionaries(st.text(max_size=5), SCALARS, max_size=3),
)
# what an HTTP header can carry (latin-1, no control characters)
HEADER_VALUES = st.one_of(
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"),
            max_size=40),
    st.integers(201, 8000).map(lambda n: "k" * n),
)


@dataclass
class Known:
    """Ids that exist, so a request is valid until a value is replaced."""

    account_id: int
    user_id: int
    item_id: int
    order_id: int
    auth: dict[str, str]
    credentials: dict[str, str]


@dataclass(frozen=True)
class Operation:
    """A route as the OpenAPI document lists it."""

    method: str
    path: str
    query: tuple[str, ...]
    has_body: bool


def operations(app) -> list[Operation]:
    found = []
    for path, methods in app.openapi()["paths"].items():
        for method, spec in methods.items():
            query = tuple(p["name"] for p in spec.get("parameters", []) if p["in"] == "query")
            found.append(Operation(method.upper(), path, query, "requestBody" in spec))
    return sorted(found, key=lambda op: (op.path, op.method))


@dataclass
class Call:
    method: str
    path: str
    path_params: dict[str, Any]
    query: dict[str, Any] = field(default_factory=dict)
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


def valid_call(op: Operation, known: Known, test_headers: dict) -> Call:
    """A request to ``op`` that the product accepts (or refuses by a business rule)."""
    params = {"item_id": known.item_id, "order_id": known.order_id, "user_id": known.user_id,
              "account_id": known.account_id, "product": "gotomeeting"}
    names = re.findall(r"{(\w+)}", op.path)
    missing = set(names) - set(params)
    assert not missing, f"no valid value for {missing} in {op.path}: add one here"
    headers = dict(test_headers if op.path.startswith("/api/testing") else known.auth)
    bodies: dict[tuple[str, str], Any] = {
        ("POST", "/api/session"): dict(known.credentials),
        ("POST", "/api/cart/items"): {"product": "gotowebinar", "level": "pro", "licenses": 3,
                                      "term": "annual"},
        ("PATCH", "/api/cart/items/{item_id}"): {"level": "lite", "licenses": 2,
                                                 "term": "monthly"},
        ("POST", "/api/orders"): {"card": {"name": "Camille Martin",
                                           "number": "4242 4242 4242 4242", "exp_month": 12,
                                           "exp_year": 2030, "cvc": "123"},
                                  "use_saved_card": False, "vat_number": None},
        ("POST", "/api/trials"): {"product": "gototraining", "level": "pro", "licenses": 2},
        ("POST", "/api/testing/accounts"): {
            "kind": "standard", "country": "FR", "currency": "EUR", "locale": "fr",
            "name": "Société Test", "today": "2026-11-26", "billing_day": 15,
            "subscriptions": [{"product": "gotomeeting", "level": "business", "licenses": 2,
                               "term": "monthly", "status": "active",
                               "period_start": "2026-11-15"},
                              {"product": "logmein-pro", "status": "trialing"}],
            "trials_used": ["gototraining"],
            "cart": [{"product": "gotowebinar", "level": "pro", "licenses": 3,
                      "term": "annual"}],
            "card_on_file": True, "vat_number": "FR40303265045", "extra_users": 1},
        ("PUT", "/api/testing/accounts/{account_id}/clock"): {"today": "2026-11-27"},
    }
    body = bodies.get((op.method, op.path))
    if op.has_body:
        assert body is not None, f"no valid body for {op.method} {op.path}: add one here"
    if (op.method, op.path) == ("POST", "/api/orders"):
        headers["Idempotency-Key"] = str(uuid.uuid4())
    if (op.method, op.path) == ("DELETE", "/api/session"):
        headers = {"Authorization": "Bearer not-the-test-accounts-token"}  # stay signed in
    return Call(op.method, op.path, {n: params[n] for n in names}, {}, body, headers)


def _paths(value: Any, at: tuple = ()) -> list[tuple]:
    """Every place in a JSON value where another value could go."""
    found = [at]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*at, index))
    return found


def _replaced(value: Any, at: tuple, new: Any) -> Any:
    if not at:
        return new
    head, rest = at[0], at[1:]
    if isinstance(value, dict) and head in value:
        return {**value, head: _replaced(value[head], rest, new)}
    if not (isinstance(value, list) and isinstance(head, int) and head < len(value)):
        return value  # an earlier replacement took this place away
    copy = list(value)
    copy[head] = _replaced(value[head], rest, new)
    return copy


def hostile_call(data: st.DataObject, call: Call, op: Operation) -> Call:
    """``call`` with one to three of its values replaced by hostile ones."""
    places: list[tuple[str, Any]] = [("path", n) for n in call.path_params]
    places += [("query", name) for name in op.query]
    places += [("header", name) for name in (*call.headers, "Accept-Language")]
    if call.body is not None:
        places += [("body", p) for p in _paths(call.body)]
        places.append(("body", ("unexpected-field",)))
    places.append(("query", "unexpected"))
    for kind, where in data.draw(st.lists(st.sampled_from(places), min_size=1, max_size=3,
                                          unique=True), label="replaced"):
        if kind == "header":
            call.headers[where] = data.draw(HEADER_VALUES, label=f"header {where}")
            continue
        value = data.draw(HOSTILE, label=f"{kind} {where}")
        if kind == "path":
            call.path_params[where] = value
        elif kind == "query":
            call.query[where] = value
        elif where == ("unexpected-field",) and isinstance(call.body, dict):
            call.body = {**call.body, "unexpected-field": value}
        elif where != ("unexpected-field",):
            call.body = _replaced(call.body, where, value)
    return call


def _text(value: Any) -> str:
    """How a value is written in a URL."""
    if value == HUGE_LITERAL:
        return "9" * 5000
    return value if isinstance(value, str) else json.dumps(value)


def _quoted(value: Any) -> str:
    # httpx takes no URL over 64 KiB, nor does a server a request line over 16 KiB (h11)
    return quote(_text(value)[:2000].encode("utf-8", "surrogatepass"), safe="")


def send(client, call: Call, language: str):
    url = call.path.format(**{k: _quoted(v) for k, v in call.path_params.items()})
    if call.query:
        url += "?" + "&".join(f"{quote(k)}={_quoted(v)}" for k, v in call.query.items())
    headers = {"Accept-Language": language, **call.headers}
    headers = {k: v.encode("latin-1") for k, v in headers.items()}
    content = None
    if call.body is not None:
        headers["Content-Type"] = b"application/json"
        # ensure_ascii keeps unpaired surrogates as \\udxxx escapes, as a client would send
        content = json.dumps(call.body).replace(json.dumps(HUGE_LITERAL), "9" * 5000)
    return client.request(call.method, url, content=content, headers=headers)


def assert_contract_answer(response) -> None:
    request = f"{response.request.method} {response.request.url}"
    assert response.status_code < 500 or response.status_code == 502, (
        f"{request} answered {response.status_code}: {response.text[:300]}")
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error"}, body
        error = body["error"]
        assert isinstance(error["code"], str) and error["code"], body
        assert isinstance(error["message"], str) and error["message"].strip(), body
        assert error["field"] is None or isinstance(error["field"], str), body
        assert "Traceback" not in response.text
        if response.status_code == 502:
            assert error["code"] == "payment_error", body


@pytest.fixture
def known(http) -> Known:
    made, auth = http.signed_in(country="FR", today="2026-11-26", card_on_file=True,
                                extra_users=1, cart=[{"product": "gotomeeting",
                                                      "level": "business", "licenses": 2,
                                                      "term": "monthly"}])
    c = http.client
    order = c.post("/api/orders", json={"use_saved_card": True},
                   headers={**auth, "Idempotency-Key": "setup"})
    assert order.status_code == 201, order.text
    cart = c.post("/api/cart/items", json={"product": "gotowebinar", "level": "pro",
                                           "licenses": 3, "term": "annual"}, headers=auth)
    users = c.get("/api/users", headers=auth).json()
    return Known(account_id=made["account_id"], user_id=users[-1]["id"],
                 item_id=cart.json()["items"][0]["id"], order_id=order.json()["id"],
                 auth=auth, credentials=made["billing_contact"])


def test_every_route_answers_hostile_input_with_the_contracts_errors(http, known):
    ops = operations(http.client.app)
    assert len(ops) >= 20  # every route of api.md, test control included

    @settings(max_examples=300, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(data=st.data(), language=st.sampled_from(["en", "fr"]))
    def check(data, language):
        op = data.draw(st.sampled_from(ops), label="operation")
        call = hostile_call(data, valid_call(op, known, http.test_headers), op)
        assert_contract_answer(send(http.client, call, language))

    check()


@given(today=st.one_of(st.dates(min_value=date(9998, 11, 1)),
                       st.dates(max_value=date(1, 2, 28))))
@example(today=date(9999, 12, 31))
@example(today=date(1, 1, 1))
@settings(max_examples=25, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_use_case_is_refused_cleanly_at_the_calendars_ends(http, known, today):
    """A test clock at either end of the calendar, then every route with a valid request:
    a period or trial that would end past 9999-12-31 (or start before 0001-01-01) is a
    validation error on `today`, never a 500."""
    c = http.client
    answer = c.put(f"/api/testing/accounts/{known.account_id}/clock",
                   json={"today": today.isoformat()}, headers=http.test_headers)
    assert answer.status_code == 200, answer.text
    for op in operations(c.app):
        call = valid_call(op, known, http.test_headers)
        if op.path == "/api/testing/accounts":
            call.body["today"] = today.isoformat()
            call.body["subscriptions"][0].pop("period_start")
        assert_contract_answer(send(c, call, "en"))
    for status in ("active", "trialing", "expired"):
        made = c.post("/api/testing/accounts", headers=http.test_headers, json={
            "today": today.isoformat(), "card_on_file": True,
            "subscriptions": [{"product": "gotomeeting", "level": "business",
                               "term": None if status != "active" else "annual",
                               "status": status}]})
        assert_contract_answer(made)


# --- the inputs found by hand, one by one, in both languages ------------------------------
FOUND = [
    # (name, method, path, json body, message id, its parameters, field)
    ("NUL in the sign-in email", "POST", "/api/session",
     {"email": "camille\x00@example.com", "password": "x"},
     "{field} contains a character that is not allowed (NUL or an unpaired surrogate).",
     {"field": "email"}, "email"),
    ("NUL in a test account's name", "POST", "/api/testing/accounts", {"name": "Acme\x00"},
     "{field} contains a character that is not allowed (NUL or an unpaired surrogate).",
     {"field": "name"}, "name"),
    ("a 100,000-character name", "POST", "/api/testing/accounts", {"name": "x" * 100_000},
     "{field} must be at most {max} characters long.", {"field": "name", "max": 200}, "name"),
    ("an order id past int4", "GET", "/api/orders/2147483648", None,
     "{field} must be at most {max}.", {"field": "order_id", "max": 2**31 - 1}, "order_id"),
    ("an order id past int8", "GET", f"/api/orders/{2**63}", None,
     "{field} must be at most {max}.", {"field": "order_id", "max": 2**31 - 1}, "order_id"),
    ("an account id past int4", "GET", "/api/testing/accounts/2147483648/emails", None,
     "{field} must be at most {max}.", {"field": "account_id", "max": 2**31 - 1},
     "account_id"),
    ("an account id past int8", "PUT", f"/api/testing/accounts/{2**63}/clock",
     {"today": None}, "{field} must be at most {max}.",
     {"field": "account_id", "max": 2**31 - 1}, "account_id"),
    ("a cart item id past int8", "DELETE", f"/api/cart/items/{2**64}", None,
     "{field} must be at most {max}.", {"field": "item_id", "max": 2**31 - 1}, "item_id"),
    ("a user id past int4", "PUT", "/api/users/2147483648/licenses/gotomeeting", None,
     "{field} must be at most {max}.", {"field": "user_id", "max": 2**31 - 1}, "user_id"),
    ("a currency longer than its column", "POST", "/api/testing/accounts",
     {"currency": "EURO"}, "{field} must be at most {max} characters long.",
     {"field": "currency", "max": 3}, "currency"),
]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("name, method, path, body, msgid, params, field", FOUND,
                         ids=[f[0] for f in FOUND])
def test_the_inputs_found_get_a_validation_error_in_the_callers_language(
        http, known, language, name, method, path, body, msgid, params, field):
    headers = {**known.auth, **http.test_headers, "Accept-Language": language}
    response = http.client.request(method, path, json=body, headers=headers)
    assert response.status_code == 422, response.text
    assert response.json() == {"error": {"code": "validation", "field": field,
                                         "message": translate(msgid, language, **params)}}
    if language == "fr":
        assert translate(msgid, "fr", **params) != translate(msgid, "en", **params)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_an_order_past_the_last_date_is_a_validation_error_on_today(http, known, language):
    c = http.client
    c.put(f"/api/testing/accounts/{known.account_id}/clock", json={"today": "9999-12-31"},
          headers=http.test_headers)
    response = c.post("/api/orders", json={"use_saved_card": True},
                      headers={**known.auth, "Idempotency-Key": "late",
                               "Accept-Language": language})
    assert response.status_code == 422, response.text
    msgid = "This would need a date after {last}, the last date the Billing Center can handle."
    assert response.json() == {"error": {
        "code": "validation", "field": "today",
        "message": translate(msgid, language, last=date(9999, 12, 31))}}
