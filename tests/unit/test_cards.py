"""R11.1 (card checks, what may be stored) and R11.4 (the payment simulator)."""

from dataclasses import fields
from datetime import date
from decimal import Decimal

import pytest

from backend.adapters.payments import ChargeResult, SimulatedGateway
from backend.domain.cards import (
    CardDetails,
    card_brand,
    saved_card_usable,
    validate_card,
)
from backend.domain.errors import (
    CardDeclined,
    ExpiredCard,
    InsufficientFunds,
    PaymentError,
    ValidationFailed,
)

TODAY = date(2026, 11, 26)


def card(number="4242 4242 4242 4242", *, name="Ada Lovelace", month=12, year=2030, cvc="123"):
    return validate_card(name, number, month, year, cvc, TODAY)


def refused_field(**kwargs) -> str:
    with pytest.raises(ValidationFailed) as err:
        card(**kwargs)
    return err.value.field


def test_r11_1_valid_card_keeps_only_brand_last4_expiry():
    c = card("4242-4242-4242-4242")
    assert c.details == CardDetails("visa", "4242", 12, 2030)
    assert {f.name for f in fields(CardDetails)} == {"brand", "last4", "exp_month", "exp_year"}


def test_r11_1_repr_masks_number_and_cvc():
    c = card(cvc="987")
    for text in (repr(c), str(c), f"{c}"):
        assert "4242424242424242" not in text and "987" not in text
        assert "4242" in text


def test_r11_1_empty_holder_name():
    assert refused_field(name="  ") == "card.name"


@pytest.mark.parametrize("number", ["4242 4242 4242 4241", "4000000000000001"])
def test_r11_1_luhn_failure(number):
    assert refused_field(number=number) == "card.number"


@pytest.mark.parametrize(
    "number", ["", "42424242424", "4" * 20, "4242 4242 abcd 4242", "٤٢٤٢٤٢٤٢٤٢٤٢"]
)
def test_r11_1_number_must_be_12_to_19_digits(number):
    assert refused_field(number=number) == "card.number"


@pytest.mark.parametrize("month", [0, 13, -1, "x", ""])
def test_r11_1_month_out_of_range(month):
    assert refused_field(month=month) == "card.exp_month"


def test_r11_1_year_not_a_year():
    assert refused_field(year="soon") == "card.exp_year"


def test_r11_1_past_expiry_is_refused_but_current_month_is_fine():
    assert refused_field(month=10, year=2026) == "card.expiry"
    assert refused_field(month=12, year=2025) == "card.expiry"
    assert card(month=11, year=2026).details.exp_month == 11  # valid through 30 Nov
    assert card(month="11", year="26").details.exp_year == 2026


@pytest.mark.parametrize("cvc", ["12", "12345", "12a", ""])
def test_r11_1_cvc_must_be_3_or_4_digits(cvc):
    assert refused_field(cvc=cvc) == "card.cvc"


def test_r11_1_cvc_of_4_digits_accepted():
    assert card(cvc="1234").cvc == "1234"


@pytest.mark.parametrize(
    ("number", "brand"),
    [
        ("4242424242424242", "visa"),
        ("5555555555554444", "mastercard"),
        ("2223003122003222", "mastercard"),
        ("378282246310005", "amex"),
        ("6011111111111117", "discover"),
        ("6445644564456445", "discover"),
        ("3566002020360505", "card"),
    ],
)
def test_r11_1_brand_detection(number, brand):
    assert card_brand(number) == brand


def test_r11_1_saved_card_usable_until_end_of_expiry_month():
    saved = CardDetails("visa", "4242", 11, 2026)
    assert saved_card_usable(saved, date(2026, 11, 30))
    assert not saved_card_usable(saved, date(2026, 12, 1))


def test_a_card_on_file_expiring_after_year_9999_is_usable_at_the_calendars_end():
    assert saved_card_usable(CardDetails("visa", "4242", 12, 10002), date(9999, 12, 31))


def charge(**kwargs):
    args = {
        "amount": Decimal("7178.08"),
        "currency": "EUR",
        "card": None,
        "saved_card": None,
        "reference": "order-1",
    } | kwargs
    return SimulatedGateway().charge(**args)


def test_r11_4_4242_succeeds():
    result = charge(card=card())
    assert isinstance(result, ChargeResult)
    assert (result.brand, result.last4, result.reference) == ("visa", "4242", "order-1")
    assert result.amount == Decimal("7178.08") and result.currency == "EUR"
    assert result.charge_id == charge(card=card()).charge_id  # deterministic per reference


@pytest.mark.parametrize(
    ("number", "error"),
    [
        ("4000 0000 0000 0002", CardDeclined),
        ("4000 0000 0000 9995", InsufficientFunds),
        ("4000 0000 0000 0069", ExpiredCard),
        ("4000 0000 0000 0119", PaymentError),
    ],
)
def test_r11_4_test_cards_refusals(number, error):
    with pytest.raises(error):
        charge(card=card(number))


def test_r11_4_any_other_luhn_valid_number_succeeds():
    assert charge(card=card("5555 5555 5555 4444")).brand == "mastercard"


def test_r11_4_saved_card_succeeds_unless_expired():
    saved = CardDetails("amex", "0005", 11, 2026)
    assert charge(saved_card=saved, today=TODAY).last4 == "0005"
    with pytest.raises(ExpiredCard):
        charge(saved_card=saved, today=date(2026, 12, 1))


def test_r11_4_exactly_one_payment_source():
    with pytest.raises(ValueError):
        charge()
    with pytest.raises(ValueError):
        charge(card=card(), saved_card=CardDetails("visa", "4242", 12, 2030))
