"""Issue 10: a request hops into the thread pool once. The principal (`authenticate`, which
reads the session) and the use case run in that one worker thread; the dependencies that
do no I/O run on the event loop; the response is validated and serialised there. The
order of the answers is as when the principal was its own dependency: a caller not signed
in is told 401 before anything about its body, its query or its headers."""

from __future__ import annotations

import threading

import anyio.to_thread
import pytest

from .support import GOOD_CARD, WORKED_EXAMPLE, error


@pytest.fixture
def hops(monkeypatch) -> list[str]:
    """The name of each function the app sends into the thread pool."""
    seen: list[str] = []
    real = anyio.to_thread.run_sync

    async def counting(func, *args, **kwargs):
        seen.append(getattr(func, "__qualname__", repr(func)))
        return await real(func, *args, **kwargs)

    monkeypatch.setattr(anyio.to_thread, "run_sync", counting)
    return seen


@pytest.fixture
def threads(deployment, monkeypatch) -> dict[str, int]:
    """The thread each of authenticate and place_order ran in."""
    service = deployment.backend.service
    ran: dict[str, int] = {}
    for name in ("authenticate", "place_order", "cart"):
        real = getattr(service, name)

        def recording(*args, _real=real, _name=name, **kwargs):
            ran[_name] = threading.get_ident()
            return _real(*args, **kwargs)

        monkeypatch.setattr(service, name, recording)
    return ran


def test_placing_an_order_hops_into_the_thread_pool_once(client, api, hops, threads):
    acct = api.account(**WORKED_EXAMPLE)
    hops.clear()
    assert api.place(acct, key="one-hop").status_code == 201
    assert len(hops) == 1, hops
    assert threads["authenticate"] == threads["place_order"]
    assert threads["place_order"] != threading.get_ident()  # not on the event loop


def test_a_route_with_the_callers_language_hops_once_too(client, api, hops, threads):
    acct = api.account(**WORKED_EXAMPLE)
    hops.clear()
    resp = client.get("/api/cart", headers={**acct.headers, "Accept-Language": "fr"})
    assert resp.status_code == 200 and len(hops) == 1, hops
    assert threads["authenticate"] == threads["cart"]


def test_the_users_language_still_words_the_errors_of_the_use_case(client, api):
    acct = api.account(**{**WORKED_EXAMPLE, "locale": "fr"})
    empty = api.place(acct, key="first")
    assert empty.status_code == 201
    err = error(api.place(acct, key="second"), 409, "cart_empty")
    assert err["message"] != error(client.post(
        "/api/orders", json={"card": GOOD_CARD},
        headers={**acct.headers, "Idempotency-Key": "third", "Accept-Language": "en"}),
        409, "cart_empty")["message"]  # French from the user's language, else English


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer not-a-session"}],
                         ids=["no token", "unknown token"])
def test_not_signed_in_comes_before_a_bad_body(client, headers):
    bad_body = client.post("/api/orders", json={"card": {"exp_month": "May"}},
                           headers={**headers, "Idempotency-Key": "k"})
    error(bad_body, 401, "not_signed_in")
    not_json = client.post("/api/cart/items", content=b"[1, 2",
                           headers={**headers, "Content-Type": "application/json"})
    error(not_json, 422, "validation", "body")  # unreadable JSON: told before, as ever


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer not-a-session"}],
                         ids=["no token", "unknown token"])
def test_not_signed_in_comes_before_a_bad_query_or_path(client, headers):
    error(client.get("/api/checkout?vat_number=" + "x" * 500, headers=headers),
          401, "not_signed_in")
    error(client.get("/api/orders/not-a-number", headers=headers), 401, "not_signed_in")


def test_a_signed_in_caller_with_a_bad_body_is_told_the_validation_error(client, api):
    acct = api.account(**WORKED_EXAMPLE)
    resp = client.post("/api/orders", json={"card": {**GOOD_CARD, "exp_month": "May"}},
                       headers={**acct.headers, "Idempotency-Key": "k"})
    error(resp, 422, "validation", "card.exp_month")
