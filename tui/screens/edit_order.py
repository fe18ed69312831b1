"""Edit Order (R10.5, R8.4): change an item's level, licenses or term, or remove it; Escape
goes back to the Place Order page, recomputed. Removing the last item shows the cart.

Widget ids:
- Static#edit-title: "Edit Order".
- DataTable#edit-items, one row per cart item (row key: product code), columns (keys):
  product, level, licenses, term. Enter (or a click) on a row puts that item in the form
  below; the first item is there at first.
- Static#edit-hint: how to pick another item (when there are several).
- Static#edit-product: the item being edited.
- Select#level (titled "Subscription level"; values are level codes; shown only when the
  product has several levels) with Static#level-error.
- Input#licenses ("User licenses", any text) with Static#licenses-error and
  Static#licenses-range.
- RadioSet#term with RadioButton#term-monthly / #term-annual, Static#term-error.
- Button#apply ("Apply changes"), Button#remove ("Remove"), Button#back-to-order ("Back
  to the Place Order page").
- Static#edit-error: a refusal tied to no field here.
Keys: Ctrl+S apply, Ctrl+R remove the item, Escape back to the Place Order page.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import (
    Button,
    DataTable,
    Header,
    Input,
    RadioButton,
    RadioSet,
    Select,
    Static,
)

from tui.screens.base import N_, StepScreen
from tui.widgets.error import ErrorLine
from tui.widgets.field import Field
from tui.widgets.key_bar import KeyBar
from tui.widgets.tables import refill


class EditOrderScreen(StepScreen):
    CSS_PATH = "edit_order.tcss"
    ERROR_ID = "edit-error"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "apply", N_("Apply changes")),
        Binding("ctrl+r", "remove", N_("Remove")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.cart: Any = None
        self.catalog: dict[str, Any] = {}
        self.editing: str | None = None  # product code of the item in the form

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="edit-order"):
            yield Static(id="edit-title", classes="title", markup=False)
            yield DataTable(id="edit-items", cursor_type="row", zebra_stripes=True)
            yield Static(id="edit-hint", classes="note", markup=False)
            with Vertical(id="edit-form", classes="panel"):
                yield Static(id="edit-product", classes="title", markup=False)
                # its options are the edited product's levels, set once the catalog is in
                yield Select([("–", "")], id="level", allow_blank=False)
                yield ErrorLine(id="level-error")
                yield Static(id="licenses-range", classes="note", markup=False)
                yield Field("licenses", max_length=6)
                with RadioSet(id="term"):
                    yield RadioButton(id="term-monthly")
                    yield RadioButton(id="term-annual")
                yield ErrorLine(id="term-error")
                with Horizontal(classes="actions"):
                    yield Button(id="apply", variant="primary")
                    yield Button(id="remove", variant="error")
            yield ErrorLine(id="edit-error")
            with Horizontal(classes="actions"):
                yield Button(id="back-to-order")
        yield KeyBar()

    def load(self) -> None:
        self.call(lambda client: (client.cart(), self.app.cached_catalog(client)),
                  self._loaded, busy="#edit-order")

    def _loaded(self, result: tuple[Any, list]) -> None:
        cart, catalog = result
        self.catalog = {product.code: product for product in catalog}
        self._cart_changed(cart)
        self.query_one("#edit-items").focus()

    def _cart_changed(self, cart: Any) -> None:
        if not cart.items:  # R10.5: an empty cart has no Place Order page
            from tui.screens.cart import CartScreen

            self.app.back_to_dashboard(then=CartScreen(cart))
            return
        self.cart = cart
        if self.editing not in {item.product for item in cart.items}:
            self.editing = cart.items[0].product
        self.relabel()
        self._fill_form()

    def _item(self) -> Any:
        return next(i for i in self.cart.items if i.product == self.editing)

    def relabel(self) -> None:
        t = self.t
        self.query_one("#edit-title", Static).update(t.label("edit_order"))
        self.query_one("#level", Select).border_title = t.label("level")
        self.query_one("#licenses-field", Field).set_caption(t.label("licenses"))
        self.query_one("#term", RadioSet).border_title = t.tr("Term")
        self.query_one("#term-monthly", RadioButton).label = t.label("monthly")
        self.query_one("#term-annual", RadioButton).label = t.label("annual")
        self.query_one("#apply", Button).label = t.tr("Apply changes")
        self.query_one("#remove", Button).label = t.tr("Remove")
        self.query_one("#back-to-order", Button).label = t.tr("Back to the Place Order page")
        hint = self.query_one("#edit-hint", Static)
        hint.update(t.tr("Enter on an item puts it in the form below."))
        hint.display = bool(self.cart and len(self.cart.items) > 1)
        if self.cart is None:
            return
        refill(self.query_one("#edit-items", DataTable),
               [("product", t.tr("Product")), ("level", t.label("level")),
                ("licenses", t.label("licenses")), ("term", t.tr("Term"))],
               [(item.product, [item.product_name, item.level_name, str(item.licenses),
                                t.term(item.term)]) for item in self.cart.items])
        item = self._item()
        self.query_one("#edit-product", Static).update(item.product_name)
        level = self._level(item.product, self.query_one("#level", Select).value)
        if level is not None:
            self.query_one("#licenses-range", Static).update(
                t.tr("From 1 to {max}", max=level.max_licenses))

    def _level(self, product: str, code: object) -> Any:
        levels = self.catalog[product].levels if product in self.catalog else []
        return next((lv for lv in levels if lv.code == code), None)

    def _fill_form(self) -> None:
        """The highlighted item's current values in the form."""
        item = self._item()
        product = self.catalog.get(item.product)
        levels = product.levels if product else []
        select = self.query_one("#level", Select)
        select.set_options([(level.name, level.code) for level in levels])
        select.value = item.level
        select.display = len(levels) > 1  # R5: no level question for a one-level product
        self.query_one("#licenses", Input).value = str(item.licenses)
        self.query_one(f"#term-{item.term}", RadioButton).value = True
        self.clear_errors()
        self.relabel()

    @on(DataTable.RowSelected, "#edit-items")
    def _selected(self, event: DataTable.RowSelected) -> None:
        """Enter (or a click) on an item puts it in the form."""
        product = event.row_key.value if event.row_key else None
        if product and self.cart is not None:
            self.editing = product
            self._fill_form()
            self.query_one("#licenses", Input).focus()

    @on(Select.Changed, "#level")
    def _level_changed(self) -> None:
        if self.cart is not None:
            self.relabel()

    @on(Input.Submitted, "#licenses")
    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        if self.cart is None:
            return
        item = self._item()
        level = self.query_one("#level", Select).value
        licenses = self.query_one("#licenses", Input).value
        term = "annual" if self.query_one("#term-annual", RadioButton).value else "monthly"
        self.clear_errors()
        self.call(lambda client: client.edit_cart_item(
            item.id, level=str(level), licenses=licenses, term=term),
            self._cart_changed, busy="#edit-form")

    @on(Button.Pressed, "#remove")
    def action_remove(self) -> None:
        if self.cart is None:
            return
        item = self._item()
        self.clear_errors()
        self.call(lambda client: client.remove_cart_item(item.id), self._cart_changed,
                  busy="#edit-form")

    @on(Button.Pressed, "#back-to-order")
    def _done(self) -> None:
        self.action_back()
