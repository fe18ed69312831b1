"""The web driver: the Driver protocol through the pages in a browser (Playwright, sync API,
on pytest-playwright: fixtures/browser.py gives it a page of its own per scenario).

It acts as a person does: it follows the links and buttons the pages show, found by their
ARIA role and accessible name in the person's language: flow.md's labels
(`get_by_role("button", name=label("place_order", lang))`) and, for what flow.md does not
name, the pages' own words (`web_words`). Everything it reports is read from the page:
table cells under their headers, definition lists, headings, alerts; amounts and dates are
parsed as the person's language writes them (`reading`). So a scenario fails when the page
shows the wrong thing, in the wrong language, or misses a control.

Waiting: each form post or link waits for the next document (`expect_navigation`), and
every locator waits for its element (Playwright's auto-waiting, under the context's action
timeout); there is no fixed pause.

The pages' contract it relies on (backend/web/README.md):
- refusals are `role="alert"` elements with `data-code` (the contract's error code); a
  refusal at a field also has `data-field` (a label key of steps.labels) and is referenced
  by its field's `aria-describedby`, and the field's label reads the label of flow.md;
- real tables with a caption (their accessible name) and column headers;
- the licenses step is a `<dialog>`; Next stays unavailable while the number is invalid.

Where the protocol asks for what the pages do not offer:
- a direct attempt (R0.1, R0.2, R9.4): the address of the step, as a bookmark holds it
  (`/products/<code>/<action>?level=&licenses=&term=`). Pages never show codes, so the
  bookmark's codes come from the catalog (`GET /api/catalog`, in the browser's own session);
- after signing out, a copy of the old session cookie is put back (R1: a session ended is
  ended everywhere it is used); a page that then sends the person to sign in is the
  refusal `not_signed_in`, worded by the sign-in page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import Any, Literal
from urllib.parse import urlencode, urlsplit

from babel import Locale
from babel.numbers import parse_decimal
from playwright.sync_api import Locator, Page, expect

from steps.driver import (
    AccountView,
    Action,
    ActiveProduct,
    CartItem,
    CartView,
    Confirmation,
    OfferedProduct,
    OrderLine,
    Payment,
    PlaceOrderPage,
    ProductLicenses,
    Refusal,
    Refused,
    SavedCard,
    Subscription,
    SubscriptionChoice,
    Term,
    TrialConfirmation,
    UserLicenses,
    UserProductsView,
)
from steps.drivers.reading import (
    LOCALES,
    country_code,
    currency_of,
    flat,
    parse_date,
    parse_money,
    parse_period,
)
from steps.drivers.web_words import PageWords
from steps.labels import LABELS, label

Kind = Literal["new", "credit", "renewal"]
NONE_SHOWN = ("", "—", "–", "-")

# The path of each page (what the address bar shows); a page refusing a request keeps the
# request's address and shows the refusal in an alert.
PAGES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("sign_in", r"/sign-in"),
        ("account", r"/account"),
        ("products", r"/products"),
        ("choice", r"/products/[^/]+/(?:buy|try)"),
        ("cart", r"/cart"),
        ("place_order", r"/place-order"),
        ("edit_order", r"/place-order/edit"),
        ("order", r"/orders/[^/]+"),
        ("trial", r"/trials/[^/]+"),
        ("users", r"/users"),
    )
)

# Reads the labelled values of every visible definition list of a scope: [[term, value]].
_FACTS_JS = """
root => [...root.querySelectorAll('dl')]
  .filter(dl => dl.checkVisibility())
  .flatMap(dl => [...dl.querySelectorAll(':scope > dt')].map(dt => {
    const dd = dt.nextElementSibling;
    if (!dd) return [dt.innerText, ''];
    const copy = dd.cloneNode(true);
    copy.querySelectorAll('a').forEach(n => n.remove());
    return [dt.innerText, copy.innerText];
  }))
"""
# A table's column headers and body rows, each cell's visible text.
_TABLE_JS = """
table => {
  const text = cell => cell.innerText;
  const head = table.tHead ? [...table.tHead.rows[0].cells].map(text) : [];
  const rows = [...table.tBodies].flatMap(body => [...body.rows])
    .map(row => [...row.cells].map(text));
  const foot = table.tFoot ? [...table.tFoot.rows].map(row => [...row.cells].map(text)) : [];
  return {head, rows, foot};
}
"""
# A form sent again to the address of another change of the same kind (a stale tab's form):
# .../assign <-> .../unassign, with the form's own fields (its CSRF token).
_RESEND_JS = """
(form, change) => {
  const copy = form.cloneNode(true);
  copy.action = form.action.replace(/[^/]+$/, change);
  copy.hidden = true;
  document.body.append(copy);
  copy.submit();
}
"""
# The text of the label (or legend) of a form control.
_CONTROL_LABEL_JS = """
control => {
  const labels = control.labels ? [...control.labels] : [];
  if (labels.length) return labels.map(l => l.innerText).join(' ');
  const legend = control.tagName === 'FIELDSET' ? control.querySelector(':scope > legend') : null;
  return legend ? legend.innerText : (control.getAttribute('aria-label') || '');
}
"""


def _one_line(text: str) -> str:
    """A cell's or an item's text on one line (its inner blocks joined by a space)."""
    return flat(re.sub(r"\s*\n\s*", " ", text))


def _norm(text: str) -> str:
    return _one_line(text).casefold()


class WebDriver:
    name = "web"

    def __init__(self, page: Page, base_url: str, lang: str, *, artifacts: str | None = None):
        self.page = page
        self.base = base_url.rstrip("/")
        self.lang = lang
        self.words = PageWords(lang)
        self.artifacts = artifacts
        self._journal: list[str] = []
        self._levels_seen: tuple[str, ...] = ()
        self._bookmarks: dict[str, dict[str, Any]] | None = None
        self._status = 200  # of the document shown

    def close(self) -> None:
        """The page's context is closed by pytest-playwright (it keeps its trace)."""

    # --- plumbing -------------------------------------------------------------------------------

    def _note(self, what: str) -> None:
        self._journal.append(what)
        del self._journal[:-30]

    def _open(self, path: str) -> None:
        """Go to an address, as a bookmark or a typed address does."""
        response = self.page.goto(self.base + path, wait_until="domcontentloaded")
        self._status = response.status if response is not None else 200

    @contextmanager
    def _next_document(self) -> Iterator[None]:
        """Wait for the document that the action in the block leads to."""
        with self.page.expect_navigation(wait_until="domcontentloaded") as navigation:
            yield
        response = navigation.value
        self._status = response.status if response is not None else 200

    def _press(self, control: Locator) -> None:
        """Press a link or a button that leads to another page, and wait for it."""
        with self._next_document():
            control.click()

    @property
    def _main(self) -> Locator:
        return self.page.get_by_role("main")

    def _button(self, key: str, scope: Locator | None = None) -> Locator:
        """The button that reads flow.md's label `key` in the person's language."""
        return (scope or self._main).get_by_role("button", name=label(key, self.lang), exact=True)

    def _nav_link(self, name: str) -> Locator:
        return self.page.get_by_role("navigation").get_by_role("link", name=name, exact=True)

    def _where(self) -> str | None:
        path = urlsplit(self.page.url).path.rstrip("/") or "/"
        for name, pattern in PAGES:
            if pattern.fullmatch(path):
                return name
        return None

    def _heading(self) -> str:
        return _one_line(self.page.get_by_role("heading", level=1).inner_text())

    def _outcome(self, *pages: str) -> str:
        """After an action: the page it led to, one of `pages`; a refusal shown (an alert,
        or the sign-in page when it was not asked for) is raised."""
        where = self._where()
        refusal = self._refusal()
        if refusal is not None:
            raise Refused(refusal)
        if self._status >= 500:  # a refusal may come with one (payment_error: 502); no more
            raise AssertionError(
                f"{self.page.url} answered {self._status}: "
                f"{_one_line(self.page.locator('body').inner_text())[:500]}"
            )
        if where == "sign_in" and "sign_in" not in pages:
            raise Refused(self._sign_in_refusal())
        if where not in pages:
            raise AssertionError(
                f"expected the page {' or '.join(pages)}, the browser shows {self.page.url} "
                f"({self._heading()!r})"
            )
        return where

    def _close_dialog(self) -> None:
        """A modal dialog left open (a refused number of licenses) is closed with Escape,
        as a person does before going elsewhere."""
        dialog = self.page.get_by_role("dialog")
        if dialog.count() and dialog.is_visible():
            self.page.keyboard.press("Escape")
            expect(dialog).to_be_hidden()

    def _shown(self, page: str) -> bool:
        """Whether the browser shows `page` as fetched (not a refusal of a form post)."""
        return self._where() == page and self._refusal() is None

    def _go_to(self, page: str, path: str, link: str | None = None, *, fresh: bool = True) -> None:
        """Show a page: as it is now (`fresh`: fetched again by its address when it is the
        page shown, as a reload does), else by the menu's link when the page shows it, else
        by its address. Not `fresh`: the page shown is kept, with what was typed in it."""
        if self._shown(page):
            if fresh:
                self._open(urlsplit(self.page.url)._replace(scheme="", netloc="").geturl())
                self._outcome(page)
            return
        self._close_dialog()
        menu = self._nav_link(link) if link else None
        if menu is not None and menu.count():
            self._press(menu)
        else:
            self._open(path)
        self._outcome(page)

    # --- refusals -------------------------------------------------------------------------------

    def _refusal(self) -> Refusal | None:
        alerts = self.page.get_by_role("alert")
        for index in range(alerts.count()):
            alert = alerts.nth(index)
            words = _one_line(alert.inner_text())
            if not words:
                continue
            code = alert.get_attribute("data-code")
            if not code:
                raise AssertionError(
                    f"the page shows a refusal without its reason (no data-code): {words!r}"
                )
            field = alert.get_attribute("data-field")
            if field:
                self._check_field(alert, field)
            links = alert.get_by_role("link")
            link = links.first.get_attribute("href") if links.count() else None
            return Refusal(code=code, message=words, field=field, link=link)
        return None

    def _check_field(self, alert: Locator, field: str) -> None:
        """A refusal at a field is tied to it (aria-describedby), and that field's label
        reads flow.md's label when flow.md names the field."""
        ident = alert.get_attribute("id")
        controls = self.page.locator(f'[aria-describedby~="{ident}"]') if ident else None
        if controls is None or not controls.count():
            raise AssertionError(f"the refusal at {field!r} is tied to no field (aria-describedby)")
        if field in LABELS:
            names = [
                _one_line(controls.nth(i).evaluate(_CONTROL_LABEL_JS))
                for i in range(controls.count())
            ]
            expected = label(field, self.lang)
            if not any(expected in name for name in names):
                raise AssertionError(
                    f"the refusal at {field!r} is tied to {names}, not to a field "
                    f"labelled {expected!r}"
                )

    def _sign_in_refusal(self) -> Refusal:
        """The sign-in page instead of the page asked for: the person is not signed in."""
        intro = self._main.get_by_role("paragraph").first
        words = _one_line(intro.inner_text()) if intro.count() else self._heading()
        return Refusal(code="not_signed_in", message=words)

    # --- what the page shows, for failure reports and @screen scenarios ---------------------------

    def visible_text(self) -> str:
        return self.page.locator("body").inner_text()

    def diagnostics(self) -> str:
        try:
            shown = self._main.aria_snapshot(timeout=2_000)
        except Exception as exc:  # noqa: BLE001 (a report must not fail)
            shown = f"(page not readable: {exc!r})"
        kept = f"\nscreenshot and trace (if kept): {self.artifacts}" if self.artifacts else ""
        return (
            f"driver calls: {' | '.join(self._journal)}\naddress: {self.page.url}{kept}\n"
            f"--- the page's main region (roles and names) ---\n{shown}"
        )

    # --- reading --------------------------------------------------------------------------------

    def _facts(self, scope: Locator | None = None) -> dict[str, str]:
        pairs = (scope or self._main).evaluate(_FACTS_JS)
        return {_norm(term): _one_line(value) for term, value in pairs}

    def _fact(self, facts: dict[str, str], caption: str) -> str:
        try:
            return facts[_norm(caption)]
        except KeyError:
            raise AssertionError(f"the page shows no {caption!r} among {sorted(facts)}") from None

    def _table(self, name: str, scope: Locator | None = None) -> dict[str, Any]:
        table = (scope or self._main).get_by_role("table", name=name, exact=True)
        return table.evaluate(_TABLE_JS)

    @staticmethod
    def _column(head: list[str], caption: str) -> int:
        """The index of the column headed `caption` (a header may add a hint after it)."""
        wanted = _norm(caption)
        for index, text in enumerate(head):
            shown = _norm(text)
            if shown == wanted or shown.startswith(wanted + " "):
                return index
        raise AssertionError(f"no column headed {caption!r} among {head}")

    def _rows(self, table: dict[str, Any], **captions: str) -> list[dict[str, str]]:
        """The body rows as {name: cell text}, the columns found by their headers."""
        columns = {name: self._column(table["head"], caption) for name, caption in captions.items()}
        return [{name: _one_line(row[i]) for name, i in columns.items()} for row in table["rows"]]

    def _money(self, text: str) -> Decimal:
        return parse_money(text, self.lang)

    def _date(self, text: str) -> date | None:
        return None if text.strip() in NONE_SHOWN else parse_date(text, self.lang)

    def _term_of(self, text: str) -> Term | None:
        for term in ("monthly", "annual"):
            if flat(text) == label(term, self.lang):
                return term  # type: ignore[return-value]
        if flat(text) in (*NONE_SHOWN, self.words.tr("Free trial")):
            return None
        raise AssertionError(f"{text!r} is not a term in {self.lang}")

    def _percent(self, text: str) -> Decimal:
        number = re.search(r"\d[\d.,\u00a0\u202f ]*", text)
        if number is None:
            raise AssertionError(f"no rate in {text!r}")
        return parse_decimal(flat(number.group(0)).replace(" ", ""), locale=LOCALES[self.lang])

    def _line(self, msgid: str, scope: Locator | None = None) -> re.Match[str]:
        """The line of text of `scope` that reads as `msgid`, its placeholders as groups."""
        pattern = self.words.pattern(msgid)
        text = (scope or self._main).inner_text()
        for line in text.splitlines():
            found = pattern.fullmatch(flat(line))
            if found:
                return found
        raise AssertionError(f"no line reads as {self.words.tr(msgid)!r}:\n{text}")

    @staticmethod
    def _strip_suffix(text: str, suffixes: tuple[str, ...]) -> tuple[str, str]:
        for suffix in suffixes:
            if text.endswith(" " + suffix):
                return text[: -len(suffix) - 1].strip(), suffix
        return text, ""

    # --- step 1 and R1 --------------------------------------------------------------------------

    def _language_switch(self) -> None:
        """The page in the person's language: the browser asks for it (its locale); if the
        page is in another one, its language switch (a button naming the language in that
        language) picks hers, and the choice sticks."""
        shown = self.page.locator("html").get_attribute("lang") or ""
        if shown.split("-")[0] == self.lang:
            return
        own_name = Locale.parse(LOCALES[self.lang]).language_name or self.lang
        switch = self.page.get_by_role("button", name=re.compile(f"^{re.escape(own_name)}$", re.I))
        self._press(switch)
        shown = self.page.locator("html").get_attribute("lang") or ""
        if shown.split("-")[0] != self.lang:
            raise AssertionError(f"the language switch left the page in {shown!r}, not {self.lang}")

    def sign_in(self, email: str, password: str) -> None:
        self._note(f"sign in {email}")
        self._open("/sign-in")
        self._outcome("sign_in")
        self._language_switch()
        self._main.get_by_label(self.words.tr("Email"), exact=True).fill(email)
        self._main.get_by_label(self.words.tr("Password"), exact=True).fill(password)
        self._press(self._button("sign_in"))
        self._outcome("account")
        self._bookmarks = None

    def sign_out(self) -> None:
        self._note("sign out")
        before = {c["name"]: c for c in self.page.context.cookies()}
        self._go_to("account", "/account", self.words.tr("Account"), fresh=False)
        sign_out = self.page.get_by_role("button", name=self.words.tr("Sign out"), exact=True)
        self._press(sign_out)
        self._outcome("sign_in")
        # A copy of the session kept elsewhere (another tab, a stolen cookie) must be dead.
        after = {c["name"] for c in self.page.context.cookies()}
        copies = [cookie for name, cookie in before.items() if name not in after]
        if copies:
            self.page.context.add_cookies(copies)  # type: ignore[arg-type]

    def view_account(self) -> AccountView:
        self._note("view the account")
        self._go_to("account", "/account", self.words.tr("Account"))
        return self._account()

    def _account(self) -> AccountView:
        facts = self._facts()
        main = self._main
        card = None
        card_text = self._fact(facts, self.words.tr("Card on file"))
        found = self.words.pattern("{brand} •••• {last4}, expires {month}/{year}").search(card_text)
        if found:
            card = SavedCard(
                found["brand"], found["last4"], int(found["month"]), int(found["year"])
            )
        vat_number = self._fact(facts, label("vat_number", self.lang))
        cart = main.get_by_role("region", name=self.words.tr("Cart"), exact=True)
        count = re.search(r"\d+", cart.get_by_role("paragraph").first.inner_text())
        portal = main.get_by_role("link", name=label("corporate_portal", self.lang), exact=True)
        return AccountView(
            name=self._heading(),
            kind="enterprise" if portal.count() else "standard",
            country=country_code(self._fact(facts, self.words.tr("Country")), self.lang),
            currency="",  # the account page names no currency; amounts elsewhere do
            billing_day=int(self._fact(facts, self.words.tr("Billing day"))),
            today=parse_date(self._fact(facts, self.words.tr("Today")), self.lang),
            vat_number=None if vat_number in NONE_SHOWN else vat_number,
            card=card,
            subscriptions=self._subscriptions(),
            cart_count=int(count.group(0)) if count else -1,
            offers_add_subscription=self._button("add_subscription").count() > 0,
        )

    def _subscriptions(self) -> tuple[Subscription, ...]:
        region = self._main.get_by_role("region", name=self.words.tr("Subscriptions"), exact=True)
        if not region.get_by_role("table").count():
            return ()
        table = self._table(self.words.tr("Subscriptions"), region)
        statuses = {
            self.words.tr("Active"): "active",
            self.words.tr("Trial"): "trialing",
            self.words.tr("Expired"): "expired",
        }
        found = []
        rows = self._rows(
            table,
            product=self.words.tr("Product"),
            level=label("level", self.lang),
            status=self.words.tr("Status"),
            licenses=label("licenses", self.lang),
            term=self.words.tr("Term"),
            period=self.words.tr("Current period"),
            next_billing=self.words.tr("Next billing date"),
        )
        trial = self.words.pattern("Trial from {start} to {end}")
        for row in rows:
            assigned, _, total = row["licenses"].partition("/")
            status = statuses.get(row["status"])
            if status is None:
                raise AssertionError(f"{row['status']!r} is not a status in {self.lang}")
            start = end = trial_end = None
            tried = trial.fullmatch(row["period"])
            if tried:
                start = parse_date(tried["start"], self.lang)
                trial_end = parse_date(tried["end"], self.lang)
            elif row["period"] not in NONE_SHOWN:
                start, end = parse_period(row["period"], self.lang)
            found.append(
                Subscription(
                    product=row["product"],
                    level=row["level"],
                    licenses=int(total),
                    assigned=int(assigned),
                    term=self._term_of(row["term"]),
                    status=status,  # type: ignore[arg-type]
                    period_start=start,
                    period_end=end,
                    next_billing_date=self._date(row["next_billing"]),
                    trial_end=trial_end,
                )
            )
        return tuple(found)

    # --- steps 2 to 8 ---------------------------------------------------------------------------

    def _open_products(self, *, fresh: bool = True) -> None:
        if self._shown("products") and not fresh:
            return
        self._go_to("account", "/account", self.words.tr("Account"), fresh=False)
        add = self._button("add_subscription")
        if add.count():
            self._press(add)
        else:  # not offered: the address of the product list, as a bookmark holds it
            self._open("/products")
        self._outcome("products")

    def _product_row(self, product: str) -> Locator | None:
        table = self._main.get_by_role("table")
        if not table.count():
            return None
        row = table.get_by_role("row").filter(
            has=self.page.get_by_role("rowheader", name=product, exact=True)
        )
        return row if row.count() else None

    def _offered(self) -> tuple[OfferedProduct, ...]:
        table = self._main.get_by_role("table", name=self.words.tr("Products you can add"))
        if not table.count():
            return ()
        offered = []
        for header in table.get_by_role("rowheader").all():
            name = _one_line(header.inner_text())
            named = self.page.get_by_role("rowheader", name=name, exact=True)
            row = table.get_by_role("row").filter(has=named)
            offered.append(
                OfferedProduct(
                    name=name,
                    can_buy=self._button("buy", row).count() > 0,
                    can_try=self._button("try", row).count() > 0,
                )
            )
        return tuple(offered)

    def open_add_subscription(self) -> tuple[OfferedProduct, ...]:
        self._note("open Add a new subscription")
        self._open_products()
        return self._offered()

    def _bookmark(
        self, product: str, action: Action, level: str | None = None, **query: str
    ) -> str:
        """The address of a step of the add-subscription flow, as a bookmark holds it."""
        if self._bookmarks is None:
            response = self.page.request.get(self.base + "/api/catalog")
            if not response.ok:
                raise AssertionError(f"GET /api/catalog: {response.status} {response.text()[:300]}")
            self._bookmarks = {p["name"].casefold(): p for p in response.json()}
        known = self._bookmarks.get(product.casefold())
        if known is None:
            raise AssertionError(f"no product {product!r} in the catalog")
        if level is not None:
            codes = {lv["name"].casefold(): lv["code"] for lv in known["levels"]}
            query = {"level": codes.get(level.casefold(), level), **query}
        suffix = f"?{urlencode(query)}" if query else ""
        return f"/products/{known['code']}/{action}{suffix}"

    def choose(self, product: str, action: Action) -> SubscriptionChoice:
        self._note(f"choose to {action} {product}")
        self._levels_seen = ()
        if not self._shown("products"):
            self._go_to("account", "/account", self.words.tr("Account"), fresh=False)
            if self._button("add_subscription").count():
                self._open_products(fresh=False)
        row = self._product_row(product) if self._where() == "products" else None
        button = self._button(action, row) if row is not None else None
        if button is not None and button.count():
            self._press(button)
        else:  # not offered here: the step's address, as a bookmark holds it
            self._open(self._bookmark(product, action))
        self._outcome("choice")
        return self._choice()

    def _choice(self) -> SubscriptionChoice:
        """The step of the add-subscription flow the page shows."""
        main = self._main
        facts = self._facts()
        product = self._fact(facts, self.words.tr("Product"))
        heading = self._heading()
        if self.words.pattern("Try {product}").fullmatch(heading):
            action: Action = "try"
        elif self.words.pattern("Buy {product}").fullmatch(heading):
            action = "buy"
        else:
            raise AssertionError(f"the heading {heading!r} names neither Buy nor Try")
        level_name = facts.get(_norm(label("level", self.lang)))
        levels = main.get_by_role("group", name=label("level", self.lang), exact=True)
        if levels.count():
            self._levels_seen = tuple(
                _one_line(radio.evaluate(_CONTROL_LABEL_JS))
                for radio in levels.get_by_role("radio").all()
            )
        dialog = self.page.get_by_role("dialog")
        licenses, max_licenses = "", None
        if dialog.count():
            field = dialog.get_by_role("spinbutton", name=label("licenses", self.lang), exact=True)
            licenses = field.input_value()
            found = self.words.pattern("From 1 to {max}").search(flat(dialog.inner_text()))
            max_licenses = int(re.sub(r"\D", "", found["max"])) if found else None
        else:
            licenses = facts.get(_norm(label("licenses", self.lang)), "")
        terms: list[Term] = []
        term: Term | None = None
        term_group = main.get_by_role("group", name=self.words.tr("Billing term"), exact=True)
        if term_group.count():
            for radio in term_group.get_by_role("radio").all():
                shown = self._term_of(radio.evaluate(_CONTROL_LABEL_JS))
                if shown is not None:
                    terms.append(shown)
                    if radio.is_checked():
                        term = shown
        primary = ""
        if not dialog.count() and not levels.count():
            buttons = main.get_by_role("button")
            primary = _one_line(buttons.last.inner_text()) if buttons.count() else ""
        return SubscriptionChoice(
            product=product,
            action=action,
            levels_offered=self._levels_seen,
            level=level_name,
            licenses=licenses,
            max_licenses=max_licenses,
            terms_offered=tuple(terms),
            term=term,
            primary_action_label=primary,
        )

    def pick_level(self, level: str) -> SubscriptionChoice:
        self._note(f"pick the level {level}")
        group = self._main.get_by_role("group", name=label("level", self.lang), exact=True)
        group.get_by_role("radio", name=level, exact=True).check()
        self._press(self._main.get_by_role("button", name=self.words.tr("Continue"), exact=True))
        self._outcome("choice")
        return self._choice()

    def _type(self, field: Locator, text: str) -> None:
        """Clear a field and type `text` key by key, as a person does (a number field
        takes the keys it accepts)."""
        field.fill("")
        if text:
            field.press_sequentially(text)

    def set_licenses(self, licenses: str) -> SubscriptionChoice:
        self._note(f"set {licenses!r} user licenses")
        dialog = self.page.get_by_role("dialog")
        field = dialog.get_by_role("spinbutton", name=label("licenses", self.lang), exact=True)
        self._type(field, licenses)
        next_button = dialog.get_by_role("button", name=label("next", self.lang), exact=True)
        refusal = self._refusal()
        if refusal is not None:
            if next_button.is_enabled():
                raise AssertionError(f"Next is available while the page refuses: {refusal}")
            raise Refused(refusal)
        self._press(next_button)
        self._outcome("choice")
        return self._choice()

    def pick_term(self, term: Term) -> SubscriptionChoice:
        self._note(f"pick {term}")
        self._main.get_by_role("radio", name=label(term, self.lang), exact=True).check()
        return self._choice()

    def confirm_choice(self) -> PlaceOrderPage | CartView | TrialConfirmation:
        self._note("confirm the choice")
        self._press(self._main.get_by_role("button").last)
        landed = self._outcome("place_order", "cart", "trial")
        if landed == "place_order":
            return self._place_order_page()
        if landed == "cart":
            return self._cart()
        return self._trial()

    def _trial(self) -> TrialConfirmation:
        facts = self._facts()
        return TrialConfirmation(
            product=self._fact(facts, self.words.tr("Product")),
            level=self._fact(facts, label("level", self.lang)),
            licenses=int(re.sub(r"\D", "", self._fact(facts, label("licenses", self.lang)))),
            trial_end=parse_date(self._fact(facts, self.words.tr("Trial ends on")), self.lang),
        )

    # --- the cart and the Place Order page ------------------------------------------------------

    def _cart(self) -> CartView:
        table = self._main.get_by_role("table", name=self.words.tr("Items in the cart"))
        items: tuple[CartItem, ...] = ()
        if table.count():
            rows = self._rows(
                table.evaluate(_TABLE_JS),
                product=self.words.tr("Product"),
                level=label("level", self.lang),
                licenses=label("licenses", self.lang),
                term=self.words.tr("Term"),
            )
            items = tuple(
                CartItem(
                    row["product"],
                    row["level"],
                    int(re.sub(r"\D", "", row["licenses"])),
                    self._term_of(row["term"]),
                )
                for row in rows
            )
        return CartView(items=items, offers_place_order=self._button("place_order").count() > 0)

    def view_cart(self) -> CartView:
        self._note("view the cart")
        self._go_to("cart", "/cart", self.words.tr("Cart"))
        return self._cart()

    def _to_place_order(self, *, fresh: bool = False) -> None:
        """The Place Order page: the one shown, with what was typed in it (or as it is now
        when `fresh`), else from the cart's Place Order button."""
        if self._shown("place_order"):
            self._go_to("place_order", "/place-order", fresh=fresh)
            return
        self._go_to("cart", "/cart", self.words.tr("Cart"), fresh=False)
        place_order = self._button("place_order")
        if place_order.count():
            self._press(place_order)
        else:  # not offered (an empty cart): the page's address
            self._open("/place-order")
        self._outcome("place_order")

    def _lines(self, table: dict[str, Any]) -> tuple[OrderLine, ...]:
        kinds: dict[str, Kind] = {
            self.words.tr("Credit for unused time"): "credit",
            self.words.tr("Renewal on the new billing date"): "renewal",
            self.words.tr("New"): "new",
        }
        rows = self._rows(
            table,
            product=self.words.tr("Product"),
            level=label("level", self.lang),
            licenses=label("licenses", self.lang),
            term=self.words.tr("Term"),
            period=label("billing_period", self.lang),
            rate=label("rate", self.lang),
            amount=self.words.tr("Amount"),
        )
        lines = []
        for row in rows:
            product, kind = self._strip_suffix(row["product"], tuple(kinds))
            if not kind:
                raise AssertionError(
                    f"the line {row['product']!r} says neither new, credit nor renewal"
                )
            start, end = parse_period(row["period"], self.lang)
            lines.append(
                OrderLine(
                    kind=kinds[kind],
                    product=product,
                    level=row["level"],
                    licenses=int(re.sub(r"\D", "", row["licenses"])),
                    term=self._term_of(row["term"]),
                    period_start=start,
                    period_end=end,
                    rate=self._money(row["rate"]),
                    amount=self._money(row["amount"]),
                )
            )
        return tuple(lines)

    def _totals(self, table: dict[str, Any]) -> dict[str, Any]:
        """Subtotal, VAT (rate, amount, reverse charge, country) and Total due, from the
        table's footer: each row a caption and an amount."""
        found: dict[str, Any] = {}
        for row in table["foot"]:
            caption, amount = _one_line(row[0]), _one_line(row[-1])
            if caption == self.words.tr("Subtotal"):
                found["subtotal"] = self._money(amount)
            elif caption == label("total_due", self.lang):
                found["total"] = self._money(amount)
                found["currency"] = currency_of(amount, self.lang)
            else:
                found["vat"] = self._vat(caption, amount)
        missing = {"subtotal", "vat", "total"} - set(found)
        if missing:
            raise AssertionError(f"the order's totals miss {sorted(missing)}: {table['foot']}")
        return found

    def _vat(self, caption: str, amount: str) -> tuple[Decimal, Decimal, bool, str | None]:
        """(rate %, amount, reverse charge, country) from the VAT row."""
        reverse = self.words.pattern("VAT ({rate}, reverse charge)").fullmatch(caption)
        if reverse:
            return self._percent(reverse["rate"]), self._money(amount), True, None
        rated = self.words.pattern("VAT ({country}, {rate})").fullmatch(caption)
        if rated:
            country = country_code(rated["country"], self.lang)
            return self._percent(rated["rate"]), self._money(amount), False, country
        if caption == self.words.tr("VAT (not applicable)"):
            return Decimal(0), self._money(amount), False, None
        raise AssertionError(f"the VAT row reads {caption!r}")

    def _place_order_page(self) -> PlaceOrderPage:
        table = self._table(self.words.tr("Your order"))
        totals = self._totals(table)
        rate, vat_amount, reverse, country = totals["vat"]
        facts = self._facts()
        today = self._line(
            "The billing period starts today, {today}. Placing the order moves the billing date "
            "of every subscription of the account to today: the unused time of each is "
            "credited, and its new period is charged."
        )["today"]
        return PlaceOrderPage(
            today=parse_date(today, self.lang),
            billing_day=int(self._fact(facts, self.words.tr("New billing day"))),
            lines=self._lines(table),
            subtotal=totals["subtotal"],
            vat_rate=rate,
            vat_amount=vat_amount,
            reverse_charge=reverse,
            vat_country=country,
            total_due=totals["total"],
            currency=totals["currency"],
        )

    def open_place_order(self) -> PlaceOrderPage:
        self._note("open the Place Order page")
        self._to_place_order(fresh=True)
        return self._place_order_page()

    def enter_vat_number(self, vat_number: str | None) -> PlaceOrderPage:
        self._note(f"enter the VAT number {vat_number!r}")
        self._to_place_order()
        field = self._main.get_by_role("textbox", name=label("vat_number", self.lang), exact=True)
        field.fill(vat_number or "")
        apply = self._main.get_by_role(
            "button", name=f"{self.words.tr('Apply')} {label('vat_number', self.lang)}", exact=True
        )
        self._press(apply)
        self._outcome("place_order")
        return self._place_order_page()

    def _item(self, product: str) -> Locator:
        self._to_place_order()
        self._press(self._button("edit_order"))
        self._outcome("edit_order")
        region = self._main.get_by_role("region", name=product, exact=True)
        if not region.count():
            raise AssertionError(f"Edit Order shows no item {product!r}")
        return region

    def edit_item(
        self,
        product: str,
        *,
        level: str | None = None,
        licenses: str | None = None,
        term: Term | None = None,
    ) -> PlaceOrderPage:
        self._note(f"edit {product}: level {level}, licenses {licenses!r}, term {term}")
        item = self._item(product)
        if level is not None:
            item.get_by_role("combobox", name=label("level", self.lang), exact=True).select_option(
                label=level
            )
        if licenses is not None:
            self._type(
                item.get_by_role("spinbutton", name=label("licenses", self.lang), exact=True),
                licenses,
            )
        if term is not None:
            item.get_by_role("radio", name=label(term, self.lang), exact=True).check()
        save = item.get_by_role(
            "button", name=f"{self.words.tr('Save changes')} {product}", exact=True
        )
        self._press(save)
        self._outcome("place_order")
        return self._place_order_page()

    def remove_item(self, product: str) -> PlaceOrderPage | CartView:
        self._note(f"remove {product}")
        item = self._item(product)
        remove = item.get_by_role("button", name=f"{self.words.tr('Remove')} {product}", exact=True)
        self._press(remove)
        if self._outcome("place_order", "cart") == "cart":
            return self._cart()
        return self._place_order_page()

    # --- payment --------------------------------------------------------------------------------

    def _fill_payment(self, payment: Payment) -> Locator:
        """Fill the payment details on the Place Order page; returns its Place Order button."""
        self._to_place_order()
        main = self._main
        if payment.use_saved_card:
            saved = main.get_by_role(
                "radio", name=self.words.pattern("Use the card on file: {card}", named=False)
            )
            saved.check()
        card = payment.card
        if card is not None:
            new = main.get_by_role("radio", name=self.words.tr("Enter a new card"), exact=True)
            if new.count():
                new.check()
            fields = {
                "Cardholder name": card.holder,
                "Card number": card.number,
                "Month": f"{card.exp_month:02d}",
                "Year": str(card.exp_year),
                "Security code (CVC)": card.cvc,
            }
            for caption, value in fields.items():
                field = main.get_by_role("textbox", name=self.words.tr(caption), exact=True)
                field.fill(value)
                kept = field.input_value()
                if kept != value:  # a person would see her input cut or changed
                    raise AssertionError(
                        f"the field {self.words.tr(caption)!r} keeps {kept!r} of {value!r} typed"
                    )
        return self._button("place_order")

    def pay(self, payment: Payment) -> Confirmation:
        self._note("pay")
        self._press(self._fill_payment(payment))
        self._outcome("order")
        return self._confirmation()

    def pay_twice(self, payment: Payment) -> tuple[Confirmation, ...]:
        self._note("pay twice in a row (double click)")
        place_order = self._fill_payment(payment)
        with self._next_document():
            place_order.dblclick()
        if self._where() != "order":  # the second submission may still be on its way
            self.page.wait_for_url(re.compile(r"/orders/[^/]+$"))
        self._outcome("order")
        return (self._confirmation(),)

    def _confirmation(self) -> Confirmation:
        main = self._main
        found = self._line("Order {number} placed on {date}")
        number = found["number"]
        table = self._table(self.words.tr("Order {number}", number=number))
        lines = self._lines(table)
        totals = self._totals(table)
        rate, vat_amount, _, _ = totals["vat"]
        details = main.get_by_role("region", name=self.words.tr("Order details"), exact=True)
        facts = self._facts(details)
        paid = re.search(r"(\S.*?)\s*•+\s*(\d{4})", self._fact(facts, self.words.tr("Paid with")))
        active = main.get_by_role("region", name=self.words.tr("Active now"), exact=True)
        reminder = active.get_by_role(
            "link", name=label("manage_user_products", self.lang), exact=True
        )
        return Confirmation(
            order_number=number,
            placed_on=parse_date(found["date"], self.lang),
            lines=lines,
            subtotal=totals["subtotal"],
            vat_rate=rate,
            vat_amount=vat_amount,
            total_due=totals["total"],
            currency=totals["currency"],
            billing_day=int(self._fact(facts, self.words.tr("Billing day"))),
            next_billing_date=parse_date(
                self._fact(facts, self.words.tr("Next billing date")), self.lang
            ),
            card_brand=paid.group(1) if paid else "",
            card_last4=paid.group(2) if paid else "",
            active=self._active(active, lines),
            manage_users_reminder=reminder.count() > 0,
            manage_users_label=_one_line(reminder.inner_text()) if reminder.count() else None,
        )

    def _active(self, region: Locator, lines: tuple[OrderLine, ...]) -> tuple[ActiveProduct, ...]:
        """The "Active now" list: '<product> <level>, <n> user licenses (<term>)'; the
        product and level are told apart by the order's lines."""
        pattern = self.words.pattern("{product} {level}, {licenses} user licenses")
        offers = {f"{ln.product} {ln.level}": (ln.product, ln.level) for ln in lines}
        active = []
        for item in region.get_by_role("listitem").all():
            text = _one_line(item.inner_text())
            term_text = re.search(r"\(([^()]*)\)\s*$", text)
            found = pattern.search(text)
            if found is None or term_text is None:
                raise AssertionError(f"{text!r} does not name a product, its licenses and term")
            offer = f"{found['product']} {found['level']}"
            if offer not in offers:
                raise AssertionError(f"{text!r} names no line of the order: {sorted(offers)}")
            product, level = offers[offer]
            active.append(
                ActiveProduct(
                    product,
                    level,
                    int(re.sub(r"\D", "", found["licenses"])),
                    self._term_of(term_text.group(1)),
                )
            )
        return tuple(active)

    # --- step 11 and R13 ------------------------------------------------------------------------

    def _users(self) -> UserProductsView:
        main = self._main
        products: list[ProductLicenses] = []
        held = main.get_by_role("table", name=label("licenses", self.lang), exact=True)
        if held.count():
            for row in self._rows(
                held.evaluate(_TABLE_JS),
                product=self.words.tr("Product"),
                assigned=self.words.tr("Assigned"),
                total=self.words.tr("Total"),
            ):
                products.append(
                    ProductLicenses(row["product"], int(row["assigned"]), int(row["total"]))
                )
        table = self._table(self.words.tr("Users"))
        head = [_one_line(h) for h in table["head"]]
        contact = self.words.tr("Billing contact")
        has_one = self.words.tr("Assigned")
        users = []
        for row in table["rows"]:
            who = _one_line(row[0])
            email = re.search(r"\S+@\S+", who)
            if email is None:
                raise AssertionError(f"the user {who!r} has no email address")
            holds = tuple(
                head[i] for i in range(1, len(head)) if flat(row[i].split("\n")[0]) == has_one
            )
            users.append(
                UserLicenses(
                    email=email.group(0),
                    name=who[: email.start()].strip(),
                    is_billing_contact=who.endswith(contact),
                    products=holds,
                )
            )
        return UserProductsView(users=tuple(users), products=tuple(products))

    def manage_user_products(self) -> UserProductsView:
        self._note("open Manage user products")
        self._go_to("users", "/users", label("manage_user_products", self.lang))
        return self._users()

    def _license(self, verb: str, between: str, user_email: str, product: str) -> UserProductsView:
        """Press the user's Assign or Unassign button of the product. When the page does not
        offer it (Assign for a license the user holds), the same form is sent as a tab left
        open from before would send it: the cell's form, to the address of that change."""
        self._go_to("users", "/users", label("manage_user_products", self.lang))
        name = f"{self.words.tr(verb)} {self.words.tr(between, product=product, user=user_email)}"
        button = self._main.get_by_role("button", name=name, exact=True)
        if button.count():
            self._press(button)
        else:
            form = self._license_cell(user_email, product).locator("form")
            if not form.count():
                raise AssertionError(f"the page offers no way to {verb} {product} for {user_email}")
            with self._next_document():
                form.evaluate(_RESEND_JS, verb.lower())
        self._outcome("users")
        return self._users()

    def _license_cell(self, user_email: str, product: str) -> Locator:
        """The cell of a user's row under the product's column of the Users table."""
        table = self._main.get_by_role("table", name=self.words.tr("Users"), exact=True)
        head = [_one_line(h) for h in table.evaluate(_TABLE_JS)["head"]]
        column = self._column(head, product)
        holder = self.page.get_by_role("rowheader", name=re.compile(re.escape(user_email), re.I))
        row = table.get_by_role("row").filter(has=holder)
        if not row.count():
            raise AssertionError(f"no user {user_email} in Manage user products")
        return row.get_by_role("cell").nth(column - 1)  # the row header is not a cell

    def assign_license(self, user_email: str, product: str) -> UserProductsView:
        self._note(f"assign {product} to {user_email}")
        return self._license("Assign", "{product} to {user}", user_email, product)

    def unassign_license(self, user_email: str, product: str) -> UserProductsView:
        self._note(f"unassign {product} from {user_email}")
        return self._license("Unassign", "{product} from {user}", user_email, product)
