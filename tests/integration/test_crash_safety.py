"""Crash safety of placing orders (R12.1, R12.4): the server is killed with SIGKILL while
clients place orders, then restarted on the same database.

Every order a client saw acknowledged (201) must exist with exactly one charge and one
confirmation email; every other account must hold either a whole order (committed, its
response lost) or nothing at all (cart intact, no charge, no email). Retrying each
unacknowledged order with its Idempotency-Key afterwards returns the committed order or
places it now, so in the end every account has exactly one whole order.

The server is the real `python3 -m backend.cli serve` (fixtures.deployment.EmbeddedServer),
on a SQLite file and on a fresh PostgreSQL schema."""

from __future__ import annotations

import secrets
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy.engine import make_url

from fixtures.deployment import EmbeddedServer

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 3
ORDERS_PER_CLIENT = 4
KILL_AFTER = 4  # acknowledged orders before the kill: some done, some in flight, some to go
STARTUP_DEADLINE_S = 30.0
WAIT_DEADLINE_S = 30.0
REQUEST_TIMEOUT_S = 10.0

PRODUCT = "gotomeeting"
ACCOUNT_SPEC = {
    "country": "FR", "today": "2026-11-26", "billing_day": 26,
    "cart": [{"product": PRODUCT, "level": "business", "licenses": 2, "term": "monthly"}],
}
ORDER = {"card": {"name": "Crash Test", "number": "4242424242424242", "exp_month": 12,
                  "exp_year": 2031, "cvc": "737"},
         "use_saved_card": False, "vat_number": None}


@dataclass
class Buyer:
    account_id: int
    token: str
    key: str  # the order's Idempotency-Key, kept for the retry after the restart
    acknowledged: dict | None = None  # the 201 body, when the client saw one
    lost: str = ""  # why the client got no answer (the server died under it)
    unexpected: str = ""  # any answer but 201

    def headers(self, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", **extra}


@pytest.fixture
def database_url(store: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A SQLite file, or a fresh PostgreSQL schema named in the URL's search_path (as .ci/run
    does for its separately started deployment), dropped afterwards."""
    if store == "sqlite":
        yield f"sqlite:///{tmp_path / 'crash.db'}"
        return
    base_url = request.getfixturevalue("postgres_url")
    admin = request.getfixturevalue("postgres_admin")
    schema = f"crash_{secrets.token_hex(6)}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def start(workdir: Path, database: str, token: str) -> EmbeddedServer:
    workdir.mkdir()
    server = EmbeddedServer(workdir, ROOT, STARTUP_DEADLINE_S, token=token, database=database)
    server.start()  # waits for /api/health; fails the test in one line if it cannot start
    return server


def make_buyers(base_url: str, test_token: str) -> list[Buyer]:
    """One test account per order, its cart holding the item, its contact signed in (made
    by CLIENTS threads: password hashing dominates)."""

    def make(_: int) -> Buyer:
        with httpx.Client(base_url=base_url, timeout=REQUEST_TIMEOUT_S) as http:
            made = http.post("/api/testing/accounts", json=ACCOUNT_SPEC,
                             headers={"X-Test-Token": test_token})
            assert made.status_code == 201, made.text
            session = http.post("/api/session", json=made.json()["billing_contact"])
            assert session.status_code == 200, session.text
        return Buyer(made.json()["account_id"], session.json()["token"], str(uuid.uuid4()))

    with ThreadPoolExecutor(CLIENTS) as pool:
        return list(pool.map(make, range(CLIENTS * ORDERS_PER_CLIENT)))


def place_orders_until_killed(base_url: str, buyers: list[Buyer],
                              server: EmbeddedServer) -> int:
    """CLIENTS threads place their buyers' orders one after another; once KILL_AFTER orders
    are acknowledged the server is killed. Returns how many were acknowledged by then."""
    acknowledged = threading.Condition()
    count = [0]

    def client(mine: list[Buyer]) -> None:
        with httpx.Client(base_url=base_url, timeout=REQUEST_TIMEOUT_S) as http:
            for buyer in mine:
                try:
                    answer = http.post("/api/orders", json=ORDER,
                                       headers=buyer.headers(**{"Idempotency-Key": buyer.key}))
                except httpx.TransportError as err:
                    buyer.lost = repr(err)
                    return  # the server is gone: the rest of this client's orders wait
                if answer.status_code != 201:
                    buyer.unexpected = f"{answer.status_code} {answer.text}"
                    continue
                buyer.acknowledged = answer.json()
                with acknowledged:
                    count[0] += 1
                    acknowledged.notify_all()

    threads = [threading.Thread(target=client, args=(buyers[i::CLIENTS],), daemon=True)
               for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    with acknowledged:
        reached = acknowledged.wait_for(lambda: count[0] >= KILL_AFTER, WAIT_DEADLINE_S)
        assert reached, f"only {count[0]} orders acknowledged in {WAIT_DEADLINE_S:.0f} s"
    assert server.process is not None
    server.process.kill()  # SIGKILL: no shutdown, no flush, no goodbye
    server.process.wait(timeout=WAIT_DEADLINE_S)
    at_kill = count[0]
    for thread in threads:
        thread.join(timeout=REQUEST_TIMEOUT_S + WAIT_DEADLINE_S)
        assert not thread.is_alive(), "a client did not notice the server was gone"
    return at_kill


@dataclass
class Books:
    """What the restarted deployment holds for one account."""

    charges: list[dict]
    emails: list[dict]
    product_active: bool
    cart_count: int

    @property
    def nothing(self) -> bool:
        return (not self.charges and not self.emails and not self.product_active
                and self.cart_count == 1)


def books(http: httpx.Client, test_token: str, buyer: Buyer) -> Books:
    control = {"X-Test-Token": test_token}
    charges = http.get(f"/api/testing/accounts/{buyer.account_id}/charges", headers=control)
    emails = http.get(f"/api/testing/accounts/{buyer.account_id}/emails", headers=control)
    account = http.get("/api/account", headers=buyer.headers())
    for answer in (charges, emails, account):
        assert answer.status_code == 200, answer.text
    body = account.json()
    active = any(s["product"] == PRODUCT and s["status"] == "active"
                 for s in body["subscriptions"])
    return Books(charges.json(), [e for e in emails.json() if e["kind"] == "order_confirmation"],
                 active, body["cart_count"])


def assert_whole(http: httpx.Client, held: Books, buyer: Buyer, order: dict) -> None:
    """The order exists and has exactly its charge and its email, and nothing else does."""
    read = http.get(f"/api/orders/{order['id']}", headers=buyer.headers())
    assert read.status_code == 200, read.text
    number = read.json()["number"]
    assert number == order["number"]
    assert [c["order_number"] for c in held.charges] == [number], held.charges
    assert len(held.emails) == 1 and number in held.emails[0]["body"], held.emails
    assert held.product_active and held.cart_count == 0


def test_r12_1_orders_survive_a_kill_whole_or_not_at_all(database_url, tmp_path):
    """R12.1 and R12.4 across a SIGKILL of the server: no half order, no lost one."""
    test_token = secrets.token_urlsafe(16)
    first = start(tmp_path / "first", database_url, test_token)
    try:
        buyers = make_buyers(first.base_url, test_token)
        at_kill = place_orders_until_killed(first.base_url, buyers, first)
    finally:
        first.stop()
    assert [b.unexpected for b in buyers if b.unexpected] == []
    assert at_kill < len(buyers), "every order was done before the kill: nothing was at stake"

    second = start(tmp_path / "second", database_url, test_token)
    try:
        with httpx.Client(base_url=second.base_url, timeout=REQUEST_TIMEOUT_S) as http:
            for buyer in buyers:
                before = books(http, test_token, buyer)
                if buyer.acknowledged is not None:
                    assert_whole(http, before, buyer, buyer.acknowledged)
                    continue
                # Not acknowledged: whole (its response was lost) or not there at all.
                retried = http.post("/api/orders", json=ORDER,
                                    headers=buyer.headers(**{"Idempotency-Key": buyer.key}))
                if before.nothing:
                    assert retried.status_code == 201, retried.text  # placed only now
                else:
                    assert retried.status_code == 200, retried.text  # the committed one
                    assert_whole(http, before, buyer, retried.json())
                assert_whole(http, books(http, test_token, buyer), buyer, retried.json())
    finally:
        second.stop()
