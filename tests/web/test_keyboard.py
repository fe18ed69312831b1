"""The article in a browser with the keyboard alone, in English and French: Tab to a control
(found by its role and accessible name, as a screen reader announces it), Enter or Space to
use it, arrows in a radio group, typing into fields. Every control reached shows where the
focus is."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Locator, Page, expect

from backend.i18n import label

TODAY = date(2027, 3, 1)
BROWSER_LOCALES = {"en": "en-US", "fr": "fr-FR"}
WAIT_MS = 30_000
MOST_TABS = 80  # more Tab presses than any page needs to reach a control


def _focused(target: Locator) -> bool:
    return target.evaluate("e => e === document.activeElement")


def tab_to(page: Page, target: Locator) -> None:
    """Tab until `target` has the focus (it must be reachable), then check that the focus
    can be seen on it."""
    target.wait_for()
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        if _focused(target):
            style = target.evaluate(
                "e => { const s = getComputedStyle(e); return [s.outlineStyle, s.boxShadow] }")
            assert style != ["none", "none"], f"no visible focus on {target}"
            return
    raise AssertionError(f"{target} cannot be reached with Tab")


def arrow_to(page: Page, group: Locator, choice: Locator) -> None:
    """In a radio group: Tab into it, then arrows until `choice` is checked."""
    group.wait_for()
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        if group.evaluate("g => g.contains(document.activeElement)"):
            break
    else:
        raise AssertionError(f"{group} cannot be reached with Tab")
    for _ in range(10):
        if choice.is_checked():
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"the arrows never check {choice}")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_article_with_the_keyboard_alone(lang, pages_url, chromium, web_backend):
    made = web_backend.service.create_test_account(
        today=TODAY, country="FR", locale=lang, billing_day=31, card_on_file=True,
        extra_users=1, subscriptions=[{"product": "gotomeeting", "level": "business",
                                       "licenses": 2, "term": "monthly"}])
    contact = made.billing_contact
    context = chromium.new_context(locale=BROWSER_LOCALES[lang])
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    main = page.get_by_role("main")
    L = lambda key: label(key, lang)  # noqa: E731

    # Step 1: sign in.
    page.goto(f"{pages_url}/sign-in")
    tab_to(page, page.get_by_label(re.compile("^(Email|E-mail)$")))
    page.keyboard.type(contact.email)
    tab_to(page, page.get_by_label(re.compile("^(Password|Mot de passe)$")))
    page.keyboard.type(contact.password)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/account$"))

    # Steps 2 to 8: Add a new subscription, Buy, the level, the licenses, the term.
    tab_to(page, main.get_by_role("button", name=L("add_subscription")))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(L("add_subscription"))
    row = main.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="GoToWebinar", exact=True))
    tab_to(page, row.get_by_role("button", name=L("buy"), exact=True))
    page.keyboard.press("Enter")
    level = main.get_by_role("group", name=L("level"))
    arrow_to(page, level, level.get_by_role("radio", name="Pro", exact=True))
    tab_to(page, main.get_by_role("button").filter(
        has_text=re.compile("Continue|Continuer")))
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    licenses = dialog.get_by_role("spinbutton", name=L("licenses"))
    expect(licenses).to_be_focused()  # the dialog takes the focus
    page.keyboard.press("Control+A")
    page.keyboard.type("3")
    tab_to(page, dialog.get_by_role("button", name=L("next")))
    page.keyboard.press("Enter")
    term = main.get_by_role("group").filter(has=page.get_by_role("radio", name=L("annual")))
    arrow_to(page, term, term.get_by_role("radio", name=L("annual"), exact=True))
    tab_to(page, main.get_by_role("button", name=L("place_order"), exact=True))
    page.keyboard.press("Enter")

    # Steps 9 and 10: the Place Order page, paid with the card on file.
    expect(page.get_by_role("heading", level=1)).to_have_text(L("place_order"))
    expect(main.get_by_role("table")).to_contain_text(L("total_due"))
    tab_to(page, main.get_by_role("button", name=L("place_order"), exact=True))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/orders/\d+$"))

    # Step 11: assign one of the new licenses.
    tab_to(page, main.get_by_role("link", name=L("manage_user_products")))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(L("manage_user_products"))
    assign = main.get_by_role("button", name=re.compile(r"^(Assign|Attribuer) GoToWebinar"))
    tab_to(page, assign.first)
    page.keyboard.press("Enter")
    expect(main.get_by_role("button", name=re.compile(r"^(Unassign|Retirer) GoToWebinar"))
           .first).to_be_visible()
    context.close()
