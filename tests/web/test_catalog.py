"""The French catalog the pages share with the backend and the TUI holds each msgid once:
Babel silently keeps the first of two entries, so a second one (say, after two branches
both added "Cart") would be a translation nobody sees."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

FRENCH_PO = Path(__file__).parents[2] / "backend/i18n/locales/fr/LC_MESSAGES/messages.po"


def _msgids(text: str) -> list[str]:
    """Every entry's msgid, its continuation lines joined (the header's empty one left out)."""
    found, current = [], None
    for line in text.splitlines() + [""]:
        if line.startswith("msgid "):
            current = [ast.literal_eval(line[len("msgid "):])]
        elif current is not None and line.startswith('"'):
            current.append(ast.literal_eval(line))
        elif current is not None:
            found.append("".join(current))
            current = None
    return [msgid for msgid in found if msgid]


def test_each_msgid_is_in_the_french_catalog_once():
    counts = Counter(_msgids(FRENCH_PO.read_text(encoding="utf-8")))
    twice = sorted(msgid for msgid, n in counts.items() if n > 1)
    assert not twice, "these msgids have more than one entry; keep one:\n" + "\n".join(twice)
    assert len(counts) > 100  # the reader found the entries
