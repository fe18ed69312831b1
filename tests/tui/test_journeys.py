"""The article at the keyboard, in English and in French, on the embedded client: buying with
the billing-date reset (flow.md's worked example), a free trial, the cart variant with Edit
Order, and assigning the licenses (step 11)."""

from __future__ import annotations

import pytest

from backend.i18n.labels import label

pytestmark = pytest.mark.anyio

LANGS = ["en", "fr"]

# flow.md's worked example, as each language writes it
EXAMPLE = {
    "en": {"subtotal": "€5,981.73", "vat": "€1,196.35", "total": "€7,178.08",
           "rate": "20%", "new": "€5,970.00", "credit": "-€20.27", "renewal": "€32.00",
           "period": "Nov 26, 2026 – Nov 25, 2027", "next": "Dec 26, 2026",
           "trial_end": "Dec 10, 2026"},
    "fr": {"subtotal": "5 981,73 €", "vat": "1 196,35 €", "total": "7 178,08 €",
           "rate": "20 %", "new": "5 970,00 €", "credit": "-20,27 €", "renewal": "32,00 €",
           "period": "26 nov. 2026 – 25 nov. 2027", "next": "26 déc. 2026",
           "trial_end": "10 déc. 2026"},
}

HOLDING = [{"product": "gotomeeting", "level": "business", "licenses": 2, "term": "monthly"}]


@pytest.mark.parametrize("lang", LANGS)
async def test_buying_resets_the_billing_date_and_licenses_are_assigned(
        open_app, make_account, lang):
    """Steps 1 to 11 on the worked example: GoToWebinar Pro, annual, 3 licenses, paid with
    the card on file; then one license assigned to a colleague."""
    account = make_account(country="FR", locale=lang, billing_day=15, card_on_file=True,
                           subscriptions=HOLDING, extra_users=1)
    example = EXAMPLE[lang]
    async with open_app(lang) as s:
        await s.sign_in(account.billing_contact.email, account.billing_contact.password)
        assert s.text("#add-subscription") == label("add_subscription", lang)
        assert "15" in s.text("#billing-day")

        await s.choose("gotowebinar", "buy", "pro", "3")
        assert s.text("#term-monthly") == label("monthly", lang)
        assert s.text("#term-annual") == label("annual", lang)
        await s.press("y")  # Annual
        assert s.text("#primary-action") == label("place_order", lang)  # R8.2: empty cart
        await s.click("#primary-action")

        await s.on_screen("PlaceOrderScreen")
        await s.until(lambda: s.q("#order-lines").row_count == 3, "the order lines")
        table = s.q("#order-lines")
        headers = [str(column.label) for column in table.ordered_columns]
        assert label("billing_period", lang) in headers and label("rate", lang) in headers
        rows = {key: cells for key, cells in zip(s.row_keys("#order-lines"),
                                                 s.cells("#order-lines"), strict=True)}
        assert rows["new-gotowebinar"][-1] == example["new"]
        assert rows["new-gotowebinar"][5] == example["period"]
        assert rows["credit-gotomeeting"][-1] == example["credit"]
        assert rows["renewal-gotomeeting"][-1] == example["renewal"]
        assert example["subtotal"] in s.text("#subtotal")
        assert example["rate"] in s.text("#vat") and example["vat"] in s.text("#vat")
        assert s.text("#total-due").startswith(label("total_due", lang))
        assert example["total"] in s.text("#total-due")
        assert s.text("#edit-order") == label("edit_order", lang)
        assert s.text("#payment-title") == label("payment_details", lang)
        assert "4242" in str(s.q("#use-saved-card").label)
        assert s.q("#use-saved-card").value and s.q("#card-number").disabled

        await s.click("#place-order")
        await s.on_screen("OrderConfirmationScreen")
        assert s.text("#order-number").split()[1].startswith("BC-")
        assert example["total"] in s.text("#total-due")
        assert example["next"] in s.text("#next-billing-date")
        assert "26" in s.text("#billing-day")  # R10.3: the billing date is today now
        assert "GoToWebinar" in s.text("#activated")
        assert s.shown("#assign-reminder")
        assert s.text("#manage-users") == label("manage_user_products", lang)

        await s.click("#manage-users")  # step 11
        await s.on_screen("UsersScreen")
        await s.until(lambda: s.q("#users").row_count == 2, "the users")
        colleague = account.users[0].email
        users = s.q("#users")
        users.move_cursor(row=s.row_keys("#users").index(colleague))
        products = s.q("#product-licenses")
        products.move_cursor(row=s.row_keys("#product-licenses").index("gotowebinar"))
        await s.press("a")
        await s.until(lambda: "GoToWebinar" in s.cells("#users")[
            s.row_keys("#users").index(colleague)][2], "the license assigned")
        row = s.row_keys("#product-licenses").index("gotowebinar")
        assert s.cells("#product-licenses")[row][1] == "1 / 3"

        await s.press("escape")  # back to the dashboard: the billing day moved to today
        await s.on_screen("DashboardScreen")
        await s.until(lambda: "26" in s.text("#billing-day"), "the new billing day")
        assert s.row_keys("#subscriptions") == ["gotomeeting", "gotowebinar"]


@pytest.mark.parametrize("lang", LANGS)
async def test_a_free_trial_starts_at_once_and_sends_its_welcome_email(
        open_app, make_account, lang):
    """R4, R5 (one level: no level step), R7 (no term), R9.1 to R9.3."""
    account = make_account(country="FR", locale=lang, subscriptions=HOLDING)
    async with open_app(lang) as s:
        await s.sign_in(account.billing_contact.email, account.billing_contact.password)
        await s.choose("logmein-pro", "try", None, "2")  # one level: the modal comes next
        assert not s.app.screen.query("#term")  # R7: a trial has no term
        assert s.text("#primary-action") == label("start_trial", lang)
        await s.press("ctrl+s")
        await s.on_screen("TrialConfirmationScreen")
        assert "LogMeIn Pro" in s.text("#trial-product")
        assert s.text("#trial-level").endswith("Pro")
        assert s.text("#trial-licenses").endswith("2")
        assert s.text("#trial-end").endswith(EXAMPLE[lang]["trial_end"])  # today + 14 days

        await s.press("escape")
        await s.on_screen("DashboardScreen")
        await s.until(lambda: "logmein-pro" in s.row_keys("#subscriptions"), "the trial")
        await s.press("m")
        await s.on_screen("MessagesScreen")
        await s.until(lambda: s.q("#message-list").option_count == 1, "the welcome email")
        assert "LogMeIn Pro" in s.text("#message-body")
        assert EXAMPLE[lang]["trial_end"] in s.text("#message-body").replace("\u202f", " ")


@pytest.mark.parametrize("lang", LANGS)
async def test_with_items_in_the_cart_the_button_adds_to_the_cart_then_edit_order(
        open_app, make_account, lang):
    """R8.3: Add to Cart shows the cart and its Place Order; R10.5: Edit Order changes an
    item and removes another, the page recomputed; paid with a new card (R11.1)."""
    account = make_account(country="FR", locale=lang, cart=[
        {"product": "gototraining", "level": "starter", "licenses": 1, "term": "monthly"}])
    async with open_app(lang) as s:
        await s.sign_in(account.billing_contact.email, account.billing_contact.password)
        assert s.text("#cart-count").endswith("1")
        await s.choose("gotoconnect", "buy", "basic", "4")
        assert s.text("#primary-action") == label("add_to_cart", lang)
        await s.press("ctrl+s")
        await s.on_screen("CartScreen")
        await s.until(lambda: s.q("#cart-items").row_count == 2, "both items")
        assert s.row_keys("#cart-items") == ["gototraining", "gotoconnect"]
        assert s.text("#place-order") == label("place_order", lang)
        await s.press("p")

        await s.on_screen("PlaceOrderScreen")
        await s.until(lambda: s.q("#order-lines").row_count == 2, "the two lines")
        await s.press("ctrl+e")
        await s.on_screen("EditOrderScreen")
        await s.until(lambda: s.q("#edit-items").row_count == 2, "the items")
        # the first item (GoToTraining) is in the form: remove it
        await s.click("#remove")
        await s.until(lambda: s.row_keys("#edit-items") == ["gotoconnect"], "one item left")
        await s.type_into("#licenses", "6")
        await s.click("#term-annual")
        await s.click("#apply")
        await s.until(lambda: s.cells("#edit-items")[0][2] == "6", "the licenses changed")
        await s.press("escape")

        await s.on_screen("PlaceOrderScreen")
        await s.until(lambda: s.row_keys("#order-lines") == ["new-gotoconnect"],
                      "the page recomputed")
        line = s.cells("#order-lines")[0]
        assert line[3] == "6" and line[4] == label("annual", lang)
        assert not s.shown("#use-saved-card")  # no card on file: the card fields are open
        await s.type_into("#card-name", "Camille Martin")
        await s.type_into("#card-number", "4242 4242 4242 4242")
        await s.type_into("#card-exp-month", "12")
        await s.type_into("#card-exp-year", "2030")
        await s.type_into("#card-cvc", "123")
        await s.press("ctrl+s")
        await s.on_screen("OrderConfirmationScreen")
        assert "4242" in s.text("#card")
        await s.press("escape")
        await s.on_screen("DashboardScreen")
        await s.until(lambda: s.text("#cart-count").endswith("0"), "the cart emptied")
