"""The pages in a real browser (Playwright on Debian's chromium): the article followed by
role and accessible name, by keyboard where it matters, with axe-core run on every page in
English and French: no serious or critical violation.

Set BILLING_WEB_SCREENSHOTS=docs/screenshots/web to also save the main pages as PNGs.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from backend.i18n import label

TODAY = date(2026, 11, 26)  # flow.md's worked example, so the pictures show its figures
BROWSER_LOCALES = {"en": "en-US", "fr": "fr-FR"}
SCREENSHOTS = os.environ.get("BILLING_WEB_SCREENSHOTS")
# Deadlines, not pauses: generous because the machine running the tests may be busy.
WAIT_MS = 30_000
expect.set_options(timeout=WAIT_MS)


class Audit:
    """Runs axe on each page reached and keeps what it found."""

    def __init__(self, lang: str):
        self.lang = lang
        self.axe = Axe()
        self.found: dict[str, list[str]] = {}
        self.pages: list[str] = []

    def check(self, page: Page, name: str, *, shot: bool = False) -> None:
        page.wait_for_load_state("load")
        results = self.axe.run(page)
        self.pages.append(name)
        bad = [f"{v['id']} ({v['impact']}): {v['help']} at "
               + ", ".join(str(n["target"]) for n in v["nodes"][:3])
               for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
        if bad:
            self.found[name] = bad
        if shot and SCREENSHOTS:
            folder = Path(SCREENSHOTS)
            folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(folder / f"{name}.{self.lang}.png"), full_page=True)


def _sign_in(page: Page, pages_url: str, lang: str, email: str, password: str) -> None:
    page.goto(f"{pages_url}/sign-in")
    page.get_by_label(re.compile("^(Email|E-mail)$")).fill(email)
    page.get_by_label(re.compile("^(Password|Mot de passe)$")).fill(password)
    page.get_by_role("main").get_by_role("button", name=label("sign_in", lang)).click()
    expect(page).to_have_url(re.compile(r"/account$"))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_article_in_a_browser_has_no_serious_accessibility_violation(
        lang, pages_url, chromium, web_backend):
    service = web_backend.service
    made = service.create_test_account(
        today=TODAY, country="FR", locale=lang, billing_day=15, card_on_file=True, extra_users=2,
        subscriptions=[{"product": "gotomeeting", "level": "business", "licenses": 2,
                        "term": "monthly"}])
    contact = made.billing_contact
    context = chromium.new_context(locale=BROWSER_LOCALES[lang],
                                   viewport={"width": 1100, "height": 900})
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    audit = Audit(lang)
    main = page.get_by_role("main")
    L = lambda key: label(key, lang)  # noqa: E731

    page.goto(f"{pages_url}/sign-in")
    audit.check(page, "sign-in")
    _sign_in(page, pages_url, lang, contact.email, contact.password)
    audit.check(page, "account", shot=True)

    # Steps 2 to 8: Add a new subscription, Buy, the level, the licenses dialog, the term.
    main.get_by_role("button", name=L("add_subscription")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(L("add_subscription"))
    audit.check(page, "products", shot=True)
    main.get_by_role("row").filter(has=page.get_by_role("rowheader", name="GoToWebinar",
                                                        exact=True)) \
        .get_by_role("button", name=L("buy"), exact=True).click()
    level = main.get_by_role("group", name=L("level"))
    expect(level).to_be_visible()
    audit.check(page, "level")
    level.get_by_role("radio", name="Pro", exact=True).check()
    main.get_by_role("button").filter(has_text=re.compile("Continue|Continuer")).click()

    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    licenses = dialog.get_by_role("spinbutton", name=L("licenses"))
    expect(licenses).to_be_focused()  # the modal takes the focus
    next_button = dialog.get_by_role("button", name=L("next"))
    licenses.fill("101")  # R6: refused at the field, Next unavailable
    alert = dialog.locator("#licenses-error")
    expect(alert).to_have_attribute("role", "alert")
    expect(alert).to_contain_text("100")
    expect(next_button).to_be_disabled()
    audit.check(page, "licenses-refused")
    licenses.fill("3")
    expect(next_button).to_be_enabled()
    expect(alert).to_be_hidden()
    audit.check(page, "licenses", shot=True)
    page.keyboard.press("Tab")  # by keyboard: Tab to Next, Enter
    expect(next_button).to_be_focused()
    outline = next_button.evaluate("b => getComputedStyle(b).outlineStyle")
    assert outline != "none", "the focused button shows no focus outline"
    page.keyboard.press("Enter")

    term = main.get_by_role("group")
    expect(main.get_by_role("radio", name=L("annual"), exact=True)).to_be_visible()
    audit.check(page, "term")
    term.get_by_role("radio", name=L("annual"), exact=True).check()
    main.get_by_role("button", name=L("place_order"), exact=True).click()

    # Step 9 and 10: the Place Order page, Edit Order, a declined card, then the order.
    expect(page.get_by_role("heading", level=1)).to_have_text(L("place_order"))
    expect(main.get_by_role("table")).to_contain_text(L("total_due"))
    audit.check(page, "place-order", shot=True)
    main.get_by_role("button", name=L("edit_order")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(L("edit_order"))
    audit.check(page, "edit-order")
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text(L("place_order"))
    main.get_by_role("radio", name=re.compile("new card|nouvelle carte")).check()
    main.get_by_label(re.compile("Cardholder name|Titulaire de la carte")).fill("Camille Martin")
    main.get_by_label(re.compile("^(Card number|Numéro de carte)$")).fill("4000 0000 0000 0002")
    main.get_by_label(re.compile("^(Month|Mois)$")).fill("12")
    main.get_by_label(re.compile("^(Year|Année)$")).fill("2030")
    main.get_by_label(re.compile("CVC")).fill("123")
    main.get_by_role("button", name=L("place_order"), exact=True).click()
    expect(main.get_by_role("alert").first).to_be_visible()
    audit.check(page, "place-order-declined")
    main.get_by_role("radio", name=re.compile("card on file|carte enregistrée")).check()
    main.get_by_role("button", name=L("place_order"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/orders/\d+$"))
    expect(main.get_by_role("link", name=L("manage_user_products"))).to_be_visible()
    audit.check(page, "confirmation", shot=True)

    # Step 11 and the rest of the pages.
    main.get_by_role("link", name=L("manage_user_products")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(L("manage_user_products"))
    main.get_by_role("button", name=re.compile(r"^(Assign|Attribuer) GoToWebinar")).first.click()
    expect(main.get_by_role("button", name=re.compile(r"^(Unassign|Retirer) GoToWebinar")) \
           .first).to_be_visible()
    audit.check(page, "users")
    for path, name in (("/cart", "cart"), ("/messages", "messages"),
                       ("/no-such-page", "not-found")):
        page.goto(pages_url + path)
        audit.check(page, name)

    # A free trial (R9): one level, straight to the dialog, then Start Trial.
    page.goto(f"{pages_url}/products")
    main.get_by_role("row").filter(has=page.get_by_role("rowheader", name="LogMeIn Rescue")) \
        .get_by_role("button", name=L("try"), exact=True).click()
    page.get_by_role("dialog").get_by_role("button", name=L("next")).click()
    main.get_by_role("button", name=L("start_trial")).click()
    expect(page).to_have_url(re.compile(r"/trials/logmein-rescue$"))
    audit.check(page, "trial-confirmation", shot=True)

    context.close()
    assert len(audit.pages) == 16, audit.pages
    assert not audit.found, "serious or critical axe violations:\n" + "\n".join(
        f"{name}: {v}" for name, vs in audit.found.items() for v in vs)


def test_the_audit_would_see_a_violation(pages_url, chromium):
    """The audit is not blind: a field without a label is reported as critical."""
    page = chromium.new_page()
    page.goto(f"{pages_url}/sign-in")
    page.evaluate("document.querySelector('main').append(document.createElement('input'))")
    audit = Audit("en")
    audit.check(page, "sign-in-broken")
    page.close()
    assert any(v.startswith("label (critical)") for v in audit.found["sign-in-broken"])
