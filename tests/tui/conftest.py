"""The TUI under Textual's Pilot, on the embedded client over a temporary SQLite database.

- ``database``: a fresh, migrated SQLite file (the catalog loaded); its URL.
- ``make_account(**spec)``: a test account on it (``testing.create_test_account``'s
  options); returns its billing contact's and users' credentials.
- ``open_app(lang, connector=None)``: an async context manager yielding a ``Session`` (the
  app, its pilot and helpers that wait on conditions, never on fixed pauses); the app
  runs on the embedded client over ``database`` unless another connector is given.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, Static

from backend.bootstrap import build
from backend.service_layer import testing
from backend.settings import Settings
from steps.drivers import tui_memory
from tui import connect
from tui.app import BillingCenterApp

TODAY = date(2026, 11, 26)  # flow.md's worked example
WAIT = 30.0  # seconds a condition may take (argon2 and migrations on a busy 2-core box)


@pytest.fixture(autouse=True)
def _collector_around_each_app():
    """Each test runs a Textual app beside pytest and the backend: the collector's full
    passes wait until it is over, as around the tui driver's scenarios."""
    tui_memory.scenario_started()
    yield
    tui_memory.scenario_finished()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def database(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'tui.db'}"
    backend = build(Settings(database_url=url))
    backend.engine.dispose()
    return url


@pytest.fixture
def make_account(database) -> Callable[..., object]:
    def make(**spec: object):
        backend = build(Settings(database_url=database), migrate=False)
        try:
            spec.setdefault("today", TODAY)
            return testing.create_test_account(backend.uow(), faker_seed=7, **spec)
        finally:
            backend.engine.dispose()

    return make


@dataclass
class Session:
    app: BillingCenterApp
    pilot: Pilot

    async def settle(self) -> None:
        """Every call finished and its outcome drawn."""
        await self.pilot.pause()
        await self.app.workers.wait_for_complete()
        await self.pilot.pause()

    async def until(self, condition: Callable[[], object], what: str) -> None:
        """Waits (on the app's own events) until `condition()` is true, with a deadline."""
        deadline = time.monotonic() + WAIT
        while True:
            await self.settle()
            try:
                if condition():
                    return
            except Exception:  # a widget that is not mounted yet
                pass
            if time.monotonic() > deadline:
                errors = {w.id: str(w.content) for w in self.app.screen.query(".error")
                          if str(w.content)}
                raise AssertionError(f"timed out waiting for {what}; screen: "
                                     f"{type(self.app.screen).__name__}, errors: {errors}")

    async def on_screen(self, name: str) -> None:
        await self.until(lambda: type(self.app.screen).__name__ == name, name)

    def q(self, selector: str, kind: type[Widget] = Widget) -> Widget:
        return self.app.screen.query_one(selector, kind)

    def text(self, selector: str) -> str:
        """What a Static, a Button or a toggle shows, no-break spaces as spaces."""
        widget = self.q(selector)
        shown = getattr(widget, "label", None)
        if shown is None:
            shown = widget.content  # type: ignore[attr-defined]
        return str(shown).replace("\u202f", " ").replace("\xa0", " ")

    def shown(self, selector: str) -> bool:
        found = self.app.screen.query(selector)
        return bool(found) and found.first().display

    def cells(self, selector: str) -> list[list[str]]:
        table = self.q(selector, DataTable)
        return [[str(cell).replace("\u202f", " ").replace("\xa0", " ")
                 for cell in table.get_row_at(i)] for i in range(table.row_count)]

    def cell(self, selector: str, row: str, column: str) -> str:
        """One cell by row key and column key, no-break spaces as spaces."""
        value = self.q(selector, DataTable).get_cell(row, column)
        return str(value).replace("\u202f", " ").replace("\xa0", " ")

    def row_keys(self, selector: str) -> list[str]:
        table = self.q(selector, DataTable)
        return [row.key.value for row in table.ordered_rows]

    async def type_into(self, selector: str, text: str) -> None:
        """Focus an input, empty it and type `text` key by key."""
        widget = self.q(selector)
        widget.focus()
        await self.settle()
        widget.value = ""  # type: ignore[attr-defined]
        if text:
            await self.pilot.press(*text)
        await self.settle()

    async def press(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.settle()

    async def click(self, selector: str) -> None:
        await self.pilot.click(selector)
        await self.settle()

    async def sign_in(self, email: str, password: str) -> None:
        await self.on_screen("SignInScreen")
        await self.until(lambda: self.app.client is not None, "the backend to load")
        await self.type_into("#email", email)
        await self.type_into("#password", password)
        await self.press("enter")
        await self.on_screen("DashboardScreen")
        await self.until(lambda: self.text("#billing-day"), "the account")

    async def choose(self, product: str, action: str, level: str | None,
                     licenses: str) -> None:
        """Steps 2 to 6: Add a new subscription, the product, Buy or Try, the level (when
        asked), the licenses and Next; returns on the term step, its button ready."""
        await self.press("a")
        await self.on_screen("ProductsScreen")
        await self.click(f"#{action}-{product}")
        if level is not None:
            await self.on_screen("LevelScreen")
            levels = self.q("#levels")
            levels.highlighted = levels.get_option_index(f"level-{level}")  # type: ignore
            await self.press("enter")
        await self.on_screen("LicensesScreen")
        await self.type_into("#licenses", licenses)
        await self.press("enter")
        await self.on_screen("TermScreen")
        await self.until(lambda: not self.q("#primary-action").disabled, "the primary action")

    def static(self, selector: str) -> Static:
        return self.q(selector, Static)  # type: ignore[return-value]


@pytest.fixture
def open_app(database):
    @asynccontextmanager
    async def run(lang: str = "en", connector: connect.Connector | None = None,
                  **options: object) -> AsyncIterator[Session]:
        app = BillingCenterApp(connector or connect.embedded(database), lang=lang, **options)
        async with app.run_test(size=(130, 50)) as pilot:
            session = Session(app, pilot)
            yield session

    return run
