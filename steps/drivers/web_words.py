"""The pages' own words in the person's language, to find what flow.md does not name (a
table's "Product" column, the "Cart" link) and to read sentences back into values.

The pages write every string as an English msgid translated by the project's catalog
(`backend/i18n/locales/<lang>/LC_MESSAGES/messages.po`); this reads that file with Babel
(it does not import the backend: the driver sees the deployment only through the browser).
An entry missing or fuzzy in the catalog is shown in English by the pages, and so is
expected here in English: the wording scenarios catch such a leak.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from steps.drivers.reading import flat

CATALOGS = Path(__file__).resolve().parents[2] / "backend" / "i18n" / "locales"
_PLACEHOLDER = re.compile(r"{(\w+)}")


@cache
def _catalog(lang: str) -> Catalog | None:
    path = CATALOGS / lang / "LC_MESSAGES" / "messages.po"
    if lang == "en" or not path.is_file():
        return None
    with path.open("rb") as po:
        return read_po(po, locale=lang)


class PageWords:
    """The words of the pages in one language: `tr("Cart")`, `pattern("Order {number} ...")`."""

    def __init__(self, lang: str):
        self.lang = lang
        self._catalog = _catalog(lang)

    def _forms(self, msgid: str) -> tuple[str, ...]:
        """Every way the catalog writes `msgid` (a plural entry has several forms)."""
        message = self._catalog.get(msgid) if self._catalog is not None else None
        if message is None or message.fuzzy or not message.string:
            plural = (
                message.id[1] if message is not None and isinstance(message.id, tuple) else None
            )
            return (msgid,) if plural is None else (msgid, plural)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        return tuple(s for s in strings if s) or (msgid,)

    def tr(self, msgid: str, **params: object) -> str:
        """`msgid` in this language, its {placeholders} filled with `params` as given."""
        text = self._forms(msgid)[0]
        return text.format(**params) if params else text

    def pattern(self, msgid: str, *, named: bool = True) -> re.Pattern[str]:
        """`msgid` in this language as a pattern over flattened text: each {name} is a
        group `(?P<name>.+?)` (`named=False`: `.+?`, a pattern Playwright can take for an
        accessible name); every plural form is accepted."""
        alternatives = []
        for form in self._forms(msgid):
            parts = _PLACEHOLDER.split(flat(form))
            seen: set[str] = set()
            pieces = []
            for index, part in enumerate(parts):
                if index % 2 == 0:
                    pieces.append(re.escape(part))
                elif not named:
                    pieces.append(".+?")
                elif part in seen:
                    pieces.append(f"(?P={part})")
                else:
                    seen.add(part)
                    pieces.append(f"(?P<{part}>.+?)")
            alternatives.append("".join(pieces))
        if len(alternatives) == 1:
            return re.compile(alternatives[0])
        # Named groups cannot repeat across alternatives: one pattern per form, tried in turn.
        return _Alternatives([re.compile(a) for a in alternatives])  # type: ignore[return-value]


class _Alternatives:
    """Plural forms of one message, tried in turn (the API of a compiled pattern it needs)."""

    def __init__(self, patterns: list[re.Pattern[str]]):
        self.patterns = patterns

    def search(self, text: str) -> re.Match[str] | None:
        for pattern in self.patterns:
            found = pattern.search(text)
            if found:
                return found
        return None

    def fullmatch(self, text: str) -> re.Match[str] | None:
        for pattern in self.patterns:
            found = pattern.fullmatch(text)
            if found:
                return found
        return None
