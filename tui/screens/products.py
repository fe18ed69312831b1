"""Steps 3 and 4 (R2, R3, R4): the products this account can add, each with Buy and, when
offered, Try.

Widget ids:
- Static#products-title: "Add a new subscription".
- one Horizontal#product-<code> per offered product (code: "gotowebinar", "logmein-pro"),
  holding Static#name-<code> (the product's name), Static#about-<code> (its free trial and
  its price from), Button#buy-<code> ("Buy") and, only when a trial is offered,
  Button#try-<code> ("Try").
- Static#no-products when the account already holds every product.
- Static#products-error: a refusal.
Keys: up/down move between products, b buys and t tries the product in focus, Enter
presses the button in focus, Escape goes back to the dashboard.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Header, Static

from tui.choice import Action, Choice
from tui.client import ClientError
from tui.screens.base import L_, N_, StepScreen
from tui.widgets.error import ErrorLine
from tui.widgets.key_bar import KeyBar


class ProductsScreen(StepScreen):
    CSS_PATH = "products.tcss"
    ERROR_ID = "products-error"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "choose('buy')", L_("buy")),
        Binding("t", "choose('try')", L_("try")),
        Binding("down", "move(1)", N_("Next product"), show=False),
        Binding("up", "move(-1)", N_("Previous product"), show=False),
    ]

    def __init__(self, products: list[Any]):
        super().__init__()
        self.products = products

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="products"):
            yield Static(id="products-title", classes="title", markup=False)
            for product in self.products:
                code = product.code
                with Horizontal(id=f"product-{code}", classes="product"):
                    with Vertical(classes="product-text"):
                        yield Static(id=f"name-{code}", classes="product-name", markup=False)
                        yield Static(id=f"about-{code}", classes="note", markup=False)
                    yield Button(id=f"buy-{code}", variant="primary")
                    if product.can_try:
                        yield Button(id=f"try-{code}")
            yield Static(id="no-products", markup=False)
            yield ErrorLine(id="products-error")
        yield KeyBar()

    def on_mount(self) -> None:
        buttons = self.query(".product Button")
        if buttons:
            buttons.first().focus()

    def relabel(self) -> None:
        t = self.t
        currency = self.app.currency
        self.query_one("#products-title", Static).update(t.label("add_subscription"))
        for product in self.products:
            code = product.code
            self.query_one(f"#name-{code}", Static).update(product.name)
            cheapest = min(level.monthly for level in product.levels)
            about = [t.tr("from {price} per license per month",
                          price=t.money(cheapest, currency))]
            if len(product.levels) > 1:
                about.append(t.tr("{count} levels", count=len(product.levels)))
            if product.can_try and product.trial_days:
                about.append(t.tr("free trial of {days} days", days=product.trial_days))
            self.query_one(f"#about-{code}", Static).update(" · ".join(about))
            self.query_one(f"#buy-{code}", Button).label = t.label("buy")
            if product.can_try:
                self.query_one(f"#try-{code}", Button).label = t.label("try")
        empty = self.query_one("#no-products", Static)
        empty.update(t.tr("This account already holds every product."))
        empty.display = not self.products

    # --- choosing -----------------------------------------------------------------------

    def _focused_product(self) -> Any | None:
        focused = self.focused
        while focused is not None and not focused.has_class("product"):
            focused = focused.parent  # type: ignore[assignment]
        if focused is None:
            return self.products[0] if len(self.products) == 1 else None
        code = (focused.id or "").removeprefix("product-")
        return next((p for p in self.products if p.code == code), None)

    def action_choose(self, action: Action) -> None:
        product = self._focused_product()
        if product is None:
            return
        if action == "try" and not product.can_try:
            # said at once, in the Billing Center's words, rather than after the level and
            # the licenses have been asked for (the Start Trial call would be refused)
            self.show_refusal(ClientError("trial_not_allowed", self.t.tr(
                "A free trial of {product} is not available for this account.",
                product=product.name)))
            return
        self.choose(product, action)

    def action_move(self, step: int) -> None:
        rows = list(self.query(".product"))
        if not rows:
            return
        current = self._focused_product()
        index = next((i for i, row in enumerate(rows)
                      if current is not None and row.id == f"product-{current.code}"), -1)
        target = rows[(index + step) % len(rows)]
        target.query(Button).first().focus()

    @on(Button.Pressed, ".product Button")
    def _pressed(self, event: Button.Pressed) -> None:
        action, _, code = (event.button.id or "").partition("-")
        product = next(p for p in self.products if p.code == code)
        self.choose(product, "try" if action == "try" else "buy")

    def choose(self, product: Any, action: Action) -> None:
        """R3: one product at a time; R5: the level step only when there are several."""
        from tui.screens.level import LevelScreen
        from tui.screens.licenses import LicensesScreen

        choice = Choice(product=product, action=action)
        if choice.several_levels:
            self.app.push_screen(LevelScreen(choice))
        else:
            choice.level = product.levels[0]
            self.app.push_screen(LicensesScreen(choice))
