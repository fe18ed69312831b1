"""Draws the README's screenshots: the Place Order page of flow.md's worked example (a French
account on 2026-11-26 holding GoToMeeting Business, buying GoToWebinar Pro, 3 licenses,
annual), in English and in French, as SVG files next to this script.

    python3 docs/screenshots/make_screenshots.py

The app runs headless under Textual's Pilot on the embedded client over a throwaway SQLite
database; it waits on the screen's own state, never on fixed pauses.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # the repository, when run as a script

from backend.bootstrap import build  # noqa: E402
from backend.service_layer import testing  # noqa: E402
from backend.settings import Settings  # noqa: E402
from tui import connect  # noqa: E402
from tui.app import BillingCenterApp  # noqa: E402

SIZE = (120, 46)


async def until(app, pilot, condition, what: str, deadline: float = 60.0) -> None:
    end = time.monotonic() + deadline
    while True:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        try:
            if condition():
                return
        except Exception:  # not mounted yet
            pass
        if time.monotonic() > end:
            raise TimeoutError(f"{what}: still on {type(app.screen).__name__}")


def on(app, name: str):
    return lambda: type(app.screen).__name__ == name


async def place_order_page(database: str, lang: str, email: str, password: str,
                           out: Path) -> None:
    app = BillingCenterApp(connect.embedded(database), lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await until(app, pilot, lambda: app.client is not None, "loading")
        await pilot.press(*email, "enter", *password, "enter")
        await until(app, pilot, on(app, "DashboardScreen"), "sign-in")
        await pilot.press("a")
        await until(app, pilot, on(app, "ProductsScreen"), "products")
        await pilot.click("#buy-gotowebinar")
        await until(app, pilot, on(app, "LevelScreen"), "levels")
        levels = app.screen.query_one("#levels")
        levels.highlighted = levels.get_option_index("level-pro")
        await pilot.press("enter")
        await until(app, pilot, on(app, "LicensesScreen"), "licenses")
        await pilot.press("backspace", "3", "enter")
        await until(app, pilot, on(app, "TermScreen"), "term")
        await until(app, pilot, lambda: not app.screen.query_one("#primary-action").disabled,
                    "the cart")
        await pilot.press("y", "ctrl+s")
        await until(app, pilot, lambda: type(app.screen).__name__ == "PlaceOrderScreen"
                    and app.screen.query_one("#order-lines").row_count == 3, "the page")
        app.screen.query_one("#order-lines").focus()  # no blinking cursor in the picture
        await pilot.pause()
        app.save_screenshot(filename=out.name, path=str(out.parent))
    print(f"wrote {out}")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="billing-center-") as folder:
        database = f"sqlite:///{Path(folder) / 'screenshots.db'}"
        backend = build(Settings(database_url=database))
        for lang in ("en", "fr"):
            account = testing.create_test_account(
                backend.uow(), faker_seed=2026, country="FR", locale=lang,
                today=date(2026, 11, 26), billing_day=15, card_on_file=True,
                subscriptions=[{"product": "gotomeeting", "level": "business",
                                "licenses": 2, "term": "monthly"}])
            contact = account.billing_contact
            asyncio.run(place_order_page(database, lang, contact.email, contact.password,
                                         HERE / f"place-order-{lang}.svg"))
        backend.engine.dispose()


if __name__ == "__main__":
    main()
