"""Step 1 and R1: signing in and out; and what a signed-in person is offered (R0.1, R0.2)."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from steps.common import PRONOUN
from steps.context import Scene
from steps.labels import key_of


def _sign_in(scene: Scene, name: str) -> None:
    who = scene.credentials(name)
    scene.driver.sign_in(who.email, who.password)
    scene.person = name


@given(parsers.re(r"(?P<name>[A-Z]\w+) is signed in"))
def signed_in(scene: Scene, name: str) -> None:
    _sign_in(scene, name)


@when(parsers.re(r"(?P<name>[A-Z]\w+) signs in with (?:her|his) email and password"))
def signs_in(scene: Scene, name: str) -> None:
    _sign_in(scene, name)


@when(
    parsers.re(r"(?P<name>[A-Z]\w+) tries to sign in with (?:her|his) email and a wrong password")
)
def signs_in_with_wrong_password(scene: Scene, name: str) -> None:
    who = scene.credentials(name)
    scene.attempt(lambda: scene.driver.sign_in(who.email, who.password + "-not-it"))
    scene.refused()


@when(
    parsers.re(
        r"(?P<name>[A-Z]\w+) tries to sign in with an unknown email and (?:her|his) password"
    )
)
def signs_in_with_unknown_email(scene: Scene, name: str) -> None:
    who = scene.credentials(name)
    scene.attempt(lambda: scene.driver.sign_in("nobody." + who.email, who.password))
    scene.refused()


@when(parsers.re(rf"{PRONOUN} signs out"))
def signs_out(scene: Scene) -> None:
    scene.driver.sign_out()


@then(parsers.re(rf"{PRONOUN} sees (?:her|his) account in the Billing Center"))
def sees_account(scene: Scene) -> None:
    account = scene.driver.view_account()
    assert account.today == scene.spec.today, account
    assert account.country == scene.spec.country, account
    assert account.kind == scene.spec.kind, account


@then("both attempts are refused as invalid credentials")
def both_refused_as_invalid_credentials(scene: Scene) -> None:
    assert len(scene.refusals) == 2, scene.refusals
    assert [r.code for r in scene.refusals] == ["invalid_credentials"] * 2, scene.refusals


@then("both refusals show the same message, naming no field")
def same_generic_message(scene: Scene) -> None:
    wrong_password, unknown_email = scene.refusals
    assert wrong_password.message == unknown_email.message, scene.refusals
    assert wrong_password.field is None and unknown_email.field is None, scene.refusals


@then(parsers.re(r"(?:her|his) session no longer opens (?:her|his) account"))
def session_ended(scene: Scene) -> None:
    scene.attempt(scene.driver.view_account)
    assert scene.refused().code == "not_signed_in", scene.refusal


@then(parsers.re(rf'{PRONOUN} is (?P<negation>not )?offered "(?P<action>[^"]+)"'))
def offered_action(scene: Scene, negation: str | None, action: str) -> None:
    assert key_of(action) == "add_subscription", f"unknown action {action!r}"
    account = scene.driver.view_account()
    assert account.offers_add_subscription is (not negation), account
