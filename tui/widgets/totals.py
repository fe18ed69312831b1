"""Subtotal, VAT and Total due of an order or of the Place Order page (R10.4, R11.3).

Ids: Static#subtotal ("Subtotal: 5 981,73 €"), Static#vat ("VAT (20 %): 1 196,35 €", or the
reverse-charge wording, or no VAT), Static#total-due ("Total due: 7 178,08 €").
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.text import Text


def vat_text(t: Text, vat: Any, currency: str) -> str:
    amount = t.money(vat.amount, currency)
    if vat.reverse_charge:
        return t.tr("VAT: {amount} (reverse charge: the VAT is accounted for by the customer)",
                    amount=amount)
    if not vat.rate:
        return t.tr("VAT: {amount} (no VAT applies)", amount=amount)
    return t.tr("VAT ({rate}): {amount}", rate=t.percent(vat.rate), amount=amount)


class Totals(Vertical):
    DEFAULT_CSS = """
    Totals { height: auto; width: auto; min-width: 40; }
    Totals > Static { width: 100%; text-align: right; }
    Totals > #total-due { text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="subtotal", markup=False)
        yield Static(id="vat", markup=False)
        yield Static(id="total-due", markup=False)

    def show(self, t: Text, view: Any) -> None:
        """`view` is a CheckoutOut or an OrderOut."""
        currency = view.currency
        self.query_one("#subtotal", Static).update(
            t.tr("Subtotal: {amount}", amount=t.money(view.subtotal, currency)))
        self.query_one("#vat", Static).update(vat_text(t, view.vat, currency))
        self.query_one("#total-due", Static).update(
            t.pair(t.label("total_due"), t.money(view.total_due, currency)))
