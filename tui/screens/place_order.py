"""The Place Order page (steps 9 and 10, R10, R11, R12.4).

Widget ids:
- Static#place-order-title: "Place Order".
- Static#today ("Today: …", the account's clock), Static#billing-day ("New billing day:
  26", the billing day once the order is placed: today's day, R10.3),
  Static#next-billing-date.
- OrderLines#order-lines (tui/widgets/order_lines.py): every line, new items, credits and
  renewals; headers include "Billing period" and "Subscription rate".
- Static#lines-note: why there are credit and renewal lines (R10.3), when there are.
- Static#subtotal, Static#vat (rate and amount, or the reverse-charge wording),
  Static#total-due ("Total due: …") (tui/widgets/totals.py).
- Button#edit-order: "Edit Order".
- Input#vat-number ("VAT number"; the account's saved number at first) with
  Static#vat-number-error; Enter (or leaving the field) recomputes the page with it.
- Static#payment-title: "Payment details".
- Checkbox#use-saved-card ("Use the card on file: Visa •••• 4242, expires 12/2030"), only
  when the account has a card on file; checked at first, and the card fields are then
  disabled.
- Input#card-name, Input#card-number, Input#card-exp-month, Input#card-exp-year,
  Input#card-cvc, each with Static#<id>-error (a refusal of the card's expiry as a whole,
  "card.expiry", shows at #card-exp-month-error).
- Static#order-error: a refusal tied to no field here (declined card, gateway fault, empty
  cart, licenses assigned since…).
- Button#place-order: "Place Order".
One submission keeps one idempotency key (`submission_key`) until it is refused: a second
press while it runs does nothing, and pressing again after a lost connection re-sends the
same key, so the Billing Center places one order (R12.4).
Keys: Ctrl+S Place Order, Ctrl+E Edit Order, Escape back.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Header, Input, Static

from tui.client import CardInput, ClientError, ConnectionProblem
from tui.screens.base import L_, StepScreen
from tui.widgets.error import ErrorLine
from tui.widgets.field import Field
from tui.widgets.key_bar import KeyBar
from tui.widgets.order_lines import OrderLines
from tui.widgets.totals import Totals

CARD_FIELDS = ("card-name", "card-number", "card-exp-month", "card-exp-year", "card-cvc")


class PlaceOrderScreen(StepScreen):
    CSS_PATH = "place_order.tcss"
    ERROR_ID = "order-error"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "place_order", L_("place_order")),
        # priority: the fields' own ctrl+e (end of line) must not swallow it
        Binding("ctrl+e", "edit_order", L_("edit_order"), priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.checkout: Any = None
        self.account: Any = None
        self.submission_key = uuid.uuid4().hex
        self.placing = False
        self._vat_quoted: str | None = None  # the VAT number the shown page was computed for

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="place-order-page"):
            yield Static(id="place-order-title", classes="title", markup=False)
            with Horizontal(id="dates"):
                yield Static(id="today", markup=False)
                yield Static(id="billing-day", markup=False)
                yield Static(id="next-billing-date", markup=False)
            yield OrderLines()
            yield Static(id="lines-note", classes="note", markup=False)
            with Horizontal(id="vat-and-totals"):
                with Vertical(id="vat-box"):
                    yield Field("vat-number", max_length=20, compact=True)
                    yield Button(id="edit-order")
                yield Totals(id="totals")
            with Vertical(id="payment", classes="panel"):
                yield Static(id="payment-title", classes="title", markup=False)
                yield Checkbox(id="use-saved-card", value=True, compact=True)
                yield Field("card-name", max_length=80, compact=True, advance=True)
                with Horizontal(id="card-row"):
                    yield Field("card-number", max_length=23, classes="wide", compact=True,
                                advance=True)
                    yield Field("card-exp-month", max_length=2, compact=True, advance=True)
                    yield Field("card-exp-year", max_length=4, compact=True, advance=True)
                    # longer than a CVC, so that a wrong one can be typed and refused at the field
                    yield Field("card-cvc", max_length=8, password=True, compact=True)
            yield ErrorLine(id="order-error")
            with Horizontal(classes="actions"):
                yield Button(id="place-order", variant="success")
        yield KeyBar()

    # --- the page -----------------------------------------------------------------------

    def load(self) -> None:
        self.query_one("#use-saved-card").display = False
        self.recompute(first=True)

    def returned(self) -> None:
        self.recompute()  # back from Edit Order: everything recomputed (R10.5, R8.5)

    def recompute(self, *, first: bool = False) -> None:
        vat = None if first else self._typed_vat()

        def shown(result: tuple[Any, Any]) -> None:
            self.checkout, self.account = result
            self._vat_quoted = vat
            if first and self.account.vat_number:
                self.query_one("#vat-number", Input).value = self.account.vat_number
                self._vat_quoted = self.account.vat_number
            if first:
                self._show_payment_choice()
                self.query_one("#vat-number", Input).focus()  # the first thing to fill in
            self.submission_key = uuid.uuid4().hex  # another page, another submission
            self.relabel()

        # later recomputes cover only the figures: a loading page would take the focus
        # from the field the person is typing in
        busy = "#place-order-page" if first else "#totals"
        self.call(lambda client: (client.checkout(vat), client.account()), shown,
                  refused=self._refused_page, busy=busy, group="checkout")

    def _refused_page(self, err: ClientError) -> None:
        if err.code == "cart_empty":  # R10.5: an empty cart has no Place Order page
            from tui.screens.cart import CartScreen

            self.app.back_to_dashboard(then=CartScreen())
            return
        self.show_refusal(err)

    def _typed_vat(self) -> str | None:
        return self.query_one("#vat-number", Input).value.strip() or None

    def relabel(self) -> None:
        t = self.t
        self.query_one("#place-order-title", Static).update(t.label("place_order"))
        self.query_one("#vat-number-field", Field).set_caption(t.label("vat_number"),
                                                               "FR40303265045")
        self.query_one("#edit-order", Button).label = t.label("edit_order")
        self.query_one("#payment-title", Static).update(t.label("payment_details"))
        captions = {
            "card-name": t.tr("Cardholder name"), "card-number": t.tr("Card number"),
            "card-exp-month": t.tr("Expiry month"), "card-exp-year": t.tr("Expiry year"),
            "card-cvc": t.tr("CVC"),
        }
        placeholders = {"card-name": t.tr("As printed on the card"),
                        "card-number": "4242 4242 4242 4242", "card-exp-month": "MM",
                        "card-exp-year": t.tr("YYYY"), "card-cvc": "123"}
        for field_id, caption in captions.items():
            self.query_one(f"#{field_id}-field", Field).set_caption(
                caption, placeholders.get(field_id, ""))
        self.query_one("#place-order", Button).label = t.label("place_order")
        if self.account is not None and self.account.card is not None:
            self.query_one("#use-saved-card", Checkbox).label = t.tr(
                "Use the card on file: {card}", card=t.card(self.account.card))
        if self.checkout is not None:
            self._show_checkout()

    def _show_checkout(self) -> None:
        t, page = self.t, self.checkout
        self.query_one("#today", Static).update(t.pair(t.tr("Today"), t.date(page.today)))
        self.query_one("#billing-day", Static).update(
            t.pair(t.tr("New billing day"), page.billing_day))
        self.query_one("#next-billing-date", Static).update(
            t.pair(t.tr("Next billing date"), t.date(page.next_billing_date)))
        self.query_one(OrderLines).show(t, page.lines, page.currency)
        note = self.query_one("#lines-note", Static)
        note.update(t.tr("Your subscriptions now share one billing date, today: each one you "
                         "hold is credited for its unused days and renewed from today."))
        note.display = any(line.kind == "credit" for line in page.lines)
        self.query_one(Totals).show(t, page)

    def _show_payment_choice(self) -> None:
        has_card = self.account.card is not None
        box = self.query_one("#use-saved-card", Checkbox)
        box.display = has_card
        box.value = has_card
        self._card_fields_enabled(not has_card)

    def _card_fields_enabled(self, enabled: bool) -> None:
        for field_id in CARD_FIELDS:
            self.query_one(f"#{field_id}", Input).disabled = not enabled

    @on(Checkbox.Changed, "#use-saved-card")
    def _saved_card_toggled(self, event: Checkbox.Changed) -> None:
        self._card_fields_enabled(not event.value)

    @on(Input.Submitted, "#vat-number")
    @on(Input.Blurred, "#vat-number")
    def _vat_entered(self) -> None:
        if self.checkout is not None and self._typed_vat() != self._vat_quoted:
            self.query_one("#vat-number-field", Field).set_error("")
            self.recompute()

    # --- actions ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return not self.placing  # the order's outcome must be seen, not left behind
        return True

    @on(Button.Pressed, "#edit-order")
    def action_edit_order(self) -> None:
        from tui.screens.edit_order import EditOrderScreen

        if not self.placing:
            self.app.push_screen(EditOrderScreen())

    def _card(self) -> CardInput | None:
        if self.query_one("#use-saved-card", Checkbox).value and self.account.card:
            return None
        value = {f: self.query_one(f"#{f}", Input).value.strip() for f in CARD_FIELDS}
        return CardInput(name=value["card-name"], number=value["card-number"],
                         exp_month=value["card-exp-month"], exp_year=value["card-exp-year"],
                         cvc=value["card-cvc"])

    @on(Button.Pressed, "#place-order")
    def action_place_order(self) -> None:
        if self.placing or self.checkout is None:
            return  # one submission at a time: a double press makes one order
        from tui.screens.order_confirmation import OrderConfirmationScreen

        self.clear_errors()
        card, key, vat = self._card(), self.submission_key, self._typed_vat()
        self.placing = True
        self.query_one("#place-order", Button).disabled = True
        self.refresh_bindings()

        def placed(order: Any) -> None:
            self._settled()
            self.app.back_to_dashboard(then=OrderConfirmationScreen(order))

        def refused(err: ClientError) -> None:
            self._settled()
            if not isinstance(err, ConnectionProblem):
                # refused: nothing was placed; the next press is a new submission
                self.submission_key = uuid.uuid4().hex
            self.show_refusal(err)

        self.call(lambda client: client.place_order(
            idempotency_key=key, card=card, use_saved_card=card is None, vat_number=vat),
            placed, refused=refused, busy="#place-order", group="order")

    def _settled(self) -> None:
        self.placing = False
        self.query_one("#place-order", Button).disabled = False
        self.refresh_bindings()
