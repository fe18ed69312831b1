"""The trial confirmation (R9.1, R9.2, R9.3): the trial has started.

Widget ids:
- Static#trial-title: that the free trial has started.
- Static#trial-product (the product's name), Static#trial-level (the level's name),
  Static#trial-licenses (the number of user licenses), Static#trial-end (the trial's last
  day), each "Caption: value" in the app's language.
- Static#email-sent: that a welcome email went to the billing contact.
- Button#done: "Back to the dashboard".
Keys: Escape or Enter back to the dashboard.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Header, Static

from tui.screens.base import N_, BillingScreen
from tui.widgets.key_bar import KeyBar


class TrialConfirmationScreen(BillingScreen):
    CSS_PATH = "confirmation.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "done", N_("Back to the dashboard")),
    ]

    def __init__(self, trial: Any):
        super().__init__()
        self.trial = trial

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="trial"):
            yield Static(id="trial-title", markup=False)
            with Vertical(id="trial-facts"):
                yield Static(id="trial-product", markup=False)
                yield Static(id="trial-level", markup=False)
                yield Static(id="trial-licenses", markup=False)
                yield Static(id="trial-end", markup=False)
            yield Static(id="email-sent", classes="note", markup=False)
            with Horizontal(classes="actions"):
                yield Button(id="done", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#done").focus()

    def relabel(self) -> None:
        t, sub = self.t, self.trial.subscription
        self.query_one("#trial-title", Static).update(
            t.tr("Your free trial of {product} has started.", product=sub.product_name))
        self.query_one("#trial-product", Static).update(t.pair(t.tr("Product"),
                                                               sub.product_name))
        self.query_one("#trial-level", Static).update(t.pair(t.label("level"),
                                                             sub.level_name))
        self.query_one("#trial-licenses", Static).update(t.pair(t.label("licenses"),
                                                                sub.licenses))
        self.query_one("#trial-end", Static).update(
            t.pair(t.tr("Trial ends on"), t.date(self.trial.trial_end)))
        self.query_one("#email-sent", Static).update(
            t.tr("A welcome email is on its way to the billing contact."))
        self.query_one("#done", Button).label = t.tr("Back to the dashboard")

    @on(Button.Pressed, "#done")
    def action_done(self) -> None:
        self.app.back_to_dashboard()
