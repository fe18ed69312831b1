"""The account home and steps 2 to 8 of the article on the web: who may add (R0), what is
offered (R2, R4), the level (R5), the licenses dialog (R6), the term (R7), the primary
button (R8, R9), and the trial confirmation (R9.2)."""

from __future__ import annotations

import pytest

from backend.i18n import label

HELD = [{"product": "gotomeeting", "level": "business", "licenses": 2, "term": "monthly"}]
IN_CART = [{"product": "logmein-pro", "licenses": 1, "term": "monthly"}]


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


def test_account_home(signed_in):
    browser, _ = signed_in(country="FR", billing_day=15, subscriptions=HELD, cart=IN_CART,
                           card_on_file=True)
    page = browser.get("/account")
    assert page.status == 200
    assert "Add a new subscription" in page.buttons()
    row = page.texts("main table tbody tr")[0]
    assert row.startswith("GoToMeeting Business Active 0 / 2 Monthly")
    assert "Nov 15, 2026 – Dec 14, 2026" in row and row.endswith("Dec 15, 2026")
    headers = page.texts("main table thead th")
    assert "User licenses (assigned / total)" in headers and "Subscription level" in headers
    assert page.text("#cart-count") == "1 item in the cart"
    facts = page.text("main dl")
    assert "Billing day 15" in facts and "Next billing date Dec 15, 2026" in facts


def test_account_home_in_french(signed_in):
    browser, _ = signed_in(lang="fr", country="FR", billing_day=15, subscriptions=HELD,
                           cart=IN_CART)
    page = browser.get("/account")
    assert label("add_subscription", "fr") in page.buttons()
    row = page.texts("main table tbody tr")[0]
    assert "Actif" in row and "Mensuel" in row and "15 nov. 2026 – 14 déc. 2026" in row
    assert page.text("#cart-count") == "1 article dans le panier"
    assert "Pays France" in page.text("main dl")


def test_enterprise_accounts_are_sent_to_the_corporate_portal(signed_in):
    """R0.2: no add action, a link to the portal; a direct attempt is refused."""
    browser, _ = signed_in(kind="enterprise")
    page = browser.get("/account")
    assert "Add a new subscription" not in page.buttons()
    link = page.soup.select_one("#why-no-add a")
    assert link.get_text() == "Corporate Billing Portal"
    assert link["href"] == "https://link.logmeininc.com/corp-billing"
    for path in ("/products", "/products/gotowebinar/buy"):
        refused = browser.get(path)
        assert refused.status == 403
        assert refused.soup.select_one("#page-alert")["data-code"] == "enterprise_account"
        assert refused.soup.select_one("#page-alert a")["href"] == link["href"]


def test_other_users_are_not_offered_to_add(new_browser, make_account):
    """R0.1: a user who is not the billing contact sees why, and is refused at the URL."""
    account = make_account(extra_users=1)
    browser = new_browser("en")
    browser.sign_in(account.users[0].email, account.users[0].password)
    page = browser.get("/account")
    assert "Add a new subscription" not in page.buttons()
    assert page.text("#why-no-add") == ("Only a billing contact of this account can add "
                                        "subscriptions or trials.")
    refused = browser.get("/products/gotowebinar/try")
    assert refused.status == 403
    assert refused.soup.select_one("#page-alert")["data-code"] == "not_billing_contact"
    post = browser.post("/products/gotowebinar/buy", {"level": "pro", "licenses": "1",
                                                      "term": "monthly"})
    assert post.status == 403


def test_the_product_list_offers_buy_and_try(signed_in):
    """R2: a product held active is not listed; R4: Try only if never had."""
    browser, _ = signed_in(subscriptions=HELD, trials_used=["gototraining"])
    page = browser.get("/products")
    assert page.h1 == "Add a new subscription"
    rows = {row.select_one("th").get_text(): [b.get_text() for b in row.select("button")]
            for row in page.soup.select("main tbody tr")}
    assert "GoToMeeting" not in rows
    assert rows["GoToWebinar"] == ["Buy", "Try"]
    assert rows["GoToTraining"] == ["Buy"]
    assert rows["GoTo Connect"] == ["Buy"]  # no trial
    buy = page.soup.select_one('form[action="/products/gotowebinar/buy"] button')
    assert buy["aria-describedby"] == "product-gotowebinar"


def test_a_product_with_several_levels_asks_for_the_level_first(signed_in):
    browser, _ = signed_in()
    page = browser.get("/products/gotowebinar/buy")
    assert page.h1 == "Buy GoToWebinar"
    assert page.text("main fieldset legend") == "Subscription level"
    radios = [page.text(f'label[for="{r["id"]}"]') for r in page.soup.select("input[type=radio]")]
    assert radios == ["Lite", "Standard", "Pro", "Enterprise"]
    assert not page.soup.select("dialog")
    chosen = browser.get("/products/gotowebinar/buy?level=pro")
    dialog = chosen.soup.select_one("dialog")
    assert dialog is not None and dialog.has_attr("open")
    field = dialog.select_one("input#licenses")
    assert field["type"] == "number" and field["max"] == "100" and field["value"] == "1"
    assert dialog.select_one('label[for="licenses"]').get_text() == "User licenses"
    assert chosen.text("#licenses-hint") == "From 1 to 100"
    assert "licenses-hint" in field["aria-describedby"]
    assert "licenses-error" in field["aria-describedby"]
    assert dialog.select_one("button").get_text() == "Next"


def test_one_level_is_chosen_silently(signed_in):
    """R5: straight to the licenses dialog."""
    browser, _ = signed_in()
    page = browser.get("/products/logmein-pro/buy")
    assert page.soup.select_one("dialog input#licenses")["max"] == "10"
    assert not page.soup.select('input[name="level"][type=radio]')


@pytest.mark.parametrize("typed", ["0", "-1", "1.5", "ten", "101", ""])
def test_the_licenses_dialog_refuses_a_value_out_of_range_at_the_field(signed_in, typed):
    """R6: refused at the field, naming the range; the dialog stays, the value kept."""
    browser, _ = signed_in()
    page = browser.get(f"/products/gotowebinar/buy?level=pro&licenses={typed}")
    assert page.status == 422
    assert page.field_error("licenses") == ("Enter a whole number of user licenses from 1 "
                                            "to 100.")
    field = page.soup.select_one("dialog input#licenses")
    assert field["aria-invalid"] == "true" and field["value"] == typed
    assert not page.soup.select('form[method="post"] button.primary')  # no way on


def test_the_licenses_refusal_in_french(signed_in):
    browser, _ = signed_in(lang="fr")
    page = browser.get("/products/logmein-pro/buy?licenses=11")
    assert page.field_error("licenses") == ("Saisissez un nombre entier de licences "
                                            "utilisateur compris entre 1 et 10.")
    assert page.soup.select_one("dialog button").get_text() == "Suivant"
    assert page.text("#licenses-hint") == "De 1 à 10"


def test_buying_asks_monthly_or_annual_and_the_button_follows_the_cart(signed_in):
    """R7, R8.2, R8.3."""
    browser, _ = signed_in()
    page = browser.get("/products/gotowebinar/buy?level=pro&licenses=3")
    assert page.status == 200 and not page.soup.select("dialog")
    terms = [page.text(f'label[for="{r["id"]}"]') for r in page.soup.select("input[name=term]")]
    assert terms == ["Monthly", "Annual"]
    assert page.text("#term-annual-info") == "$1,990.00 per license per year"
    assert "Place Order" in page.buttons()
    placed = browser.post("/products/gotowebinar/buy",
                          {"level": "pro", "licenses": "3", "term": "annual"})
    assert placed.url.endswith("/place-order") and placed.h1 == "Place Order"
    second = browser.get("/products/logmein-pro/buy?licenses=2")
    assert "Add to Cart" in second.buttons() and "Place Order" not in second.buttons()
    cart = browser.post("/products/logmein-pro/buy", {"licenses": "2", "term": "monthly"})
    assert cart.url.endswith("/cart") and cart.h1 == "Cart"
    assert [r.select_one("th").get_text() for r in cart.soup.select("main tbody tr")] == [
        "GoToWebinar", "LogMeIn Pro"]
    assert "Place Order" in cart.buttons()


def test_buying_without_a_term_is_refused_at_the_term(signed_in):
    browser, _ = signed_in()
    browser.get("/products/gotowebinar/buy?level=pro&licenses=3")
    page = browser.post("/products/gotowebinar/buy", {"level": "pro", "licenses": "3"})
    assert page.status == 422
    assert page.field_error("term") == "Choose Monthly or Annual."
    assert page.soup.select_one("#term-error")["data-field"] == "term"
    assert browser.client.get("/api/cart").json()["items"] == []


def test_french_labels_of_the_choice(signed_in):
    browser, _ = signed_in(lang="fr", country="FR", cart=IN_CART)
    buy = browser.get("/products/gotowebinar/buy?level=pro&licenses=3")
    assert buy.h1 == "Acheter GoToWebinar"
    assert "Ajouter au panier" in buy.buttons()
    assert [buy.text(f'label[for="term-{t}"]') for t in ("monthly", "annual")] == [
        "Mensuel", "Annuel"]
    assert _plain(buy.text("#term-annual-info")) == "1 990,00 € par licence et par an"
    trial = browser.get("/products/gotowebinar/try?level=pro&licenses=3")
    assert "Commencer l’évaluation" in trial.buttons()
    assert not trial.soup.select("input[name=term]")
    level = browser.get("/products/gotowebinar/try")
    assert level.text("main fieldset legend") == "Niveau d’abonnement"


def test_a_trial_starts_at_once_and_shows_its_confirmation(signed_in, web_backend):
    """R9.1, R9.2: no term, the cart untouched; reloading the confirmation is harmless."""
    browser, account = signed_in(cart=IN_CART)
    browser.get("/products/gotowebinar/try?level=standard&licenses=4")
    page = browser.post("/products/gotowebinar/try", {"level": "standard", "licenses": "4"})
    assert page.url.endswith("/trials/gotowebinar")
    assert page.h1 == "Your free trial of GoToWebinar has started."
    facts = page.text("main dl")
    assert "Subscription level Standard" in facts and "User licenses 4" in facts
    assert "Trial ends on Dec 3, 2026" in facts
    assert browser.get("/trials/gotowebinar").status == 200
    assert len(browser.client.get("/api/cart").json()["items"]) == 1
    again = browser.get("/products/gotowebinar/try?level=standard&licenses=4")
    assert again.status == 409  # R9.4: the direct attempt is refused
    assert again.soup.select_one("#page-alert")["data-code"] == "trial_not_allowed"


def test_back_and_reload_keep_the_choice(signed_in):
    browser, _ = signed_in()
    url = "/products/gotowebinar/buy?level=enterprise&licenses=120&term=annual"
    first, again = browser.get(url), browser.get(url)
    assert first.html.count("checked") == again.html.count("checked") == 1
    assert first.soup.select_one("#term-annual").has_attr("checked")
    assert first.text("#choice-summary") == again.text("#choice-summary")
    assert "Enterprise" in first.text("#choice-summary") and "120" in first.text(
        "#choice-summary")
    change = first.soup.select_one("#choice-summary a")["href"]
    level = browser.get(change)
    assert level.soup.select_one("#level-enterprise").has_attr("checked")
    assert level.soup.select_one('input[name="licenses"]')["value"] == "120"


def test_a_product_held_or_unknown_is_refused_at_its_address(signed_in):
    browser, _ = signed_in(subscriptions=HELD)
    held = browser.get("/products/gotomeeting/buy")
    assert held.status == 409
    assert held.soup.select_one("#page-alert")["data-code"] == "already_subscribed"
    assert browser.get("/products/no-such-product/buy").status == 404
    assert browser.get("/products/gotowebinar/rent").status == 404


def test_the_language_switch_on_a_refused_post_comes_back_to_the_form(signed_in):
    browser, _ = signed_in()
    browser.get("/products/gotowebinar/buy?level=pro&licenses=3")
    response = browser.client.post(
        "/products/gotowebinar/buy", data={"csrf_token": browser.page.csrf(), "level": "pro",
                                           "licenses": "3"},
        headers={"referer": "http://testserver/products/gotowebinar/buy?level=pro&licenses=3"})
    assert response.status_code == 422
    switch = response.text.split('name="next" value="')[1].split('"')[0]
    assert switch == "/products/gotowebinar/buy?level=pro&amp;licenses=3"


def test_an_unknown_level_is_refused_at_the_level(signed_in):
    browser, _ = signed_in()
    page = browser.get("/products/gotowebinar/buy?level=platinum&licenses=3")
    assert page.status == 422
    assert page.field_error("level") == "Choose a subscription level."
    assert page.soup.select_one("fieldset")["aria-describedby"] == "level-error"
