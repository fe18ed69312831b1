"""Which of the suite's two languages a message is written in, so that a French run fails
when a refusal reaches the person in English (flow.md: "no English leaks into the French
interface").

The oracle is deliberately small and deterministic: it counts the function words of each
language (articles, prepositions, auxiliaries, pronouns), which every sentence has and no
product name or number does; accented letters count for French. Statistical language
detectors are unsure on one short sentence and would make the suite flaky.
"""

from __future__ import annotations

import re

_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the a an of to and or is are was were be been has have had must can cannot "
        "not no this that these your you please only with for from at on in by than "
        "between enter choose use try check first already there it its".split()
    ),
    "fr": frozenset(
        "le la les l un une des de du d et ou est sont été être a ont doit doivent peut "
        "ne n pas aucun aucune ce cet cette ces votre vos vous veuillez seul seuls avec "
        "pour par sur dans entre saisissez choisissez utilisez vérifiez déjà il y au aux "
        "qu que pendant ni sans".split()
    ),
}
_ACCENTED = re.compile(r"[àâçéèêëîïôûùüÿœæ]", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")


def scores(text: str) -> dict[str, int]:
    """How many words of `text` are function words of each language."""
    words = [w.casefold() for w in _WORD.findall(text)]
    found = {lang: sum(w in vocabulary for w in words) for lang, vocabulary in _WORDS.items()}
    found["fr"] += len(_ACCENTED.findall(text))
    return found


def reads_as(text: str, lang: str) -> bool:
    """Whether `text` is written in `lang` rather than the suite's other language."""
    found = scores(text)
    others = [count for other, count in found.items() if other != lang]
    return found[lang] > 0 and all(found[lang] > count for count in others)
