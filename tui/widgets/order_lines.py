"""The lines of an order or of the Place Order page (R10.1, R10.3): one row per line, the
new items, the credits for unused time and the renewals on the new billing date.

Row keys: "<kind>-<product code>" (kind: new, credit, renewal). Each row is two lines high.
Columns (keys), headers in the app's language:
- product: the product's name, and under it what the line is (New / Credit / Renewal);
- level ("Level"): the level's name;
- licenses ("Licenses"): the number of user licenses;
- term ("Term"): Monthly / Annual;
- period ("Billing period", flow.md's label): "start – end";
- rate ("Subscription rate", flow.md's label): per license per term;
- amount ("Amount"): rate x licenses, negative for a credit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text as RichText
from textual.widgets import DataTable

from tui.text import Text
from tui.widgets.tables import refill


def kind_text(t: Text, kind: str) -> str:
    return {"new": t.tr("New"), "credit": t.tr("Credit"), "renewal": t.tr("Renewal")}[kind]


class OrderLines(DataTable):
    DEFAULT_CSS = "OrderLines { height: auto; max-height: 14; }"

    def __init__(self, *, id: str = "order-lines"):  # noqa: A002 (Textual's name)
        # lines are read, not picked: no cursor (the table still scrolls when focused)
        super().__init__(id=id, cursor_type="none", zebra_stripes=True)
        self._lines: Sequence[Any] = ()
        self._currency = "EUR"

    def show(self, t: Text, lines: Sequence[Any], currency: str) -> None:
        """(Re)draw every line; also used when the language changes."""
        self._lines, self._currency = lines, currency
        columns = [
            ("product", t.tr("Product")), ("level", t.tr("Level")),
            ("licenses", t.tr("Licenses")), ("term", t.tr("Term")),
            ("period", t.label("billing_period")), ("rate", t.label("rate")),
            ("amount", t.tr("Amount")),
        ]
        refill(self, columns, [(f"{line.kind}-{line.product}", [
            RichText.assemble(line.product_name, "\n", (kind_text(t, line.kind), "dim")),
            line.level_name, str(line.licenses), t.term(line.term),
            t.period(line.period_start, line.period_end),
            RichText(t.money(line.rate, currency), justify="right"),
            RichText(t.money(line.amount, currency), justify="right")]) for line in lines],
            height=2)

    def redraw(self, t: Text) -> None:
        self.show(t, self._lines, self._currency)
