"""backend.i18n: negotiation, binding labels (checked against docs/rules.md), locale
formatting and the completeness of the French catalog."""

from __future__ import annotations

import string
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from babel.core import parse_locale
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import escape, read_po
from babel.numbers import format_currency
from hypothesis import given, settings
from hypothesis import strategies as st
from rulebook import load as load_rulebook

from backend.domain.errors import DomainError, EnterpriseAccount, TrialNotAllowed
from backend.i18n import (
    DEFAULT,
    LABELS,
    SUPPORTED,
    error_message,
    format_date,
    format_money,
    format_percent_rate,
    label,
    negotiate,
    normalize,
    translate,
)

REPO = Path(__file__).parents[2]
BACKEND = REPO / "backend"
FRENCH_PO = BACKEND / "i18n/locales/fr/LC_MESSAGES/messages.po"

# French translations allowed to equal their English msgid: proper nouns only.
SAME_IN_FRENCH: frozenset[str] = frozenset()

# How msgids are found in the backend package: `_()` / `N_()` markers in Python files and
# in Jinja templates (`_()` calls, and `{% trans %}` blocks, which Jinja turns into
# gettext/ngettext calls).
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}
METHOD_MAP = [
    ("**.py", "python"),
    ("**/templates/**", "jinja2.ext:babel_extract"),
]


def _plain(text: str) -> str:
    """Babel's no-break spaces as ordinary spaces, for readable assertions."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


# --- negotiation -----------------------------------------------------------------------


def test_supported_languages():
    assert SUPPORTED == ("en", "fr")
    assert DEFAULT == "en"


@pytest.mark.parametrize(
    ("header", "fallback", "expected"),
    [
        ("fr-FR,fr;q=0.9", None, "fr"),
        ("fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7", "en", "fr"),
        ("en-GB,en;q=0.9,fr;q=0.8", "fr", "en"),
        ("de-DE,fr;q=0.5", None, "fr"),
        ("de;q=0.9,en;q=0.2,fr;q=0.8", None, "fr"),
        ("fr_CA", None, "fr"),
        ("FR", None, "fr"),
        ("fr;q=0, en", "fr", "en"),
        ("de", "fr", "fr"),
        ("de", None, "en"),
        ("de", "it", "en"),
        ("de", "fr-FR", "fr"),
        ("*", "fr", "fr"),
        ("", "fr", "fr"),
        (None, None, "en"),
        (None, "fr", "fr"),
        ("fr;q=abc, ;;, x-klingon, en;q=0.1", None, "en"),
    ],
)
def test_negotiate(header, fallback, expected):
    assert negotiate(header, fallback) == expected


# Locale tags: a language, then subtags of every shape Babel's parser tells apart (region,
# UN M.49 area, script, variant, encoding), joined by any separator; and any text at all.
_SUBTAG = st.one_of(st.sampled_from(["FR", "ca", "12", "419", "1", "Latn", "1996", "POSIX",
                                     "UTF-8", "x", "F1"]),
                    st.text(alphabet=string.ascii_letters + string.digits, max_size=6))
_TAGS = st.one_of(
    st.text(max_size=12),
    st.builds(lambda space, language, subtags, sep: space + language + "".join(
        sep + subtag for subtag in subtags),
        st.sampled_from(["", " "]), st.sampled_from(["en", "fr", "FR", "eN", "de", "fra", "f"]),
        st.lists(_SUBTAG, max_size=3), st.sampled_from(["-", "_", ".", "@", "--"])),
)


@settings(max_examples=400)
@given(_TAGS)
def test_a_tag_names_the_language_babel_reads_in_it(tag):
    """The usual tags are read without Babel (the terminal app's cold start): whatever
    the shape, the language is the one Babel's parser finds."""
    try:
        language = parse_locale(tag.strip().replace("_", "-"), sep="-")[0].lower()
    except ValueError:
        language = None
    assert normalize(tag) == (language if language in SUPPORTED else DEFAULT)


# --- binding labels --------------------------------------------------------------------


def test_labels_are_exactly_the_rulebooks():
    assert LABELS == load_rulebook().labels


def test_the_harness_expects_the_same_binding_labels():
    """steps/labels.py keeps its own copy on purpose (the harness must not take the
    product's word for what the labels are); both copies must equal the rulebook."""
    from steps.labels import LABELS as EXPECTED

    assert EXPECTED == load_rulebook().labels


def test_label_lookup():
    assert label("start_trial", "fr") == "Commencer l’évaluation"
    assert label("place_order", "en") == "Place Order"
    assert label("monthly", "fr-FR") == "Mensuel"
    assert label("annual", "de") == "Annual"
    with pytest.raises(KeyError):
        label("no_such_label", "en")


# --- formatting ------------------------------------------------------------------------


def test_money():
    fr = format_money(Decimal("1234.50"), "EUR", "fr")
    assert "1" in fr and "234,50" in fr and "€" in fr
    assert _plain(fr) == "1 234,50 €"
    assert format_money(Decimal("1234.50"), "EUR", "en") == "€1,234.50"
    assert _plain(format_money(Decimal("-20.27"), "EUR", "fr")) == "-20,27 €"
    assert format_money(Decimal("-20.27"), "EUR", "en") == "-€20.27"
    assert format_money(Decimal("5"), "GBP", "en") == "£5.00"
    with pytest.raises(TypeError):
        format_money(12.5, "EUR", "en")  # type: ignore[arg-type]


def test_remembered_money_is_written_as_babel_writes_it():
    """Written values are remembered by amount and language: equal amounts share an entry,
    but not -0.00 and 0.00 (equal, written apart), nor two languages or currencies."""
    for first, then in [("0.00", "-0.00"), ("-0.00", "0.00"), ("16", "16.00")]:
        for amount in (first, then):
            for lang, currency in [("en", "EUR"), ("fr", "EUR"), ("en", "GBP"),
                                   ("fr-CA", "EUR"), ("en_GB", "EUR")]:
                assert format_money(Decimal(amount), currency, lang) == format_currency(
                    Decimal(amount), currency, locale={"en": "en_US", "fr": "fr_FR"}[
                        lang[:2]]), (amount, lang, currency)
    assert format_money(Decimal("-0.00"), "EUR", "en") == "-€0.00"
    assert format_money(Decimal("0.00"), "EUR", "en") == "€0.00"


def test_date():
    assert format_date(date(2026, 11, 26), "fr") == "26 nov. 2026"
    assert format_date(date(2026, 11, 26), "en") == "Nov 26, 2026"
    assert format_date(date(2026, 11, 26), "fr-CA") == "26 nov. 2026"  # remembered per language


@pytest.mark.parametrize(
    ("rate", "fr", "en"),
    [("20", "20 %", "20%"), ("25.5", "25,5 %", "25.5%"), ("0", "0 %", "0%"), ("17", "17 %", "17%")],
)
def test_percent_rate(rate, fr, en):
    assert _plain(format_percent_rate(Decimal(rate), "fr")) == fr
    assert format_percent_rate(Decimal(rate), "en") == en


# --- translation -----------------------------------------------------------------------


def test_english_is_the_msgid():
    assert translate("Please sign in first.", "en") == "Please sign in first."
    assert translate(
        "A free trial of {product} is not available for this account.", "en", product="GoToWebinar"
    ) == ("A free trial of GoToWebinar is not available for this account.")


def test_french_translation_and_placeholders():
    message = error_message(TrialNotAllowed(product="GoToWebinar"), "fr")
    assert "GoToWebinar" in message
    assert "trial" not in message and "{" not in message
    portal = error_message(EnterpriseAccount(portal_url="https://example.test/corp"), "fr")
    assert "Corporate Billing Portal" in portal and portal.endswith("https://example.test/corp")
    assert error_message(DomainError(), "fr") != DomainError.msgid


def test_dates_and_decimals_in_messages_are_written_per_locale():
    msgid = TrialNotAllowed.msgid
    assert "25,5" in translate(msgid, "fr", product=Decimal("25.5"))
    assert "26 nov. 2026" in translate(msgid, "fr", product=date(2026, 11, 26))
    assert "Nov 26, 2026" in translate(msgid, "en", product=date(2026, 11, 26))
    assert "2026" in translate(msgid, "fr", product=2026)  # ints are left alone


def test_unknown_locale_falls_back_to_english():
    assert translate("Please sign in first.", "de") == "Please sign in first."


def test_no_compiled_catalog_is_committed():
    assert not list((BACKEND / "i18n").rglob("*.mo")), "compile .po files in memory only"


# --- the French catalog ----------------------------------------------------------------


def _french_catalog():
    with FRENCH_PO.open("rb") as po:
        return read_po(po, locale="fr", abort_invalid=True)


def _backend_msgids() -> dict[str, list[str]]:
    """Every marked msgid of the backend and the TUI (which shares the backend's catalog)
    -> where it is used."""
    found: dict[str, list[str]] = {}
    for package in (BACKEND, REPO / "tui"):
        for filename, lineno, message, _comments, _context in extract_from_dir(
            str(package), METHOD_MAP, keywords=KEYWORDS, comment_tags=()
        ):
            msgid = message[0] if isinstance(message, tuple) else message
            if msgid:
                found.setdefault(msgid, []).append(f"{package.name}/{filename}:{lineno}")
    return found


def test_extraction_sees_the_domain_errors():
    msgids = _backend_msgids()
    assert DomainError.msgid in msgids
    assert TrialNotAllowed.msgid in msgids
    assert "Cannot reach {url}: {reason}" in msgids  # tui/clients/http.py


def _translated(entry) -> bool:
    if entry is None or entry.fuzzy:
        return False
    forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
    return all(forms)


def test_every_backend_msgid_has_a_french_translation():
    catalog = _french_catalog()
    missing = {}
    for msgid, places in sorted(_backend_msgids().items()):
        if not _translated(catalog.get(msgid)):
            missing[msgid] = places
    stubs = "\n\n".join(
        "#: " + " ".join(places) + f'\nmsgid {escape(msgid)}\nmsgstr ""'
        for msgid, places in missing.items()
    )
    assert not missing, (
        f"{len(missing)} msgid(s) have no French translation in "
        f"{FRENCH_PO.relative_to(REPO)}; add them:\n\n{stubs}\n"
    )


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _placeholders_differ(message) -> bool:
    """A translation must use the msgid's placeholders (a plural form may use fewer)."""
    if not isinstance(message.id, tuple):
        return bool(message.string) and _placeholders(message.id) != _placeholders(message.string)
    allowed = set().union(*map(_placeholders, message.id))
    return any(not _placeholders(form) <= allowed for form in message.string)


def test_french_translations_keep_the_placeholders():
    wrong = [
        f"{message.id!r} -> {message.string!r}"
        for message in _french_catalog()
        if message.id and _placeholders_differ(message)
    ]
    assert not wrong, "French placeholders differ from the msgid:\n" + "\n".join(wrong)


def test_french_translations_are_not_english():
    same = [
        message.id
        for message in _french_catalog()
        if message.id and message.string == message.id and message.id not in SAME_IN_FRENCH
    ]
    assert not same, (
        "these French translations are still the English text (if one is a proper noun, "
        "add it to SAME_IN_FRENCH):\n" + "\n".join(same)
    )


def test_french_catalog_has_no_fuzzy_entries():
    fuzzy = [message.id for message in _french_catalog() if message.id and message.fuzzy]
    assert not fuzzy, "review and unmark these fuzzy French entries:\n" + "\n".join(fuzzy)


def test_countries_in_messages_are_named_in_the_readers_language():
    from backend.domain.errors import ValidationFailed
    from backend.domain.vat import normalize_vat_number

    with pytest.raises(ValidationFailed) as err:
        normalize_vat_number("FR40303265045", "DE")
    english, french = error_message(err.value, "en"), error_message(err.value, "fr")
    assert "France" in english and "Germany" in english and "DE" not in english
    assert "France" in french and "Allemagne" in french and "Germany" not in french
