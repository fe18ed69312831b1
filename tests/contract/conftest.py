"""The HTTP contract tested in-process: the FastAPI app of a real backend (SQLite file or a
fresh PostgreSQL schema, from ``backend_factory``) in test mode, behind Starlette's
TestClient. Server errors come back as responses (500), as a client would see them.

- ``http``: a client on that app, plus ``signed_in()`` to make a test account through test
  control and get its bearer headers.
- ``served(app)``: the app behind a real uvicorn server in a thread, on a free loopback
  port, for tests that need real connections. Its loggers are left unconfigured
  (log_config=None), so every record reaches pytest's caplog.
"""

from __future__ import annotations

import dataclasses
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient

from backend.adapters.payments import PaymentGateway
from backend.api.app import create_app
from backend.bootstrap import Backend
from backend.service_layer.facade import BillingService

TEST_TOKEN = "contract-test-token"
STARTUP_DEADLINE_S = 30.0


@dataclasses.dataclass
class Http:
    client: TestClient
    backend: Backend

    @property
    def test_headers(self) -> dict[str, str]:
        return {"X-Test-Token": TEST_TOKEN}

    def make_account(self, **spec: Any) -> dict[str, Any]:
        response = self.client.post("/api/testing/accounts", json=spec,
                                    headers=self.test_headers)
        assert response.status_code == 201, response.text
        return response.json()

    def signed_in(self, **spec: Any) -> tuple[dict[str, Any], dict[str, str]]:
        """A new test account and the Authorization header of its billing contact."""
        made = self.make_account(**spec)
        response = self.client.post("/api/session", json=made["billing_contact"])
        assert response.status_code == 200, response.text
        return made, {"Authorization": f"Bearer {response.json()['token']}"}


def in_test_mode(backend: Backend, gateway: PaymentGateway | None = None) -> Backend:
    """``backend`` with a test token (and another payment gateway, if given)."""
    settings = backend.settings.model_copy(update={"test_token": TEST_TOKEN})
    gateway = gateway or backend.gateway
    return dataclasses.replace(backend, settings=settings, gateway=gateway,
                               service=BillingService(backend.uow, gateway, settings))


@pytest.fixture
def http(backend: Backend, fast_password_hashing: None) -> Iterator[Http]:
    backend = in_test_mode(backend)
    with TestClient(create_app(backend), raise_server_exceptions=False) as client:
        yield Http(client, backend)


@contextmanager
def served(app) -> Iterator[str]:
    """``app`` served by uvicorn in a thread until the block ends; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_config=None, lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_DEADLINE_S
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        thread.join(timeout=0.01)  # waits on the thread: returns early if it dies
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=STARTUP_DEADLINE_S)
        sock.close()
