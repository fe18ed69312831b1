"""The web driver: the Driver protocol through the pages in a browser (Playwright, sync API,
on pytest-playwright: fixtures/browser.py gives it a page of its own per scenario).

It acts as a person does: it follows the links and presses the buttons the pages show,
found by ARIA role and accessible name in the person's language: flow.md's labels
(`get_by_role("button", name=label("place_order", lang))`) and, for what flow.md does not
name, the pages' own words (`web_words`). A control missing, or named otherwise, fails the
scenario. Everything it reports is read from the page (`web_page.Shown`: each document read
once, in one call): headings, table cells under their column headers, definition lists,
groups of radios, the dialog, alerts; amounts and dates are parsed as the person's language
writes them (`reading`). So a scenario fails when the page shows the wrong thing, in the
wrong language, or not at all.

Waiting: each action that leads to another document waits for it (`expect_navigation`),
and every locator waits for its element (Playwright's auto-waiting, under the context's
timeouts); there is no fixed pause.

The pages' contract it relies on is backend/web/README.md: refusals are `role="alert"`
elements carrying `data-code` (api.md's error code) and, at a field, `data-field` (a label
key of steps.labels), referenced by the field's `aria-describedby`; tables have captions
and column headers; the licenses step is a `<dialog>` whose Next stays unavailable while
the number is not allowed.

Where the protocol asks for what the pages do not offer:
- a direct attempt (R0.1, R0.2, R9.4) goes to the step's address, as a bookmark holds it
  (`/products/<code>/<action>?level=`). The pages show no codes, so the bookmark's codes
  come from the catalog (`GET /api/catalog`, in the browser's own session);
- an Assign the page no longer offers (the user holds the license) is the cell's form sent
  again to the assign address, as a tab left open from before would send it;
- after signing out, a copy of the old session cookie is put back (R1: a session ended is
  ended everywhere it is used); the sign-in page shown instead of the page asked for is
  the refusal `not_signed_in`, in the sign-in page's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from babel import Locale
from babel.numbers import parse_decimal
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

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
from steps.drivers.web_page import READ_JS, Shown, Table, one_line
from steps.drivers.web_words import PageWords
from steps.labels import LABELS, label

Kind = Literal["new", "credit", "renewal"]
NONE_SHOWN = ("", "—", "–", "-")

# The path of each page (the address bar); a page refusing a request keeps the request's
# address and shows the refusal in an alert.
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

# A form sent again to the address of another change of the same kind (a stale tab's form):
# .../unassign -> .../assign, with the form's own fields (its CSRF token).
_RESEND_JS = """
(form, change) => {
  const copy = form.cloneNode(true);
  copy.action = form.action.replace(/[^/]+$/, change);
  copy.hidden = true;
  document.body.append(copy);
  copy.submit();
}
"""
_NUMBER_TYPED = re.compile(r"-?\d+(?:\.\d+)?")


@dataclass(frozen=True)
class FailureArtifacts:
    """What the driver keeps of a failed scenario itself (pytest-playwright keeps the rest
    when its flags ask for it): the page's screenshot, and the trace its context records."""

    screenshot: bool
    trace: bool


class WebDriver:
    name = "web"

    def __init__(
        self,
        page: Page,
        base_url: str,
        lang: str,
        *,
        failure_artifacts: FailureArtifacts | None = None,
    ):
        self.page = page
        self.base = base_url.rstrip("/")
        self.lang = lang
        self.words = PageWords(lang)
        self.keeps = failure_artifacts or FailureArtifacts(screenshot=True, trace=False)
        self._journal: list[str] = []
        self._levels_seen: tuple[str, ...] = ()
        self._bookmarks: dict[str, dict[str, Any]] | None = None
        self._status = 200  # of the document shown
        self._read: Shown | None = None  # the document shown, as read (None: read again)

    def close(self) -> None:
        """The page's context is closed by pytest-playwright (it keeps the trace)."""

    # --- plumbing -------------------------------------------------------------------------------

    def _note(self, what: str) -> None:
        self._journal.append(what)
        del self._journal[:-30]

    @property
    def _shown(self) -> Shown:
        """The document as the person sees it now (read once until something changes)."""
        if self._read is None:
            self._read = Shown(self.page.evaluate(READ_JS))
        return self._read

    def _changed(self) -> None:
        self._read = None

    def _open(self, path: str) -> None:
        """Go to an address, as a bookmark or a typed address does."""
        self._changed()
        response = self.page.goto(self.base + path, wait_until="domcontentloaded")
        self._status = response.status if response is not None else 200

    @contextmanager
    def _next_document(self) -> Iterator[None]:
        """Wait for the document that the action in the block leads to."""
        self._changed()
        with self.page.expect_navigation(wait_until="domcontentloaded") as navigation:
            yield
        response = navigation.value
        self._status = response.status if response is not None else 200

    def _press(self, control: Locator) -> None:
        """Press a link or a button that leads to another document, and wait for it."""
        with self._next_document():
            control.click()

    @property
    def _main(self) -> Locator:
        return self.page.get_by_role("main")

    def _button(self, name: str, scope: Locator | None = None) -> Locator:
        return (scope or self._main).get_by_role("button", name=name, exact=True)

    def _label(self, key: str) -> str:
        """flow.md's label `key` in the person's language."""
        return label(key, self.lang)

    def _where(self) -> str | None:
        path = urlsplit(self.page.url).path.rstrip("/") or "/"
        for name, pattern in PAGES:
            if pattern.fullmatch(path):
                return name
        return None

    def _outcome(self, *pages: str) -> str:
        """After an action: the page it led to, one of `pages`. A refusal shown (an alert,
        or the sign-in page when it was not asked for) is raised."""
        where = self._where()
        refusal = self._refusal()
        if refusal is not None:
            raise Refused(refusal)
        if self._status >= 500:  # a refusal may come with one (payment_error: 502); no more
            raise AssertionError(
                f"{self.page.url} answered {self._status}: {' '.join(self._shown.lines)[:500]}"
            )
        if where == "sign_in" and "sign_in" not in pages:
            raise Refused(self._sign_in_refusal())
        if where not in pages:
            raise AssertionError(
                f"expected the page {' or '.join(pages)}, the browser shows {self.page.url} "
                f"({self._shown.h1!r})"
            )
        return where

    def _is_on(self, page: str) -> bool:
        """Whether the browser shows `page` as fetched (not a refused form post)."""
        return self._where() == page and self._refusal() is None

    def _close_dialog(self) -> None:
        """A modal dialog left open (a refused number of licenses) is closed with Escape,
        as a person does before going elsewhere."""
        if self._shown.dialog is not None:
            self.page.keyboard.press("Escape")
            expect(self.page.get_by_role("dialog")).to_be_hidden()
            self._changed()

    def _go_to(self, page: str, path: str, link: str | None = None, *, fresh: bool = True) -> None:
        """Show a page: as it is now (`fresh`: fetched again by its address when it is the
        page shown, as a reload does), else by the menu's link when the page has a menu,
        else by its address. Not `fresh`: the page shown is kept, with what was typed."""
        if self._is_on(page):
            if fresh:
                self._open(urlsplit(self.page.url)._replace(scheme="", netloc="").geturl())
                self._outcome(page)
            return
        self._close_dialog()
        if link is not None and self._shown.has_menu:
            menu = self.page.get_by_role("navigation").get_by_role("link", name=link, exact=True)
            self._press(menu)
        else:
            self._open(path)
        self._outcome(page)

    # --- refusals -------------------------------------------------------------------------------

    def _refusal(self) -> Refusal | None:
        for alert in self._shown.alerts:
            words = one_line(alert["text"])
            if not alert["code"]:
                raise AssertionError(f"the page shows a refusal without its reason: {words!r}")
            field = alert["field"]
            if field:
                self._check_field(field, [one_line(name) for name in alert["tiedTo"]])
            return Refusal(code=alert["code"], message=words, field=field, link=alert["link"])
        return None

    def _check_field(self, field: str, tied_to: list[str]) -> None:
        """A refusal at a field is tied to it (aria-describedby), and that field's label
        reads flow.md's label when flow.md names the field."""
        if not tied_to:
            raise AssertionError(f"the refusal at {field!r} is tied to no field (aria-describedby)")
        if field in LABELS and not any(self._label(field) in name for name in tied_to):
            raise AssertionError(
                f"the refusal at {field!r} is tied to {tied_to}, not to a field labelled "
                f"{self._label(field)!r}"
            )

    def _sign_in_refusal(self) -> Refusal:
        """The sign-in page instead of the page asked for: the person is not signed in."""
        lines = self._shown.lines
        return Refusal(code="not_signed_in", message=lines[1] if len(lines) > 1 else lines[0])

    # --- what the page shows, for failure reports and @screen scenarios ---------------------------

    def visible_text(self) -> str:
        return self.page.locator("body").inner_text()

    def diagnostics(self) -> str:
        try:
            shown = self._main.aria_snapshot(timeout=2_000)
        except Exception as exc:  # noqa: BLE001 (a report must not fail)
            shown = f"(page not readable: {exc!r})"
        return (
            f"driver calls: {' | '.join(self._journal)}\naddress: {self.page.url}\n"
            f"--- the page's main region (roles and names) ---\n{shown}"
        )

    def keep_failure_artifacts(self, folder: Path, stem: str) -> list[Path]:
        """The page's screenshot and the context's trace, kept in `folder` as `stem`.png and
        `stem`.trace.zip (`playwright show-trace` opens it)."""
        folder.mkdir(parents=True, exist_ok=True)
        kept = []
        if self.keeps.screenshot:
            kept.append(folder / f"{stem}.png")
            self.page.screenshot(path=kept[-1], full_page=True, timeout=5_000)
        if self.keeps.trace:
            kept.append(folder / f"{stem}.trace.zip")
            self.page.context.tracing.stop(path=kept[-1])
        return kept

    # --- reading --------------------------------------------------------------------------------

    def _money(self, text: str) -> Decimal:
        return parse_money(text, self.lang)

    def _date(self, text: str) -> date | None:
        return None if text.strip() in NONE_SHOWN else parse_date(text, self.lang)

    @staticmethod
    def _count(text: str) -> int:
        return int(re.sub(r"\D", "", text))

    def _term_of(self, text: str) -> Term | None:
        for term in ("monthly", "annual"):
            if flat(text) == self._label(term):
                return term  # type: ignore[return-value]
        if flat(text) in (*NONE_SHOWN, self.words.tr("Free trial")):
            return None
        raise AssertionError(f"{text!r} is not a term in {self.lang}")

    def _percent(self, text: str) -> Decimal:
        number = re.search(r"\d[\d.,\u00a0\u202f ]*", text)
        if number is None:
            raise AssertionError(f"no rate in {text!r}")
        return parse_decimal(flat(number.group(0)).replace(" ", ""), locale=LOCALES[self.lang])

    def _line(self, msgid: str) -> re.Match[str]:
        """The line of `main` that reads as `msgid`, its placeholders as groups."""
        pattern = self.words.pattern(msgid)
        for line in self._shown.lines:
            found = pattern.fullmatch(line)
            if found:
                return found
        raise AssertionError(f"no line reads as {self.words.tr(msgid)!r}: {self._shown.lines}")

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
        if self._shown.lang.split("-")[0] == self.lang:
            return
        own_name = Locale.parse(LOCALES[self.lang]).language_name or self.lang
        switch = self.page.get_by_role("button", name=re.compile(f"^{re.escape(own_name)}$", re.I))
        self._press(switch)
        if self._shown.lang.split("-")[0] != self.lang:
            raise AssertionError(f"the language switch left the page in {self._shown.lang!r}")

    def sign_in(self, email: str, password: str) -> None:
        self._note(f"sign in {email}")
        self._open("/sign-in")
        self._outcome("sign_in")
        self._language_switch()
        self._main.get_by_label(self.words.tr("Email"), exact=True).fill(email)
        self._main.get_by_label(self.words.tr("Password"), exact=True).fill(password)
        self._press(self._button(self._label("sign_in")))
        self._outcome("account")
        self._bookmarks = None

    def sign_out(self) -> None:
        self._note("sign out")
        before = {c["name"]: c for c in self.page.context.cookies()}
        self._go_to("account", "/account", self.words.tr("Account"), fresh=False)
        self._press(self.page.get_by_role("button", name=self.words.tr("Sign out"), exact=True))
        self._outcome("sign_in")
        # A copy of the session kept elsewhere (another device, a stolen cookie) must be dead.
        after = {c["name"] for c in self.page.context.cookies()}
        copies = [cookie for name, cookie in before.items() if name not in after]
        if copies:
            self.page.context.add_cookies(copies)  # type: ignore[arg-type]

    def view_account(self) -> AccountView:
        self._note("view the account")
        self._go_to("account", "/account", self.words.tr("Account"))
        return self._account()

    def _account(self) -> AccountView:
        shown = self._shown
        card = None
        found = self.words.pattern("{brand} •••• {last4}, expires {month}/{year}").fullmatch(
            shown.fact(self.words.tr("Card on file"))
        )
        if found:
            card = SavedCard(
                found["brand"], found["last4"], int(found["month"]), int(found["year"])
            )
        vat_number = shown.fact(self._label("vat_number"))
        cart = shown.region(self.words.tr("Cart"))
        count = re.search(r"\d+", cart["paragraphs"][0]) if cart and cart["paragraphs"] else None
        if count is None:
            raise AssertionError(f"the account page says nothing of the cart: {cart}")
        return AccountView(
            name=shown.h1,
            kind="enterprise" if shown.link(self._label("corporate_portal")) else "standard",
            country=country_code(shown.fact(self.words.tr("Country")), self.lang),
            currency="",  # the account page names no currency; amounts elsewhere do
            billing_day=int(shown.fact(self.words.tr("Billing day"))),
            today=parse_date(shown.fact(self.words.tr("Today")), self.lang),
            vat_number=None if vat_number in NONE_SHOWN else vat_number,
            card=card,
            subscriptions=self._subscriptions(),
            cart_count=int(count.group(0)),
            offers_add_subscription=shown.button(self._label("add_subscription")) is not None,
        )

    def _subscriptions(self) -> tuple[Subscription, ...]:
        table = self._shown.table(self.words.tr("Subscriptions"))
        if table is None:
            return ()
        statuses = {
            self.words.tr("Active"): "active",
            self.words.tr("Trial"): "trialing",
            self.words.tr("Expired"): "expired",
        }
        rows = table.read(
            product=self.words.tr("Product"),
            level=self._label("level"),
            status=self.words.tr("Status"),
            licenses=self._label("licenses"),
            term=self.words.tr("Term"),
            period=self.words.tr("Current period"),
            next_billing=self.words.tr("Next billing date"),
        )
        trial = self.words.pattern("Trial from {start} to {end}")
        found = []
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
                    licenses=self._count(total),
                    assigned=self._count(assigned),
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
        if self._is_on("products") and not fresh:
            return
        self._go_to("account", "/account", self.words.tr("Account"), fresh=False)
        if self._shown.button(self._label("add_subscription")) is not None:
            self._press(self._button(self._label("add_subscription")))
        else:  # not offered: the address of the product list, as a bookmark holds it
            self._open("/products")
        self._outcome("products")

    def _offered(self) -> tuple[OfferedProduct, ...]:
        table = self._shown.table(self.words.tr("Products you can add"))
        if table is None:
            return ()
        offered = []
        for row in table.rows:
            name = one_line(row["cells"][0])
            buttons = [one_line(b["name"]) for b in row["buttons"]]
            offered.append(
                OfferedProduct(
                    name=name,
                    can_buy=self._label("buy") in buttons,
                    can_try=self._label("try") in buttons,
                )
            )
        return tuple(offered)

    def open_add_subscription(self) -> tuple[OfferedProduct, ...]:
        self._note("open Add a new subscription")
        self._open_products()
        return self._offered()

    def _bookmark(self, product: str, action: Action) -> str:
        """The address of a step of the add-subscription flow, as a bookmark holds it."""
        if self._bookmarks is None:
            response = self.page.request.get(self.base + "/api/catalog")
            if not response.ok:
                raise AssertionError(f"GET /api/catalog: {response.status} {response.text()[:300]}")
            self._bookmarks = {p["name"].casefold(): p for p in response.json()}
        known = self._bookmarks.get(product.casefold())
        if known is None:
            raise AssertionError(f"no product {product!r} in the catalog")
        return f"/products/{known['code']}/{action}"

    def choose(self, product: str, action: Action) -> SubscriptionChoice:
        self._note(f"choose to {action} {product}")
        self._levels_seen = ()
        if not self._is_on("products"):
            self._go_to("account", "/account", self.words.tr("Account"), fresh=False)
            if self._shown.button(self._label("add_subscription")) is not None:
                self._open_products(fresh=False)
        table = self._shown.table(self.words.tr("Products you can add"))
        offered = table is not None and self._label(action) in table.row_buttons(product)
        if offered:
            row = self._main.get_by_role("row").filter(
                has=self.page.get_by_role("rowheader", name=product, exact=True)
            )
            self._press(self._button(self._label(action), row))
        else:  # not offered here: the step's address, as a bookmark holds it
            self._open(self._bookmark(product, action))
        self._outcome("choice")
        return self._choice()

    def _choice(self) -> SubscriptionChoice:
        """The step of the add-subscription flow the page shows."""
        shown = self._shown
        product = shown.fact(self.words.tr("Product"))
        if self.words.pattern("Try {product}").fullmatch(shown.h1):
            action: Action = "try"
        elif self.words.pattern("Buy {product}").fullmatch(shown.h1):
            action = "buy"
        else:
            raise AssertionError(f"the heading {shown.h1!r} names neither Buy nor Try")
        levels = shown.group(self._label("level"))
        if levels is not None:
            self._levels_seen = tuple(one_line(radio["label"]) for radio in levels)
        licenses, max_licenses = "", None
        dialog = shown.dialog
        if dialog is not None:
            fields = [
                f for f in dialog["fields"] if one_line(f["label"]) == self._label("licenses")
            ]
            if not fields:
                raise AssertionError(f"the dialog has no field {self._label('licenses')!r}")
            licenses = fields[0]["value"]
            found = self.words.pattern("From 1 to {max}").search(one_line(dialog["text"]))
            max_licenses = self._count(found["max"]) if found else None
        else:
            licenses = shown.facts.get(self._label("licenses").casefold(), "")
        terms: list[Term] = []
        term: Term | None = None
        for radio in shown.group(self.words.tr("Billing term")) or []:
            shown_term = self._term_of(radio["label"])
            if shown_term is not None:
                terms.append(shown_term)
                if radio["checked"]:
                    term = shown_term
        primary = ""
        if dialog is None and levels is None and shown.button_names:
            primary = shown.button_names[-1]
        return SubscriptionChoice(
            product=product,
            action=action,
            levels_offered=self._levels_seen,
            level=shown.facts.get(self._label("level").casefold()),
            licenses=licenses,
            max_licenses=max_licenses,
            terms_offered=tuple(terms),
            term=term,
            primary_action_label=primary,
        )

    def pick_level(self, level: str) -> SubscriptionChoice:
        self._note(f"pick the level {level}")
        group = self._main.get_by_role("group", name=self._label("level"), exact=True)
        group.get_by_role("radio", name=level, exact=True).check()
        self._press(self._button(self.words.tr("Continue")))
        self._outcome("choice")
        return self._choice()

    def _type(self, field: Locator, text: str) -> None:
        """Put `text` in a field as a person types it: a number field takes the keys it
        accepts (a word typed there is refused by the page)."""
        self._changed()
        if _NUMBER_TYPED.fullmatch(text) or not text:
            field.fill(text)
        else:
            field.fill("")
            field.press_sequentially(text)

    def set_licenses(self, licenses: str) -> SubscriptionChoice:
        self._note(f"set {licenses!r} user licenses")
        dialog = self.page.get_by_role("dialog")
        self._type(
            dialog.get_by_role("spinbutton", name=self._label("licenses"), exact=True), licenses
        )
        refusal = self._refusal()
        if refusal is not None:
            next_button = self._shown.button(self._label("next"))
            if next_button is not None and not next_button["disabled"]:
                raise AssertionError(f"Next is available while the page refuses: {refusal}")
            raise Refused(refusal)
        self._press(self._button(self._label("next"), dialog))
        self._outcome("choice")
        return self._choice()

    def pick_term(self, term: Term) -> SubscriptionChoice:
        self._note(f"pick {term}")
        self._changed()
        self._main.get_by_role("radio", name=self._label(term), exact=True).check()
        return self._choice()

    def confirm_choice(self) -> PlaceOrderPage | CartView | TrialConfirmation:
        self._note("confirm the choice")
        names = self._shown.button_names
        if not names:
            raise AssertionError("the page offers no button to confirm the choice")
        self._press(self._button(names[-1]))
        landed = self._outcome("place_order", "cart", "trial")
        if landed == "place_order":
            return self._place_order_page()
        if landed == "cart":
            return self._cart()
        return self._trial()

    def _trial(self) -> TrialConfirmation:
        shown = self._shown
        return TrialConfirmation(
            product=shown.fact(self.words.tr("Product")),
            level=shown.fact(self._label("level")),
            licenses=self._count(shown.fact(self._label("licenses"))),
            trial_end=parse_date(shown.fact(self.words.tr("Trial ends on")), self.lang),
        )

    # --- the cart and the Place Order page ------------------------------------------------------

    def _cart(self) -> CartView:
        table = self._shown.table(self.words.tr("Items in the cart"))
        items: tuple[CartItem, ...] = ()
        if table is not None:
            rows = table.read(
                product=self.words.tr("Product"),
                level=self._label("level"),
                licenses=self._label("licenses"),
                term=self.words.tr("Term"),
            )
            items = tuple(
                CartItem(row["product"], row["level"], self._count(row["licenses"]),
                         self._term_of(row["term"]))
                for row in rows
            )  # fmt: skip
        offers = self._shown.button(self._label("place_order")) is not None
        return CartView(items=items, offers_place_order=offers)

    def view_cart(self) -> CartView:
        self._note("view the cart")
        self._go_to("cart", "/cart", self.words.tr("Cart"))
        return self._cart()

    def _to_place_order(self, *, fresh: bool = False) -> None:
        """The Place Order page: the one shown, with what was typed in it (as it is now when
        `fresh`), else from the cart's Place Order button."""
        if self._is_on("place_order"):
            self._go_to("place_order", "/place-order", fresh=fresh)
            return
        self._go_to("cart", "/cart", self.words.tr("Cart"), fresh=False)
        if self._shown.button(self._label("place_order")) is not None:
            self._press(self._button(self._label("place_order")))
        else:  # not offered (an empty cart): the page's address
            self._open("/place-order")
        self._outcome("place_order")

    def _lines(self, table: Table) -> tuple[OrderLine, ...]:
        kinds: dict[str, Kind] = {
            self.words.tr("Credit for unused time"): "credit",
            self.words.tr("Renewal on the new billing date"): "renewal",
            self.words.tr("New"): "new",
        }
        rows = table.read(
            product=self.words.tr("Product"),
            level=self._label("level"),
            licenses=self._label("licenses"),
            term=self.words.tr("Term"),
            period=self._label("billing_period"),
            rate=self._label("rate"),
            amount=self.words.tr("Amount"),
        )
        lines = []
        for row in rows:
            product, kind = self._strip_suffix(row["product"], tuple(kinds))
            if not kind:
                raise AssertionError(
                    f"the line {row['product']!r} is neither new, credit nor renewal"
                )
            start, end = parse_period(row["period"], self.lang)
            lines.append(
                OrderLine(
                    kind=kinds[kind], product=product, level=row["level"],
                    licenses=self._count(row["licenses"]), term=self._term_of(row["term"]),
                    period_start=start, period_end=end,
                    rate=self._money(row["rate"]), amount=self._money(row["amount"]),
                )
            )  # fmt: skip
        return tuple(lines)

    def _totals(self, table: Table) -> dict[str, Any]:
        """Subtotal, VAT (rate, amount, reverse charge, country) and Total due, from the
        table's footer: each row a caption and an amount."""
        found: dict[str, Any] = {}
        for row in table.foot:
            caption, amount = one_line(row[0]), one_line(row[-1])
            if caption == self.words.tr("Subtotal"):
                found["subtotal"] = self._money(amount)
            elif caption == self._label("total_due"):
                found["total"] = self._money(amount)
                found["currency"] = currency_of(amount, self.lang)
            else:
                found["vat"] = self._vat(caption, amount)
        missing = {"subtotal", "vat", "total"} - set(found)
        if missing:
            raise AssertionError(f"the order's totals miss {sorted(missing)}: {table.foot}")
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
        shown = self._shown
        table = shown.needs_table(self.words.tr("Your order"))
        totals = self._totals(table)
        rate, vat_amount, reverse, country = totals["vat"]
        today = self._line(
            "The billing period starts today, {today}. Placing the order moves the billing date "
            "of every subscription of the account to today: the unused time of each is "
            "credited, and its new period is charged."
        )["today"]
        return PlaceOrderPage(
            today=parse_date(today, self.lang),
            billing_day=int(shown.fact(self.words.tr("New billing day"))),
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
        vat = self._label("vat_number")
        self._main.get_by_role("textbox", name=vat, exact=True).fill(vat_number or "")
        self._press(self._button(f"{self.words.tr('Apply')} {vat}"))
        self._outcome("place_order")
        return self._place_order_page()

    def _item(self, product: str) -> Locator:
        """Edit Order's region of the item of `product`."""
        self._to_place_order()
        self._press(self._button(self._label("edit_order")))
        self._outcome("edit_order")
        return self._main.get_by_role("region", name=product, exact=True)

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
            choices = item.get_by_role("combobox", name=self._label("level"), exact=True)
            choices.select_option(label=level)
        if licenses is not None:
            field = item.get_by_role("spinbutton", name=self._label("licenses"), exact=True)
            self._type(field, licenses)
        if term is not None:
            item.get_by_role("radio", name=self._label(term), exact=True).check()
        self._press(self._button(f"{self.words.tr('Save changes')} {product}", item))
        self._outcome("place_order")
        return self._place_order_page()

    def remove_item(self, product: str) -> PlaceOrderPage | CartView:
        self._note(f"remove {product}")
        item = self._item(product)
        self._press(self._button(f"{self.words.tr('Remove')} {product}", item))
        if self._outcome("place_order", "cart") == "cart":
            return self._cart()
        return self._place_order_page()

    # --- payment --------------------------------------------------------------------------------

    def _fill_payment(self, payment: Payment) -> Locator:
        """Fill the payment details on the Place Order page; returns its Place Order button."""
        self._to_place_order()
        main = self._main
        self._changed()
        if payment.use_saved_card:
            saved = self.words.pattern("Use the card on file: {card}", named=False)
            main.get_by_role("radio", name=saved).check()
        card = payment.card
        if card is not None:
            if self._shown.group(self.words.tr("How to pay")) is not None:
                main.get_by_role(
                    "radio", name=self.words.tr("Enter a new card"), exact=True
                ).check()
            typed = {
                "Cardholder name": card.holder,
                "Card number": card.number,
                "Month": f"{card.exp_month:02d}",
                "Year": str(card.exp_year),
                "Security code (CVC)": card.cvc,
            }
            for caption, value in typed.items():
                main.get_by_role("textbox", name=self.words.tr(caption), exact=True).fill(value)
            kept = self.page.evaluate(
                "names => names.map(n => document.getElementsByName(n)[0]?.value ?? null)",
                ["card_name", "card_number", "card_exp_month", "card_exp_year", "card_cvc"],
            )
            for (caption, value), shown in zip(typed.items(), kept, strict=True):
                if shown != value:  # a person would see her input cut or changed
                    raise AssertionError(
                        f"the field {self.words.tr(caption)!r} keeps {shown!r} of {value!r} typed"
                    )
        return self._button(self._label("place_order"))

    def pay(self, payment: Payment) -> Confirmation:
        self._note("pay")
        self._press(self._fill_payment(payment))
        self._outcome("order")
        return self._confirmation()

    def pay_twice(self, payment: Payment) -> tuple[Confirmation, ...]:
        self._note("pay twice in a row (a double click)")
        place_order = self._fill_payment(payment)
        documents: list[int] = []  # the status of each document the submissions brought

        def document(response: Any) -> None:
            if response.request.is_navigation_request() and response.frame == self.page.main_frame:
                documents.append(response.status)

        self.page.on("response", document)
        try:
            place_order.dblclick()
            self._await_order_page()
        finally:
            self.page.remove_listener("response", document)
        self._changed()
        self._status = documents[-1] if documents else 200
        self._outcome("order")
        return (self._confirmation(),)

    def _await_order_page(self) -> None:
        """Wait for where two submissions of one form lead.

        The browser drops the first submission's page for the second's, so a wait can see
        its navigation aborted (net::ERR_ABORTED) on a busy machine, even waiting for the
        address: each of the two submissions can abort a wait at most once, so wait again.
        """
        for attempt in (1, 2, 3):
            try:
                self.page.wait_for_url(re.compile(r"/orders/[^/]+$"),
                                       wait_until="domcontentloaded")
                return
            except PlaywrightTimeout:
                return  # a refusal or an error page: _outcome says which
            except PlaywrightError as error:
                if "ERR_ABORTED" not in error.message or attempt == 3:
                    raise

    def _confirmation(self) -> Confirmation:
        shown = self._shown
        found = self._line("Order {number} placed on {date}")
        number = found["number"]
        table = shown.needs_table(self.words.tr("Order {number}", number=number))
        lines = self._lines(table)
        totals = self._totals(table)
        rate, vat_amount, _, _ = totals["vat"]
        paid = re.search(r"(\S.*?)\s*•+\s*(\d{4})", shown.fact(self.words.tr("Paid with")))
        active = shown.region(self.words.tr("Active now"))
        if active is None:
            raise AssertionError("the confirmation does not say what is active now")
        manage = self._label("manage_user_products")
        reminder = [link["name"] for link in active["links"] if one_line(link["name"]) == manage]
        return Confirmation(
            order_number=number,
            placed_on=parse_date(found["date"], self.lang),
            lines=lines,
            subtotal=totals["subtotal"],
            vat_rate=rate,
            vat_amount=vat_amount,
            total_due=totals["total"],
            currency=totals["currency"],
            billing_day=int(shown.fact(self.words.tr("Billing day"))),
            next_billing_date=parse_date(shown.fact(self.words.tr("Next billing date")), self.lang),
            card_brand=paid.group(1) if paid else "",
            card_last4=paid.group(2) if paid else "",
            active=self._active(active["items"], lines),
            manage_users_reminder=bool(reminder),
            manage_users_label=one_line(reminder[0]) if reminder else None,
        )

    def _active(self, items: list[str], lines: tuple[OrderLine, ...]) -> tuple[ActiveProduct, ...]:
        """The "Active now" list: '<product> <level>, <n> user licenses (<term>)'; the
        product and the level are told apart by the order's lines."""
        pattern = self.words.pattern("{product} {level}, {licenses} user licenses")
        offers = {f"{ln.product} {ln.level}": (ln.product, ln.level) for ln in lines}
        active = []
        for item in items:
            text = one_line(item)
            term_text = re.search(r"\(([^()]*)\)$", text)
            found = pattern.search(text)
            if found is None or term_text is None:
                raise AssertionError(f"{text!r} does not name a product, its licenses and term")
            offer = f"{found['product']} {found['level']}"
            if offer not in offers:
                raise AssertionError(f"{text!r} names no line of the order: {sorted(offers)}")
            product, level = offers[offer]
            active.append(ActiveProduct(product, level, self._count(found["licenses"]),
                                        self._term_of(term_text.group(1))))  # fmt: skip
        return tuple(active)

    # --- step 11 and R13 ------------------------------------------------------------------------

    def _users(self) -> UserProductsView:
        shown = self._shown
        products: list[ProductLicenses] = []
        held = shown.table(self._label("licenses"))
        if held is not None:
            for row in held.read(product=self.words.tr("Product"),
                                 assigned=self.words.tr("Assigned"),
                                 total=self.words.tr("Total")):  # fmt: skip
                products.append(ProductLicenses(row["product"], self._count(row["assigned"]),
                                                self._count(row["total"])))  # fmt: skip
        table = shown.needs_table(self.words.tr("Users"))
        head = [one_line(h) for h in table.head]
        contact = self.words.tr("Billing contact")
        holds_one = self.words.tr("Assigned")
        users = []
        for row in table.rows:
            cells = row["cells"]
            who = one_line(cells[0])
            email = re.search(r"\S+@\S+", who)
            if email is None:
                raise AssertionError(f"the user {who!r} has no email address")
            holds = tuple(
                head[i]
                for i in range(1, len(head))
                if one_line(cells[i].split("\n")[0]) == holds_one
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
        self._go_to("users", "/users", self._label("manage_user_products"))
        return self._users()

    def _license(self, verb: str, between: str, user_email: str, product: str) -> UserProductsView:
        """Press the user's Assign or Unassign button of the product. When the page does not
        offer it (Assign for a license the user holds), the same form is sent as a tab left
        open from before would send it: the cell's form, to the address of that change."""
        self._go_to("users", "/users", self._label("manage_user_products"), fresh=False)
        name = f"{self.words.tr(verb)} {self.words.tr(between, product=product, user=user_email)}"
        table = self._shown.needs_table(self.words.tr("Users"))
        offered = any(one_line(b["name"]) == name for row in table.rows for b in row["buttons"])
        if offered:
            self._press(self._button(name))
        else:
            holder = self.page.get_by_role(
                "rowheader", name=re.compile(re.escape(user_email), re.I)
            )
            row = self._main.get_by_role("row").filter(has=holder)
            cell = row.get_by_role("cell").nth(table.column(product) - 1)  # the header is no cell
            with self._next_document():
                cell.locator("form").evaluate(_RESEND_JS, verb.lower())
        self._outcome("users")
        return self._users()

    def assign_license(self, user_email: str, product: str) -> UserProductsView:
        self._note(f"assign {product} to {user_email}")
        return self._license("Assign", "{product} to {user}", user_email, product)

    def unassign_license(self, user_email: str, product: str) -> UserProductsView:
        self._note(f"unassign {product} from {user_email}")
        return self._license("Unassign", "{product} from {user}", user_email, product)
