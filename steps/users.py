"""Step 11: Manage user products (R13): users, licenses assigned over bought."""

from __future__ import annotations

from pytest_bdd import parsers, then, when

from steps.common import PRONOUN, names, same
from steps.context import Scene
from steps.driver import UserProductsView


def _email(scene: Scene, name: str) -> str:
    return scene.credentials(name).email


def _view(scene: Scene) -> UserProductsView:
    return scene.driver.manage_user_products()


@when(parsers.re(rf'{PRONOUN} opens "Manage user products"'))
def opens_manage_user_products(scene: Scene) -> None:
    _view(scene)


@then(parsers.re(rf"{PRONOUN} sees the users (?P<who>.+)"))
def sees_users(scene: Scene, who: str) -> None:
    view = _view(scene)
    expected = {_email(scene, name).casefold() for name in names(who)}
    shown = {user.email.casefold() for user in view.users}
    assert shown == expected, f"users shown {shown}, expected {expected}"
    contact = view.user(_email(scene, scene.contact))
    assert contact.is_billing_contact, contact
    assert not any(
        u.is_billing_contact for u in view.users if u.email.casefold() != contact.email.casefold()
    ), view.users


@then(
    parsers.re(r'"(?P<product>[^"]+)" shows (?P<assigned>\d+) of (?P<total>\d+) licenses assigned')
)
def licenses_assigned(scene: Scene, product: str, assigned: str, total: str) -> None:
    view = _view(scene)
    shown = view.product(scene.product(product))
    assert (shown.assigned, shown.total) == (int(assigned), int(total)), shown
    holders = [u for u in view.users if any(same(p, shown.product) for p in u.products)]
    assert len(holders) == shown.assigned, f"{shown}, held by {holders}"


@when(
    parsers.re(
        rf'{PRONOUN} (?P<attempt>tries to )?assigns? a "(?P<product>[^"]+)" license '
        r"to (?P<name>[A-Z]\w+)"
    )
)
def assigns(scene: Scene, attempt: str | None, product: str, name: str) -> None:
    def assign() -> None:
        scene.driver.assign_license(_email(scene, name), scene.product(product))

    scene.act(assign, attempted=attempt)


@when(
    parsers.re(
        rf"{PRONOUN} (?P<attempt>tries to )?unassigns? (?P<name>[A-Z]\w+)'s "
        r'"(?P<product>[^"]+)" license'
    )
)
def unassigns(scene: Scene, attempt: str | None, name: str, product: str) -> None:
    def unassign() -> None:
        scene.driver.unassign_license(_email(scene, name), scene.product(product))

    scene.act(unassign, attempted=attempt)


@then(parsers.re(r'(?P<name>[A-Z]\w+) holds (?P<quantity>a|no) "(?P<product>[^"]+)" license'))
def holds_license(scene: Scene, name: str, quantity: str, product: str) -> None:
    user = _view(scene).user(_email(scene, name))
    held = any(same(p, scene.product(product)) for p in user.products)
    assert held is (quantity == "a"), user


@then(parsers.re(r'"(?P<product>[^"]+)" has no licenses to assign in "Manage user products"'))
def no_licenses_to_assign(scene: Scene, product: str) -> None:
    view = _view(scene)
    listed = [p for p in view.products if same(p.product, scene.product(product))]
    assert not listed, f"{product} is still offered for assigning: {view.products}"
