"""The acceptance harness's language oracle (steps/language.py) reads every sentence of the
product's catalog as the language it is written in: English msgids, French msgstrs. A new
message it misreads fails here, not as a puzzling scenario failure.

Only sentences are its business: it is asked about refusals, which are sentences. A lone
word of the screens ("Product", "Nouveau") has no function word to read it by."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from steps.language import reads_as

PO = Path(__file__).parents[2] / "backend/i18n/locales/fr/LC_MESSAGES/messages.po"


def _pairs() -> list[tuple[str, str]]:
    with PO.open("rb") as po:
        catalog = read_po(po)
    pairs = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        french = message.string if isinstance(message.string, str) else message.string[0]
        if english.rstrip().endswith((".", "?", "!")):
            pairs.append((english, french))
    return pairs


PAIRS = _pairs()


def test_the_catalog_has_messages() -> None:
    assert len(PAIRS) > 20


@pytest.mark.parametrize(("english", "french"), PAIRS, ids=[e[:40] for e, _ in PAIRS])
def test_each_message_reads_as_its_language(english: str, french: str) -> None:
    assert reads_as(english, "en") and not reads_as(english, "fr"), english
    assert reads_as(french, "fr") and not reads_as(french, "en"), french


def test_text_without_words_reads_as_no_language() -> None:
    assert not reads_as("4242 4242 4242 4242", "en")
    assert not reads_as("4242 4242 4242 4242", "fr")
