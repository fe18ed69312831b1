"""The dashboard (steps 2 and 11, R0.1, R0.2): the account's subscriptions and where to go
next.

Widget ids:
- Static#account: the account's name, country and currency.
- Static#today: the account's today (its clock, R14).
- Static#billing-day: "Billing day: 15".
- Static#card: the card on file ("Visa •••• 4242, expires 12/2030") or that there is none.
- Static#vat-number: the VAT number saved on the account (R11.2), when there is one.
- Static#cart-count: how many items wait in the cart.
- DataTable#subscriptions, one row per subscription (row key: product code), columns
  (keys): product, level, status (Active / Trial / Expired), licenses ("assigned / total"),
  term (Monthly / Annual, "–" for a trial), period ("start – end"; a trial's period is
  the trial itself, its end the trial's last day), next_billing (the next billing date,
  "–" for a trial).
- Button#add-subscription: "Add a new subscription" (key a), only when this person may add;
  otherwise Static#cannot-add says why, and Static#portal-link shows the Corporate Billing
  Portal's URL when the account has one (enterprise accounts). The key a still makes the
  attempt, so the Billing Center's own refusal shows in Static#dashboard-error.
- Button#cart (c), Button#manage-users ("Manage user products", u), Button#messages (m),
  Button#sign-out (o); r reloads.
- Static#dashboard-error: a refusal.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Header, Static

from tui.screens.base import L_, N_, BillingScreen, localize_bindings
from tui.widgets.error import ErrorLine
from tui.widgets.key_bar import KeyBar
from tui.widgets.tables import refill


class DashboardScreen(BillingScreen):
    CSS_PATH = "dashboard.tcss"
    ERROR_ID = "dashboard-error"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_subscription", L_("add_subscription")),
        Binding("c", "cart", N_("Cart")),
        # the button reads "Manage user products"; the footer has room for one word
        Binding("u", "manage_users", N_("Users")),
        Binding("m", "messages", N_("Messages")),
        Binding("r", "reload", N_("Reload"), show=False),
        Binding("o", "sign_out", N_("Sign out")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.account: Any = self.app.session.account if self.app.session else None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="dashboard"):
            with Horizontal(id="account-bar"):
                with Vertical(id="account-facts"):
                    yield Static(id="account", classes="title", markup=False)
                    yield Static(id="today", markup=False)
                    yield Static(id="billing-day", markup=False)
                with Vertical(id="account-side"):
                    yield Static(id="card", markup=False)
                    yield Static(id="vat-number", markup=False)
                    yield Static(id="cart-count", markup=False)
            yield Static(id="subscriptions-title", classes="title", markup=False)
            yield DataTable(id="subscriptions", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="add-bar", classes="actions"):
                yield Button(id="add-subscription", variant="primary")
                with Vertical(id="cannot-add-box"):
                    yield Static(id="cannot-add", markup=False)
                    yield Static(id="portal-link", markup=False)
            yield ErrorLine(id="dashboard-error")
            with Horizontal(classes="actions"):
                yield Button(id="cart")
                yield Button(id="manage-users")
                yield Button(id="messages")
                yield Button(id="sign-out", variant="error")
        yield KeyBar()

    # --- words and data -----------------------------------------------------------------

    @property
    def may_add(self) -> bool:
        return bool(self.account and self.account.can_add_subscription)

    def _localize_bindings(self) -> None:
        localize_bindings(self, self.t)
        if not self.may_add:  # R0.1/R0.2: no add action is offered (the key still tries)
            bindings = self._bindings.key_to_bindings
            bindings["a"] = [replace(b, show=False) for b in bindings.get("a", [])]
            self.refresh_bindings()

    def relabel(self) -> None:
        t = self.t
        self.query_one("#subscriptions-title", Static).update(t.tr("Subscriptions"))
        self.query_one("#add-subscription", Button).label = t.label("add_subscription")
        self.query_one("#cart", Button).label = t.tr("Cart")
        self.query_one("#manage-users", Button).label = t.label("manage_user_products")
        self.query_one("#messages", Button).label = t.tr("Messages")
        self.query_one("#sign-out", Button).label = t.tr("Sign out")
        self.show_account()

    def load(self) -> None:
        self.reload()

    def returned(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.call(lambda client: client.account(), self._loaded, busy="#subscriptions")

    def _loaded(self, account: Any) -> None:
        self.account = account
        self.app.account = account
        self._localize_bindings()
        self.show_account()

    def show_account(self) -> None:
        account, t = self.account, self.t
        if account is None:
            return
        self.query_one("#account", Static).update(
            f"{account.name} · {t.country(account.country)} · {account.currency}")
        self.query_one("#today", Static).update(t.pair(t.tr("Today"), t.date(account.today)))
        self.query_one("#billing-day", Static).update(
            t.pair(t.tr("Billing day"), account.billing_day))
        card = account.card
        self.query_one("#card", Static).update(
            t.pair(t.tr("Card on file"), t.card(card)) if card else t.tr("No card on file"))
        vat_number = self.query_one("#vat-number", Static)
        vat_number.update(t.pair(t.label("vat_number"), account.vat_number or ""))
        vat_number.display = bool(account.vat_number)
        self.query_one("#cart-count", Static).update(
            t.pair(t.tr("Items in the cart"), account.cart_count))
        self._show_subscriptions()
        self._show_add_action()

    def _show_subscriptions(self) -> None:
        t = self.t
        subscriptions = self.account.subscriptions
        columns = [
            ("product", t.tr("Product")), ("level", t.tr("Level")),
            ("status", t.tr("Status")), ("licenses", t.tr("Licenses")),
            ("term", t.tr("Term")), ("period", t.tr("Period")),
            ("next_billing", t.tr("Next billing")),
        ]
        statuses = {"active": t.tr("Active"), "trialing": t.tr("Trial"),
                    "expired": t.tr("Expired")}
        rows = [(sub.product, [
            sub.product_name, sub.level_name, statuses[sub.status],
            f"{sub.assigned} / {sub.licenses}", t.term(sub.term),
            t.period(sub.period_start, sub.period_end),
            t.date(sub.next_billing_date)]) for sub in subscriptions]
        if not rows:
            rows = [("none", [t.tr("No subscriptions yet."), *[""] * (len(columns) - 1)])]
        refill(self.query_one("#subscriptions", DataTable), columns, rows)

    def _show_add_action(self) -> None:
        t, account = self.t, self.account
        self.query_one("#add-subscription", Button).display = self.may_add
        self.query_one("#cannot-add-box").display = not self.may_add
        if self.may_add:
            return
        session = self.app.session
        if session is not None and not session.user.is_billing_contact:
            why = t.tr("Only a billing contact of this account can add subscriptions or "
                       "trials.")
        else:
            why = t.tr("Enterprise accounts manage their subscriptions in the Corporate "
                       "Billing Portal: {portal_url}", portal_url=account.portal_url or "")
        self.query_one("#cannot-add", Static).update(why)
        link = self.query_one("#portal-link", Static)
        link.update(t.pair(t.label("corporate_portal"), account.portal_url or ""))
        link.display = bool(account.portal_url)

    # --- actions ------------------------------------------------------------------------

    @on(Button.Pressed, "#add-subscription")
    def action_add_subscription(self) -> None:
        from tui.screens.products import ProductsScreen

        def show(products: list) -> None:
            self.app.push_screen(ProductsScreen(products))

        self.query_one("#dashboard-error", Static).update("")
        self.call(lambda client: client.available_products(), show, busy="#add-bar")

    @on(Button.Pressed, "#cart")
    def action_cart(self) -> None:
        from tui.screens.cart import CartScreen

        self.app.push_screen(CartScreen())

    @on(Button.Pressed, "#manage-users")
    def action_manage_users(self) -> None:
        from tui.screens.users import UsersScreen

        self.app.push_screen(UsersScreen())

    @on(Button.Pressed, "#messages")
    def action_messages(self) -> None:
        from tui.screens.messages import MessagesScreen

        self.app.push_screen(MessagesScreen())

    def action_reload(self) -> None:
        self.reload()

    @on(Button.Pressed, "#sign-out")
    def action_sign_out(self) -> None:
        def done(_: None) -> None:
            self.app.signed_out()

        self.call(lambda client: client.sign_out(), done, refused=lambda _err: done(None))
