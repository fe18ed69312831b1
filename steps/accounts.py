"""Givens about the account: where it is, what it holds, its cart, its people, its clock."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from steps.common import day, names, term
from steps.context import Scene
from steps.world import COUNTRIES, AccountSpec, CartLine, Holding


@given(
    parsers.re(
        r"(?P<name>[A-Z]\w+) is the billing contact of an? (?P<kind>standard|enterprise) "
        r"account in (?P<country>.+)"
    )
)
def billing_contact_of_an_account(scene: Scene, name: str, kind: str, country: str) -> None:
    spec = scene.describe()
    scene.contact = name
    spec.kind = kind
    spec.country = COUNTRIES[country]


@given(parsers.re(r"today is (?P<today>\d{4}-\d{2}-\d{2})"))
def today_is(scene: Scene, today: str) -> None:
    scene.set_today(day(today))


@when(parsers.re(r"the account's clock moves to (?P<today>\d{4}-\d{2}-\d{2})"))
def clock_moves(scene: Scene, today: str) -> None:
    scene.ensure_account()
    scene.set_today(day(today))


@given(parsers.re(r"her billing day is the (?P<billing_day>\d+)(?:st|nd|rd|th)"))
def billing_day_is(scene: Scene, billing_day: str) -> None:
    scene.describe().billing_day = int(billing_day)


@given(
    parsers.re(
        r'the account holds "(?P<offer>[^"]+)", (?P<term_word>monthly|annual), '
        r"with (?P<licenses>\d+) user licenses?(?:, since (?P<since>\d{4}-\d{2}-\d{2}))?"
    )
)
def account_holds(
    scene: Scene, offer: str, term_word: str, licenses: str, since: str | None
) -> None:
    scene.describe().subscriptions.append(
        Holding(
            offer=offer,
            licenses=int(licenses),
            term=term(term_word),
            period_start=day(since) if since else None,
        )
    )


@given(
    parsers.re(r'the account is trialing "(?P<offer>[^"]+)" with (?P<licenses>\d+) user licenses?')
)
def account_is_trialing(scene: Scene, offer: str, licenses: str) -> None:
    scene.describe().subscriptions.append(
        Holding(offer=offer, licenses=int(licenses), term=None, status="trialing")
    )


@given(parsers.re(r'the account has already tried "(?P<product>[^"]+)"'))
def account_tried(scene: Scene, product: str) -> None:
    scene.describe().trials_used.append(product)


@given(
    parsers.re(
        r'her cart holds "(?P<offer>[^"]+)", (?P<term_word>monthly|annual), '
        r"with (?P<licenses>\d+) user licenses?"
    )
)
def cart_holds(scene: Scene, offer: str, term_word: str, licenses: str) -> None:
    scene.describe().cart.append(
        CartLine(offer=offer, licenses=int(licenses), term=term(term_word))
    )


@given(parsers.re(r"the account has (?P<which>a|no) card on file"))
def card_on_file(scene: Scene, which: str) -> None:
    scene.describe().card_on_file = which == "a"


@given(
    parsers.re(
        r"(?P<who>.+?) (?:is a colleague|are colleagues) on the account, "
        r"not (?:a )?billing contacts?"
    )
)
def colleagues(scene: Scene, who: str) -> None:
    spec = scene.describe()
    scene.colleagues.extend(names(who))
    spec.extra_users = len(scene.colleagues)


@given(parsers.re(r"another account lives on (?P<today>\d{4}-\d{2}-\d{2})"))
def another_account(scene: Scene, today: str) -> None:
    other = AccountSpec(locale=scene.lang, today=day(today))
    scene.people["the other account"] = scene.backoffice.create_account(other).billing_contact


@then(parsers.re(r"the other account still lives on (?P<today>\d{4}-\d{2}-\d{2})"))
def other_account_today(scene: Scene, today: str) -> None:
    other = scene.people["the other account"]
    scene.driver.sign_in(other.email, other.password)
    assert scene.driver.view_account().today == day(today)
