"""Step 10: paying (R11.1, R11.4, R11.5), one order per submission (R12.4), and what the
card statement shows."""

from __future__ import annotations

from decimal import Decimal

from pytest_bdd import parsers, then, when

from steps.common import PRONOUN, money
from steps.context import Scene
from steps.driver import Card, Confirmation, Payment, SubmissionDriver
from steps.world import Charge

GOOD_EXPIRY = (12, 2035)


def _card(scene: Scene, number: str, **changes: object) -> Card:
    fields: dict[str, object] = {
        "holder": f"{scene.contact} Martin",
        "number": number,
        "exp_month": GOOD_EXPIRY[0],
        "exp_year": GOOD_EXPIRY[1],
        "cvc": "737",
    }
    fields.update(changes)
    return Card(**fields)  # type: ignore[arg-type]


def _paid(scene: Scene, confirmation: Confirmation) -> None:
    scene.confirmation = confirmation
    scene.confirmations.append(confirmation)


def _pay(scene: Scene, payment: Payment, *, attempt: bool) -> None:
    scene.payment = payment
    if attempt:
        confirmation = scene.attempt(lambda: scene.driver.pay(payment))
        if confirmation is not None:
            _paid(scene, confirmation)
    else:
        _paid(scene, scene.driver.pay(payment))


@when(parsers.re(rf'{PRONOUN} places the order with the card "(?P<number>[^"]+)"'))
def places_order_with_card(scene: Scene, number: str) -> None:
    _pay(scene, Payment(card=_card(scene, number)), attempt=False)


@when(parsers.re(rf"{PRONOUN} places the order with (?:her|his) saved card"))
def places_order_with_saved_card(scene: Scene) -> None:
    _pay(scene, Payment(use_saved_card=True), attempt=False)


@when(parsers.re(rf'{PRONOUN} tries to place the order with the card "(?P<number>[^"]+)"'))
def tries_with_card(scene: Scene, number: str) -> None:
    _pay(scene, Payment(card=_card(scene, number)), attempt=True)


@when(
    parsers.re(
        rf"{PRONOUN} tries to place the order with a card that expired in "
        r"(?P<month>\d{2})/(?P<year>\d{4})"
    )
)
def tries_with_expired_card(scene: Scene, month: str, year: str) -> None:
    card = _card(scene, "4242 4242 4242 4242", exp_month=int(month), exp_year=int(year))
    _pay(scene, Payment(card=card), attempt=True)


@when(
    parsers.re(
        rf"{PRONOUN} places the order with a card expiring in (?P<month>\d{{2}})/(?P<year>\d{{4}})"
    )
)
def places_order_with_card_expiring(scene: Scene, month: str, year: str) -> None:
    card = _card(scene, "4242 4242 4242 4242", exp_month=int(month), exp_year=int(year))
    _pay(scene, Payment(card=card), attempt=False)


@when(
    parsers.re(
        rf'{PRONOUN} tries to place the order with a card with the security code "(?P<cvc>[^"]*)"'
    )
)
def tries_with_bad_cvc(scene: Scene, cvc: str) -> None:
    _pay(scene, Payment(card=_card(scene, "4242 4242 4242 4242", cvc=cvc)), attempt=True)


@when(parsers.re(rf"{PRONOUN} tries to place the order with a card with no holder name"))
def tries_without_holder(scene: Scene) -> None:
    _pay(scene, Payment(card=_card(scene, "4242 4242 4242 4242", holder="")), attempt=True)


@when(
    parsers.re(
        rf'{PRONOUN} tries to place the order with the VAT number "(?P<vat_number>[^"]+)" '
        r'and the card "(?P<number>[^"]+)"'
    )
)
def tries_with_vat_number(scene: Scene, vat_number: str, number: str) -> None:
    def place() -> None:
        scene.show(scene.driver.enter_vat_number(vat_number))
        _paid(scene, scene.driver.pay(Payment(card=_card(scene, number))))

    scene.attempt(place)


@when(
    parsers.re(
        rf'{PRONOUN} tries to place the order with the card "(?P<number>[^"]+)" and '
        r'(?:no VAT number|the VAT number "(?P<vat_number>[^"]+)")'
    )
)
def tries_with_card_and_vat_number(scene: Scene, number: str, vat_number: str | None) -> None:
    if vat_number is None:
        _pay(scene, Payment(card=_card(scene, number)), attempt=True)
    else:
        tries_with_vat_number(scene, vat_number, number)


@when(
    parsers.re(
        rf'{PRONOUN} submits the order with the card "(?P<number>[^"]+)" twice in a row'
    )
)
def submits_twice(scene: Scene, number: str) -> None:
    scene.payment = Payment(card=_card(scene, number))
    for confirmation in scene.driver.pay_twice(scene.payment):
        _paid(scene, confirmation)


@when(parsers.re(r'the same submission is sent again with the card "(?P<number>[^"]+)"'))
def same_submission_other_card(scene: Scene, number: str) -> None:
    driver = scene.driver
    assert isinstance(driver, SubmissionDriver), (
        f"the {driver.name} driver cannot resend a submission: tag this scenario @api-only"
    )
    confirmation = scene.attempt(lambda: driver.pay_again(Payment(card=_card(scene, number))))
    if confirmation is not None:
        _paid(scene, confirmation)


# --- what was charged --------------------------------------------------------------------


def _charges(scene: Scene) -> tuple[Charge, ...]:
    return scene.backoffice.charges(scene.ensure_account())


def _charged_once(scene: Scene, amount: str, currency: str) -> Charge:
    charges = _charges(scene)
    assert len(charges) == 1, f"one charge expected, got {charges}"
    charge = charges[0]
    assert charge.amount == money(amount), charge
    assert charge.currency == currency, charge
    if scene.confirmation is not None:
        assert charge.order_number == scene.confirmation.order_number, charge
        assert charge.amount == scene.confirmation.total_due, (charge, scene.confirmation)
    return charge


@then(parsers.re(r"(?:her|his) card was charged (?P<amount>[\d.,]+) (?P<currency>[A-Z]{3}) once"))
def charged_once(scene: Scene, amount: str, currency: str) -> None:
    _charged_once(scene, amount, currency)


@then(
    parsers.re(
        r"(?:her|his) card ending (?P<last4>\d{4}) was charged (?P<amount>[\d.,]+) "
        r"(?P<currency>[A-Z]{3}) once"
    )
)
def card_ending_charged_once(scene: Scene, last4: str, amount: str, currency: str) -> None:
    charge = _charged_once(scene, amount, currency)
    assert charge.last4 == last4, charge
    assert scene.confirmation is not None and scene.confirmation.card_last4 == last4


@then(
    parsers.re(
        r"(?:her|his) saved card was charged (?P<amount>[\d.,]+) (?P<currency>[A-Z]{3}) once"
    )
)
def saved_card_charged_once(scene: Scene, amount: str, currency: str) -> None:
    saved = scene.driver.view_account().card
    assert saved is not None, "the account has no card on file"
    charge = _charged_once(scene, amount, currency)
    assert charge.last4 == saved.last4, (charge, saved)


@then("nothing was charged")
def nothing_charged(scene: Scene) -> None:
    assert _charges(scene) == (), _charges(scene)


@then(
    parsers.re(
        r"(?:her|his) account shows (?:her|his) saved card by its brand and last four digits"
    )
)
def shows_saved_card(scene: Scene) -> None:
    card = scene.driver.view_account().card
    assert card is not None, "no card on file"
    assert card.brand.strip(), card
    assert len(card.last4) == 4 and card.last4.isdigit(), card
    assert 1 <= card.exp_month <= 12, card


@then(parsers.re(rf"every confirmation {PRONOUN} sees is of one and the same order"))
def one_order_seen(scene: Scene) -> None:
    seen = scene.confirmations
    assert seen, "no confirmation was shown"
    assert len({c.order_number for c in seen}) == 1, [c.order_number for c in seen]
    assert len({c.total_due for c in seen}) == 1, [c.total_due for c in seen]


@then(
    parsers.re(
        rf"{PRONOUN} sees the order confirmation with VAT (?P<rate>[\d.]+)% and a total of "
        r"(?P<total>[\d.,]+)"
    )
)
def confirmation_with_vat(scene: Scene, rate: str, total: str) -> None:
    confirmation = scene.confirmation
    assert confirmation is not None, scene.refusal
    assert confirmation.vat_rate == Decimal(rate), confirmation
    assert confirmation.total_due == money(total), confirmation
