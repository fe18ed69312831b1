"""Every word the TUI shows has its French: the msgids marked in tui/ (`tr(...)` and the
footer's `N_(...)`) are in the backend's catalog, translated; flow.md's labels come from
backend.i18n.labels."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tui.text import Text

ROOT = Path(__file__).resolve().parents[2]
FRENCH_PO = ROOT / "backend/i18n/locales/fr/LC_MESSAGES/messages.po"


def tui_msgids() -> dict[str, str]:
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(ROOT / "tui"), [("**.py", "python")], keywords={"tr": None, "N_": None},
            comment_tags=()):
        if message:
            found.setdefault(message, f"tui/{filename}:{lineno}")
    return found


def test_extraction_sees_the_screens_words():
    msgids = tui_msgids()
    assert "Sign out" in msgids and "Subtotal: {amount}" in msgids
    assert len(msgids) > 80


def test_every_tui_msgid_has_a_french_translation():
    with FRENCH_PO.open("rb") as po:
        catalog = read_po(po, locale="fr")
    missing = {msgid: where for msgid, where in tui_msgids().items()
               if not (catalog.get(msgid) and catalog.get(msgid).string)}
    assert not missing, f"add these to {FRENCH_PO.relative_to(ROOT)}: {missing}"


def test_french_typography_and_formats():
    fr, en = Text("fr"), Text("en")
    assert fr.pair("Total dû", "1") == "Total dû : 1"
    assert en.pair("Total due", "1") == "Total due: 1"
    assert fr.label("start_trial") == "Commencer l’évaluation"
    assert fr.label("level") == "Niveau d’abonnement"
    from datetime import date
    from decimal import Decimal

    assert fr.money(Decimal("5970"), "EUR").replace("\u202f", " ").replace("\xa0", " ") \
        == "5 970,00 €"
    assert fr.date(date(2026, 11, 26)) == "26 nov. 2026"
    assert en.date(date(2026, 11, 26)) == "Nov 26, 2026"
