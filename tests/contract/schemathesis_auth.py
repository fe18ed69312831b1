"""Schemathesis hooks (loaded by its CLI through SCHEMATHESIS_HOOKS): how a run signs in.

- Test control takes the deployment's test token.
- Every other operation takes the bearer token of a billing contact of one test account
  (French, card on file, a subscription, a product in the cart, two more users), so
  generated requests reach the rules and not just the sign-in check.
- `DELETE /api/session` ends a session of its own, signed in for that one request, so the
  run's token stays valid.

The deployment's address and test token come from the environment the test sets.
"""

from __future__ import annotations

import functools
import os

import httpx
import schemathesis

BASE_URL_ENV = "BILLING_CONTRACT_BASE_URL"
TEST_TOKEN_ENV = "BILLING_CONTRACT_TEST_TOKEN"
TEST_CONTROL = r"^/api/testing/"
ACCOUNT = {
    "country": "FR", "locale": "fr", "card_on_file": True, "extra_users": 2,
    "subscriptions": [{"product": "gotomeeting", "level": "business", "licenses": 2,
                       "term": "monthly"}],
    "cart": [{"product": "gotowebinar", "level": "pro", "licenses": 3, "term": "annual"}],
}


def _test_token() -> str:
    return os.environ[TEST_TOKEN_ENV]


@schemathesis.auth(refresh_interval=None).apply_to(path_regex=TEST_CONTROL)
class TestToken:
    def get(self, case, ctx):
        return _test_token()

    def set(self, case, data, ctx):
        case.headers = {**(case.headers or {}), "X-Test-Token": data}


@functools.cache
def _billing_contact() -> dict[str, str]:
    with httpx.Client(base_url=os.environ[BASE_URL_ENV], timeout=30.0) as client:
        made = client.post("/api/testing/accounts", json=ACCOUNT,
                           headers={"X-Test-Token": _test_token()})
        made.raise_for_status()
        return made.json()["billing_contact"]


def _sign_in() -> str:
    with httpx.Client(base_url=os.environ[BASE_URL_ENV], timeout=30.0) as client:
        session = client.post("/api/session", json=_billing_contact())
        session.raise_for_status()
        return session.json()["token"]


class _Bearer:
    def get(self, case, ctx):
        return _sign_in()

    def set(self, case, data, ctx):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@schemathesis.auth(refresh_interval=None).apply_to(method="DELETE", path="/api/session")
class SessionToEnd(_Bearer):
    """A new session for every request that ends one."""


@schemathesis.auth(refresh_interval=3600).skip_for(path_regex=TEST_CONTROL)
class BillingContact(_Bearer):
    """The run's session, signed in once."""
