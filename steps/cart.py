"""The cart (R8.1 to R8.4): what it holds, what its buttons say."""

from __future__ import annotations

from pytest_bdd import parsers, then, when

from steps.common import PRONOUN, same, term
from steps.context import Scene
from steps.driver import CartItem, CartView, SubscriptionChoice
from steps.labels import key_of, translate


def _matches(scene: Scene, item: CartItem, offer: str) -> bool:
    product, level = scene.split(offer)
    return same(item.product, product) and (level is None or same(item.level, level))


def _describe(items: tuple[CartItem, ...]) -> str:
    return "; ".join(f"{i.product} {i.level} x{i.licenses} {i.term}" for i in items) or "empty"


@then(
    parsers.re(rf'{PRONOUN} sees (?:her|his) cart with "(?P<first>[^"]+)" and "(?P<second>[^"]+)"')
)
def sees_cart_with(scene: Scene, first: str, second: str) -> None:
    assert isinstance(scene.screen, CartView), f"expected the cart, got {scene.screen!r}"
    items = scene.screen.items
    assert len(items) == 2, _describe(items)
    for offer in (first, second):
        assert any(_matches(scene, item, offer) for item in items), f"{offer}: {_describe(items)}"


def _next_product_choice(scene: Scene) -> SubscriptionChoice:
    """Goes as far as the buy button of another product: what it says depends on the cart."""
    driver = scene.driver
    offered = [p for p in driver.open_add_subscription() if p.can_buy]
    assert offered, "no product is offered to buy"
    choice = driver.choose(offered[0].name, "buy")
    if choice.levels_offered:
        choice = driver.pick_level(choice.levels_offered[0])
    return driver.set_licenses("1")


@then(parsers.re(r'the cart offers "(?P<english>[^"]+)"'))
def cart_offers(scene: Scene, english: str) -> None:
    assert key_of(english) == "place_order", english
    cart = scene.driver.view_cart()
    assert cart.offers_place_order, cart
    # The buy button of the next product now says Add to Cart, never Place Order (R8.3).
    choice = _next_product_choice(scene)
    assert choice.primary_action_label == translate("Add to Cart", scene.lang), choice


@then(parsers.re(r'the button for the next product reads "(?P<english>[^"]+)"'))
def next_button_reads(scene: Scene, english: str) -> None:
    choice = _next_product_choice(scene)
    assert choice.primary_action_label == translate(english, scene.lang), choice


@then(
    parsers.re(
        r'(?:her|his) cart (?:still )?holds only "(?P<offer>[^"]+)" with (?P<licenses>\d+) '
        r"user licenses?, (?P<term_word>monthly|annual)"
    )
)
def cart_holds_only(scene: Scene, offer: str, licenses: str, term_word: str) -> None:
    cart = scene.driver.view_cart()
    assert len(cart.items) == 1, _describe(cart.items)
    item = cart.items[0]
    assert _matches(scene, item, offer), _describe(cart.items)
    assert item.licenses == int(licenses), _describe(cart.items)
    assert item.term == term(term_word), _describe(cart.items)


@then(
    parsers.re(
        r'the item of "(?P<product>[^"]+)" in (?:her|his) cart is at the "(?P<level>[^"]+)" level'
    )
)
def cart_item_level(scene: Scene, product: str, level: str) -> None:
    item = scene.driver.view_cart().item(product)
    assert same(item.level, level), item


@then(parsers.re(r"(?:her|his) cart is empty"))
def cart_is_empty(scene: Scene) -> None:
    cart = scene.driver.view_cart()
    assert cart.items == (), _describe(cart.items)
    assert not cart.offers_place_order, cart


@when(parsers.re(rf"{PRONOUN} opens the Place Order page"))
def opens_place_order(scene: Scene) -> None:
    scene.show(scene.driver.open_place_order())


@when(parsers.re(rf"{PRONOUN} tries to open the Place Order page"))
def tries_to_open_place_order(scene: Scene) -> None:
    page = scene.attempt(scene.driver.open_place_order)
    if page is not None:
        scene.show(page)
