"""The people of a test account (api.md's test mode): the billing contact alone unless
colleagues are asked for, addresses tagged with six hex digits, names from the language's
own Faker seeded by the deployment; French-speaking accounts in France unless a country is
given; a language other than en or fr, a kind other than standard or enterprise, or a
country that is not two ASCII letters refused in words.
Found by the service layer's mutation run (docs/mutation.md)."""

from __future__ import annotations

import re

import pytest
from faker import Faker

from backend.domain.errors import ValidationFailed
from backend.i18n.catalog import error_message
from backend.service_layer import testing


def test_a_test_account_has_its_billing_contact_alone_unless_asked(app):
    made = testing.create_test_account(app.uow(), faker_seed=2026)
    assert made.users == []
    assert [r["email"] for r in app.rows("users")] == [made.billing_contact.email]


def test_test_addresses_are_first_last_and_a_six_digit_hex_tag(app):
    made = testing.create_test_account(app.uow(), faker_seed=2026, extra_users=2)
    for person in (made.billing_contact, *made.users):
        assert re.fullmatch(r"[a-z0-9]+\.[a-z0-9]+\.[0-9a-f]{6}@[a-z0-9.-]+", person.email), \
            person.email


def test_french_test_accounts_get_names_from_the_french_faker(app, monkeypatch):
    monkeypatch.setattr(testing, "_fakers", {})
    made = testing.create_test_account(app.uow(), faker_seed=11, locale="fr", billing_day=3)
    fake = Faker("fr_FR")
    fake.seed_instance(11)
    [contact] = [r for r in app.rows("users") if r["email"] == made.billing_contact.email]
    assert contact["name"] == f"{fake.first_name()} {fake.last_name()}"


def test_a_language_other_than_en_or_fr_is_refused_in_words(app):
    with pytest.raises(ValidationFailed) as err:
        testing.create_test_account(app.uow(), faker_seed=2026, locale="de")
    assert err.value.field == "locale"
    assert error_message(err.value, "en") == "The language must be en or fr."
    assert app.rows("accounts") == []


def test_an_account_kind_other_than_standard_or_enterprise_is_refused_in_words(app):
    with pytest.raises(ValidationFailed) as err:
        testing.create_test_account(app.uow(), faker_seed=2026, kind="reseller")
    assert err.value.field == "kind"
    assert error_message(err.value, "en") == \
        "The account kind must be standard or enterprise."
    assert app.rows("accounts") == []


def test_a_test_account_is_french_when_french_speaking_unless_a_country_is_given(app):
    french = testing.create_test_account(app.uow(), faker_seed=2026, locale="fr")
    english = testing.create_test_account(app.uow(), faker_seed=2026, locale="en")
    german = testing.create_test_account(app.uow(), faker_seed=2026, locale="fr",
                                         country="de")
    countries = {r["id"]: (r["country"], r["currency"]) for r in app.rows("accounts")}
    assert countries[french.account_id] == ("FR", "EUR")
    assert countries[english.account_id] == ("US", "USD")
    assert countries[german.account_id] == ("DE", "EUR")


@pytest.mark.parametrize("country", ["FRA", "F", "F1", "ÉÉ", "12"])
def test_a_country_that_is_not_two_letters_is_refused_in_words(app, country):
    with pytest.raises(ValidationFailed) as err:
        testing.create_test_account(app.uow(), faker_seed=2026, country=country)
    assert err.value.field == "country"
    assert error_message(err.value, "en") == "The country must be a two-letter code."
    assert app.rows("accounts") == []


@pytest.mark.parametrize(("field", "value", "words"), [
    ("billing_day", 0, "The billing day must be from 1 to 31."),
    ("billing_day", 32, "The billing day must be from 1 to 31."),
    ("extra_users", -1, "Extra users must be from 0 to 50."),
    ("extra_users", 51, "Extra users must be from 0 to 50."),
    ("currency", "jpy", "The catalog has no prices in JPY."),
])
def test_test_account_settings_out_of_range_are_refused_in_words(app, field, value, words):
    with pytest.raises(ValidationFailed) as err:
        testing.create_test_account(app.uow(), faker_seed=2026, **{field: value})
    assert err.value.field == field
    assert error_message(err.value, "en") == words
    assert app.rows("accounts") == []


def test_fifty_extra_users_are_the_most_a_test_account_may_ask_for(app):
    made = testing.create_test_account(app.uow(), faker_seed=2026, extra_users=50)
    assert len(made.users) == 50


def test_a_billing_day_left_to_faker_is_any_day_from_1_to_28(app, monkeypatch):
    """api.md: 1 to 28, so that every month has it. 300 draws from a fresh Faker see every
    one of the 28 days (a day missed has odds of about 1 in 50,000) and never 29 to 31."""
    monkeypatch.setattr(testing, "_fakers", {})
    days = {testing.create_test_account(app.uow(), faker_seed=2026).account_id
            for _ in range(300)}
    drawn = {r["billing_day"] for r in app.rows("accounts") if r["id"] in days}
    assert drawn == set(range(1, 29))
