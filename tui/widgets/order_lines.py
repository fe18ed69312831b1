"""The lines of an order or of the Place Order page (R10.1, R10.3): one row per line, the
new items, the credits for unused time and the renewals on the new billing date.

Columns (keys in brackets, headers in the app's language): kind [kind] (New / Credit /
Renewal), product [product], level [level] ("Subscription level"), licenses [licenses]
("User licenses"), term [term] (Monthly / Annual), billing period [period] ("Billing
period", "start – end"), rate [rate] ("Subscription rate", per license per term), amount
[amount]. Row keys: "<kind>-<product code>".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text as RichText
from textual.widgets import DataTable

from tui.text import Text
from tui.widgets.tables import refill


def kind_text(t: Text, kind: str) -> str:
    return {
        "new": t.tr("New"),
        "credit": t.tr("Credit for unused time"),
        "renewal": t.tr("Renewal on the new billing date"),
    }[kind]


class OrderLines(DataTable):
    DEFAULT_CSS = "OrderLines { height: auto; max-height: 12; }"

    def __init__(self, *, id: str = "order-lines"):  # noqa: A002 (Textual's name)
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._lines: Sequence[Any] = ()
        self._currency = "EUR"

    def show(self, t: Text, lines: Sequence[Any], currency: str) -> None:
        """(Re)draw every line; also used when the language changes."""
        self._lines, self._currency = lines, currency
        columns = [
            ("kind", ""), ("product", t.tr("Product")), ("level", t.label("level")),
            ("licenses", t.label("licenses")), ("term", t.tr("Term")),
            ("period", t.label("billing_period")), ("rate", t.label("rate")),
            ("amount", t.tr("Amount")),
        ]
        refill(self, columns, [(f"{line.kind}-{line.product}", [
            kind_text(t, line.kind), line.product_name, line.level_name,
            str(line.licenses), t.term(line.term),
            t.period(line.period_start, line.period_end),
            RichText(t.money(line.rate, currency), justify="right"),
            RichText(t.money(line.amount, currency), justify="right")]) for line in lines])

    def redraw(self, t: Text) -> None:
        self.show(t, self._lines, self._currency)
