"""The cart (R8.1, R8.3): its items and Place Order.

Widget ids:
- Static#cart-title: "Cart".
- DataTable#cart-items, one row per item (row key: product code), columns (keys):
  product, level ("Subscription level"), licenses ("User licenses"), term.
- Static#cart-empty: shown when the cart has no item.
- Button#place-order: "Place Order" (opens the Place Order page), only when the cart has
  items. Button#add-more: "Add a new subscription".
- Static#cart-error: a refusal.
Keys: p Place Order, a Add a new subscription, Delete removes the highlighted item, Escape
back.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Header, Static

from tui.screens.base import L_, N_, StepScreen
from tui.widgets.error import ErrorLine
from tui.widgets.key_bar import KeyBar
from tui.widgets.tables import cursor_key, refill


class CartScreen(StepScreen):
    CSS_PATH = "cart.tcss"
    ERROR_ID = "cart-error"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "place_order", L_("place_order")),
        Binding("a", "add_more", L_("add_subscription")),
        Binding("delete", "remove", N_("Remove")),
    ]

    def __init__(self, cart: Any = None):
        super().__init__()
        self.cart = cart

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="cart"):
            yield Static(id="cart-title", classes="title", markup=False)
            yield DataTable(id="cart-items", cursor_type="row", zebra_stripes=True)
            yield Static(id="cart-empty", classes="note", markup=False)
            yield ErrorLine(id="cart-error")
            with Horizontal(classes="actions"):
                yield Button(id="place-order", variant="primary")
                yield Button(id="add-more")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#cart-items").focus()

    def load(self) -> None:
        if self.cart is None:
            self.reload()

    def returned(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.call(lambda client: client.cart(), self._loaded, busy="#cart-items")

    def _loaded(self, cart: Any) -> None:
        self.cart = cart
        self.relabel()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("place_order", "remove"):
            return bool(self.cart and self.cart.items)
        return True

    def relabel(self) -> None:
        t = self.t
        self.query_one("#cart-title", Static).update(t.tr("Cart"))
        self.query_one("#place-order", Button).label = t.label("place_order")
        self.query_one("#add-more", Button).label = t.label("add_subscription")
        items = self.cart.items if self.cart else []
        refill(self.query_one("#cart-items", DataTable),
               [("product", t.tr("Product")), ("level", t.label("level")),
                ("licenses", t.label("licenses")), ("term", t.tr("Term"))],
               [(item.product, [item.product_name, item.level_name, str(item.licenses),
                                t.term(item.term)]) for item in items])
        empty = self.query_one("#cart-empty", Static)
        empty.update(t.tr("The cart is empty."))
        empty.display = self.cart is not None and not items
        self.query_one("#cart-items").display = bool(items)
        self.query_one("#place-order", Button).display = bool(items)
        self.refresh_bindings()

    @on(Button.Pressed, "#place-order")
    def action_place_order(self) -> None:
        from tui.screens.place_order import PlaceOrderScreen

        if self.cart and self.cart.items:
            self.app.push_screen(PlaceOrderScreen())

    @on(Button.Pressed, "#add-more")
    def action_add_more(self) -> None:
        from tui.screens.products import ProductsScreen

        self.call(lambda client: client.available_products(),
                  lambda products: self.app.push_screen(ProductsScreen(products)),
                  busy="#cart")

    def action_remove(self) -> None:
        product = cursor_key(self.query_one("#cart-items", DataTable))
        item = next((i for i in self.cart.items if i.product == product), None) if (
            self.cart) else None
        if item is None:
            return
        self.call(lambda client: client.remove_cart_item(item.id), self._loaded,
                  busy="#cart-items")
