"""What the person reads (flow.md, "Labels" and "Dates, numbers and money are formatted per
locale"): the binding labels in her language, amounts and dates as her language writes
them, and refusals worded in her language.

Labels, money and dates are read from the screen (`ScreenDriver.visible_text`): those
scenarios are tagged `@screen`. A refusal's words reach every driver, the API's included.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from pytest_bdd import parsers, then

from steps.common import PRONOUN, day, money
from steps.context import Scene
from steps.driver import ScreenDriver
from steps.formats import date_forms, money_forms, plain
from steps.labels import LANGUAGES, key_of, label
from steps.language import reads_as, scores

_QUOTED = re.compile(r'"([^"]+)"')
_AMOUNT = r"-?[\d,]+\.\d{2} [A-Z]{3}"
_DATE = r"\d{4}-\d{2}-\d{2}"


def _list_of(item: str) -> str:
    return rf"{item}(?:(?:, | and ){item})*"


LABELS = _list_of(r'"[^"]+"')
AMOUNTS = _list_of(_AMOUNT)
DATES = _list_of(_DATE)


def _screen_text(scene: Scene) -> str:
    driver = scene.driver
    assert isinstance(driver, ScreenDriver), (
        f"the {driver.name} driver has no screen: tag this scenario @screen"
    )
    return plain(driver.visible_text())


def _shows(text: str, words: str) -> bool:
    """`words` stand on the screen as a whole (not inside a longer word)."""
    return re.search(rf"(?<!\w){re.escape(plain(words))}(?!\w)", text) is not None


@then(parsers.re(rf"{PRONOUN} reads (?P<labels>{LABELS})"))
def reads_labels(scene: Scene, labels: str) -> None:
    shown = _screen_text(scene)
    for english in _QUOTED.findall(labels):
        key = key_of(english)
        expected = label(key, scene.lang)
        assert _shows(shown, expected), f"{expected!r} is not on the screen:\n{shown}"
        for other in LANGUAGES:
            foreign = label(key, other)
            if other != scene.lang and foreign != expected:
                assert not _shows(shown, foreign), (
                    f"{foreign!r} ({other}) is on a {scene.lang} screen:\n{shown}"
                )


def _written(scene: Scene, what: str, forms_of: dict[str, set[str]]) -> None:
    shown = _screen_text(scene)
    mine = forms_of[scene.lang]
    assert any(form in shown for form in mine), (
        f"{what} is not written as {scene.lang} writes it ({sorted(mine)}):\n{shown}"
    )
    for other, forms in forms_of.items():
        foreign = sorted(form for form in forms - mine if form in shown)
        assert other == scene.lang or not foreign, (
            f"{what} is written as {other} writes it ({foreign}) on a {scene.lang} screen"
        )


@then(parsers.re(rf"{PRONOUN} reads (?P<amounts>{AMOUNTS}) as (?:her|his) language writes money"))
def reads_money(scene: Scene, amounts: str) -> None:
    for amount, currency in re.findall(r"(-?[\d,]+\.\d{2}) ([A-Z]{3})", amounts):
        value: Decimal = money(amount)
        _written(
            scene,
            f"{amount} {currency}",
            {lang: money_forms(value, currency, lang, bare=False) for lang in LANGUAGES},
        )


@then(parsers.re(rf"{PRONOUN} reads (?P<dates>{DATES}) as (?:her|his) language writes dates"))
def reads_dates(scene: Scene, dates: str) -> None:
    for text in re.findall(_DATE, dates):
        when: date = day(text)
        _written(scene, text, {lang: date_forms(when, lang) for lang in LANGUAGES})


@then(parsers.re(r"the refusal is worded in (?:her|his) language"))
def refusal_in_language(scene: Scene) -> None:
    refusal = scene.refusal or (scene.refusals[-1] if scene.refusals else None)
    assert refusal is not None, f"expected a refusal (last screen: {scene.screen!r})"
    assert reads_as(refusal.message, scene.lang), (
        f"not worded in {scene.lang}: {refusal.message!r} (function words: "
        f"{scores(refusal.message)})"
    )
