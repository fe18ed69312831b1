"""Which of our languages to use: Accept-Language negotiation and locale normalisation."""

from __future__ import annotations

import re

SUPPORTED: tuple[str, ...] = ("en", "fr")
DEFAULT = "en"

# The Babel locale used for formatting each supported language.
BABEL_LOCALES: dict[str, str] = {"en": "en_US", "fr": "fr_FR"}


# A language with an optional region ("fr", "en_US", "fr-CA", "es-419"): the usual shapes,
# read without importing Babel (~10 ms of the terminal app's cold start); the rest goes to
# Babel's parser.
_LANGUAGE_REGION = re.compile(r"([a-z]{2,3})(?:[-_](?:[a-z]{2}|[0-9]{3}))?", re.IGNORECASE)


def _language(tag: str | None) -> str | None:
    """The supported language a locale tag names ("fr-FR", "fr_CA", "FR" -> "fr"), or None."""
    if not tag:
        return None
    simple = _LANGUAGE_REGION.fullmatch(tag.strip())
    if simple:
        language = simple.group(1).lower()
        return language if language in SUPPORTED else None
    from babel.core import parse_locale

    try:
        language = parse_locale(tag.strip().replace("_", "-"), sep="-")[0].lower()
    except ValueError:
        return None
    return language if language in SUPPORTED else None


def normalize(locale: str | None) -> str:
    """A supported language for any locale tag; unknown or missing tags give DEFAULT."""
    return _language(locale) or DEFAULT


def _weight(params: list[str]) -> float | None:
    """The q value of one Accept-Language entry (1.0 when absent, None when malformed)."""
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                q = float(value.strip())
            except ValueError:
                return None
            return q if 0.0 <= q <= 1.0 else None
    return 1.0


def negotiate(accept_language: str | None, fallback: str | None = None) -> str:
    """The best supported language for an Accept-Language header.

    Entries are taken by decreasing q (ties keep header order); q=0 and malformed entries
    are ignored. When nothing supported is named, `fallback` is used if it names a
    supported language, else DEFAULT.
    """
    entries: list[tuple[float, str]] = []
    for part in (accept_language or "").split(","):
        tag, *params = part.split(";")
        q = _weight(params)
        if tag.strip() and q:
            entries.append((q, tag))
    for _, tag in sorted(entries, key=lambda entry: -entry[0]):
        language = _language(tag)
        if language:
            return language
    return normalize(fallback)
