"""Free trials (R9.1 to R9.6) and what the account then holds (R0.3)."""

from __future__ import annotations

from pytest_bdd import parsers, then

from steps.common import PRONOUN, day, same
from steps.context import Scene
from steps.driver import Subscription, TrialConfirmation
from steps.formats import date_forms, mentions

DATE = r"\d{4}-\d{2}-\d{2}"


def _subscriptions(scene: Scene, offer: str) -> tuple[Subscription, ...]:
    product, level = scene.split(offer)
    account = scene.driver.view_account()
    return tuple(
        s for s in account.subscriptions_of(product) if level is None or same(s.level, level)
    )


def _one(scene: Scene, offer: str, status: str | None = None) -> Subscription:
    found = [s for s in _subscriptions(scene, offer) if status in (None, s.status)]
    assert len(found) == 1, f"one {status or ''} subscription of {offer} expected, got {found}"
    return found[0]


@then(
    parsers.re(
        rf'{PRONOUN} sees the trial confirmation for "(?P<offer>[^"]+)" with (?P<licenses>\d+) '
        rf"user licenses?, ending (?P<end>{DATE})"
    )
)
def sees_trial_confirmation(scene: Scene, offer: str, licenses: str, end: str) -> None:
    product, level = scene.split(offer)
    shown = scene.screen
    assert isinstance(shown, TrialConfirmation), f"no trial confirmation: {shown!r}"
    assert same(shown.product, product), shown
    assert level is None or same(shown.level, level), shown
    assert shown.licenses == int(licenses), shown
    assert shown.trial_end == day(end), shown


@then(
    parsers.re(
        rf'"(?P<offer>[^"]+)" is trialing on (?:her|his) account from (?P<start>{DATE}) to '
        rf"(?P<end>{DATE}), with no term"
    )
)
def trialing_from_to(scene: Scene, offer: str, start: str, end: str) -> None:
    sub = _one(scene, offer)
    assert sub.status == "trialing", sub
    assert sub.term is None, sub
    assert sub.period_start == day(start), sub
    assert sub.trial_end == day(end), sub


@then(
    parsers.re(
        rf'"(?P<offer>[^"]+)" is active on (?:her|his) account '
        rf"from (?P<start>{DATE}) to (?P<end>{DATE})"
    )
)
def active_from_to(scene: Scene, offer: str, start: str, end: str) -> None:
    sub = _one(scene, offer, "active")
    assert (sub.period_start, sub.period_end) == (day(start), day(end)), sub


@then(
    parsers.re(
        r'"(?P<offer>[^"]+)" is active on (?:her|his) account with (?P<licenses>\d+) user licenses?'
    )
)
def active_with_licenses(scene: Scene, offer: str, licenses: str) -> None:
    sub = _one(scene, offer, "active")
    assert sub.licenses == int(licenses), sub


@then(
    parsers.re(r'"(?P<offer>[^"]+)" is (?P<status>trialing|expired|active) on (?:her|his) account')
)
def has_status(scene: Scene, offer: str, status: str) -> None:
    sub = _one(scene, offer)
    assert sub.status == status, sub


@then(parsers.re(r'"(?P<offer>[^"]+)" is no longer trialing'))
def no_longer_trialing(scene: Scene, offer: str) -> None:
    subs = _subscriptions(scene, offer)
    assert all(s.status != "trialing" for s in subs), subs
    assert [s.status for s in subs] == ["active"], subs


@then(parsers.re(r'"(?P<offer>[^"]+)" is not on (?:her|his) account'))
def not_on_account(scene: Scene, offer: str) -> None:
    assert _subscriptions(scene, offer) == (), _subscriptions(scene, offer)


@then("no trial has started")
def no_trial_started(scene: Scene) -> None:
    account = scene.driver.view_account()
    held = {(h.offer, h.status) for h in scene.spec.subscriptions if h.status == "trialing"}
    trialing = [s for s in account.subscriptions if s.status == "trialing"]
    assert len(trialing) == len(held), f"trials on the account: {trialing}"
    emails = scene.backoffice.emails(scene.ensure_account())
    assert [e for e in emails if e.kind == "trial_welcome"] == [], emails


def _welcome_emails(scene: Scene):  # noqa: ANN202
    emails = scene.backoffice.emails(scene.ensure_account())
    return [e for e in emails if e.kind == "trial_welcome"]


@then(
    parsers.re(
        r'a welcome email reaches (?:her|him) naming "(?P<product>[^"]+)" and the trial end '
        rf"(?P<end>{DATE}), in (?:her|his) language"
    )
)
def welcome_email(scene: Scene, product: str, end: str) -> None:
    welcome = _welcome_emails(scene)
    assert len(welcome) == 1, welcome
    email = welcome[0]
    contact = scene.people[scene.contact]
    assert email.to.casefold() == contact.email.casefold(), email
    assert email.subject.strip(), email
    assert product in email.subject + email.body, email
    forms = date_forms(day(end), scene.lang)
    assert mentions(email.body, forms), f"no date among {forms} in:\n{email.body}"


@then("only one welcome email was sent")
def one_welcome_email(scene: Scene) -> None:
    assert len(_welcome_emails(scene)) == 1, _welcome_emails(scene)


@then(
    parsers.re(
        rf'(?:her|his) "(?P<offer>[^"]+)" subscription runs from (?P<start>{DATE}) '
        rf"to (?P<end>{DATE}), next billed on (?P<next_date>{DATE})"
    )
)
def subscription_runs(scene: Scene, offer: str, start: str, end: str, next_date: str) -> None:
    sub = _one(scene, offer)
    assert (sub.period_start, sub.period_end) == (day(start), day(end)), sub
    assert sub.next_billing_date == day(next_date), sub
