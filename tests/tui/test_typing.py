"""Keys that reach the app together (a fast typist, a password manager, a slow SSH link)
are applied in the order they were typed, bound keys (Backspace, the arrows) included."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input

pytestmark = pytest.mark.anyio


def _burst(app, *keys: str) -> None:
    """Posts the keys at once, as the terminal driver does with what one read brought."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def test_a_backspace_and_a_digit_typed_together_keep_their_order(open_app):
    async with open_app("en") as ui:
        await ui.on_screen("SignInScreen")
        await ui.type_into("#email", "abc")
        _burst(ui.app, "backspace", "x")
        await ui.settle()
        assert ui.q("#email", Input).value == "abx"


async def test_arrows_home_and_typing_together_keep_their_order(open_app):
    async with open_app("en") as ui:
        await ui.on_screen("SignInScreen")
        await ui.type_into("#email", "bc")
        _burst(ui.app, "home", "a", "end", "d", "left", "backspace")
        await ui.settle()
        assert ui.q("#email", Input).value == "abd"
