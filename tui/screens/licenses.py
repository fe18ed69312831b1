"""Step 6 (R6): the number of user licenses, in a modal.

Widget ids:
- Static#licenses-title: the product, its level, and "User licenses".
- Input#licenses (caption #licenses-label "User licenses"): what the person typed, "1" at
  first; any text may be typed.
- Static#licenses-range: the allowed range ("From 1 to 100").
- Static#licenses-error: why the value is refused, naming the range; empty when valid.
- Button#next: "Next"; disabled while the value is not a whole number in the range.
Enter in the field is Next; Escape goes back one step (the typed value is kept).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from tui.choice import Choice, parse_licenses
from tui.screens.base import L_, N_, BillingModal
from tui.widgets.field import Field
from tui.widgets.key_bar import KeyBar


class LicensesScreen(BillingModal):
    CSS_PATH = "licenses.tcss"
    ERROR_ID = "licenses-error"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "next", L_("next")),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self, choice: Choice):
        super().__init__()
        self.choice = choice

    @property
    def maximum(self) -> int:
        return self.choice.level.max_licenses

    def compose(self) -> ComposeResult:
        with Vertical(id="licenses-dialog"):
            yield Static(id="licenses-title", classes="title", markup=False)
            yield Static(id="licenses-range", classes="note", markup=False)
            yield Field("licenses", value=self.choice.licenses)
            with Horizontal(classes="actions"):
                yield Button(id="next", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#licenses", Input).focus()

    def relabel(self) -> None:
        t, choice = self.t, self.choice
        self.query_one("#licenses-title", Static).update(
            f"{choice.product.name} · {choice.level.name}")
        self.query_one("#licenses-field", Field).set_caption(t.label("licenses"), "1")
        self.query_one("#licenses-range", Static).update(
            t.tr("From 1 to {max}", max=self.maximum))
        self.query_one("#next", Button).label = t.label("next")
        self._check()

    def _check(self) -> int | None:
        """R6: refused at the field, naming the range; Next only when valid."""
        value = self.query_one("#licenses", Input).value
        count = parse_licenses(value, self.maximum)
        error = "" if count is not None else self.t.tr(
            "Enter a whole number of user licenses from 1 to {max}.", max=self.maximum)
        self.query_one("#licenses-field", Field).set_error(error)
        self.query_one("#next", Button).disabled = count is None
        return count

    @on(Input.Changed, "#licenses")
    def _typed(self, event: Input.Changed) -> None:
        self.choice.licenses = event.value
        self._check()

    @on(Input.Submitted, "#licenses")
    @on(Button.Pressed, "#next")
    def action_next(self) -> None:
        from tui.screens.term import TermScreen

        if self._check() is None:
            return
        self.choice.licenses = self.query_one("#licenses", Input).value.strip()
        self.app.push_screen(TermScreen(self.choice))

    def action_back(self) -> None:
        self.app.pop_screen()
