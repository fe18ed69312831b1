"""What a refusal of the domain says: its field, its English words with their values filled
in, and a French translation of its own (a message id missing from the French catalog would
reach French readers in English). Found by mutation testing (docs/mutation.md): the tests
checked that these refusals happen, not what they tell the user."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from backend.domain.cards import validate_card
from backend.domain.catalog import parse_licenses, parse_term
from backend.domain.dates import add_days, add_months, next_billing_date, period_end
from backend.domain.errors import DomainError, NotFound, ValidationFailed
from backend.domain.model import ACTIVE, Account, Subscription, User
from backend.domain.money import parse_money
from backend.domain.vat import normalize_vat_number
from backend.i18n.catalog import error_message
from backend.service_layer.catalog_data import read_catalog

TODAY = date(2026, 11, 26)
CATALOG = read_catalog()


def refusal(call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as err:
        call(*args, **kwargs)
    return err.value


def check(err: DomainError, field: str | None, english: str) -> None:
    assert err.field == field
    assert error_message(err, "en") == english
    assert error_message(err, "fr") != english, "no French translation for this message"


# --- R10.2: dates out of the calendar -----------------------------------------------------
def test_r10_2_a_period_past_the_last_date_is_refused_at_today():
    """R10.2: counting a period from 9999-12-31 needs a date that does not exist."""
    err = refusal(period_end, date(9999, 12, 31), "annual")
    assert isinstance(err, ValidationFailed)
    check(err, "today", "This would need a date after Dec 31, 9999, the last date the Billing "
                        "Center can handle.")
    check(refusal(add_days, date.max, 1), "today", error_message(err, "en"))


def test_r10_2_a_date_before_the_first_date_is_refused_at_today():
    """R10.2: the calendar's other end."""
    expected = ("This would need a date before Jan 1, 1, the first date the Billing Center "
                "can handle.")
    check(refusal(add_days, date.min, -1), "today", expected)
    check(refusal(add_months, date(1, 1, 15), -1), "today", expected)


# --- R10.4: amounts ---------------------------------------------------------------------------
@pytest.mark.parametrize("raw", ["abc", None, 12])
def test_r10_4_an_amount_that_is_not_money_is_refused_naming_it(raw):
    """R10.4: the refusal repeats what was typed, at the field it was typed in."""
    err = refusal(parse_money, raw, field="price")
    check(err, "price", f"'{raw}' is not an amount of money (use digits and at most two "
                        "decimals).")


# --- R11.2: VAT numbers -----------------------------------------------------------------------
def test_r11_2_a_vat_number_outside_the_eu_and_gb_is_refused():
    """R11.2: an account in the United States has no VAT number to give."""
    check(refusal(normalize_vat_number, "DE136695976", "US"), "vat_number",
          "VAT numbers can only be added for accounts in the EU or the United Kingdom (this "
          "account's country: United States).")


def test_r11_2_a_vat_number_of_another_country_is_refused_naming_both():
    """R11.2: valid, but German, for a French account."""
    check(refusal(normalize_vat_number, "DE136695976", "FR"), "vat_number",
          "This VAT number belongs to Germany, but the account is in France: enter a VAT "
          "number from France.")


def test_r11_2_an_invalid_vat_number_is_refused_naming_the_country():
    """R11.2: wrong check digits for Germany."""
    check(refusal(normalize_vat_number, "DE136695977", "DE"), "vat_number",
          "This VAT number is not valid for Germany: check its format and digits.")


@pytest.mark.parametrize(("raw", "country", "expected"), [
    ("D E 136.695.976", "DE", "DE136695976"),  # a space inside the prefix
    ("de-136/695,976", "DE", "DE136695976"),
    ("ESX2482300W", "ES", "ESX2482300W"),  # a Spanish NIE: its letter X is not a separator
])
def test_r11_2_separators_are_ignored_anywhere_and_letters_kept(raw, country, expected):
    """R11.2: spaces, dots, dashes, slashes and commas are ignored wherever they are."""
    assert normalize_vat_number(raw, country) == expected


# --- R10.5 and R13: things that are not there -------------------------------------------------
def account_with_a_user() -> Account:
    account = Account(name="Acme", kind="standard", country="FR", currency="EUR", locale="en",
                      billing_day=15)
    account.users.append(User(email="c@example.com", name="C", password_hash="x",
                              is_billing_contact=True, id=1))
    return account


def test_r10_5_editing_an_item_not_in_the_cart_says_so():
    """R10.5: the item may have been removed meanwhile."""
    err = refusal(account_with_a_user().cart_item, 42)
    assert isinstance(err, NotFound)
    check(err, None, "This item is not in the cart.")


def test_r13_an_unknown_user_is_refused_saying_so():
    """R13: licenses are assigned to users of the account only."""
    err = refusal(account_with_a_user().user, 42)
    assert isinstance(err, NotFound)
    check(err, None, "There is no such user on this account.")


def test_r13_assigning_a_product_not_held_names_the_product():
    """R13: no subscription, nothing to assign."""
    check(refusal(account_with_a_user().assign_license, 1, "gotomeeting", TODAY), "product",
          "This account has no licenses of gotomeeting to assign.")


def test_r13_assigning_past_the_count_names_the_count_and_product():
    """R13: no more licenses than bought can be assigned."""
    account = account_with_a_user()
    account.users.append(User(email="u@example.com", name="U", password_hash="x", id=2))
    account.subscriptions.append(Subscription(
        product="gotomeeting", level="business", licenses=1, term="monthly", status=ACTIVE,
        period_start=TODAY, period_end=TODAY + timedelta(days=29)))
    account.assign_license(1, "gotomeeting", TODAY)
    check(refusal(account.assign_license, 2, "gotomeeting", TODAY), "product",
          "All 1 licenses of gotomeeting are assigned: unassign one or buy more.")


# --- R11.1: the card form, field by field -----------------------------------------------------
CARD = {"name": "Camille Martin", "number": "4242 4242 4242 4242", "exp_month": 12,
        "exp_year": 2030, "cvc": "123", "today": TODAY}


@pytest.mark.parametrize(("change", "field", "english"), [
    ({"name": None}, "card.name", "Enter the cardholder's name."),
    ({"name": "  "}, "card.name", "Enter the cardholder's name."),
    ({"number": None}, "card.number", "Enter the card number: 12 to 19 digits."),
    ({"number": "4242"}, "card.number", "Enter the card number: 12 to 19 digits."),
    ({"number": "X4242424242424242"}, "card.number", "Enter the card number: 12 to 19 digits."),
    ({"number": "4242 4242 4242 4241"}, "card.number",
     "This card number is not valid: check the digits."),
    ({"exp_month": 0}, "card.exp_month", "Enter the expiry month as a number from 1 to 12."),
    ({"exp_year": 1999}, "card.exp_year", "Enter the expiry year, e.g. 2030."),
    ({"exp_year": 100}, "card.exp_year", "Enter the expiry year, e.g. 2030."),
    ({"exp_year": 10000}, "card.exp_year", "Enter the expiry year, e.g. 2030."),
    ({"exp_year": 2000}, "card.expiry", "This card expired at the end of 12/2000."),
    ({"exp_month": 3, "exp_year": 26}, "card.expiry", "This card expired at the end of 03/2026."),
    ({"cvc": None}, "card.cvc", "Enter the security code (CVC): 3 or 4 digits."),
])
def test_r11_1_each_card_field_is_refused_with_its_own_words(change, field, english):
    """R11.1: the first faulty field, in form order, says what it wants."""
    check(refusal(validate_card, **(CARD | change)), field, english)


@pytest.mark.parametrize(("number", "length"), [
    ("4242 4242 4242", 12),  # Luhn-valid, 12 digits: the shortest accepted
    ("4242 4242 4242 4242 428", 19),  # the longest
])
def test_r11_1_card_numbers_of_12_and_19_digits_are_accepted(number, length):
    """R11.1: 12 to 19 digits, both ends included."""
    assert len(validate_card(**(CARD | {"number": number})).number) == length


def test_r11_1_expiry_edges():
    """R11.1: month 1 is a month; two-digit years are 20YY (99 is 2099); 9999 is a year."""
    assert validate_card(**(CARD | {"exp_month": 1})).details.exp_month == 1
    assert validate_card(**(CARD | {"exp_year": "99"})).details.exp_year == 2099
    assert validate_card(**(CARD | {"exp_year": 9999})).details.exp_year == 9999


# --- R5, R6, R7, R8.5: choosing a product -----------------------------------------------------
MEETING = CATALOG.get("gotomeeting")


@pytest.mark.parametrize(("call", "field", "english"), [
    (lambda: MEETING.resolve_level(None), "level", "Choose a subscription level."),
    (lambda: MEETING.resolve_level("gold"), "level", "gold is not a level of GoToMeeting."),
    (lambda: CATALOG.get("nope"), "product", "There is no product nope."),
    (lambda: parse_licenses("0", 7), "licenses",
     "Enter a whole number of user licenses from 1 to 7."),
    (lambda: parse_term("weekly"), "term", "Choose Monthly or Annual."),
    (lambda: next_billing_date(TODAY, "weekly"), "term", "Choose Monthly or Annual."),
    (lambda: MEETING.resolve_level("business").price("JPY", "monthly"), None,
     "No price is set for this level in JPY."),
])
def test_r5_r6_r7_each_choice_is_refused_with_its_own_words(call, field, english):
    """R5 (level), R6 (licenses, naming the range), R7 (term), R8.5 (price from the
    catalog): the refusal names what was wrong."""
    check(refusal(call), field, english)


def test_r2_a_product_held_active_is_refused_naming_it():
    """R2: an active subscription's product cannot go in the cart."""
    account = account_with_a_user()
    account.subscriptions.append(Subscription(
        product="gotomeeting", level="business", licenses=1, term="monthly", status=ACTIVE,
        period_start=TODAY, period_end=TODAY + timedelta(days=29)))
    check(refusal(account.put_in_cart, CATALOG, TODAY, product="gotomeeting",
                  level="business", licenses=1, term="monthly"),
          None, "This account already has an active subscription to GoToMeeting.")


def test_r9_4_a_second_trial_is_refused_naming_the_product():
    """R9.4: the refusal names the product by its name."""
    account = account_with_a_user()
    account.start_trial(CATALOG, TODAY, product="gotomeeting", level="business", licenses=1)
    check(refusal(account.start_trial, CATALOG, TODAY, product="gotomeeting",
                  level="business", licenses=1),
          None, "A free trial of GoToMeeting is not available for this account.")


def test_r13_a_purchase_below_the_assigned_licenses_names_both_counts():
    """R13: buying a trialing product must cover the licenses its trial has assigned."""
    account = account_with_a_user()
    account.users.append(User(email="u@example.com", name="U", password_hash="x", id=2))
    account.start_trial(CATALOG, TODAY, product="gotomeeting", level="business", licenses=2)
    account.assign_license(1, "gotomeeting", TODAY)
    account.assign_license(2, "gotomeeting", TODAY)
    check(refusal(account.put_in_cart, CATALOG, TODAY, product="gotomeeting",
                  level="business", licenses=1, term="monthly"),
          "licenses", "2 licenses of GoToMeeting are assigned to users: choose at least 2, or "
                      "unassign some first.")


def test_r13_with_the_catalog_the_refusal_names_the_product_by_its_name():
    """R13: the service passes the catalog, so the user reads "GoToMeeting"."""
    check(refusal(account_with_a_user().assign_license, 1, "gotomeeting", TODAY, CATALOG),
          "product", "This account has no licenses of GoToMeeting to assign.")
