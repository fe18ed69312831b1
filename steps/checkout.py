"""Step 9: the Place Order page, its lines and totals, and Edit Order (R8.5, R10.1 to
R10.5, R11.3); the VAT number entered on it (R11.2)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from pytest_bdd import parsers, then, when

from steps.common import PRONOUN, day, money, same, term
from steps.context import Scene
from steps.driver import CartView, OrderLine, PlaceOrderPage, Term


def _page(scene: Scene) -> PlaceOrderPage:
    assert isinstance(scene.page, PlaceOrderPage), f"no Place Order page shown: {scene.screen!r}"
    return scene.page


def _describe(lines: tuple[OrderLine, ...]) -> str:
    return "\n".join(
        f"  {ln.kind} {ln.product} {ln.level} x{ln.licenses} {ln.term} "
        f"{ln.period_start}..{ln.period_end} rate {ln.rate} amount {ln.amount}"
        for ln in lines
    )


def _line(scene: Scene, offer: str, kind: str) -> OrderLine:
    product, level = scene.split(offer)
    page = _page(scene)
    found = [ln for ln in page.lines_of(product, kind) if level is None or same(ln.level, level)]
    assert len(found) == 1, f"one {kind} line of {offer} expected:\n{_describe(page.lines)}"
    return found[0]


@then("the Place Order page shows these lines:")
def page_shows_lines(scene: Scene, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    columns = [h.strip().casefold() for h in header]
    page = _page(scene)
    assert len(page.lines) == len(rows), f"{len(rows)} lines expected:\n{_describe(page.lines)}"
    for row in rows:
        cell = dict(zip(columns, (c.strip() for c in row), strict=True))
        line = _line(scene, cell["product"], cell["kind"])
        checks: list[tuple[str, object, object]] = [
            ("licenses", line.licenses, int(cell["licenses"]) if cell.get("licenses") else None),
            ("term", line.term, term(cell["term"]) if cell.get("term") else None),
            ("from", line.period_start, day(cell["from"]) if cell.get("from") else None),
            ("to", line.period_end, day(cell["to"]) if cell.get("to") else None),
            ("rate", line.rate, money(cell["rate"]) if cell.get("rate") else None),
            ("amount", line.amount, money(cell["amount"]) if cell.get("amount") else None),
        ]
        for name, shown, expected in checks:
            assert expected is None or shown == expected, (
                f"{cell['kind']} {cell['product']}: {name} is {shown}, expected {expected}\n"
                + _describe(page.lines)
            )


@then(
    parsers.re(
        r'the Place Order page shows "(?P<offer>[^"]+)" with (?P<licenses>\d+) user licenses?'
    )
)
def page_shows_item(scene: Scene, offer: str, licenses: str) -> None:
    line = _line(scene, offer, "new")
    assert line.licenses == int(licenses), _describe(_page(scene).lines)
    assert line.amount == line.rate * line.licenses, line
    assert line.period_start == _page(scene).today, line


@then(
    parsers.re(
        r'the Place Order page has a new line for "(?P<first>[^"]+)" '
        r'and one for "(?P<second>[^"]+)"'
    )
)
def page_has_lines_for(scene: Scene, first: str, second: str) -> None:
    for offer in (first, second):
        _line(scene, offer, "new")
    assert len(_page(scene).lines) == 2, _describe(_page(scene).lines)


@then(parsers.re(r"the subtotal is (?P<amount>-?[\d.,]+)"))
def subtotal_is(scene: Scene, amount: str) -> None:
    page = _page(scene)
    assert page.subtotal == money(amount), f"subtotal {page.subtotal}\n{_describe(page.lines)}"
    assert page.subtotal == sum((ln.amount for ln in page.lines), Decimal("0")), page


@then(parsers.re(r"VAT is (?P<rate>[\d.]+)% or (?P<amount>[\d.,]+)"))
def vat_is(scene: Scene, rate: str, amount: str) -> None:
    page = _page(scene)
    assert page.vat_rate == Decimal(rate), f"VAT rate {page.vat_rate}%, expected {rate}%"
    assert page.vat_amount == money(amount), f"VAT {page.vat_amount}, expected {amount}"


@then(parsers.re(r"reverse charge is (?P<answer>yes|no)"))
def reverse_charge_is(scene: Scene, answer: str) -> None:
    page = _page(scene)
    assert page.reverse_charge is (answer == "yes"), page
    if page.reverse_charge:
        assert page.vat_amount == 0 and page.vat_rate == 0, page


@then(parsers.re(r"the total due is (?P<amount>[\d.,]+) (?P<currency>[A-Z]{3})"))
def total_due_is(scene: Scene, amount: str, currency: str) -> None:
    page = _page(scene)
    assert page.total_due == money(amount), f"total due {page.total_due}, expected {amount}"
    assert page.total_due == page.subtotal + page.vat_amount, page
    assert page.currency == currency, page


@then(
    parsers.re(
        r"the billing period runs from (?P<start>\d{4}-\d{2}-\d{2}) to (?P<end>\d{4}-\d{2}-\d{2})"
    )
)
def billing_period_runs(scene: Scene, start: str, end: str) -> None:
    page = _page(scene)
    assert page.today == day(start), page
    assert page.billing_period == (day(start), day(end)), _describe(page.lines)


@then(
    parsers.re(
        r'the rate of "(?P<offer>[^"]+)" is the catalog\'s (?P<term_word>monthly|annual) price, '
        r"(?P<amount>[\d.,]+)"
    )
)
def rate_is_catalog_price(scene: Scene, offer: str, term_word: str, amount: str) -> None:
    product, level = scene.split(offer)
    catalog = scene.backoffice.catalog(scene.ensure_account())
    listed = next(p for p in catalog if same(p.name, product))
    catalog_level = listed.level(level) if level else listed.levels[0]
    price = catalog_level.monthly if term(term_word) == "monthly" else catalog_level.annual
    line = _line(scene, offer, "new")
    assert price == money(amount), f"the catalog lists {price} for {offer} {term_word}"
    assert line.rate == price, f"page rate {line.rate}, catalog {price}"
    assert line.term == term(term_word), line
    assert line.amount == price * line.licenses, line


def _credit_or_renewal(
    scene: Scene, kind: str, offer: str, amount: str, start: str, end: str
) -> None:
    line = _line(scene, offer, kind)
    page = _page(scene)
    assert line.amount == money(amount), (
        f"{kind} of {offer}: {line.amount}\n{_describe(page.lines)}"
    )
    assert (line.period_start, line.period_end) == (day(start), day(end)), _describe(page.lines)


@then(
    parsers.re(
        r'the (?P<kind>credit|renewal) (?:for|of) "(?P<offer>[^"]+)" is (?P<amount>-?[\d.,]+) for '
        r"(?P<start>\d{4}-\d{2}-\d{2}) to (?P<end>\d{4}-\d{2}-\d{2})"
    )
)
def credit_or_renewal(
    scene: Scene, kind: str, offer: str, amount: str, start: str, end: str
) -> None:
    _credit_or_renewal(scene, kind, offer, amount, start, end)


# --- Edit Order (R10.5) ------------------------------------------------------------------


@when(
    parsers.re(
        rf'{PRONOUN} (?P<attempt>tries to )?changes? "(?P<product>[^"]+)" to '
        r"(?P<licenses>\S+) user licenses? in Edit Order"
    )
)
def edit_licenses(scene: Scene, attempt: str | None, product: str, licenses: str) -> None:
    def edit() -> None:
        scene.show(scene.driver.edit_item(product, licenses=licenses))

    scene.act(edit, attempted=attempt)


@when(
    parsers.re(
        rf'{PRONOUN} changes "(?P<product>[^"]+)" to (?P<term_word>monthly|annual) in Edit Order'
    )
)
def edit_term(scene: Scene, product: str, term_word: str) -> None:
    scene.show(scene.driver.edit_item(product, term=term(term_word)))  # type: ignore[arg-type]


@when(
    parsers.re(
        rf'{PRONOUN} (?P<attempt>tries to )?changes? "(?P<product>[^"]+)" to the '
        r'"(?P<level>[^"]+)" level in Edit Order'
    )
)
def edit_level(scene: Scene, attempt: str | None, product: str, level: str) -> None:
    def edit() -> None:
        scene.show(scene.driver.edit_item(product, level=level))

    scene.act(edit, attempted=attempt)


@when(parsers.re(rf'{PRONOUN} (?P<attempt>tries to )?removes? "(?P<product>[^"]+)" in Edit Order'))
def remove_item(scene: Scene, attempt: str | None, product: str) -> None:
    def remove() -> None:
        shown = scene.driver.remove_item(product)
        scene.show(shown)
        if isinstance(shown, CartView):
            scene.page = None

    scene.act(remove, attempted=attempt)


@then(parsers.re(rf"{PRONOUN} cannot open the Place Order page because (?:her|his) cart is empty"))
def no_page_for_empty_cart(scene: Scene) -> None:
    scene.attempt(scene.driver.open_place_order)
    assert scene.refused().code == "cart_empty", scene.refusal


# --- VAT number (R11.2) ------------------------------------------------------------------


@when(parsers.re(rf'{PRONOUN} enters the VAT number "(?P<vat_number>[^"]*)"'))
def enters_vat_number(scene: Scene, vat_number: str) -> None:
    number = None if vat_number.strip().casefold() in ("", "none") else vat_number
    scene.show(scene.driver.enter_vat_number(number))


def _compact(vat_number: str | None) -> str:
    return "".join(ch for ch in (vat_number or "") if ch.isalnum()).upper()


@then(parsers.re(r'(?:her|his) account\'s VAT number is "(?P<vat_number>[^"]+)"'))
def account_vat_number(scene: Scene, vat_number: str) -> None:
    saved = _compact(scene.driver.view_account().vat_number)
    wanted = _compact(vat_number)
    assert saved in (wanted, wanted[2:]), f"saved VAT number {saved!r}, expected {wanted!r}"


@then(parsers.re(r"(?:her|his) account has no VAT number"))
def account_has_no_vat_number(scene: Scene) -> None:
    assert not scene.driver.view_account().vat_number


@then(
    parsers.re(
        r"with (?:her|his) VAT number the VAT is reverse charged, or still (?P<rate>[\d.]+)% "
        r"or (?P<amount>[\d.,]+) in the seller's country"
    )
)
def reverse_charged_unless_in_seller_country(scene: Scene, rate: str, amount: str) -> None:
    """R11.3: a valid VAT number of the customer's own country is reverse charged, unless
    that country is the seller's, which is the deployment's configured one (read from it)."""
    page = _page(scene)
    seller = scene.backoffice.configuration().seller_country
    if scene.spec.country == seller:
        assert not page.reverse_charge, f"reverse charged in the seller's country {seller}: {page}"
        assert page.vat_rate == Decimal(rate), f"VAT rate {page.vat_rate}%, expected {rate}%"
        assert page.vat_amount == money(amount), f"VAT {page.vat_amount}, expected {amount}"
    else:
        assert page.reverse_charge, f"not reverse charged (the seller is in {seller}): {page}"
        assert (page.vat_rate, page.vat_amount) == (0, 0), page
    assert page.total_due == page.subtotal + page.vat_amount, page


# --- the whole catalog (R8.5, R10.1) -----------------------------------------------------


@when(
    parsers.re(
        rf"{PRONOUN} puts each level of each product on the Place Order page in turn, "
        r"monthly and annual, with (?P<licenses>\d+) user licenses"
    )
)
def sweep_the_catalog(scene: Scene, licenses: str) -> None:
    """Buys each product in turn and goes through its levels and terms in Edit Order,
    keeping every Place Order page seen; the cart is emptied again after each product."""
    driver = scene.driver
    terms: tuple[Term, ...] = ("monthly", "annual")
    for product, levels in scene.backoffice.catalog_names():
        driver.open_add_subscription()
        choice = driver.choose(product, "buy")
        if choice.levels_offered:
            driver.pick_level(levels[0])
        driver.set_licenses(licenses)
        driver.pick_term(terms[0])
        shown = scene.show(driver.confirm_choice())
        assert isinstance(shown, PlaceOrderPage), f"{product}: no Place Order page: {shown!r}"
        scene.pages.append(shown)
        for level in levels:
            for term_word in terms:
                if (level, term_word) == (levels[0], terms[0]):
                    continue
                page = driver.edit_item(
                    product, level=level if len(levels) > 1 else None, term=term_word
                )
                scene.pages.append(scene.show(page))  # type: ignore[arg-type]
        emptied = scene.show(driver.remove_item(product))
        assert isinstance(emptied, CartView) and not emptied.items, emptied


def _swept_lines(scene: Scene) -> list[tuple[OrderLine, str]]:
    """The one new line of each page the sweep saw, with the page's currency; each of the
    catalog's product x level x term exactly once."""
    assert scene.pages, "no Place Order page was seen"
    seen: list[tuple[OrderLine, str]] = []
    for page in scene.pages:
        assert len(page.lines) == 1, f"one line expected:\n{_describe(page.lines)}"
        seen.append((page.lines[0], page.currency))
    swept = sorted((ln.product.casefold(), ln.level.casefold(), str(ln.term)) for ln, _ in seen)
    catalog = sorted(
        (product.casefold(), level.casefold(), term_word)
        for product, levels in scene.backoffice.catalog_names()
        for level in levels
        for term_word in ("monthly", "annual")
    )
    assert swept == catalog, f"the sweep saw {swept}, the catalog has {catalog}"
    return seen


@then(
    parsers.re(
        r"every line's rate is its level's monthly price in euros times (?P<factor>[\d.]+), "
        r"times 10 when annual, rounded half-up to the cent"
    )
)
def rates_follow_the_catalog_rule(scene: Scene, factor: str) -> None:
    base = {
        (product.casefold(), level.casefold()): price
        for (product, level), price in scene.backoffice.euro_monthly_prices().items()
    }
    wrong = []
    for line, _ in _swept_lines(scene):
        times = Decimal(factor) * (10 if line.term == "annual" else 1)
        wanted = (base[(line.product.casefold(), line.level.casefold())] * times).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        if line.rate != wanted:
            wrong.append(f"  {line.product} {line.level} {line.term}: {line.rate}, rule {wanted}")
    assert not wrong, "rates off the catalog's rule:\n" + "\n".join(wrong)


@then(
    parsers.re(
        r"every line's amount is its rate times (?P<licenses>\d+), in (?P<currency>[A-Z]{3})"
    )
)
def amounts_are_rate_times_licenses(scene: Scene, licenses: str, currency: str) -> None:
    wrong = [
        f"  {ln.product} {ln.level} {ln.term}: x{ln.licenses} {ln.rate} = {ln.amount} {shown}"
        for ln, shown in _swept_lines(scene)
        if (ln.licenses, ln.amount, shown) != (int(licenses), ln.rate * int(licenses), currency)
    ]
    assert not wrong, f"amounts that are not rate x {licenses} in {currency}:\n" + "\n".join(wrong)

