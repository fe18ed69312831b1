"""Snapshots of every screen of tui/screens/, in English and in French (pytest-textual-snapshot).

Each test builds an account, lets `snap_compare` run the app at 130×50 on the embedded
client, drives it to one screen with the `Session` helpers of conftest.py (waiting on
conditions, never on pauses) and compares the SVG of that screen with the one stored in
__snapshots__/test_snapshots/. After an intended change of the screens:
`pytest tests/tui/test_snapshots.py --snapshot-update`, then look at the SVGs it rewrote.

What would differ from one run to the next is pinned here, in the test, not in the product:
- the server's clock: `backend.bootstrap` builds the embedded backend with the tests'
  FixedClock instead of the system clock (the messages' dates); every account's today is
  conftest's TODAY (its test clock, R14);
- people's names: a fresh Faker seeded alike for each test (the test accounts' Faker is
  otherwise kept per process, so names would depend on which tests ran before);
- the random tags of test emails and the order numbers (`secrets.token_hex`): a counter,
  in those two modules only;
- the database's place: a relative SQLite path in the test's own temporary folder, so the
  sign-in screen and the title bar show the same address every run;
- the text cursor: steady, not blinking, when the screenshot is taken.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.widgets import Input

from backend import bootstrap
from backend.bootstrap import build
from backend.service_layer import ordering, testing
from backend.settings import Settings
from tui import connect
from tui.app import BillingCenterApp
from tui.demo import DemoCredentials

LANGS = ["en", "fr"]
SIZE = (130, 50)
ACCOUNT_NAME = "Atelier Lumière"
HOLDING = [{"product": "gotomeeting", "level": "business", "licenses": 2, "term": "monthly"}]
TRAINING = {"product": "gototraining", "level": "starter", "licenses": 1, "term": "monthly"}
CONNECT = {"product": "gotoconnect", "level": "basic", "licenses": 4, "term": "monthly"}
DEMO = DemoCredentials(email="demo@example.com", password="Demo-Password-1")


class CountingSecrets:
    """`secrets`, except that token_hex counts: 0…01, 0…02, … (as long as asked)."""

    def __init__(self) -> None:
        self.count = 0

    def token_hex(self, nbytes: int = 32) -> str:
        self.count += 1
        return f"{self.count:0{2 * nbytes}x}"

    def __getattr__(self, name: str) -> Any:
        return getattr(secrets, name)


@pytest.fixture
def database(tmp_path, monkeypatch) -> str:
    """conftest's database, at a relative path: the screens show `sqlite:///tui.db`."""
    monkeypatch.chdir(tmp_path)
    url = "sqlite:///tui.db"
    build(Settings(database_url=url)).engine.dispose()
    return url


@pytest.fixture(autouse=True)
def pinned(monkeypatch, clock) -> None:
    monkeypatch.setattr(bootstrap, "SystemClock", lambda: clock)
    monkeypatch.setattr(testing, "_fakers", {})
    monkeypatch.setattr(testing, "secrets", CountingSecrets())
    monkeypatch.setattr(ordering, "secrets", CountingSecrets())


@pytest.fixture
def session_type(make_account) -> type:
    """conftest.py's Session: pytest loads every conftest as the module `conftest`, so it
    is reached through one of its fixtures rather than imported by name."""
    return make_account.__globals__["Session"]


# --- the ways to each screen (s: a Session, a: the account's credentials) --------------------

Journey = Callable[[Any, Any], Awaitable[None]]


async def sign_in_screen(s, a) -> None:
    await s.on_screen("SignInScreen")
    await s.until(lambda: s.app.client is not None and not s.shown("#status"),
                  "the backend to load")


async def sign_in_demo_screen(s, a) -> None:
    await sign_in_screen(s, a)


async def dashboard(s, a) -> None:
    """Signed in: the fields filled at once (Session.sign_in types key by key, which the
    other tests check, at about 80 ms a key)."""
    await sign_in_screen(s, a)
    s.q("#email").value = a.billing_contact.email
    s.q("#password").value = a.billing_contact.password
    s.q("#password").focus()
    await s.press("enter")
    await s.on_screen("DashboardScreen")
    await s.until(lambda: s.q("#subscriptions").row_count, "the subscriptions")


async def products(s, a) -> None:
    await dashboard(s, a)
    await s.press("a")
    await s.on_screen("ProductsScreen")
    await s.until(lambda: s.shown("#buy-gotowebinar"), "the products")


async def level(s, a) -> None:
    await products(s, a)
    await s.click("#buy-gotowebinar")
    await s.on_screen("LevelScreen")
    await s.until(lambda: s.q("#levels").option_count, "the levels")


async def licenses(s, a) -> None:
    await level(s, a)
    levels = s.q("#levels")
    levels.highlighted = levels.get_option_index("level-pro")
    await s.press("enter")
    await s.on_screen("LicensesScreen")
    await s.type_into("#licenses", "3")


async def licenses_refused(s, a) -> None:
    await level(s, a)
    await s.press("enter")  # the first level
    await s.on_screen("LicensesScreen")
    await s.type_into("#licenses", "1000")
    await s.until(lambda: s.text("#licenses-error"), "the refusal")


async def term(s, a) -> None:
    await dashboard(s, a)
    await s.choose("gotowebinar", "buy", "pro", "3")
    await s.press("y")  # Annual


async def place_order(s, a) -> None:
    """flow.md's worked example: GoToWebinar Pro, annual, 3 licenses, the card on file."""
    await term(s, a)
    await s.click("#primary-action")
    await s.on_screen("PlaceOrderScreen")
    await s.until(lambda: s.q("#order-lines").row_count == 3, "the order lines")


async def order_confirmation(s, a) -> None:
    await place_order(s, a)
    await s.click("#place-order")
    await s.on_screen("OrderConfirmationScreen")
    await s.until(lambda: s.text("#order-number"), "the order")


async def cart(s, a) -> None:
    await dashboard(s, a)
    await s.choose("gotoconnect", "buy", "basic", "4")
    await s.press("ctrl+s")  # Add to Cart
    await s.on_screen("CartScreen")
    await s.until(lambda: s.q("#cart-items").row_count == 2, "both items")


async def edit_order(s, a) -> None:
    await dashboard(s, a)
    await s.press("c")
    await s.on_screen("CartScreen")
    await s.until(lambda: s.q("#cart-items").row_count == 2, "both items")
    await s.press("p")
    await s.on_screen("PlaceOrderScreen")
    await s.until(lambda: s.q("#order-lines").row_count == 2, "the order lines")
    await s.press("ctrl+e")
    await s.on_screen("EditOrderScreen")
    await s.until(lambda: s.q("#edit-items").row_count == 2, "the items")


async def trial_confirmation(s, a) -> None:
    await dashboard(s, a)
    await s.choose("logmein-pro", "try", None, "2")
    await s.press("ctrl+s")  # Start Trial
    await s.on_screen("TrialConfirmationScreen")
    await s.until(lambda: s.text("#trial-end"), "the trial")


async def messages(s, a) -> None:
    await trial_confirmation(s, a)
    await s.press("escape")
    await s.on_screen("DashboardScreen")
    await s.until(lambda: s.q("#subscriptions").row_count == 2, "the trial listed")
    await s.press("m")
    await s.on_screen("MessagesScreen")
    await s.until(lambda: s.q("#message-list").option_count == 1, "the welcome email")


async def users(s, a) -> None:
    """Step 11: one of the two GoToMeeting licenses assigned to the colleague."""
    await dashboard(s, a)
    await s.press("u")
    await s.on_screen("UsersScreen")
    await s.until(lambda: s.q("#users").row_count == 2, "the users")
    colleague = a.users[0].email
    s.q("#users").move_cursor(row=s.row_keys("#users").index(colleague))
    await s.press("a")
    await s.until(lambda: "GoToMeeting" in s.cell("#users", colleague, "products"),
                  "the license assigned")


# screen -> (the account to make, or None; the app's demo credentials, or None; the way there)
WORKED_EXAMPLE = {"billing_day": 15, "card_on_file": True, "subscriptions": HOLDING,
                  "extra_users": 1}
SCREENS: dict[str, tuple[dict | None, DemoCredentials | None, Journey]] = {
    "sign_in": (None, None, sign_in_screen),
    "sign_in_demo": (None, DEMO, sign_in_demo_screen),
    "dashboard": (WORKED_EXAMPLE, None, dashboard),
    "products": (WORKED_EXAMPLE, None, products),
    "level": (WORKED_EXAMPLE, None, level),
    "licenses": (WORKED_EXAMPLE, None, licenses),
    "licenses_refused": (WORKED_EXAMPLE, None, licenses_refused),
    "term": (WORKED_EXAMPLE, None, term),
    "place_order": (WORKED_EXAMPLE, None, place_order),
    "order_confirmation": (WORKED_EXAMPLE, None, order_confirmation),
    "cart": ({"cart": [TRAINING]}, None, cart),
    "edit_order": ({"cart": [TRAINING, CONNECT]}, None, edit_order),
    "trial_confirmation": ({"subscriptions": HOLDING}, None, trial_confirmation),
    "messages": ({"subscriptions": HOLDING}, None, messages),
    "users": (WORKED_EXAMPLE, None, users),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, make_account, session_type, database, screen, lang):
    spec, demo, journey = SCREENS[screen]
    account = None
    if spec is not None:
        account = make_account(country="FR", locale=lang, name=ACCOUNT_NAME, **spec)
    app = BillingCenterApp(connect.embedded(database), lang=lang, demo=demo)

    async def run_before(pilot) -> None:
        s = session_type(pilot.app, pilot)
        await journey(s, account)
        for field in pilot.app.screen.query(Input):  # a steady cursor: no blink to catch
            field.cursor_blink = False
        await s.settle()

    assert snap_compare(app, run_before=run_before, terminal_size=SIZE)
