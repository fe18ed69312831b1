"""The Billing Center's entries in the command palette (Ctrl+P), in the app's language:
Add a new subscription, Cart, Manage user products, Messages and Sign out once signed in,
Buy or Try each product of the catalog directly (the way in for a direct attempt: the
Billing Center itself says when it is not allowed, R0.1, R9.4), and the language at any
time."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from tui.app import BillingCenterApp


class BillingCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        app: BillingCenterApp = self.app  # type: ignore[assignment]
        t = app.text
        commands: list[tuple[str, str, Callable[[], Any]]] = []
        if app.session is not None:
            from tui.screens.dashboard import DashboardScreen

            def on_dashboard(action: str) -> None:
                dashboard = next(
                    (s for s in app.screen_stack if isinstance(s, DashboardScreen)), None)
                if dashboard is not None:
                    dashboard.run_action(action)

            for product in app.loaded_catalog():
                for action, help_text in (("buy", "Buy {product} without the product list"),
                                          ("try", "Try {product} without the product list")):
                    commands.append((f"{t.label(action)} {product.name}",
                                     t.tr(help_text, product=product.name),
                                     partial(app.choose_directly, product, action)))
            commands += [
                (t.label("add_subscription"), t.tr("Choose a product to buy or to try"),
                 partial(on_dashboard, "add_subscription")),
                (t.tr("Cart"), t.tr("The items waiting in the cart"),
                 partial(on_dashboard, "cart")),
                (t.label("manage_user_products"), t.tr("Assign licenses to users"),
                 partial(on_dashboard, "manage_users")),
                (t.tr("Messages"), t.tr("The emails this account received"),
                 partial(on_dashboard, "messages")),
                (t.tr("Sign out"), t.tr("End this session"),
                 partial(on_dashboard, "sign_out")),
            ]
        commands += [
            ("Language: English", "Show the Billing Center in English",
             partial(app.set_language, "en")),
            ("Langue : français", "Afficher le Centre de facturation en français",
             partial(app.set_language, "fr")),
        ]
        return commands

    async def startup(self) -> None:
        """The catalog, for the Buy and Try entries (read once per session, off the loop)."""
        app: BillingCenterApp = self.app  # type: ignore[assignment]
        if app.session is not None:
            await asyncio.to_thread(app.load_catalog_quietly)

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
