"""Steps 2 to 8: Add a new subscription, the product, Buy or Try, the level, the term,
and the modal's primary action (R2 to R5, R7, R8.2, R8.3)."""

from __future__ import annotations

from pytest_bdd import parsers, then, when

from steps.common import PRONOUN, same, term, yes
from steps.context import Scene
from steps.driver import OfferedProduct, PlaceOrderPage, TrialConfirmation
from steps.labels import key_of, translate


def _offered(scene: Scene, product: str) -> OfferedProduct | None:
    for offered in scene.offered:
        if same(offered.name, product):
            return offered
    return None


@when(parsers.re(rf'{PRONOUN} opens "Add a new subscription"'))
def opens_add_subscription(scene: Scene) -> None:
    scene.offered = scene.driver.open_add_subscription()


@when(parsers.re(rf'{PRONOUN} tries to open "Add a new subscription"'))
def tries_to_open_add_subscription(scene: Scene) -> None:
    scene.attempt(scene.driver.open_add_subscription)


@then(parsers.re(rf"{PRONOUN} is offered these products:"))
def offered_products(scene: Scene, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    assert [h.casefold() for h in header] == ["product", "buy", "try"], header
    expected = {row[0]: (yes(row[1]), yes(row[2])) for row in rows}
    shown = {p.name: (p.can_buy, p.can_try) for p in scene.offered}
    assert shown == expected, f"offered {shown}, expected {expected}"


@then(parsers.re(r'"(?P<product>[^"]+)" is not offered'))
def not_offered(scene: Scene, product: str) -> None:
    assert _offered(scene, product) is None, scene.offered


@then(parsers.re(r'"(?P<product>[^"]+)" is offered with (?P<actions>Buy only|Buy and Try)'))
def offered_with(scene: Scene, product: str, actions: str) -> None:
    offered = _offered(scene, product)
    assert offered is not None, f"{product} is not offered: {scene.offered}"
    assert offered.can_buy, offered
    assert offered.can_try is (actions == "Buy and Try"), offered


@when(
    parsers.re(
        rf'{PRONOUN} (?:changes her mind and )?chooses to (?P<action>buy|try) "(?P<product>[^"]+)"'
    )
)
def chooses(scene: Scene, action: str, product: str) -> None:
    scene.choice = scene.driver.choose(product, action)  # type: ignore[arg-type]


@then(parsers.re(rf'{PRONOUN} is choosing "(?P<product>[^"]+)"'))
def is_choosing(scene: Scene, product: str) -> None:
    assert scene.choice is not None and same(scene.choice.product, product), scene.choice


@then(parsers.re(rf'{PRONOUN} is asked for the subscription level among "(?P<levels>[^"]+)"'))
def asked_for_level(scene: Scene, levels: str) -> None:
    assert scene.choice is not None
    expected = [level.strip().casefold() for level in levels.split(",")]
    assert [level.casefold() for level in scene.choice.levels_offered] == expected, scene.choice


@then(parsers.re(rf"{PRONOUN} is not asked for a subscription level"))
def not_asked_for_level(scene: Scene) -> None:
    assert scene.choice is not None
    assert scene.choice.levels_offered == (), scene.choice
    assert scene.choice.level, f"the only level should be chosen silently: {scene.choice}"


@when(parsers.re(rf'{PRONOUN} picks the "(?P<level>[^"]+)" level'))
def picks_level(scene: Scene, level: str) -> None:
    scene.choice = scene.driver.pick_level(level)


@when(parsers.re(rf"{PRONOUN} sets (?P<licenses>\S+) user licenses?"))
def sets_licenses(scene: Scene, licenses: str) -> None:
    scene.choice = scene.driver.set_licenses(licenses)


@then(parsers.re(r"the user licenses read (?P<licenses>\d+)"))
def licenses_read(scene: Scene, licenses: str) -> None:
    assert scene.choice is not None and scene.choice.licenses.strip() == licenses, scene.choice


@when(parsers.re(rf'{PRONOUN} picks "(?P<term_label>Monthly|Annual)"'))
def picks_term(scene: Scene, term_label: str) -> None:
    scene.choice = scene.driver.pick_term(key_of(term_label))  # type: ignore[arg-type]


@then(parsers.re(rf'{PRONOUN} is (?P<negation>not )?asked "Monthly" or "Annual"'))
def asked_for_term(scene: Scene, negation: str | None) -> None:
    assert scene.choice is not None
    expected = () if negation else ("monthly", "annual")
    assert tuple(scene.choice.terms_offered) == expected, scene.choice


@then(parsers.re(r'the button reads "(?P<english>[^"]+)"'))
def button_reads(scene: Scene, english: str) -> None:
    assert scene.choice is not None
    assert scene.choice.primary_action_label == translate(english, scene.lang), scene.choice


@when(parsers.re(rf'{PRONOUN} confirms with "(?P<english>[^"]+)"'))
def confirms_with(scene: Scene, english: str) -> None:
    assert scene.choice is not None
    assert scene.choice.primary_action_label == translate(english, scene.lang), scene.choice
    scene.show(scene.driver.confirm_choice())


# --- the whole modal in one step ---------------------------------------------------------


def _choose(scene: Scene, offer: str, action: str, licenses: str, *, directly: bool,
            term_word: str | None = None) -> None:
    """The whole modal: product, action, level (if asked), licenses, term (buying only)."""
    product, level = scene.split(offer)
    if not directly:
        scene.offered = scene.driver.open_add_subscription()
    scene.choice = scene.driver.choose(product, action)  # type: ignore[arg-type]
    if level is not None:
        scene.choice = scene.driver.pick_level(level)
    scene.choice = scene.driver.set_licenses(licenses)
    if term_word is not None:
        scene.choice = scene.driver.pick_term(term(term_word))  # type: ignore[arg-type]
    scene.show(scene.driver.confirm_choice())


def _buy(scene: Scene, offer: str, term_word: str, licenses: str, *, directly: bool) -> None:
    _choose(scene, offer, "buy", licenses, directly=directly, term_word=term_word)


def _try(scene: Scene, offer: str, licenses: str, *, directly: bool) -> None:
    _choose(scene, offer, "try", licenses, directly=directly)


BUY = r'"(?P<offer>[^"]+)", (?P<term_word>monthly|annual), with (?P<licenses>\S+) user licenses?'
TRY = r'a trial of "(?P<offer>[^"]+)" with (?P<licenses>\S+) user licenses?'


@when(parsers.re(rf"{PRONOUN} buys {BUY}"))
def buys(scene: Scene, offer: str, term_word: str, licenses: str) -> None:
    _buy(scene, offer, term_word, licenses, directly=False)


@when(parsers.re(rf"{PRONOUN} tries to buy {BUY}"))
def tries_to_buy(scene: Scene, offer: str, term_word: str, licenses: str) -> None:
    scene.attempt(lambda: _buy(scene, offer, term_word, licenses, directly=False))


@when(parsers.re(rf"{PRONOUN} tries directly to buy {BUY}"))
def tries_directly_to_buy(scene: Scene, offer: str, term_word: str, licenses: str) -> None:
    scene.attempt(lambda: _buy(scene, offer, term_word, licenses, directly=True))


@when(parsers.re(rf"{PRONOUN} starts {TRY}"))
def starts_trial(scene: Scene, offer: str, licenses: str) -> None:
    _try(scene, offer, licenses, directly=False)
    assert isinstance(scene.screen, TrialConfirmation), scene.screen


@when(parsers.re(rf"{PRONOUN} tries to start {TRY}"))
def tries_to_start_trial(scene: Scene, offer: str, licenses: str) -> None:
    scene.attempt(lambda: _try(scene, offer, licenses, directly=False))


@when(parsers.re(rf"{PRONOUN} tries directly to start {TRY}"))
def tries_directly_to_start_trial(scene: Scene, offer: str, licenses: str) -> None:
    scene.attempt(lambda: _try(scene, offer, licenses, directly=True))


@then("the Place Order page opens")
def place_order_page_opens(scene: Scene) -> None:
    assert isinstance(scene.screen, PlaceOrderPage), scene.screen
