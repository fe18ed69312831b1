"""backend.emails: the trial welcome (R9.3) and order confirmation (R12.3) emails."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from backend.emails import RenderedEmail, render_order_confirmation, render_trial_welcome

# The worked example of flow.md (R10.3, R11.3), from the email's point of view.
LINES = [
    {
        "kind": "new",
        "product_name": "GoToWebinar",
        "level_name": "Pro",
        "licenses": 3,
        "term": "annual",
        "period_start": date(2026, 11, 26),
        "period_end": date(2027, 11, 25),
        "rate": Decimal("1990.00"),
        "amount": Decimal("5970.00"),
    },
    {
        "kind": "credit",
        "product_name": "GoToMeeting",
        "level_name": "Business",
        "licenses": 2,
        "term": "monthly",
        "period_start": date(2026, 11, 26),
        "period_end": date(2026, 12, 14),
        "rate": Decimal("16.00"),
        "amount": Decimal("-20.27"),
    },
    {
        "kind": "renewal",
        "product_name": "GoToMeeting",
        "level_name": "Business",
        "licenses": 2,
        "term": "monthly",
        "period_start": date(2026, 11, 26),
        "period_end": date(2026, 12, 25),
        "rate": Decimal("16.00"),
        "amount": Decimal("32.00"),
    },
]

ORDER = {
    "contact_name": "Claire Martin",
    "order_number": "BC-2026-0042",
    "placed_on": date(2026, 11, 26),
    "lines": LINES,
    "subtotal": Decimal("5981.73"),
    "vat_rate": Decimal("20"),
    "vat_amount": Decimal("1196.35"),
    "reverse_charge": False,
    "total_due": Decimal("7178.08"),
    "currency": "EUR",
    "next_billing_date": date(2026, 12, 26),
    "card_brand": "Visa",
    "card_last4": "4242",
    "licenses_to_assign": True,
}

TRIAL = {
    "contact_name": "Claire Martin",
    "product_name": "GoToTraining",
    "level_name": "Starter",
    "licenses": 5,
    "trial_end": date(2026, 12, 3),
}

# Per language: (money, dates) as the email must write them.
EXPECTED = {
    "en": {
        "money": ["€5,970.00", "-€20.27", "€32.00", "€5,981.73", "€1,196.35", "€7,178.08"],
        "rates": ["€1,990.00", "€16.00"],
        "dates": ["Nov 26, 2026", "Nov 25, 2027", "Dec 14, 2026", "Dec 26, 2026"],
        "vat": "VAT (20%)",
        "terms": ["Annual", "Monthly"],
        "manage": "Manage user products",
        "trial_end": "Dec 3, 2026",
        "labels": ["Subscription level", "User licenses"],
    },
    "fr": {
        "money": ["5 970,00 €", "-20,27 €", "32,00 €", "5 981,73 €", "1 196,35 €", "7 178,08 €"],
        "rates": ["1 990,00 €", "16,00 €"],
        "dates": ["26 nov. 2026", "25 nov. 2027", "14 déc. 2026", "26 déc. 2026"],
        "vat": "TVA (20 %)",
        "terms": ["Annuel", "Mensuel"],
        "manage": "Gérer les produits des utilisateurs",
        "trial_end": "3 déc. 2026",
        "labels": ["Niveau d’abonnement", "Licences utilisateur"],
    },
}

# Words that must not appear in a French email (product and level names aside; words
# shared by both languages, such as "date" or "total", are left out).
ENGLISH_WORDS = {
    "the", "your", "you", "and", "of", "to", "is", "hello", "thank", "thanks", "order",
    "subscription", "subscriptions", "license", "licenses", "trial", "free", "monthly",
    "annual", "billing", "payment", "amount", "credit", "renewal", "period", "rate", "vat",
    "subtotal", "next", "due", "ends", "team", "regards", "manage", "user", "users",
    "buy", "new", "per", "month", "year", "card",
}  # fmt: skip
PROPER_NOUNS = {"gotowebinar", "gotomeeting", "gototraining", "business", "pro", "starter"}

CARD_LIKE = re.compile(r"\d{12,}")


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


def _text(email: RenderedEmail) -> str:
    return _plain(email.subject + "\n" + email.body)


def _words(text: str) -> set[str]:
    return {word.lower() for word in re.findall(r"[^\W\d_]+", text)}


@pytest.fixture(params=["en", "fr"])
def locale(request) -> str:
    return request.param


def test_order_confirmation_contains_the_purchase(locale):
    email = render_order_confirmation(locale, **ORDER)
    expected = EXPECTED[locale]
    assert "BC-2026-0042" in email.subject
    text = _text(email)
    assert "BC-2026-0042" in email.body
    assert "Claire Martin" in text
    for line in LINES:
        assert f"{line['product_name']} – {line['level_name']}" in text
    for fact in expected["money"] + expected["rates"] + expected["dates"] + expected["terms"]:
        assert fact in text, fact
    assert expected["vat"] in text
    assert "Visa •••• 4242" in text
    assert expected["manage"] in text
    assert not CARD_LIKE.search(text)


def test_the_credit_is_negative_even_if_given_positive(locale):
    lines = [LINES[0], {**LINES[1], "amount": Decimal("20.27")}]
    text = _text(render_order_confirmation(locale, **{**ORDER, "lines": lines}))
    assert EXPECTED[locale]["money"][1] in text
    assert text.count("20,27" if locale == "fr" else "20.27") == 1


def test_no_reminder_without_licenses_to_assign(locale):
    email = render_order_confirmation(locale, **{**ORDER, "licenses_to_assign": False})
    assert EXPECTED[locale]["manage"] not in _text(email)


def test_reverse_charge(locale):
    email = render_order_confirmation(
        locale,
        **{
            **ORDER,
            "vat_rate": Decimal("0"),
            "vat_amount": Decimal("0.00"),
            "reverse_charge": True,
            "total_due": Decimal("5981.73"),
        },
    )
    text = _text(email)
    assert ("autoliquidation" if locale == "fr" else "reverse charge") in text
    assert ("0,00 €" if locale == "fr" else "€0.00") in text


def test_vat_rate_with_decimals():
    email = render_order_confirmation("fr", **{**ORDER, "vat_rate": Decimal("25.5")})
    assert "TVA (25,5 %)" in _text(email)


def test_trial_welcome_names_product_level_licenses_and_end(locale):
    email = render_trial_welcome(locale, **TRIAL)
    assert "GoToTraining" in email.subject
    text = _text(email)
    expected = EXPECTED[locale]
    for fact in ["Claire Martin", "GoToTraining", "Starter", expected["trial_end"]]:
        assert fact in text, fact
    for name in expected["labels"]:
        assert f"{name}{' :' if locale == 'fr' else ':'} " in text
    assert re.search(r"\b5\b", email.body)
    assert not CARD_LIKE.search(text)


def test_french_emails_have_no_english():
    for email in (
        render_order_confirmation("fr", **ORDER),
        render_order_confirmation("fr", **{**ORDER, "reverse_charge": True}),
        render_trial_welcome("fr", **TRIAL),
    ):
        leaked = (_words(_text(email)) - PROPER_NOUNS - {"visa"}) & ENGLISH_WORDS
        assert not leaked, f"English words in a French email: {sorted(leaked)}"


def test_english_emails_have_no_french():
    for email in (render_order_confirmation("en", **ORDER), render_trial_welcome("en", **TRIAL)):
        assert not {"le", "la", "les", "votre", "commande"} & _words(_text(email))


def test_regional_locale_tags_are_accepted():
    assert render_trial_welcome("fr-FR", **TRIAL) == render_trial_welcome("fr", **TRIAL)


def test_subject_is_one_line_whatever_the_names():
    email = render_trial_welcome("en", **{**TRIAL, "product_name": "Go\nBcc: x@example.test"})
    assert "\n" not in email.subject
    assert "Go Bcc: x@example.test" in email.subject


@pytest.mark.parametrize(
    "last4", ["4242424242424242", "424", "42424", "42a2", "", " 4242", "٤٢٤٢", 4242, None]
)
def test_card_last4_must_be_exactly_four_digits(last4):
    with pytest.raises(ValueError):
        render_order_confirmation("en", **{**ORDER, "card_last4": last4})


def test_a_card_number_smuggled_in_a_name_is_refused():
    with pytest.raises(ValueError):
        render_order_confirmation("en", **{**ORDER, "contact_name": "4242 4242 4242 4242"})


@pytest.mark.parametrize(
    ("change", "value"), [("kind", "refund"), ("term", "weekly"), ("amount", 12.5)]
)
def test_malformed_lines_are_refused(change, value):
    with pytest.raises(ValueError):
        render_order_confirmation("en", **{**ORDER, "lines": [{**LINES[0], change: value}]})


def test_a_line_without_a_field_is_refused():
    line = {key: value for key, value in LINES[0].items() if key != "rate"}
    with pytest.raises(ValueError, match="rate"):
        render_order_confirmation("en", **{**ORDER, "lines": [line]})
