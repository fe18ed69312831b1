"""Refusals at their field, in the person's language, never a traceback: sign-in (R1), the
licenses modal (R6), the card and the VAT number (R11), who may add (R0.1, R0.2); and
going back with Escape keeps what was typed."""

from __future__ import annotations

import pytest

from backend.i18n import translate
from backend.i18n.labels import label

pytestmark = pytest.mark.anyio

LANGS = ["en", "fr"]
HOLDING = [{"product": "gotomeeting", "level": "business", "licenses": 2, "term": "monthly"}]


@pytest.mark.parametrize("lang", LANGS)
async def test_a_wrong_password_gets_one_generic_message(open_app, make_account, lang):
    account = make_account(locale=lang)
    async with open_app(lang) as s:
        await s.on_screen("SignInScreen")
        assert s.text("#sign-in") == label("sign_in", lang)
        await s.until(lambda: s.app.client is not None, "the backend")
        await s.type_into("#email", account.billing_contact.email)
        await s.type_into("#password", "not-the-password")
        await s.press("enter")
        await s.until(lambda: s.text("#form-error"), "the refusal")
        assert s.text("#form-error") == translate("The email or password is incorrect.", lang)
        assert type(s.app.screen).__name__ == "SignInScreen"


@pytest.mark.parametrize("lang", LANGS)
async def test_licenses_out_of_range_are_refused_at_the_field_and_escape_keeps_them(
        open_app, make_account, lang):
    account = make_account(locale=lang)
    async with open_app(lang) as s:
        await s.sign_in(account.billing_contact.email, account.billing_contact.password)
        await s.press("a")
        await s.on_screen("ProductsScreen")
        await s.click("#buy-logmein-pro")  # one level, at most 10 licenses
        await s.on_screen("LicensesScreen")
        assert s.text("#next") == label("next", lang)
        assert "10" in s.text("#licenses-range")
        expected = translate("Enter a whole number of user licenses from 1 to {max}.", lang,
                             max=10)
        for typed in ("0", "-1", "1.5", "ten", "11", ""):
            await s.type_into("#licenses", typed)
            assert s.text("#licenses-error") == expected, typed
            assert s.q("#next").disabled, typed
            await s.press("enter")  # Enter does not go on either
            assert type(s.app.screen).__name__ == "LicensesScreen"
        await s.type_into("#licenses", "7")
        assert s.text("#licenses-error") == "" and not s.q("#next").disabled
        await s.click("#next")
        await s.on_screen("TermScreen")
        assert s.text("#summary-licenses").endswith("7")
        await s.press("escape")
        await s.on_screen("LicensesScreen")
        assert s.q("#licenses").value == "7"  # nothing is lost by going back
        await s.press("escape")
        await s.on_screen("ProductsScreen")
        await s.click("#buy-logmein-pro")
        await s.on_screen("LicensesScreen")
        assert s.q("#licenses").value == "1"  # a new choice starts afresh


@pytest.mark.parametrize("lang", LANGS)
async def test_card_vat_and_declines_are_refused_where_they_belong(open_app, make_account,
                                                                     lang):
    account = make_account(country="FR", locale=lang, subscriptions=HOLDING)
    async with open_app(lang) as s:
        await s.sign_in(account.billing_contact.email, account.billing_contact.password)
        await s.choose("logmein-rescue", "buy", None, "1")
        await s.click("#primary-action")
        await s.on_screen("PlaceOrderScreen")
        await s.until(lambda: s.q("#order-lines").row_count, "the page")

        # a German VAT number for a French account: refused at the field (R11.2)
        await s.type_into("#vat-number", "DE136695976")
        await s.press("enter")
        await s.until(lambda: s.text("#vat-number-error"), "the VAT refusal")
        assert "France" in s.text("#vat-number-error") or "France" in s.text(
            "#vat-number-error").replace("\u202f", " ")
        await s.type_into("#vat-number", "")
        await s.press("enter")

        # a card number that fails Luhn: refused at the card number (R11.1)
        await s.type_into("#card-name", "Camille Martin")
        await s.type_into("#card-number", "4242 4242 4242 4241")
        await s.type_into("#card-exp-month", "12")
        await s.type_into("#card-exp-year", "2030")
        await s.type_into("#card-cvc", "123")
        await s.click("#place-order")
        await s.until(lambda: s.text("#card-number-error"), "the card refusal")
        assert s.text("#card-number-error") == translate(
            "This card number is not valid: check the digits.", lang)
        first_key = s.app.screen.submission_key

        # a declined card: said at the page, nothing placed (R11.5)
        await s.type_into("#card-number", "4000 0000 0000 0002")
        await s.click("#place-order")
        await s.until(lambda: s.text("#order-error"), "the decline")
        assert s.text("#order-error") == translate(
            "The card was declined. No order was placed; try another card.", lang)
        assert s.text("#card-number-error") == ""
        assert s.app.screen.submission_key != first_key  # a refused submission is over
        assert type(s.app.screen).__name__ == "PlaceOrderScreen"
        assert s.text("#place-order") == label("place_order", lang)


async def test_a_user_who_is_not_a_billing_contact_is_offered_no_add_action(
        open_app, make_account):
    account = make_account(locale="en", extra_users=1)
    colleague = account.users[0]
    async with open_app("en") as s:
        await s.sign_in(colleague.email, colleague.password)
        assert not s.shown("#add-subscription")
        assert s.text("#cannot-add") == translate(
            "Only a billing contact of this account can add subscriptions or trials.", "en")
        await s.press("a")  # the direct attempt: the Billing Center refuses it (R0.1)
        await s.until(lambda: s.text("#dashboard-error"), "the refusal")
        assert type(s.app.screen).__name__ == "DashboardScreen"


@pytest.mark.parametrize("lang", LANGS)
async def test_an_enterprise_account_is_sent_to_the_corporate_billing_portal(
        open_app, make_account, lang):
    account = make_account(locale=lang, kind="enterprise")
    async with open_app(lang) as s:
        await s.sign_in(account.billing_contact.email, account.billing_contact.password)
        assert not s.shown("#add-subscription")
        assert "https://link.logmeininc.com/corp-billing" in s.text("#portal-link")
        assert label("corporate_portal", lang) in s.text("#cannot-add")


async def test_the_language_switch_redraws_the_place_order_page(open_app, make_account):
    account = make_account(country="FR", locale="en", subscriptions=HOLDING,
                           card_on_file=True)
    async with open_app("en") as s:
        await s.sign_in(account.billing_contact.email, account.billing_contact.password)
        await s.choose("logmein-pro", "buy", None, "1")
        await s.click("#primary-action")
        await s.on_screen("PlaceOrderScreen")
        await s.until(lambda: s.q("#order-lines").row_count, "the page")
        assert s.text("#place-order") == "Place Order"
        assert "€" in s.text("#total-due") and s.text("#total-due").startswith("Total due")
        await s.press("f2")
        assert s.text("#place-order") == "Passer la commande"
        assert s.text("#edit-order") == "Modifier la commande"
        assert s.text("#total-due").startswith("Total dû : ")
        assert s.text("#total-due").endswith(" €")
        headers = [str(c.label) for c in s.q("#order-lines").ordered_columns]
        assert "Période de facturation" in headers and "Tarif d'abonnement" in headers
        await s.press("escape")  # the screens below were redrawn too
        await s.on_screen("TermScreen")
        assert s.text("#term-monthly") == "Mensuel"


async def test_a_session_that_ended_elsewhere_leads_back_to_the_sign_in(open_app,
                                                                          make_account):
    """R1: signing out ends the session everywhere; the app then asks to sign in again."""
    account = make_account(locale="fr")
    async with open_app("fr") as s:
        await s.sign_in(account.billing_contact.email, account.billing_contact.password)
        s.app.client.sign_out()  # the same session, ended from elsewhere
        await s.press("c")
        await s.on_screen("SignInScreen")
        await s.until(lambda: s.text("#form-error"), "why")
        assert s.text("#form-error") == translate("Please sign in first.", "fr")
        assert s.q("#email").value == account.billing_contact.email  # kept for signing in


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_try_on_a_product_without_a_free_trial_is_refused_at_once(open_app, make_account,
                                                                       lang):
    """GoTo Connect has no trial: `t` on it says so on the product list, in the Billing
    Center's words, instead of asking for a level and licenses first."""
    account = make_account(locale=lang)
    async with open_app(lang) as s:
        await s.sign_in(account.billing_contact.email, account.billing_contact.password)
        await s.press("a")
        await s.on_screen("ProductsScreen")
        s.q("#buy-gotoconnect").focus()
        await s.settle()
        await s.press("t")
        assert type(s.app.screen).__name__ == "ProductsScreen"
        assert s.text("#products-error") == translate(
            "A free trial of {product} is not available for this account.", lang,
            product="GoTo Connect")
        assert s.q("#products-error").has_class("refusal-trial_not_allowed")
