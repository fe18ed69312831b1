"""Steps 7 and 8 (R7, R8.2, R8.3, R9): Monthly or Annual when buying, then the primary
action.

Widget ids:
- Static#summary-product, Static#summary-level, Static#summary-licenses: what was chosen.
- RadioSet#term, titled by its border, with RadioButton#term-monthly ("Monthly") and
  RadioButton#term-annual ("Annual"); only when buying (R7), Monthly pressed at first.
- Static#estimate: the subscription rate of the chosen term and the amount for the licenses.
- Button#primary-action: "Place Order" when the cart is empty, "Add to Cart" when it holds
  items (the cart's primary action, R8.2/R8.3), "Start Trial" when trying (R9). Disabled
  (and loading) until the cart is known.
- Static#licenses-error, Static#level-error, Static#term-error, Static#product-error:
  refusals at those fields; Static#choice-error: any other refusal.
Keys: m Monthly, y Annual (buy only), Ctrl+S the primary action, Escape back to the
licenses (kept as typed).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Header, RadioButton, RadioSet, Static

from tui.choice import Choice
from tui.screens.base import L_, N_, StepScreen
from tui.widgets.error import ErrorLine
from tui.widgets.key_bar import KeyBar


class TermScreen(StepScreen):
    CSS_PATH = "term.tcss"
    ERROR_ID = "choice-error"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "term('monthly')", L_("monthly")),
        Binding("y", "term('annual')", L_("annual")),
        Binding("ctrl+s", "primary", N_("Confirm")),
    ]

    def __init__(self, choice: Choice):
        super().__init__()
        self.choice = choice
        self.cart: Any = None

    @property
    def buying(self) -> bool:
        return self.choice.action == "buy"

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="term-step"):
            with Vertical(id="summary", classes="panel"):
                yield Static(id="summary-product", classes="title", markup=False)
                yield Static(id="summary-level", markup=False)
                yield Static(id="summary-licenses", markup=False)
            for field in ("product", "level", "licenses"):
                yield ErrorLine(id=f"{field}-error")
            if self.buying:
                with RadioSet(id="term"):
                    yield RadioButton(id="term-monthly", value=self.choice.term == "monthly")
                    yield RadioButton(id="term-annual", value=self.choice.term == "annual")
                yield ErrorLine(id="term-error")
            yield Static(id="estimate", classes="note", markup=False)
            yield ErrorLine(id="choice-error")
            with Horizontal(classes="actions"):
                yield Button(id="primary-action", variant="primary", disabled=self.buying)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#term" if self.buying else "#primary-action").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "term":
            return self.buying  # R7: no term is asked for a trial
        return True

    def load(self) -> None:
        if self.buying:
            self._load_cart()

    def returned(self) -> None:
        if self.buying:  # the cart may have changed on the screens above
            self._load_cart()

    def _load_cart(self) -> None:
        def loaded(cart: Any) -> None:
            self.cart = cart
            self.query_one("#primary-action", Button).disabled = False
            self.relabel()

        self.call(lambda client: client.cart(), loaded, busy="#primary-action", group="cart")

    def relabel(self) -> None:
        t, choice = self.t, self.choice
        action = t.label("buy") if self.buying else t.label("try")
        self.query_one("#summary-product", Static).update(f"{choice.product.name} · {action}")
        self.query_one("#summary-level", Static).update(
            t.pair(t.label("level"), choice.level.name))
        self.query_one("#summary-licenses", Static).update(
            t.pair(t.label("licenses"), choice.licenses))
        button = self.query_one("#primary-action", Button)
        if self.buying:
            terms = self.query_one("#term", RadioSet)
            terms.border_title = t.tr("Term")
            self.query_one("#term-monthly", RadioButton).label = t.label("monthly")
            self.query_one("#term-annual", RadioButton).label = t.label("annual")
            # R8.2/R8.3: Place Order with an empty cart, Add to Cart otherwise
            button.label = t.label(self.cart.primary_action) if self.cart else t.label(
                "place_order")
        else:
            button.label = t.label("start_trial")
        self.set_binding_description("ctrl+s", str(button.label))
        self._estimate()

    def _estimate(self) -> None:
        t, choice = self.t, self.choice
        currency, level = self.app.currency, choice.level
        estimate = self.query_one("#estimate", Static)
        if not self.buying:
            days = choice.product.trial_days
            estimate.update(t.tr("Free for {days} days: no payment, no VAT.", days=days)
                            if days else "")
            return
        rate = level.monthly if choice.term == "monthly" else level.annual
        per = (t.tr("per license per month") if choice.term == "monthly"
               else t.tr("per license per year"))
        amount = rate * int(choice.licenses)
        estimate.update(t.tr("{rate_label}: {rate} {per} · {licenses} × {rate} = {amount}",
                             rate_label=t.label("rate"), rate=t.money(rate, currency),
                             per=per, licenses=choice.licenses,
                             amount=t.money(amount, currency)))

    @on(RadioSet.Changed, "#term")
    def _term_changed(self, event: RadioSet.Changed) -> None:
        self.choice.term = "annual" if event.pressed.id == "term-annual" else "monthly"
        self._estimate()

    def action_term(self, term: str) -> None:
        self.query_one(f"#term-{term}", RadioButton).value = True

    @on(Button.Pressed, "#primary-action")
    def action_primary(self) -> None:
        button = self.query_one("#primary-action", Button)
        if button.disabled:
            return
        self.clear_errors()
        button.disabled = True
        choice = self.choice
        product, level, licenses = choice.product.code, choice.level.code, choice.licenses

        def refused(err) -> None:
            button.disabled = False
            self.show_refusal(err)

        if not self.buying:
            from tui.screens.trial_confirmation import TrialConfirmationScreen

            def started(trial: Any) -> None:
                button.disabled = False
                self.app.back_to_dashboard(then=TrialConfirmationScreen(trial))

            self.call(lambda client: client.start_trial(product, level, licenses), started,
                      refused=refused, busy="#term-step")
            return

        term = choice.term
        placing = self.cart is None or self.cart.primary_action == "place_order"

        def added(cart: Any) -> None:
            from tui.screens.cart import CartScreen
            from tui.screens.place_order import PlaceOrderScreen

            button.disabled = False
            self.cart = cart
            # R8.2: Place Order opens the Place Order page; R8.3: Add to Cart shows the cart
            self.app.push_screen(PlaceOrderScreen() if placing else CartScreen(cart))

        self.call(lambda client: client.add_to_cart(product, level, licenses, term), added,
                  refused=refused, busy="#term-step")
