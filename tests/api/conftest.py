"""The HTTP layer in-process: the FastAPI app of `backend.api.app.create_app`, in test mode,
on a temporary SQLite file built by `backend.bootstrap.build`, driven by Starlette's
TestClient. A fault in a route (a wrong status, a lost header, a cart emptied on a
declined card) fails here even when every service test passes.

One deployment serves the whole package (building one takes ~0.2 s); every test makes its
own accounts through the test-control routes, so tests stay independent. The server's
clock is the test's ``clock`` fixture (a FixedClock), switched in for each test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from backend.adapters.passwords import PooledHasher
from backend.api.app import create_app
from backend.bootstrap import Backend, build
from backend.service_layer import auth
from backend.settings import Settings

from .support import TEST_TOKEN, Api


class SwitchableClock:
    """The deployment's clock, pointing at the running test's FixedClock."""

    def __init__(self) -> None:
        self.target = None

    def now(self) -> datetime:
        assert self.target is not None, "no test clock switched in"
        return self.target.now()


@dataclass
class Deployment:
    client: TestClient
    clock: SwitchableClock
    backend: Backend


@pytest.fixture(scope="package")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    with pytest.MonkeyPatch.context() as patch:
        # argon2's smallest cost for the accounts made here: same code, ~100x faster
        patch.setattr(auth, "hasher",
                      PooledHasher(time_cost=1, memory_cost=1024, parallelism=1))
        url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'billing.db'}"
        clock = SwitchableClock()
        backend = build(Settings(database_url=url, test_token=TEST_TOKEN), clock=clock)
        with TestClient(create_app(backend), base_url="http://testserver") as client:
            yield Deployment(client, clock, backend)
        backend.engine.dispose()


@pytest.fixture(autouse=True)
def _server_clock(deployment: Deployment, clock) -> None:
    deployment.clock.target = clock


@pytest.fixture
def client(deployment: Deployment) -> TestClient:
    return deployment.client


@pytest.fixture
def api(client: TestClient) -> Api:
    return Api(client)
