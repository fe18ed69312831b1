"""The key bar at the bottom of every screen: it shows the keys the focused place offers, in
the app's words, follows the focus, dims a key whose action is unavailable, and a click on a
key presses it."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from tui.widgets.key_bar import KeyBar

pytestmark = pytest.mark.anyio


class Pad(App[None]):
    BINDINGS = [Binding("a", "add", "Add"), Binding("h", "hidden", "Hidden", show=False),
                Binding("x", "nothing", "Unavailable")]

    def __init__(self) -> None:
        super().__init__()
        self.added = 0

    def compose(self) -> ComposeResult:
        yield Static("nothing to focus: a field with the focus would take the letters")
        yield KeyBar()

    def action_add(self) -> None:
        self.added += 1

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "nothing" else True


class WithFieldKey(Input):
    BINDINGS = [Binding("ctrl+e", "erase", "Erase")]


class PadWithFieldKey(Pad):
    def compose(self) -> ComposeResult:
        yield WithFieldKey(id="field")
        yield Input(id="other")
        yield KeyBar()


async def test_it_shows_the_keys_to_show_and_dims_an_unavailable_one():
    async with Pad().run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        bar = pilot.app.query_one(KeyBar)
        assert "Add" in bar.descriptions and "Unavailable" in bar.descriptions
        assert "Hidden" not in bar.descriptions
        text = bar.render()
        assert text.plain.startswith(" a Add")
        unavailable = [span for span in bar._spans if span[2].description == "Unavailable"]
        assert unavailable and not unavailable[0][2].enabled
        assert "^p" in text.plain  # the command palette's key, at the right end
        assert text.plain.rstrip().endswith(bar._palette.description)


async def test_it_follows_the_focus():
    async with PadWithFieldKey().run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        bar = pilot.app.query_one(KeyBar)
        pilot.app.query_one("#other").focus()
        await pilot.pause()
        assert "Erase" not in bar.descriptions
        pilot.app.query_one("#field").focus()
        await pilot.pause()
        assert "Erase" in bar.descriptions  # the focused field's own key
        assert "Add" not in bar.descriptions  # a letter typed there goes into the field


async def test_a_click_on_a_key_presses_it():
    async with Pad().run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        bar = pilot.app.query_one(KeyBar)
        start, end, key = next(span for span in bar._spans if span[2].key == "a")
        assert await pilot.click(KeyBar, offset=(start + 1, 0))
        await pilot.pause()
        assert pilot.app.added == 1
        await pilot.click(KeyBar, offset=(end + 40, 0))  # between the keys: nothing
        await pilot.pause()
        assert pilot.app.added == 1
