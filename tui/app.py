"""The Billing Center's terminal app.

`BillingCenterApp(connector, lang=..., email=..., demo=...)`: the first frame is the sign-in
screen, drawn before the backend is imported; the `connector` (tui.connect) runs in a
thread worker right after it and hands over the `BillingClient` every screen calls (from
its own thread workers). Screens live in tui/screens (one module each, their widget ids in
their docstrings), shared widgets in tui/widgets, styles in .tcss files next to them.

App-wide: F2 switches the language (English / français) and re-renders every screen;
Ctrl+P opens the command palette (Add a new subscription, Cart, Manage user products,
Messages, the language, sign out); Ctrl+Q quits.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.reactive import reactive
from textual.screen import Screen

from tui.client import ClientError, ConnectionProblem
from tui.commands import BillingCommands
from tui.screens.base import N_, localize_bindings
from tui.text import SUPPORTED, Text, normalize

if TYPE_CHECKING:
    from tui.client import BillingClient
    from tui.connect import Connection, Connector
    from tui.demo import DemoCredentials

# How long a call waits for the backend to finish loading before it is refused.
CONNECT_TIMEOUT = 120.0
# Each screen's styles (nested under the screen's type, so none reaches another screen).
SCREEN_STYLES = Path(__file__).parent / "screens"


class BillingCenterApp(App[int]):
    # the sign-in screen is the default screen, whose own CSS_PATH Textual does not load
    CSS_PATH: ClassVar = ["app.tcss", "screens/sign_in.tcss"]
    COMMANDS: ClassVar = App.COMMANDS | {BillingCommands}
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "toggle_language", N_("Français"), priority=True),
        # shown at the key bar's right end (tui/widgets/key_bar.py), and ctrl+q as Textual
        # does: not twice
        Binding("ctrl+p", "command_palette", N_("Commands"), show=False, priority=True),
        Binding("ctrl+q", "quit", N_("Quit"), show=False, priority=True),
    ]

    language: reactive[str] = reactive("en", init=False)

    def __init__(self, connector: Connector, *, lang: str = "en", email: str | None = None,
                 demo: DemoCredentials | None = None, where: str = "",
                 demo_folder: str | None = None):
        super().__init__()
        self.set_reactive(BillingCenterApp.language, normalize(lang))
        self.text = Text(self.language)
        self.connector = connector
        self.prefill_email = email
        self.demo = demo
        self.where = where  # an address (URL, database) shown as given
        self.demo_folder = demo_folder
        self._client: BillingClient | None = None
        self._connect_error: ClientError | None = None
        self._connected = threading.Event()
        self.session = None  # SessionOut of the signed-in person
        self.account = None  # the latest AccountOut the dashboard loaded
        self._catalog = None

    # --- start-up -----------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        """The sign-in screen is the bottom of the stack: no blank screen is made, laid out
        and drawn under it before the first frame."""
        from tui.screens.sign_in import SignInScreen

        return SignInScreen()

    def on_mount(self) -> None:
        self._relabel_app()
        # The backend's imports (~0.5 s) hold the GIL: begun now, they would delay the
        # first frame; begun once it is drawn, they overlap the person reading it.
        self.call_after_refresh(self._start_connecting)

    # Set when `billing-center tui` owns the process's collector (see _start_connecting).
    _freeze_after_connecting = False

    def _start_connecting(self) -> None:
        if not gc.isenabled():  # paused by `billing-center tui` for the first frame
            gc.freeze()  # what start-up made stays: later passes need not look at it
            gc.enable()
            self._freeze_after_connecting = True
        self._read_screen_styles()
        self.run_worker(self._connect, thread=True, group="connect", exit_on_error=False)

    def _read_screen_styles(self) -> None:
        """Every screen's style file, read once the first frame is drawn. Textual re-parses
        its whole stylesheet (every widget's defaults included) each time a screen brings a
        file it has not read yet: a tenth of the app's time in the acceptance suite. Read
        here, the files are parsed once, with the next styles applied."""
        for path in sorted(SCREEN_STYLES.glob("*.tcss")):
            where = str(path.resolve())
            if not self.stylesheet.has_source(where, ""):
                self.stylesheet.read(where)

    def _connect(self) -> None:
        """Imports the backend (or httpx) and builds the client, after the first frame."""
        try:
            connection: Connection = self.connector(self.language)
        except ClientError as err:
            self._connect_error = err
        except Exception as err:  # the database or the server cannot be used: say why
            self.log.error(f"connecting failed: {err!r}")
            self._connect_error = ConnectionProblem(self.text.tr(
                "The Billing Center cannot be reached: {error}", error=str(err)))
        else:
            if self._freeze_after_connecting:
                # the backend's modules (SQLAlchemy, pydantic...) live as long as the app:
                # out of the collector's full passes, which would walk them all again and
                # again while the person types (frozen before the client is published)
                gc.freeze()
            connection.client.lang = self.language
            self._client = connection.client
            if connection.demo is not None:
                self.demo = connection.demo
        finally:
            self._connected.set()
        self.call_from_thread(self._connected_now)

    def _connected_now(self) -> None:
        self._relabel_app()
        from tui.screens.sign_in import SignInScreen

        for screen in self.screen_stack:
            if isinstance(screen, SignInScreen):
                screen.connected(self._connect_error)

    def wait_for_client(self) -> BillingClient:
        """The client, once connected (call from a worker thread, never the event loop)."""
        if not self._connected.wait(CONNECT_TIMEOUT):
            raise ConnectionProblem(self.text.tr("The Billing Center is still loading."))
        if self._client is None:
            assert self._connect_error is not None
            raise self._connect_error
        return self._client

    def where_text(self) -> str:
        """What the app talks to, for the title bar and the sign-in screen."""
        if self.demo_folder:
            return self.text.tr("demo: {folder}", folder=self.demo_folder)
        if self.where:
            return self.where
        return self._client.describe() if self._client is not None else ""

    @property
    def client(self) -> BillingClient | None:
        return self._client

    @property
    def currency(self) -> str:
        return self.account.currency if self.account is not None else "EUR"

    def cached_catalog(self, client: BillingClient) -> list:
        """The catalog (levels and prices of every product), fetched once per session."""
        if self._catalog is None:
            self._catalog = client.catalog()
        return self._catalog

    def load_catalog_quietly(self) -> None:
        """The catalog, if the Billing Center gives it (from a worker thread); a refusal
        only leaves the palette without its Buy and Try entries."""
        try:
            self.cached_catalog(self.wait_for_client())
        except ClientError:
            pass

    def loaded_catalog(self) -> list:
        return list(self._catalog or [])

    def choose_directly(self, product: Any, action: str) -> None:
        """Buy or Try a catalog product without the product list (the palette's entries)."""
        from tui.choice import Choice
        from tui.screens.level import LevelScreen
        from tui.screens.licenses import LicensesScreen

        choice = Choice(product=product, action=action)  # type: ignore[arg-type]
        if choice.several_levels:
            self.push_screen(LevelScreen(choice))
        else:
            choice.level = product.levels[0]
            self.push_screen(LicensesScreen(choice))

    # --- the session --------------------------------------------------------------------

    def signed_in(self, session) -> None:
        from tui.screens.dashboard import DashboardScreen

        self.session = session
        self.account = session.account
        self._catalog = None
        self._relabel_app()
        self.push_screen(DashboardScreen())

    def signed_out(self) -> None:
        """Back to the sign-in screen, every screen of the session closed."""
        from tui.screens.sign_in import SignInScreen

        self.session = None
        self.account = None
        self._catalog = None
        self._relabel_app()
        sign_in = next(s for s in self.screen_stack if isinstance(s, SignInScreen))
        self._pop_to_screen(sign_in)
        sign_in.signed_out()

    def session_ended(self, err: ClientError) -> None:
        """The Billing Center no longer knows this session: sign in again, told why."""
        from tui.screens.sign_in import SignInScreen

        self.signed_out()
        sign_in = next(s for s in self.screen_stack if isinstance(s, SignInScreen))
        sign_in.show_refusal(err)

    def back_to_dashboard(self, then: Screen | None = None) -> None:
        """Close every screen above the dashboard, then open `then` on top of it."""
        from tui.screens.dashboard import DashboardScreen

        dashboard = next((s for s in self.screen_stack if isinstance(s, DashboardScreen)), None)
        if dashboard is None:
            return

        async def reset() -> None:
            with self.batch_update():
                while self.screen is not dashboard:
                    await self.pop_screen()
                if then is not None:
                    await self.push_screen(then)

        self.call_later(reset)

    # --- language -----------------------------------------------------------------------

    def watch_language(self, lang: str) -> None:
        self.text = Text(lang)
        if self._client is not None:
            self._client.lang = lang
        self._relabel_app()

    def action_toggle_language(self) -> None:
        self.language = "fr" if self.language == "en" else "en"

    def set_language(self, lang: str) -> None:
        if lang in SUPPORTED:
            self.language = lang

    def _relabel_app(self) -> None:
        t = self.text
        self.title = t.label("billing_center")
        who = self.session.user.email if self.session else ""
        self.sub_title = " · ".join(part for part in (who, self.where_text()) if part)
        localize_bindings(self, t)

    # --- commands -----------------------------------------------------------------------

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(
                id="--command-palette", placeholder=self.text.tr("Search for commands…")))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        t = self.text
        yield SystemCommand(t.tr("Theme"), t.tr("Change the colours of the app"),
                            self.action_change_theme)
        yield SystemCommand(t.tr("Keys"), t.tr("Show the keys of this screen"),
                            self.action_show_help_panel)
        yield SystemCommand(t.tr("Quit"), t.tr("Leave the Billing Center"), self.action_quit)
