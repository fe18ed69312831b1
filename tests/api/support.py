"""What the route tests share: the test token, cards, the worked example's account, an
`Api` helper for set-up through test control, and `error`, the contract's error shape."""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx
from fastapi.testclient import TestClient

TEST_TOKEN = "api-tests-token"
CONTROL = {"X-Test-Token": TEST_TOKEN}
GOOD_CARD = {"name": "Camille Martin", "number": "4242 4242 4242 4242", "exp_month": 12,
             "exp_year": 2030, "cvc": "7391"}
DECLINED = "4000 0000 0000 0002"
WORKED_EXAMPLE = {
    "country": "FR", "billing_day": 15, "today": "2026-11-26",
    "subscriptions": [{"product": "gotomeeting", "level": "business", "licenses": 2,
                       "term": "monthly"}],
    "cart": [{"product": "gotowebinar", "level": "pro", "licenses": 3, "term": "annual"}],
}


@dataclass
class User:
    """A signed-in person: their credentials and bearer token."""

    email: str
    password: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class Acct:
    id: int
    contact: User
    colleagues: list[dict] = field(default_factory=list)  # credentials, not signed in

    @property
    def headers(self) -> dict[str, str]:
        return self.contact.headers


class Api:
    """Test-control set-up and sign-in, so each test reads as the requests it checks."""

    __test__ = False

    def __init__(self, client: TestClient):
        self.client = client

    def new_account(self, **spec) -> dict:
        spec.setdefault("today", "2026-11-26")
        resp = self.client.post("/api/testing/accounts", json=spec, headers=CONTROL)
        assert resp.status_code == 201, resp.text
        return resp.json()

    def sign_in(self, email: str, password: str) -> User:
        resp = self.client.post("/api/session", json={"email": email, "password": password})
        assert resp.status_code == 200, resp.text
        return User(email, password, resp.json()["token"])

    def account(self, **spec) -> Acct:
        made = self.new_account(**spec)
        contact = made["billing_contact"]
        return Acct(made["account_id"], self.sign_in(contact["email"], contact["password"]),
                    made["users"])

    def colleague(self, acct: Acct, index: int = 0) -> User:
        creds = acct.colleagues[index]
        return self.sign_in(creds["email"], creds["password"])

    def control(self, method: str, path: str, **kwargs) -> httpx.Response:
        return self.client.request(method, f"/api/testing{path}", headers=CONTROL, **kwargs)

    def emails(self, acct: Acct) -> list[dict]:
        return self._ok(self.control("GET", f"/accounts/{acct.id}/emails"))

    def charges(self, acct: Acct) -> list[dict]:
        return self._ok(self.control("GET", f"/accounts/{acct.id}/charges"))

    def cart(self, who: Acct | User) -> dict:
        return self._ok(self.client.get("/api/cart", headers=who.headers))

    def overview(self, who: Acct | User) -> dict:
        return self._ok(self.client.get("/api/account", headers=who.headers))

    def place(self, who: Acct | User, key: str = "order-1", **body) -> httpx.Response:
        body.setdefault("card", GOOD_CARD)
        return self.client.post("/api/orders", json=body,
                                headers={**who.headers, "Idempotency-Key": key})

    @staticmethod
    def _ok(resp: httpx.Response):
        assert resp.status_code == 200, resp.text
        return resp.json()


def error(resp: httpx.Response, status: int, code: str, field: str | None = None) -> dict:
    """The contract's error shape (api.md), with the expected status, code and field."""
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"}, body
    err = body["error"]
    assert (err["code"], err["field"]) == (code, field), err
    assert isinstance(err["message"], str) and err["message"].strip(), err
    return err
