"""What a refusal says: why, where, and that nothing happened (R0.1, R0.2, R6, R9.4,
R11.1, R11.2, R11.4, R11.5, R12.4, R13).

"Then her account is as it was before" compares the whole account (subscriptions, cart,
card on file, VAT number, billing day, emails, charges) with its state when the refused
action was attempted: `Scene.attempt` keeps that state in the scenarios that say so
(found by `pytest_bdd_before_scenario` below), so others pay nothing for it."""

from __future__ import annotations

import re

import pytest
from pytest_bdd import parsers, then
from pytest_bdd.parser import Feature, Scenario

from steps.common import PRONOUN
from steps.context import Scene
from steps.labels import key_of, label

# The features' reasons, and the contract's codes that carry them (api.md, "Errors").
REASONS: dict[str, set[str]] = {
    "only a billing contact may add subscriptions": {"not_billing_contact"},
    "a trial of this product is not allowed": {"trial_not_allowed"},
    "the product is already on the account": {"trial_not_allowed", "already_subscribed"},
    "the card was declined": {"card_declined"},
    "the card has insufficient funds": {"insufficient_funds"},
    "the card has expired": {"expired_card"},
    "the payment provider failed": {"payment_error"},
    "the retry conflicts with the first submission": {"idempotency_conflict"},
}


ASSIGNED = re.compile(r'(?P<count>\d+) licenses of "(?P<product>[^"]+)" are assigned to users')


@then(parsers.re(rf"{PRONOUN} is refused because (?P<reason>.+)"))
def refused_because(scene: Scene, reason: str) -> None:
    refusal = scene.refused()
    assigned = ASSIGNED.fullmatch(reason)
    if assigned:  # R13: no purchase below the licenses already assigned to users
        assert refusal.code == "validation", refusal
        assert assigned["count"] in re.findall(r"\d+", refusal.message), refusal
        assert scene.product(assigned["product"]).casefold() in refusal.message.casefold(), (
            refusal
        )
        return
    assert reason in REASONS, f"unknown reason {reason!r}: say it in steps/refusals.py"
    assert refusal.code in REASONS[reason], refusal
    assert refusal.message.strip(), refusal


@then(parsers.re(rf"{PRONOUN} is refused"))
def refused(scene: Scene) -> None:
    assert scene.refused().message.strip(), scene.refusal


@then(parsers.re(rf'{PRONOUN} is refused at the "(?P<field>[^"]+)" field'))
def refused_at_field(scene: Scene, field: str) -> None:
    refusal = scene.refused()
    assert refusal.code == "validation", refusal
    assert refusal.field == key_of(field), refusal
    assert refusal.message.strip(), refusal


@then(
    parsers.re(
        rf'{PRONOUN} is refused at the "(?P<field>[^"]+)" field with a message naming '
        r"(?P<low>\d+) and (?P<high>\d+)"
    )
)
def refused_at_field_naming_range(scene: Scene, field: str, low: str, high: str) -> None:
    refused_at_field(scene, field)
    numbers = re.findall(r"\d+", scene.refused().message.replace("\u202f", "").replace("\xa0", ""))
    assert low in numbers and high in numbers, (
        f"the range {low}-{high} is not named: {scene.refusal}"
    )


@then(parsers.re(rf'{PRONOUN} is told to use the "(?P<portal>[^"]+)" the deployment links to'))
def told_to_use_portal(scene: Scene, portal: str) -> None:
    """The link is the deployment's configured one (R0.2: "a configurable link"), read
    from it, so a deployment configured with another portal is checked against its own."""
    refusal = scene.refused()
    assert refusal.code == "enterprise_account", refusal
    assert label(key_of(portal), scene.lang) in refusal.message, refusal
    configured = scene.backoffice.configuration().corporate_portal_url
    assert refusal.link == configured, f"{refusal}: the deployment links to {configured}"


@then("nothing was added to the account")
def nothing_added(scene: Scene) -> None:
    contact = scene.people[scene.contact]
    scene.driver.sign_in(contact.email, contact.password)
    account = scene.driver.view_account()
    assert account.subscriptions == (), account.subscriptions
    assert account.cart_count == 0, account
    assert scene.backoffice.emails(scene.ensure_account()) == ()
    assert scene.backoffice.charges(scene.ensure_account()) == ()


AS_BEFORE = re.compile(r"(?:her|his) account is as it was before")


def pytest_bdd_before_scenario(
    request: pytest.FixtureRequest, feature: Feature, scenario: Scenario
) -> None:
    if any(AS_BEFORE.fullmatch(step.name) for step in scenario.steps):
        request.getfixturevalue("scene").keeps_before = True


@then(parsers.re(AS_BEFORE.pattern))
def as_it_was_before(scene: Scene) -> None:
    before = scene.before
    assert before is not None, "nothing was attempted since the account was last compared"
    scene.refused()
    changed = before.differences(scene.state())
    scene.before = None
    assert not changed, "the refused action left changes behind:\n" + "\n".join(changed)
