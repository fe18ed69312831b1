"""The tui driver: the Driver protocol through the Textual app (`tui/`) under Pilot.

The app runs in-process, in a thread of its own (`tui_harness.AppThread`), on the same
deployment as the rest of the scenario: the embedded client on the embedded deployment's
own database when the harness started it, the HTTP client against `--base-url` otherwise.
So the whole suite covers both clients.

Everything it reports is read from the widgets on the active screen (Static text, Button
labels, DataTable cells, Input values), never from the client or the API: a scenario fails
when the screen shows the wrong thing. Amounts and dates are read as the person's language
writes them (`tui_reading`). It acts as a person at the keyboard does: keys and clicks,
typed text; and it waits for conditions (a screen is active, the calls it started are
done, a refusal is shown), each with a deadline, never for a fixed time.

Where the protocol asks for what a screen does not offer:
- a direct attempt (R0.1, R9.4): the key the screen binds for it (`a` on the dashboard when
  no Add-a-new-subscription button is shown, `t` on a product with no Try button), so the
  deployment's own refusal shows;
- a refusal's code: the error line's `refusal-<code>` class, which the app sets with the
  words (a refusal found by the screen itself at a field, such as R6's range, is a
  `validation` refusal at that field);
- after signing out, the account cannot be shown: the sign-in screen is the refusal
  `not_signed_in`, with the words it shows; an empty cart offers no Place Order page: what
  the cart says is the refusal `cart_empty`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Awaitable, Callable
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from textual.events import Paste
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, DataTable, Input, OptionList, RadioButton, Static
from textual.worker import WorkerState

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
from steps.drivers import tui_memory
from steps.drivers.tui_harness import AppThread, ScreenTimeout
from steps.drivers.tui_reading import (
    country_code,
    flat,
    parse_date,
    parse_money,
    parse_period,
    plain,
    screen_text,
    shown,
    value_after_caption,
)
from steps.labels import label

T = TypeVar("T")

SIZE = (140, 50)
DEADLINE_S = 20.0  # the longest a screen may take to settle after an action
MAX_STEPS_BACK = 12

# Error lines named after a field (`#<field>-error`) and the field's label key.
FIELD_KEYS = {
    "licenses": "licenses",
    "level": "level",
    "term": "term",
    "product": "product",
    "vat-number": "vat_number",
    "card-name": "card_name",
    "card-number": "card_number",
    "card-exp-month": "card_expiry",
    "card-exp-year": "card_expiry",
    "card-cvc": "card_cvc",
    "email": "email",
    "password": "password",
}
CARD_INPUTS = ("card-name", "card-number", "card-exp-month", "card-exp-year", "card-cvc")
_ORDER_NUMBER = re.compile(r"\b[A-Z0-9]+(?:-[A-Z0-9]+)+\b")
_PERCENT = re.compile(r"\(([^)]*\d[^)]*)\)")


class TuiDriver:
    name = "tui"

    def __init__(self, connector: Callable[[str], Any], lang: str, *, where: str = ""):
        from tui.app import BillingCenterApp
        from tui.text import Text

        self.lang = lang
        self.words = Text(lang)  # the app's own words for what flow.md does not fix
        self.app = BillingCenterApp(connector, lang=lang, where=where)
        self.ui = AppThread(self.app, size=SIZE)
        self._journal: list[str] = []
        self._pressed: Action | None = None  # Buy or Try, as last pressed by the person
        tui_memory.scenario_started()
        try:
            self.ui.start()
            self._do("start", self._wait_for_sign_in_screen)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        client = self.app.client
        try:
            self.ui.stop()
            if client is not None:
                client.close()
        finally:
            tui_memory.scenario_finished()

    # --- plumbing -----------------------------------------------------------------------------

    def _do(self, what: str, job: Callable[[], Awaitable[T]]) -> T:
        started = time.perf_counter()
        try:
            return self.ui.call(job, deadline=DEADLINE_S * 3)
        finally:
            self._journal.append(f"{what} ({time.perf_counter() - started:.2f} s)")
            del self._journal[:-30]

    @property
    def screen(self) -> Screen[Any]:
        return self.app.screen

    def _busy(self) -> bool:
        if any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in self.app.workers):
            return True
        return any(getattr(node, "loading", False) for node in self.screen.query("*"))

    async def _steady(self, condition: Callable[[], bool], what: str,
                      *, deadline: float = DEADLINE_S) -> None:
        """Wait until `condition()` holds with nothing left to do: no call running, no
        message waiting (a screen just pushed has run its mount handlers)."""
        for _ in range(20):
            await self.ui.until(lambda: condition() and not self._busy(), what, deadline=deadline)
            await self.ui.drained()
            if condition() and not self._busy():
                return
        raise ScreenTimeout(f"{what}: the screen kept changing")

    async def _settled(self, what: str = "the screen to settle") -> None:
        await self._steady(lambda: True, what)

    async def _on(self, kind: str, *, deadline: float = DEADLINE_S) -> Screen[Any]:
        """Wait until a screen of this class name is active and done loading."""
        await self._steady(
            lambda: type(self.screen).__name__ == kind,
            f"the {kind} to be shown (now: {type(self.screen).__name__})",
            deadline=deadline,
        )
        return self.screen

    async def _outcome(self, *kinds: str) -> Screen[Any]:
        """After an action: one of these screens, or a refusal on the active one (raised)."""
        await self._steady(
            lambda: type(self.screen).__name__ in kinds or self._refusal() is not None,
            f"one of {kinds} or a refusal (now: {type(self.screen).__name__})",
        )
        refusal = self._refusal()
        if type(self.screen).__name__ not in kinds and refusal is not None:
            raise Refused(refusal)
        return self.screen

    def _query(self, selector: str, kind: type[T] = Widget) -> T:  # type: ignore[assignment]
        return self.screen.query_one(selector, kind)

    def _has(self, selector: str) -> bool:
        found = self.screen.query(selector)
        return bool(found) and shown(found.first())

    def _text(self, selector: str) -> str:
        return flat(plain(self._query(selector, Static).visual))

    def _caption_value(self, selector: str) -> str:
        return value_after_caption(self._text(selector))

    async def _activate(self, selector: str) -> None:
        """Move the focus to a button (or a check box, a radio button) and press Enter, as a
        person at the keyboard does."""
        widget = self._query(selector)
        if widget.disabled or not shown(widget):
            raise AssertionError(f"{selector} is not available on {type(self.screen).__name__}")
        # A Button ignores Enter while it still shows its last press (the "-active" class,
        # 0.2 s): a second visit to the same button would be lost. Wait for it to end.
        await self.ui.until(lambda: not widget.has_class("-active"),
                            f"{selector} to finish showing its last press")
        widget.focus()
        await self.ui.drained()
        await self._press("enter")

    async def _click(self, selector: str) -> None:
        """A mouse click (Pilot's), where the keyboard has no direct way."""
        assert self.ui.pilot is not None
        widget = self._query(selector)
        widget.scroll_visible(animate=False)
        await self.ui.settle()
        if not await self.ui.pilot.click(widget):
            raise AssertionError(f"{selector} could not be clicked on {type(self.screen).__name__}")

    async def _press(self, *keys: str) -> None:
        await self.ui.press(*keys)

    async def _type_into(self, selector: str, text: str) -> None:
        """Focus a field, select what it holds and put `text` in its place, the way a
        terminal delivers a paste (one event: typing key by key costs ~50 ms a key)."""
        field = self._query(selector, Input)
        if field.disabled:
            raise AssertionError(f"{selector} is disabled on {type(self.screen).__name__}")
        field.focus()
        await self.ui.drained()
        await self._press("ctrl+shift+a")
        if text:
            await self.ui.post(Paste(text))
        else:
            await self._press("backspace")
        if field.max_length and len(text) > field.max_length:
            raise AssertionError(
                f"{selector} takes at most {field.max_length} characters: {text!r} cannot be typed"
            )
        await self.ui.until(lambda: field.value == text, f"{selector} to read {text!r}")

    async def _palette(self, command: str) -> None:
        """Run a command of the command palette (Ctrl+P) by its name, as typed there."""
        from textual.command import CommandList, CommandPalette

        await self._press("ctrl+p")
        await self._steady(lambda: isinstance(self.screen, CommandPalette), "the command palette")
        await self.ui.post(Paste(command))

        def position() -> int | None:
            found = self.screen.query(CommandList)
            if not found:
                return None
            options = found.first()
            for index in range(options.option_count):
                name = plain(options.get_option_at_index(index).prompt).split("\n")[0]
                if flat(name) == command:  # (its help text is on the next line)
                    return index + 1  # 0 would read as "not found"
            return None

        index = await self.ui.until(position, f"{command!r} among the commands")
        await self._press(*["down"] * index, "enter")
        await self._steady(
            lambda: not isinstance(self.screen, CommandPalette), "the palette to close"
        )

    async def _to_dashboard(self) -> Screen[Any]:
        for _ in range(MAX_STEPS_BACK):
            await self._settled()
            name = type(self.screen).__name__
            if name == "DashboardScreen":
                return self.screen
            if name == "SignInScreen":
                raise Refused(self._signed_out_refusal())
            await self._press("escape")
        raise ScreenTimeout(f"Escape did not lead back to the dashboard from {self.screen}")

    async def _wait_for_sign_in_screen(self) -> None:
        await self._on("SignInScreen", deadline=120.0)

    # --- refusals -----------------------------------------------------------------------------

    def _refusal(self) -> Refusal | None:
        """The refusal the active screen shows, if any."""
        screen = self.screen
        for static in screen.query(".error"):
            if not isinstance(static, Static) or not shown(static):
                continue
            words = flat(plain(static.visual))
            if not words:
                continue
            ident = static.id or ""
            field = FIELD_KEYS.get(ident.removesuffix("-error"))
            codes = [c.removeprefix("refusal-") for c in static.classes if c.startswith("refusal-")]
            if codes:
                code = codes[0]
            elif field is not None:
                code = "validation"  # found by the screen itself at the field
            else:
                raise AssertionError(
                    f"#{ident} shows a refusal without its reason (no refusal-<code> class): "
                    f"{words!r}"
                )
            link = self._portal_link() if code == "enterprise_account" else None
            return Refusal(code=code, message=words, field=field, link=link)
        return None

    def _portal_link(self) -> str | None:
        if self._has("#portal-link"):
            found = re.search(r"https?://\S+", self._text("#portal-link"))
            return found.group(0) if found else None
        return None

    def _signed_out_refusal(self) -> Refusal:
        words = flat(plain(self._query("#sign-in", Button).label))
        return Refusal(code="not_signed_in", message=words)

    # --- what the screen shows, for failure reports and @screen scenarios ---------------------

    def visible_text(self) -> str:
        async def read() -> str:
            await self._settled()
            return screen_text(self.screen)

        return self._do("read the screen", read)

    def diagnostics(self) -> str:
        try:
            stack = " > ".join(type(s).__name__ for s in self.app.screen_stack)
            text = self.visible_text()
        except Exception as exc:  # noqa: BLE001 (a report must not fail)
            stack, text = "?", f"(screen not readable: {exc!r})"
        return (
            f"driver calls: {' | '.join(self._journal)}\nscreens: {stack}\n"
            f"--- the screen ---\n{text}"
        )

    def screenshot_svg(self) -> str:
        return self.ui.screenshot_svg()

    # --- words of this language ---------------------------------------------------------------

    def _term_of(self, text: str) -> Term | None:
        for term in ("monthly", "annual"):
            if text == label(term, self.lang):
                return term  # type: ignore[return-value]
        if text in ("", "–", "-"):
            return None
        raise AssertionError(f"{text!r} is not a term in {self.lang}")

    def _action_of(self, text: str) -> Action:
        for action in ("buy", "try"):
            if text == label(action, self.lang):
                return action  # type: ignore[return-value]
        raise AssertionError(f"{text!r} is neither Buy nor Try in {self.lang}")

    def _money(self, text: str) -> Decimal:
        return parse_money(text, self.lang)

    def _date(self, text: str) -> date | None:
        return None if text.strip() in ("", "–", "-") else parse_date(text, self.lang)

    def _currency_of(self, text: str) -> str:
        """The currency an amount is written in ("€" -> EUR), among those the words name."""
        from babel.numbers import get_currency_symbol

        locale = {"en": "en_US", "fr": "fr_FR"}[self.lang]
        sign = re.sub(r"[\d\s.,\u00a0\u202f\u2212-]", "", text)
        for code in ("EUR", "USD", "GBP"):
            if sign in (code, get_currency_symbol(code, locale=locale)):
                return code
        raise AssertionError(f"no currency recognised in {text!r}")

    def _template(self, msgid: str) -> re.Pattern[str]:
        """A message of the app in this language as a pattern: {name} -> (?P<name>.+)."""
        words = self.words.tr(msgid, **{n: f"\x00{n}\x00" for n in re.findall(r"{(\w+)}", msgid)})
        parts = re.split(r"\x00(\w+)\x00", flat(words))
        pattern = "".join(
            re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts)
        )
        return re.compile(pattern + "$")

    # --- reading tables -----------------------------------------------------------------------

    def _rows(self, selector: str) -> list[dict[str, str]]:
        table = self._query(selector, DataTable)
        keys = [str(column.key.value) for column in table.ordered_columns]
        return [
            {key: flat(plain(cell)) for key, cell in zip(keys, table.get_row_at(i), strict=True)}
            for i in range(table.row_count)
        ]

    def _row_index(self, selector: str, column: str, wanted: str) -> int:
        for index, row in enumerate(self._rows(selector)):
            if row.get(column, "").casefold() == wanted.casefold():
                return index
        raise AssertionError(f"no row of {selector} reads {wanted!r} in {column}")

    async def _move_cursor(self, selector: str, index: int) -> None:
        """Put a table's cursor on a row with the arrow keys."""
        table = self._query(selector, DataTable)
        table.focus()
        await self.ui.drained()
        step = index - table.cursor_row
        await self._press(*(["down"] * step if step > 0 else ["up"] * -step))
        if table.cursor_row != index:
            raise AssertionError(f"{selector}: cursor on row {table.cursor_row}, not {index}")

    def _lines(self) -> tuple[OrderLine, ...]:
        kinds = {}
        from tui.widgets.order_lines import kind_text

        for kind in ("new", "credit", "renewal"):
            kinds[kind_text(self.words, kind)] = kind
        lines = []
        table = self._query("#order-lines", DataTable)
        for index, row in enumerate(self._rows("#order-lines")):
            start, end = parse_period(row["period"], self.lang)
            # the product cell reads the product's name, and under it what the line is
            name, what = plain(table.get_row_at(index)[0]).splitlines()
            lines.append(
                OrderLine(
                    kind=kinds[flat(what)],  # type: ignore[arg-type]
                    product=flat(name),
                    level=row["level"],
                    licenses=int(row["licenses"]),
                    term=self._term_of(row["term"]),
                    period_start=start,
                    period_end=end,
                    rate=self._money(row["rate"]),
                    amount=self._money(row["amount"]),
                )
            )
        return tuple(lines)

    def _vat(self) -> tuple[Decimal, Decimal, bool]:
        """(rate %, amount, reverse charge) from the VAT line."""
        first, *why = plain(self._query("#vat", Static).visual).splitlines()
        text, said = flat(first), flat(" ".join(why))
        zero = self._template("VAT: {amount}").match(text)
        if zero:  # no rate: the second line says why (reverse charge, or no VAT at all)
            reverse = self.words.tr("Reverse charge: the VAT is accounted for by the customer.")
            if said not in (flat(reverse), flat(self.words.tr("No VAT applies."))):
                raise AssertionError(f"the VAT line reads {text!r} then {said!r}")
            return Decimal(0), self._money(zero["amount"]), said == flat(reverse)
        rated = self._template("VAT ({rate}): {amount}").match(text)
        if rated is None:
            raise AssertionError(f"the VAT line reads {text!r}")
        rate = re.sub(r"[^\d.,]", "", rated["rate"]).replace(",", ".")
        return Decimal(rate), self._money(rated["amount"]), False

    # --- step 1 and R1 ------------------------------------------------------------------------

    def sign_in(self, email: str, password: str) -> None:
        async def sign_in() -> None:
            if type(self.screen).__name__ != "SignInScreen":
                await self._sign_out()
            await self._on("SignInScreen")
            await self._type_into("#email", email)
            await self._type_into("#password", password)
            await self._press("enter")
            await self._outcome("DashboardScreen")

        self._do(f"sign in {email}", sign_in)

    async def _sign_out(self) -> None:
        await self._to_dashboard()
        await self._activate("#sign-out")
        await self._on("SignInScreen")

    def sign_out(self) -> None:
        self._do("sign out", self._sign_out)

    def view_account(self) -> AccountView:
        async def view() -> AccountView:
            await self._to_dashboard()
            await self._press("r")
            await self._settled()
            return self._account()

        return self._do("view the account", view)

    def _account(self) -> AccountView:
        name, country, currency = self._text("#account").rsplit(" · ", 2)
        card = None
        card_text = self._text("#card")
        found = re.search(r"(\S.*?)\s*•+\s*(\d{4})\D+(\d{1,2})/(\d{4})", card_text)
        if found:
            card = SavedCard(
                found.group(1).split(":")[-1].strip(),
                found.group(2),
                int(found.group(3)),
                int(found.group(4)),
            )
        vat_number = None
        if self._has("#vat-number"):
            vat_number = self._caption_value("#vat-number") or None
        statuses = {
            self.words.tr("Active"): "active",
            self.words.tr("Trial"): "trialing",
            self.words.tr("Expired"): "expired",
        }
        subscriptions = []
        for row in self._rows("#subscriptions"):
            if row.get("status", "") not in statuses:
                continue  # the "no subscriptions yet" line
            assigned, _, total = row["licenses"].partition("/")
            period = row["period"]
            start, end = (
                parse_period(period, self.lang) if period.strip("–- ") else (None, None)
            )
            status = statuses[row["status"]]
            subscriptions.append(
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
                    # a trial's period is the trial: it ends on the trial's last day
                    trial_end=end if status in ("trialing", "expired") else None,
                )
            )
        return AccountView(
            name=name,
            kind="enterprise" if self._has("#portal-link") else "standard",
            country=country_code(country, self.lang),
            currency=currency.strip(),
            billing_day=int(self._caption_value("#billing-day")),
            today=parse_date(self._caption_value("#today"), self.lang),
            vat_number=vat_number,
            card=card,
            subscriptions=tuple(subscriptions),
            cart_count=int(self._caption_value("#cart-count")),
            offers_add_subscription=self._has("#add-subscription"),
        )

    # --- steps 2 to 8 -------------------------------------------------------------------------

    async def _open_products(self) -> None:
        await self._to_dashboard()
        if self._has("#add-subscription"):
            await self._activate("#add-subscription")
        else:
            await self._press("a")  # not offered: the direct attempt the dashboard binds
        await self._outcome("ProductsScreen")

    def _offered(self) -> tuple[OfferedProduct, ...]:
        offered = []
        for row in self.screen.query(".product"):
            if not shown(row):
                continue
            code = (row.id or "").removeprefix("product-")
            offered.append(
                OfferedProduct(
                    name=self._text(f"#name-{code}"),
                    can_buy=self._has(f"#buy-{code}"),
                    can_try=self._has(f"#try-{code}"),
                )
            )
        return tuple(offered)

    def open_add_subscription(self) -> tuple[OfferedProduct, ...]:
        async def open_it() -> tuple[OfferedProduct, ...]:
            await self._open_products()
            return self._offered()

        return self._do("open Add a new subscription", open_it)

    def choose(self, product: str, action: Action) -> SubscriptionChoice:
        async def choose() -> SubscriptionChoice:
            self._pressed = action
            if type(self.screen).__name__ != "ProductsScreen":
                await self._open_products()
            code = None
            for row in self.screen.query(".product"):
                row_code = (row.id or "").removeprefix("product-")
                if self._text(f"#name-{row_code}").casefold() == product.casefold():
                    code = row_code
            button = f"#{action}-{code}"
            if code is None:  # not listed: the palette's direct entry for it
                await self._palette(f"{label(action, self.lang)} {product}")
            elif self._has(button):
                await self._activate(button)
            else:  # not offered: the key the product list binds to the action
                self._query(f"#buy-{code}", Button).focus()
                await self.ui.drained()
                await self._press("t" if action == "try" else "b")
            await self._outcome("LevelScreen", "LicensesScreen")
            return self._choice()

        return self._do(f"choose to {action} {product}", choose)

    def _choice(self) -> SubscriptionChoice:
        """The add-subscription step shown: the level list, the licenses modal or the term."""
        stack = self.app.screen_stack
        screen = self.screen
        kind = type(screen).__name__
        beneath = stack[-2] if len(stack) > 1 and isinstance(screen, ModalScreen) else None
        level_screen = screen if kind == "LevelScreen" else beneath
        levels_offered: tuple[str, ...] = ()
        if level_screen is not None and type(level_screen).__name__ == "LevelScreen":
            options = level_screen.query_one("#levels", OptionList)
            levels_offered = tuple(
                flat(plain(options.get_option_at_index(i).prompt)).split(":")[0].strip()
                for i in range(options.option_count)
            )
        if kind == "LevelScreen":
            product, _, action = self._text("#level-product").rpartition(" · ")
            return SubscriptionChoice(
                product=product, action=self._action_of(action), levels_offered=levels_offered,
                level=None, licenses="", max_licenses=None, terms_offered=(), term=None,
                primary_action_label="",
            )  # fmt: skip
        if kind == "LicensesScreen":
            product, _, level = self._text("#licenses-title").rpartition(" · ")
            numbers = re.findall(r"\d+", self._text("#licenses-range"))
            return SubscriptionChoice(
                product=product, action=self._chosen_action, levels_offered=levels_offered,
                level=level, licenses=self._query("#licenses", Input).value,
                max_licenses=int(numbers[-1]) if numbers else None, terms_offered=(),
                term=None, primary_action_label="",
            )  # fmt: skip
        if kind == "TermScreen":
            product, _, action = self._text("#summary-product").rpartition(" · ")
            terms: list[Term] = []
            term = None
            for key in ("monthly", "annual"):
                if self._has(f"#term-{key}"):
                    radio = self._query(f"#term-{key}", RadioButton)
                    terms.append(self._term_of(flat(plain(radio.label))))  # type: ignore[arg-type]
                    if radio.value:
                        term = key
            return SubscriptionChoice(
                product=product, action=self._action_of(action), levels_offered=levels_offered,
                level=self._caption_value("#summary-level"),
                licenses=self._caption_value("#summary-licenses"), max_licenses=None,
                terms_offered=tuple(terms), term=term,  # type: ignore[arg-type]
                primary_action_label=flat(plain(self._query("#primary-action", Button).label)),
            )  # fmt: skip
        raise AssertionError(f"no add-subscription step is shown: {kind}")

    @property
    def _chosen_action(self) -> Action:
        """Buy or Try: the level step names it; the licenses modal does not, so for a
        one-level product it is what the person pressed herself."""
        for screen in reversed(self.app.screen_stack):
            if type(screen).__name__ == "LevelScreen":
                text = flat(plain(screen.query_one("#level-product", Static).visual))
                return self._action_of(text.rpartition(" · ")[2])
        if self._pressed is None:
            raise AssertionError("the licenses step shows no action and none was chosen")
        return self._pressed

    def pick_level(self, level: str) -> SubscriptionChoice:
        async def pick() -> SubscriptionChoice:
            await self._on("LevelScreen")
            levels = self._choice().levels_offered
            wanted = [i for i, name in enumerate(levels) if name.casefold() == level.casefold()]
            if not wanted:
                raise AssertionError(f"{level} is not among the levels {levels}")
            options = self._query("#levels", OptionList)
            options.focus()
            await self.ui.drained()
            await self._press("home", *["down"] * wanted[0], "enter")
            await self._outcome("LicensesScreen")
            return self._choice()

        return self._do(f"pick the level {level}", pick)

    def set_licenses(self, licenses: str) -> SubscriptionChoice:
        async def set_them() -> SubscriptionChoice:
            await self._on("LicensesScreen")
            await self._type_into("#licenses", licenses)
            await self._settled()
            refusal = self._refusal()
            if refusal is not None:
                raise Refused(refusal)
            await self._activate("#next")
            await self._outcome("TermScreen")
            await self._primary_ready()
            return self._choice()

        return self._do(f"set {licenses!r} user licenses", set_them)

    async def _primary_ready(self) -> None:
        await self.ui.until(
            lambda: not self._query("#primary-action", Button).disabled and not self._busy(),
            "the primary action to be available",
            deadline=DEADLINE_S,
        )

    def pick_term(self, term: Term) -> SubscriptionChoice:
        async def pick() -> SubscriptionChoice:
            await self._on("TermScreen")
            await self._press("m" if term == "monthly" else "y")  # the step's keys
            await self.ui.until(
                lambda: self._query(f"#term-{term}", RadioButton).value, f"{term} to be chosen"
            )
            return self._choice()

        return self._do(f"pick {term}", pick)

    def confirm_choice(self) -> PlaceOrderPage | CartView | TrialConfirmation:
        async def confirm() -> PlaceOrderPage | CartView | TrialConfirmation:
            await self._on("TermScreen")
            await self._primary_ready()
            await self._activate("#primary-action")
            landed = await self._outcome(
                "PlaceOrderScreen", "CartScreen", "TrialConfirmationScreen"
            )
            kind = type(landed).__name__
            if kind == "PlaceOrderScreen":
                return await self._page()
            if kind == "CartScreen":
                return self._cart()
            return self._trial()

        return self._do("confirm the choice", confirm)

    def _trial(self) -> TrialConfirmation:
        return TrialConfirmation(
            product=self._caption_value("#trial-product"),
            level=self._caption_value("#trial-level"),
            licenses=int(self._caption_value("#trial-licenses")),
            trial_end=parse_date(self._caption_value("#trial-end"), self.lang),
        )

    # --- the cart and the Place Order page ----------------------------------------------------

    async def _open_cart(self) -> None:
        await self._to_dashboard()
        await self._activate("#cart")
        await self._outcome("CartScreen")

    def _cart(self) -> CartView:
        items = tuple(
            CartItem(
                product=row["product"],
                level=row["level"],
                licenses=int(row["licenses"]),
                term=self._term_of(row["term"]),
            )
            for row in self._rows("#cart-items")
        )
        return CartView(items=items, offers_place_order=self._has("#place-order"))

    def view_cart(self) -> CartView:
        async def view() -> CartView:
            await self._open_cart()
            return self._cart()

        return self._do("view the cart", view)

    async def _to_place_order(self, *, afresh: bool = False) -> None:
        """The Place Order page: the one shown, or (afresh) opened again from the cart."""
        if not afresh and type(self.screen).__name__ == "PlaceOrderScreen":
            await self._settled()
            return
        await self._open_cart()
        if not self._has("#place-order") and self._has("#cart-empty"):
            # R10.5: the cart offers no Place Order page; what it says is the refusal
            raise Refused(Refusal(code="cart_empty", message=self._text("#cart-empty")))
        await self._activate("#place-order")
        await self._outcome("PlaceOrderScreen")

    async def _page(self) -> PlaceOrderPage:
        await self.ui.until(  # its lines, or the refusal it shows instead (R0.1, R13)
            lambda: not self._busy()
            and (bool(self._rows("#order-lines")) or self._refusal() is not None),
            "the Place Order page's lines",
            deadline=DEADLINE_S,
        )
        refusal = self._refusal()
        if refusal is not None:
            raise Refused(refusal)
        total = self._caption_value("#total-due")
        vat_rate, vat_amount, reverse = self._vat()
        return PlaceOrderPage(
            today=parse_date(self._caption_value("#today"), self.lang),
            billing_day=int(self._caption_value("#billing-day")),
            lines=self._lines(),
            subtotal=self._money(self._caption_value("#subtotal")),
            vat_rate=vat_rate,
            vat_amount=vat_amount,
            reverse_charge=reverse,
            vat_country=None,  # the page names no country
            total_due=self._money(total),
            currency=self._currency_of(total),
        )

    def open_place_order(self) -> PlaceOrderPage:
        async def open_it() -> PlaceOrderPage:
            await self._to_place_order(afresh=True)
            return await self._page()

        return self._do("open the Place Order page", open_it)

    def enter_vat_number(self, vat_number: str | None) -> PlaceOrderPage:
        async def enter() -> PlaceOrderPage:
            await self._to_place_order()
            await self._type_into("#vat-number", vat_number or "")
            await self._press("enter")
            await self._settled()
            return await self._page()

        return self._do(f"enter the VAT number {vat_number!r}", enter)

    async def _edit_order(self, product: str) -> None:
        await self._to_place_order()
        await self._activate("#edit-order")
        await self._on("EditOrderScreen")
        index = self._row_index("#edit-items", "product", product)
        await self._move_cursor("#edit-items", index)
        await self._press("enter")
        await self.ui.until(
            lambda: self._text("#edit-product").casefold() == product.casefold(),
            f"{product} in the Edit Order form",
        )

    async def _back_to_page(self) -> PlaceOrderPage:
        await self._press("escape")
        await self._outcome("PlaceOrderScreen")
        return await self._page()

    def edit_item(
        self,
        product: str,
        *,
        level: str | None = None,
        licenses: str | None = None,
        term: Term | None = None,
    ) -> PlaceOrderPage:
        async def edit() -> PlaceOrderPage:
            await self._edit_order(product)
            if level is not None:
                await self._select_level(level)
            if licenses is not None:
                await self._type_into("#licenses", licenses)
            if term is not None:
                await self._click(f"#term-{term}")
            await self._activate("#apply")
            await self._settled()
            refusal = self._refusal()
            if refusal is not None:
                raise Refused(refusal)
            return await self._back_to_page()

        return self._do(f"edit {product}", edit)

    async def _select_level(self, level: str) -> None:
        from textual.widgets import Select

        select = self._query("#level", Select)
        names = [flat(plain(prompt)) for prompt, _ in select._options]  # noqa: SLF001
        wanted = [i for i, name in enumerate(names) if name.casefold() == level.casefold()]
        if not wanted:
            raise AssertionError(f"{level} is not among {names}")
        select.focus()
        await self.ui.drained()
        await self._press("enter")
        await self.ui.drained()
        await self._press("home", *["down"] * wanted[0], "enter")
        await self.ui.until(
            lambda: flat(plain(dict((v, p) for p, v in select._options).get(select.value, "")))  # noqa: SLF001
            .casefold()
            == level.casefold(),
            f"the level {level} to be selected",
        )

    def remove_item(self, product: str) -> PlaceOrderPage | CartView:
        async def remove() -> PlaceOrderPage | CartView:
            await self._edit_order(product)
            await self._activate("#remove")
            landed = await self._outcome("CartScreen", "EditOrderScreen")
            await self._settled()
            if type(landed).__name__ == "CartScreen" or type(self.screen).__name__ == "CartScreen":
                await self._on("CartScreen")
                return self._cart()
            return await self._back_to_page()

        return self._do(f"remove {product}", remove)

    # --- payment ------------------------------------------------------------------------------

    async def _fill_payment(self, payment: Payment) -> None:
        await self._to_place_order()
        saved = self._has("#use-saved-card")
        if saved:
            box = self._query("#use-saved-card", Checkbox)
            if box.value != payment.use_saved_card:
                await self._activate("#use-saved-card")
                await self.ui.until(lambda: box.value == payment.use_saved_card, "the card choice")
        card = payment.card
        if card is not None:
            values = {
                "card-name": card.holder,
                "card-number": card.number,
                "card-exp-month": f"{card.exp_month:02d}",
                "card-exp-year": str(card.exp_year),
                "card-cvc": card.cvc,
            }
            for field, value in values.items():
                await self._type_into(f"#{field}", value)

    async def _placed(self) -> Confirmation:
        await self._outcome("OrderConfirmationScreen")
        return self._confirmation()

    def pay(self, payment: Payment) -> Confirmation:
        async def pay() -> Confirmation:
            await self._fill_payment(payment)
            await self._activate("#place-order")
            return await self._placed()

        return self._do("pay", pay)

    def pay_twice(self, payment: Payment) -> tuple[Confirmation, ...]:
        async def pay_twice() -> tuple[Confirmation, ...]:
            await self._fill_payment(payment)
            self.screen.set_focus(None)
            await self._press("ctrl+s", "ctrl+s")  # Place Order's key, twice in a row
            return (await self._placed(),)

        return self._do("pay twice in a row", pay_twice)

    def _confirmation(self) -> Confirmation:
        heading = self._text("#order-number")
        number = _ORDER_NUMBER.search(heading)
        if number is None:
            raise AssertionError(f"no order number in {heading!r}")
        placed_on = parse_date(heading[number.end() :], self.lang)
        lines = self._lines()
        total = self._caption_value("#total-due")
        vat_rate, vat_amount, _ = self._vat()
        card = re.search(r"(\S+(?: \S+)*?)\s*•+\s*(\d{4})", self._caption_value("#card"))
        reminder = self._has("#manage-users")
        return Confirmation(
            order_number=number.group(0),
            placed_on=placed_on,
            lines=lines,
            subtotal=self._money(self._caption_value("#subtotal")),
            vat_rate=vat_rate,
            vat_amount=vat_amount,
            total_due=self._money(total),
            currency=self._currency_of(total),
            billing_day=int(self._caption_value("#billing-day")),
            next_billing_date=parse_date(self._caption_value("#next-billing-date"), self.lang),
            card_brand=card.group(1) if card else "",
            card_last4=card.group(2) if card else "",
            active=tuple(
                ActiveProduct(line.product, line.level, line.licenses, line.term)
                for line in lines
                if line.kind in ("new", "renewal")
            ),
            manage_users_reminder=reminder and self._has("#assign-reminder"),
            manage_users_label=flat(plain(self._query("#manage-users", Button).label))
            if reminder
            else None,
        )

    # --- step 11 and R13 ----------------------------------------------------------------------

    async def _open_users(self) -> None:
        if type(self.screen).__name__ != "UsersScreen":
            await self._to_dashboard()
            await self._activate("#manage-users")
        await self._outcome("UsersScreen")

    def _users(self) -> UserProductsView:
        contact = self.words.tr("Billing contact")
        users = tuple(
            UserLicenses(
                email=row["email"],
                name=row.get("name", ""),
                is_billing_contact=row["role"] == contact,
                products=tuple(p.strip() for p in row.get("products", "").split(",") if p.strip()),
            )
            for row in self._rows("#users")
        )
        products = []
        for row in self._rows("#product-licenses"):
            assigned, _, total = row["licenses"].partition("/")
            products.append(ProductLicenses(row["product"], int(assigned), int(total)))
        return UserProductsView(users=users, products=tuple(products))

    def manage_user_products(self) -> UserProductsView:
        async def view() -> UserProductsView:
            if type(self.screen).__name__ == "UsersScreen":  # shown already: read it anew
                await self._press("r")  # (the account's date may have moved meanwhile)
                await self._settled()
            await self._open_users()
            return self._users()

        return self._do("open Manage user products", view)

    async def _license(self, user_email: str, product: str, key: str) -> UserProductsView:
        await self._open_users()
        shown = self._refusal()  # a person who may not manage licenses sees why, not the list
        if shown is not None:
            raise Refused(shown)
        await self._move_cursor("#users", self._row_index("#users", "email", user_email))
        await self._move_cursor(
            "#product-licenses", self._row_index("#product-licenses", "product", product)
        )
        await self._press(key)
        await self._settled()
        refusal = self._refusal()
        if refusal is not None:
            raise Refused(refusal)
        return self._users()

    def assign_license(self, user_email: str, product: str) -> UserProductsView:
        return self._do(f"assign {product} to {user_email}",
                        lambda: self._license(user_email, product, "a"))  # fmt: skip

    def unassign_license(self, user_email: str, product: str) -> UserProductsView:
        return self._do(f"unassign {product} from {user_email}",
                        lambda: self._license(user_email, product, "d"))  # fmt: skip
