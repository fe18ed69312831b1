"""Manage user products (step 11, R13): the account's users, each product's licenses, and
assigning or unassigning one.

Widget ids:
- Static#users-title: "Manage user products".
- DataTable#users, one row per user (row key: the user's email), columns (keys): email,
  name, role ("Billing contact" or empty), products (the names of the products whose
  license the user holds, ", "-joined).
- DataTable#product-licenses, one row per active or trialing subscription (row key:
  product code), columns (keys): product, licenses ("assigned / total").
- Static#selection: the highlighted user and product the buttons act on.
- Button#assign ("Assign license", key a) and Button#unassign ("Unassign license", key d):
  for the highlighted user and the highlighted product.
- Static#users-error: a refusal (all licenses assigned, not a billing contact…).
Keys: Tab moves between the two tables, a assigns, d unassigns, r reloads, Escape back.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Header, Static

from tui.screens.base import N_, StepScreen
from tui.widgets.error import ErrorLine
from tui.widgets.key_bar import KeyBar
from tui.widgets.tables import cursor_key, refill


class UsersScreen(StepScreen):
    CSS_PATH = "users.tcss"
    ERROR_ID = "users-error"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "assign", N_("Assign license")),
        Binding("d", "unassign", N_("Unassign license")),
        Binding("r", "reload", N_("Reload")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.users: list[Any] = []
        self.account: Any = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="users-page"):
            yield Static(id="users-title", classes="title", markup=False)
            # one above the other: side by side, at 130 columns, the users table cut off
            # its Products column (the one this screen is about)
            with Vertical(id="users-tables"):
                with Vertical(id="users-box"):
                    yield Static(id="users-caption", classes="note", markup=False)
                    yield DataTable(id="users", cursor_type="row", zebra_stripes=True)
                with Vertical(id="licenses-box"):
                    yield Static(id="licenses-caption", classes="note", markup=False)
                    yield DataTable(id="product-licenses", cursor_type="row",
                                    zebra_stripes=True)
            yield Static(id="selection", markup=False)
            yield ErrorLine(id="users-error")
            with Horizontal(classes="actions"):
                yield Button(id="assign", variant="primary")
                yield Button(id="unassign", variant="warning")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#users").focus()

    def load(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        self.call(lambda client: (client.users(), client.account()), self._loaded,
                  busy="#users-tables")

    def _loaded(self, result: tuple[list[Any], Any]) -> None:
        self.users, self.account = result
        self.app.account = self.account
        self.relabel()

    def _licensed(self) -> list[Any]:
        if self.account is None:
            return []
        return [s for s in self.account.subscriptions if s.status in ("active", "trialing")]

    def relabel(self) -> None:
        t = self.t
        self.query_one("#users-title", Static).update(t.label("manage_user_products"))
        self.query_one("#users-caption", Static).update(t.tr("Users"))
        self.query_one("#licenses-caption", Static).update(t.label("licenses"))
        self.query_one("#assign", Button).label = t.tr("Assign license")
        self.query_one("#unassign", Button).label = t.tr("Unassign license")
        names = {s.product: s.product_name for s in (self.account.subscriptions
                                                    if self.account else [])}
        refill(self.query_one("#users", DataTable),
               [("email", t.tr("Email")), ("name", t.tr("Name")), ("role", t.tr("Role")),
                ("products", t.tr("Products"))],
               [(user.email, [user.email, user.name,
                              t.tr("Billing contact") if user.is_billing_contact else "",
                              ", ".join(names.get(code, code) for code in user.licenses)])
                for user in self.users])
        refill(self.query_one("#product-licenses", DataTable),
               [("product", t.tr("Product")), ("licenses", t.tr("Licenses assigned"))],
               [(sub.product, [sub.product_name, f"{sub.assigned} / {sub.licenses}"])
                for sub in self._licensed()])
        self._show_selection()

    def _selected(self) -> tuple[Any, Any]:
        email = cursor_key(self.query_one("#users", DataTable))
        product = cursor_key(self.query_one("#product-licenses", DataTable))
        user = next((u for u in self.users if u.email == email), None)
        sub = next((s for s in self._licensed() if s.product == product), None)
        return user, sub

    def _show_selection(self) -> None:
        user, sub = self._selected()
        text = ""
        if user is not None and sub is not None:
            text = self.t.tr("Selected: {user}, {product}", user=user.email,
                             product=sub.product_name)
        self.query_one("#selection", Static).update(text)

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_selection()

    @on(Button.Pressed, "#assign")
    def action_assign(self) -> None:
        self._change(assign=True)

    @on(Button.Pressed, "#unassign")
    def action_unassign(self) -> None:
        self._change(assign=False)

    def _change(self, *, assign: bool) -> None:
        user, sub = self._selected()
        if user is None or sub is None:
            return
        self.query_one("#users-error", Static).update("")

        def job(client: Any) -> tuple[list[Any], Any]:
            change = client.assign_license if assign else client.unassign_license
            return change(user.id, sub.product), client.account()

        self.call(job, self._loaded, busy="#users-tables")
