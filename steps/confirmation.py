"""Step 10's result and step 11's reminder: the confirmation, the new billing date, what
is active, and the emails (R0.3, R10.3, R12.1 to R12.3, R11.1)."""

from __future__ import annotations

import re

from pytest_bdd import parsers, then

from steps.common import PRONOUN, day, money, names, same, term
from steps.context import Scene
from steps.driver import Confirmation
from steps.formats import date_forms, mentions, money_forms
from steps.labels import key_of, label
from steps.world import Email

DATE = r"\d{4}-\d{2}-\d{2}"


def _confirmation(scene: Scene) -> Confirmation:
    assert scene.confirmation is not None, f"no order confirmation; refusal: {scene.refusal}"
    return scene.confirmation


def _order_emails(scene: Scene) -> list[Email]:
    emails = scene.backoffice.emails(scene.ensure_account())
    return [e for e in emails if e.kind == "order_confirmation"]


def _order_email(scene: Scene) -> Email:
    emails = _order_emails(scene)
    assert len(emails) == 1, f"one order confirmation email expected, got {emails}"
    return emails[0]


@then(parsers.re(rf"{PRONOUN} sees the order confirmation with an order number"))
def sees_confirmation(scene: Scene) -> None:
    confirmation = _confirmation(scene)
    assert confirmation.order_number.strip(), confirmation
    assert confirmation.placed_on == scene.driver.view_account().today, confirmation


@then("the confirmation shows as active:")
def confirmation_shows_active(scene: Scene, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    assert [h.casefold() for h in header] == ["product", "licenses", "term"], header
    active = _confirmation(scene).active
    assert len(active) == len(rows), active
    for offer, licenses, term_word in rows:
        product, level = scene.split(offer)
        assert any(
            same(a.product, product)
            and (level is None or same(a.level, level))
            and a.licenses == int(licenses)
            and a.term == term(term_word)
            for a in active
        ), f"{offer} x{licenses} {term_word} is not shown active: {active}"


@then(
    parsers.re(
        rf"the confirmation shows the billing day (?P<billing_day>\d+) and the next billing date "
        rf"(?P<next_date>{DATE})"
    )
)
def confirmation_billing_date(scene: Scene, billing_day: str, next_date: str) -> None:
    confirmation = _confirmation(scene)
    assert confirmation.billing_day == int(billing_day), confirmation
    assert confirmation.next_billing_date == day(next_date), confirmation


@then(parsers.re(rf'{PRONOUN} is reminded to assign the new licenses in "(?P<english>[^"]+)"'))
def reminded_to_assign(scene: Scene, english: str) -> None:
    confirmation = _confirmation(scene)
    assert confirmation.manage_users_reminder, confirmation
    assert confirmation.manage_users_label == label(key_of(english), scene.lang), confirmation


@then(
    parsers.re(
        r"the confirmation names the card by its brand and last four digits (?P<last4>\d{4})"
    )
)
def confirmation_names_card(scene: Scene, last4: str) -> None:
    confirmation = _confirmation(scene)
    assert confirmation.card_last4 == last4, confirmation
    assert confirmation.card_brand.strip(), confirmation


@then(
    parsers.re(r"(?:her|his) billing day is (?:still|now) the (?P<billing_day>\d+)(?:st|nd|rd|th)")
)
def billing_day_is(scene: Scene, billing_day: str) -> None:
    assert scene.driver.view_account().billing_day == int(billing_day)


@then(parsers.re(r"(?:her|his) subscriptions are:"))
def subscriptions_are(scene: Scene, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    columns = [h.strip().casefold() for h in header]
    account = scene.driver.view_account()
    assert len(account.subscriptions) == len(rows), account.subscriptions
    for row in rows:
        cell = dict(zip(columns, (c.strip() for c in row), strict=True))
        product, level = scene.split(cell["product"])
        found = [
            s for s in account.subscriptions_of(product) if level is None or same(s.level, level)
        ]
        assert len(found) == 1, f"{cell['product']}: {account.subscriptions}"
        sub = found[0]
        assert sub.licenses == int(cell["licenses"]), sub
        assert sub.term == term(cell["term"]), sub
        assert sub.status == cell["status"], sub
        assert sub.period_start == day(cell["from"]), sub
        assert sub.period_end == day(cell["to"]), sub
        assert sub.next_billing_date == day(cell["next billing"]), sub


# --- emails ------------------------------------------------------------------------------


@then(parsers.re(r"an order confirmation email reaches (?:her|him) with the order number"))
def order_email_with_number(scene: Scene) -> None:
    email = _order_email(scene)
    contact = scene.people[scene.contact]
    assert email.to.casefold() == contact.email.casefold(), email
    assert email.subject.strip(), email
    assert _confirmation(scene).order_number in email.subject + email.body, email


@then("only one order confirmation email was sent")
def one_order_email(scene: Scene) -> None:
    _order_email(scene)


@then("no email was sent")
def no_email(scene: Scene) -> None:
    emails = scene.backoffice.emails(scene.ensure_account())
    assert emails == (), emails


@then(parsers.re(r'the email names (?P<products>"[^"]+"(?: and "[^"]+")*)'))
def email_names(scene: Scene, products: str) -> None:
    email = _order_email(scene)
    for offer in names(products.replace('"', "")):
        product, level = scene.split(offer)
        assert product in email.body, f"{product} not in:\n{email.body}"
        assert level is None or level in email.body, f"{level} not in:\n{email.body}"


@then(parsers.re(r"the email shows the amounts (?P<amounts>.+) in (?:her|his) language"))
def email_amounts(scene: Scene, amounts: str) -> None:
    email, currency = _order_email(scene), _confirmation(scene).currency or "EUR"
    for amount in names(amounts):
        forms = money_forms(money(amount), currency, scene.lang)
        assert mentions(email.body, forms), f"none of {forms} in:\n{email.body}"


@then(
    parsers.re(
        r"the email shows the VAT (?P<vat>[\d.,]+) and the total (?P<total>[\d.,]+) "
        r"in (?:her|his) language"
    )
)
def email_vat_and_total(scene: Scene, vat: str, total: str) -> None:
    email_amounts(scene, f"{vat} and {total}")


@then(parsers.re(r"the email shows the new billing date in (?:her|his) language"))
def email_billing_date(scene: Scene) -> None:
    email, confirmation = _order_email(scene), _confirmation(scene)
    forms = date_forms(confirmation.next_billing_date, scene.lang)
    assert mentions(email.body, forms), f"none of {forms} in:\n{email.body}"


@then(
    parsers.re(
        r"the order confirmation email names the card ending (?P<last4>\d{4}), "
        r"never its full number"
    )
)
def email_card(scene: Scene, last4: str) -> None:
    email, confirmation = _order_email(scene), _confirmation(scene)
    text = email.subject + "\n" + email.body
    assert last4 in email.body, email.body
    assert confirmation.card_brand.casefold() in email.body.casefold(), email.body
    card = scene.payment.card if scene.payment else None
    assert card is not None, "no card was entered in this scenario"
    digits = [ch for ch in card.number if ch.isdigit()]
    spread = r"[\s.-]?".join(digits)
    assert not re.search(spread, text), "the full card number is in the email"
    assert not re.search(rf"(?<!\d){card.cvc}(?!\d)", text), "the CVC is in the email"
