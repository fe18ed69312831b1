"""Money rounding used by R10.3/R10.4 (credits, lines, VAT)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.domain.errors import ValidationFailed
from backend.domain.money import CENT, parse_money, to_cents


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.005", "1.01"),
        ("1.004", "1.00"),
        ("-1.005", "-1.01"),
        ("-20.26666", "-20.27"),  # R10.3 worked example: -32.00 x 19 / 30
        ("1196.346", "1196.35"),
    ],
)
def test_to_cents_rounds_half_up_symmetrically(raw, expected):
    assert to_cents(Decimal(raw)) == Decimal(expected)


def test_worked_example_credit_r10_3():
    assert to_cents(Decimal("-32.00") * 19 / 30) == Decimal("-20.27")


def test_parse_money_accepts_plain_amounts():
    assert parse_money(" 1990 ") == Decimal("1990.00")
    assert str(parse_money("-20.27")) == "-20.27"


@pytest.mark.parametrize("raw", ["", "abc", "1,990.00", "1.999", "NaN", "Infinity", "€5"])
def test_parse_money_refuses_non_amounts(raw):
    with pytest.raises(ValidationFailed):
        parse_money(raw, field="price")


decimals = st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, places=6)


@given(decimals)
def test_to_cents_is_idempotent_and_within_half_a_cent(x):
    c = to_cents(x)
    assert to_cents(c) == c
    assert abs(c - x) <= CENT / 2
    assert c.as_tuple().exponent == -2
