"""An unexpected error never breaks the connection: it answers the contract's 500
(`internal`, in the caller's language, no stack trace), is logged once with its traceback,
changes nothing, and the kept-alive connection serves the next requests.

The deployment is a real uvicorn server in a thread, serving `create_app` over a backend
whose payment gateway adapter fails in a way no client can cause (a bug in the adapter,
say): no test-only route is added to the product.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import httpx
import pytest

from backend.api.app import create_app
from backend.bootstrap import Backend
from backend.i18n import translate
from tests.contract.conftest import TEST_TOKEN, in_test_mode, served

ROUNDS = 30
INTERNAL = "Something went wrong on our side. Nothing was changed; please try again."


class BrokenGateway:
    """A gateway adapter with a bug: every charge raises something no handler expects."""

    def charge(self, **_kwargs):
        raise RuntimeError("the gateway adapter tripped over its own feet")


@pytest.fixture
def server(backend: Backend, fast_password_hashing: None) -> Iterator[str]:
    with served(create_app(in_test_mode(backend, gateway=BrokenGateway()))) as base_url:
        yield base_url


def _local_port(response: httpx.Response) -> int:
    """The client-side port of the connection the response came on."""
    return response.extensions["network_stream"].get_extra_info("client_addr")[1]


def test_an_unexpected_error_answers_500_is_logged_once_and_keeps_the_connection(
        server: str, caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.ERROR)
    test = {"X-Test-Token": TEST_TOKEN}
    with httpx.Client(base_url=server, timeout=30.0,
                      limits=httpx.Limits(max_connections=1)) as client:
        made = client.post("/api/testing/accounts", headers=test, json={
            "country": "FR", "locale": "fr", "today": "2026-11-26",
            "cart": [{"product": "gotomeeting", "level": "business", "licenses": 2,
                      "term": "monthly"}]})
        assert made.status_code == 201, made.text
        account_id = made.json()["account_id"]
        token = client.post("/api/session", json=made.json()["billing_contact"]).json()["token"]
        auth = {"Authorization": f"Bearer {token}"}
        card = {"name": "Camille Martin", "number": "4242 4242 4242 4242", "exp_month": 12,
                "exp_year": 2030, "cvc": "123"}
        ports = set()
        caplog.clear()
        for attempt in range(ROUNDS):
            language = ("en", "fr")[attempt % 2]
            failed = client.post("/api/orders", json={"card": card},
                                 headers={**auth, "Idempotency-Key": f"try-{attempt}",
                                          "Accept-Language": language})
            assert failed.status_code == 500
            assert failed.json() == {"error": {"code": "internal", "field": None,
                                               "message": translate(INTERNAL, language)}}
            account = client.get("/api/account", headers=auth)
            assert account.status_code == 200 and account.json()["cart_count"] == 1
            ports |= {_local_port(failed), _local_port(account)}
        charges = client.get(f"/api/testing/accounts/{account_id}/charges", headers=test)
        assert charges.json() == []
        ports.add(_local_port(charges))

    assert len(ports) == 1, f"the client had to reconnect: {len(ports)} connections"
    with_traceback = [r for r in caplog.records if r.exc_info]
    assert len(with_traceback) == ROUNDS, [r.getMessage() for r in caplog.records]
    for record in with_traceback:
        assert isinstance(record.exc_info[1], RuntimeError)
        assert "POST /api/orders" in record.getMessage()
    assert "4242 4242 4242 4242" not in caplog.text  # the card never reaches the log
