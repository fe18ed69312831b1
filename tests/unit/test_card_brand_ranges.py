"""The brand read from a card number's first digits, at the edges of each range (R11.1: the
brand is one of the three things kept about a card). Found by mutation testing
(docs/mutation.md): the examples sat inside the ranges, so moving an edge went unnoticed."""

from __future__ import annotations

import pytest

from backend.domain.cards import card_brand


@pytest.mark.parametrize(("prefix", "brand"), [
    ("50", "card"), ("51", "mastercard"), ("55", "mastercard"), ("56", "card"),
    ("2220", "card"), ("2221", "mastercard"), ("2720", "mastercard"), ("2721", "card"),
    ("6010", "card"), ("6011", "discover"), ("6012", "card"),
    ("64", "card"), ("643", "card"), ("644", "discover"), ("649", "discover"),
    ("65", "discover"), ("66", "card"),
    ("33", "card"), ("34", "amex"), ("35", "card"), ("37", "amex"), ("38", "card"),
    ("4", "visa"),
])
def test_r11_1_brand_at_the_edges_of_each_range(prefix, brand):
    """R11.1: each range includes both of its ends and nothing beyond them."""
    assert card_brand(prefix + "0" * (16 - len(prefix))) == brand
