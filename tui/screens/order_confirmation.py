"""The order confirmation (step 10's result, R12.2, step 11's reminder).

Widget ids:
- Static#order-number: "Order BC-… placed on 26 nov. 2026".
- OrderLines#order-lines: every line of the order (tui/widgets/order_lines.py).
- Static#subtotal, Static#vat, Static#total-due (tui/widgets/totals.py).
- Static#card: the card charged (brand and last four digits).
- Static#activated: what is active now ("Active now: GoToWebinar Pro, 3 user licenses").
- Static#billing-day: the account's billing day now; Static#next-billing-date.
- Static#email-sent: that a confirmation email went to the billing contact.
- Static#assign-reminder and Button#manage-users ("Manage user products"), only when the
  order added licenses (step 11).
- Button#done: "Back to the dashboard".
Keys: u Manage user products, Escape or Enter back to the dashboard.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Header, Static

from tui.screens.base import L_, N_, BillingScreen
from tui.widgets.key_bar import KeyBar
from tui.widgets.order_lines import OrderLines
from tui.widgets.totals import Totals


class OrderConfirmationScreen(BillingScreen):
    CSS_PATH = "confirmation.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("u", "manage_users", L_("manage_user_products")),
        Binding("escape", "done", N_("Back to the dashboard")),
    ]

    def __init__(self, order: Any):
        super().__init__()
        self.order = order

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="confirmation"):
            yield Static(id="order-number", classes="title", markup=False)
            yield Static(id="activated", markup=False)
            yield OrderLines()
            with Horizontal(id="order-facts"):
                with Vertical(id="order-dates"):
                    yield Static(id="billing-day", markup=False)
                    yield Static(id="next-billing-date", markup=False)
                    yield Static(id="card", markup=False)
                yield Totals(id="totals")
            yield Static(id="email-sent", classes="note", markup=False)
            with Vertical(id="assign-box", classes="panel"):
                yield Static(id="assign-reminder", markup=False)
                yield Button(id="manage-users", variant="primary")
            with Horizontal(classes="actions"):
                yield Button(id="done")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#manage-users" if self.order.licenses_to_assign else "#done").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "manage_users":
            return bool(self.order.licenses_to_assign)
        return True

    def relabel(self) -> None:
        t, order = self.t, self.order
        currency = order.currency
        self.query_one("#order-number", Static).update(t.tr(
            "Order {number} placed on {date}", number=order.number, date=order.placed_on))
        new = [line for line in order.lines if line.kind == "new"]
        self.query_one("#activated", Static).update(t.pair(t.tr("Active now"), ", ".join(
            t.tr("{product} {level}, {licenses} user licenses", product=line.product_name,
                 level=line.level_name, licenses=line.licenses) for line in new)))
        self.query_one(OrderLines).show(t, order.lines, currency)
        self.query_one(Totals).show(t, order)
        self.query_one("#billing-day", Static).update(
            t.pair(t.tr("Billing day"), order.billing_day))
        self.query_one("#next-billing-date", Static).update(
            t.pair(t.tr("Next billing date"), t.date(order.next_billing_date)))
        card = order.card
        self.query_one("#card", Static).update(
            t.pair(t.tr("Paid with"), f"{str(card.brand).title()} •••• {card.last4}")
            if card.last4 else "")
        self.query_one("#email-sent", Static).update(
            t.tr("A confirmation email with these details is on its way."))
        self.query_one("#assign-box").display = bool(order.licenses_to_assign)
        self.query_one("#assign-reminder", Static).update(t.tr(
            "Licenses were added: assign them to users so that they can sign in."))
        self.query_one("#manage-users", Button).label = t.label("manage_user_products")
        self.query_one("#done", Button).label = t.tr("Back to the dashboard")

    @on(Button.Pressed, "#manage-users")
    def action_manage_users(self) -> None:
        from tui.screens.users import UsersScreen

        self.app.back_to_dashboard(then=UsersScreen())

    @on(Button.Pressed, "#done")
    def action_done(self) -> None:
        self.app.back_to_dashboard()
