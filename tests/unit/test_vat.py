"""R11.2 (VAT number checks) and R11.3 (rates, reverse charge, countries)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.domain.errors import ValidationFailed
from backend.domain.vat import (
    compute_vat,
    currency_for_country,
    load_vat_rates,
    normalize_vat_number,
    vat_applies,
)

EXPECTED_RATES = {
    "LU": "17", "MT": "18", "CY": "19", "DE": "19", "AT": "20", "BG": "20", "FR": "20",
    "BE": "21", "CZ": "21", "ES": "21", "LT": "21", "LV": "21", "NL": "21", "RO": "21",
    "IT": "22", "SI": "22", "IE": "23", "PL": "23", "PT": "23", "SK": "23", "EE": "24",
    "GR": "24", "DK": "25", "HR": "25", "SE": "25", "FI": "25.5", "HU": "27", "GB": "20",
}  # fmt: skip

# Valid numbers taken from python-stdnum's documentation, one per country.
VALID_NUMBERS = {
    "AT": "ATU13585627", "BE": "BE0776091951", "BG": "BG175074752", "CY": "CY10259033P",
    "CZ": "CZ25123891", "DE": "DE136695976", "DK": "DK13585628", "EE": "EE100931558",
    "ES": "ESB58378431", "FI": "FI20774740", "FR": "FR40303265045", "GR": "EL094259216",
    "HR": "HR33392005961", "HU": "HU12892312", "IE": "IE6433435F", "IT": "IT00743110157",
    "LT": "LT119511515", "LU": "LU15027442", "LV": "LV40003521600", "MT": "MT11679112",
    "NL": "NL004495445B01", "PL": "PL8567346215", "PT": "PT501964843", "RO": "RO18547290",
    "SE": "SE556188840401", "SI": "SI50223054", "SK": "SK2022749619", "GB": "GB980780684",
}  # fmt: skip


def test_r11_3_rate_table_matches_the_spec():
    rates = load_vat_rates()
    assert {c: r.rate for c, r in rates.items()} == {
        c: Decimal(v) for c, v in EXPECTED_RATES.items()
    }
    assert [c for c, r in rates.items() if not r.eu] == ["GB"]
    assert rates["GR"].vat_prefix == "EL"


def test_r11_3_worked_example_fr_without_number():
    vat = compute_vat(Decimal("5981.73"), "FR", None)
    assert (vat.rate, vat.amount, vat.reverse_charge) == (Decimal("20"), Decimal("1196.35"), False)
    assert Decimal("5981.73") + vat.amount == Decimal("7178.08")


def test_r11_3_eu_number_of_other_member_state_is_reverse_charge():
    vat = compute_vat(Decimal("100.00"), "DE", "DE136695976", seller_country="IE")
    assert (vat.rate, vat.amount, vat.reverse_charge, vat.country) == (
        Decimal("0"),
        Decimal("0.00"),
        True,
        "DE",
    )


def test_r11_3_customer_in_seller_country_pays_vat_even_with_number():
    vat = compute_vat(Decimal("100.00"), "IE", "IE6433435F", seller_country="IE")
    assert (vat.rate, vat.amount, vat.reverse_charge) == (Decimal("23"), Decimal("23.00"), False)


def test_r11_3_seller_country_is_configurable():
    vat = compute_vat(Decimal("100.00"), "DE", "DE136695976", seller_country="DE")
    assert (vat.amount, vat.reverse_charge) == (Decimal("19.00"), False)


def test_r11_3_gb_pays_20_percent_without_number_and_0_with_one():
    assert compute_vat(Decimal("10.00"), "GB", None).amount == Decimal("2.00")
    with_number = compute_vat(Decimal("10.00"), "GB", "GB980780684")
    assert (with_number.rate, with_number.amount, with_number.reverse_charge) == (
        Decimal("0"),
        Decimal("0.00"),
        True,
    )


def test_r11_3_outside_eu_and_gb_no_vat():
    vat = compute_vat(Decimal("99.99"), "US", None)
    assert (vat.rate, vat.amount, vat.reverse_charge) == (Decimal("0"), Decimal("0.00"), False)
    assert not vat_applies("US") and vat_applies("FR") and vat_applies("gb")


def test_r11_3_finland_25_5_rounds_half_up():
    vat = compute_vat(Decimal("10.10"), "FI", None)  # 2.5755
    assert (vat.rate, vat.amount) == (Decimal("25.5"), Decimal("2.58"))


def test_r11_3_greece_24_percent():
    assert compute_vat(Decimal("50.00"), "GR", None).amount == Decimal("12.00")


def test_currency_for_country():
    assert [currency_for_country(c) for c in ("FR", "BG", "GB", "US", "ch")] == [
        "EUR",
        "EUR",
        "GBP",
        "USD",
        "USD",
    ]


@pytest.mark.parametrize(("country", "number"), sorted(VALID_NUMBERS.items()))
def test_r11_2_valid_number_of_each_country(country, number):
    assert normalize_vat_number(number, country) == number
    assert normalize_vat_number(number[2:], country) == number  # prefix optional


@pytest.mark.parametrize(
    ("raw", "country", "expected"),
    [
        ("de 136.695.976", "DE", "DE136695976"),
        ("FR 40 303 265 045", "FR", "FR40303265045"),
        ("GB 980 7806 84", "GB", "GB980780684"),
        ("980-7806-84", "gb", "GB980780684"),
        ("el094259216", "GR", "EL094259216"),
        ("GR 094259216", "GR", "EL094259216"),  # ISO code as prefix is stored as EL
        ("094259216", "GR", "EL094259216"),
    ],
)
def test_r11_2_normalizes_to_compact_form_with_prefix(raw, country, expected):
    assert normalize_vat_number(raw, country) == expected


@pytest.mark.parametrize(
    ("raw", "country"),
    [
        ("DE136695978", "DE"),  # wrong check digit
        ("136695978", "DE"),
        ("FR40303265046", "FR"),
        ("GB980780685", "GB"),
        ("EL094259217", "GR"),
        ("12", "IE"),
        ("", "DE"),
        ("hello", "FR"),
    ],
)
def test_r11_2_invalid_number_is_refused_at_the_field(raw, country):
    with pytest.raises(ValidationFailed) as err:
        normalize_vat_number(raw, country)
    assert err.value.field == "vat_number"
    assert "not valid" in err.value.msgid


@pytest.mark.parametrize(
    ("raw", "account", "other"),
    [
        ("DE136695976", "FR", "DE"),
        ("GB980780684", "IE", "GB"),
        ("EL094259216", "DE", "GR"),
        ("IE6433435F", "GB", "IE"),
    ],
)
def test_r11_2_number_of_another_country_is_refused(raw, account, other):
    with pytest.raises(ValidationFailed) as err:
        normalize_vat_number(raw, account)
    assert err.value.field == "vat_number"
    assert err.value.params == {"number_country": other, "account_country": account}
    assert other in str(err.value) and account in str(err.value)


def test_r11_2_accounts_outside_eu_and_gb_cannot_register_a_number():
    with pytest.raises(ValidationFailed) as err:
        normalize_vat_number("DE136695976", "US")
    assert err.value.field == "vat_number"
    assert err.value.params == {"country": "US"}


def test_r11_2_error_messages_are_distinct():
    msgids = set()
    for raw, country in [("DE1", "DE"), ("DE136695976", "FR"), ("DE136695976", "US")]:
        with pytest.raises(ValidationFailed) as err:
            normalize_vat_number(raw, country)
        msgids.add(err.value.msgid)
    assert len(msgids) == 3


countries = st.sampled_from(sorted(EXPECTED_RATES) + ["US", "CH", "JP"])
amounts = st.decimals(min_value=0, max_value=10**7, places=2)


@given(amounts, countries, st.sampled_from(["IE", "DE", "FR", "GB"]))
def test_r11_3_property_reverse_charge_is_always_zero(subtotal, country, seller):
    vat = compute_vat(subtotal, country, VALID_NUMBERS.get(country), seller_country=seller)
    if vat.reverse_charge:
        assert vat.amount == 0 and vat.rate == 0
    assert vat.amount == vat.amount.quantize(Decimal("0.01"))
    assert 0 <= vat.amount <= subtotal * Decimal("0.27") + Decimal("0.005")
