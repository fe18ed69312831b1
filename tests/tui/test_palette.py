"""The command palette (Ctrl+P): the Billing Center's entries in the app's language, and the
language switch that redraws the screens."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.anyio


async def test_the_palette_opens_the_cart_and_switches_the_language(open_app, make_account):
    account = make_account(locale="fr", country="FR")
    async with open_app("fr") as s:
        await s.sign_in(account.billing_contact.email, account.billing_contact.password)
        assert s.text("#add-subscription") == "Ajouter un nouvel abonnement"
        await s.press("ctrl+p")
        await s.pilot.press(*"Panier")
        await s.until(lambda: s.app.screen.query("CommandList").first().option_count,
                      "the palette's hits")
        await s.press("enter")
        await s.on_screen("CartScreen")
        assert s.text("#cart-title") == "Panier"

        await s.press("ctrl+p")
        await s.pilot.press(*"English")
        await s.until(lambda: s.app.screen.query("CommandList").first().option_count,
                      "the palette's hits")
        await s.press("enter")
        await s.until(lambda: s.text("#cart-title") == "Cart", "the cart in English")
        await s.press("escape")
        await s.on_screen("DashboardScreen")
        assert s.text("#add-subscription") == "Add a new subscription"  # redrawn below too


async def test_a_person_who_may_not_add_finds_no_add_entry(open_app, make_account):
    account = make_account(locale="en", kind="enterprise")
    async with open_app("en") as s:
        await s.sign_in(account.billing_contact.email, account.billing_contact.password)
        await s.press("ctrl+p")
        await s.pilot.press(*"Add a new")
        await s.settle()
        hits = s.app.screen.query("CommandList").first()
        prompts = [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
        assert not any("Add a new subscription" in p for p in prompts), prompts
