"""The Place Order page (R10, R11), Edit Order (R10.5), placing the order once (R12.4), the
confirmation (R12.2), Manage user products (R13) and the messages, on the web."""

from __future__ import annotations

import re

from backend.i18n import label

HELD = [{"product": "gotomeeting", "level": "business", "licenses": 2, "term": "monthly"}]
WEBINAR = [{"product": "gotowebinar", "level": "pro", "licenses": 3, "term": "annual"}]
WORKED_EXAMPLE = {"country": "FR", "billing_day": 15, "subscriptions": HELD, "cart": WEBINAR}
GOOD = {"payment": "new", "card_name": "Camille Martin", "card_number": "4242 4242 4242 4242",
        "card_exp_month": "12", "card_exp_year": "2030", "card_cvc": "7391"}


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


def _form(page) -> dict[str, str]:
    """The hidden fields of the Place Order form, as the browser would send them."""
    form = page.soup.select_one("#order-form")
    return {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")
            if i["name"] != "csrf_token"}


def _orders(browser) -> list:
    return browser.client.get("/api/messages").json()


def test_the_place_order_page_of_the_worked_example(signed_in):
    browser, _ = signed_in(**WORKED_EXAMPLE)
    page = browser.get("/place-order")
    assert page.status == 200 and page.h1 == "Place Order"
    rows = page.soup.select("table.lines tbody tr")
    assert [r["data-kind"] for r in rows] == ["new", "credit", "renewal"]
    cells = [" ".join(r.get_text(" ").split()) for r in rows]
    assert cells[0] == ("GoToWebinar New Pro 3 Annual Nov 26, 2026 – Nov 25, 2027 "
                        "€1,990.00 per license per year €5,970.00")
    assert cells[1].startswith("GoToMeeting Credit for unused time Business 2 Monthly "
                               "Nov 26, 2026 – Dec 14, 2026")
    assert cells[1].endswith("-€20.27")
    assert cells[2].endswith("Nov 26, 2026 – Dec 25, 2026 €16.00 per license per month €32.00")
    foot = page.texts("table.lines tfoot tr")
    assert foot == ["Subtotal €5,981.73", "VAT (France, 20%) €1,196.35", "Total due €7,178.08"]
    headers = page.texts("table.lines thead th")
    assert [label(k, "en") for k in ("billing_period", "rate")] == headers[4:6]
    assert page.text("#billing-period") == "Nov 26, 2026 – Nov 25, 2027"
    assert "Edit Order" in page.buttons() and "Place Order" in page.buttons()
    assert page.soup.select_one('label[for="vat_number"]').get_text() == "VAT number"
    assert page.text("#payment-title") == "Payment details"


def test_the_place_order_page_in_french(signed_in):
    browser, _ = signed_in(lang="fr", **WORKED_EXAMPLE)
    page = browser.get("/place-order")
    assert page.h1 == "Passer la commande"
    foot = [_plain(t) for t in page.texts("table.lines tfoot tr")]
    assert foot == ["Sous-total 5 981,73 €", "TVA (France, 20 %) 1 196,35 €",
                    "Total dû 7 178,08 €"]
    first = _plain(" ".join(page.soup.select_one("table.lines tbody tr").get_text(" ").split()))
    assert "26 nov. 2026 – 25 nov. 2027" in first and "1 990,00 € par licence et par an" in first
    headers = page.texts("table.lines thead th")
    assert "Période de facturation" in headers and "Tarif d'abonnement" in headers
    assert "Modifier la commande" in page.buttons()
    assert page.text("#payment-title") == "Détails de paiement"


def test_a_valid_vat_number_of_another_member_state_is_reverse_charged(signed_in):
    browser, _ = signed_in(country="DE", cart=WEBINAR)
    page = browser.get("/place-order")
    assert "VAT (Germany, 19%)" in page.text("table.lines tfoot")
    applied = browser.post("/place-order/vat", {"vat_number": "DE136695976"})
    assert applied.url.endswith("/place-order?vat_number=DE136695976")
    assert "VAT (0%, reverse charge) €0.00" in applied.text("table.lines tfoot")
    assert "Reverse charge" in applied.text("#reverse-charge")
    assert applied.value("vat_number") == "DE136695976"


def test_an_invalid_vat_number_is_refused_at_the_field_and_kept(signed_in):
    browser, _ = signed_in(country="FR", cart=WEBINAR)
    page = browser.get("/place-order?vat_number=FR123")
    assert page.status == 422
    assert page.field_error("vat_number")
    field = page.soup.select_one("#vat_number")
    assert field["value"] == "FR123" and field["aria-invalid"] == "true"
    assert "vat_number-error" in field["aria-describedby"]
    placed = browser.post("/place-order", {**_form(page), **GOOD, "vat_number": "FR123"})
    assert placed.status == 422 and placed.field_error("vat_number")
    assert browser.client.get("/api/cart").json()["items"]  # nothing placed


def test_placing_the_order_shows_the_confirmation_with_the_reminder(signed_in, web_backend):
    browser, account = signed_in(**WORKED_EXAMPLE)
    page = browser.get("/place-order")
    done = browser.post("/place-order", {**_form(page), **GOOD})
    assert re.search(r"/orders/\d+$", done.url), done.html
    assert done.h1 == "Thank you: your order is placed"
    assert re.fullmatch(r"Order BC-[0-9A-F]{10} placed on Nov 26, 2026",
                        done.text("#order-number"))
    assert "GoToWebinar Pro, 3 user licenses (Annual)" in done.text("main ul")
    reminder = done.soup.select_one("#assign-reminder a")
    assert reminder.get_text() == "Manage user products" and reminder["href"] == "/users"
    assert "Total due €7,178.08" in done.texts("table.lines tfoot tr")
    assert "Visa •••• 4242" in done.text("main dl") and "7391" not in done.html
    assert "4242 4242" not in done.html
    assert len(web_backend.service.charges(account.id)) == 1
    assert browser.get(done.url.replace("http://testserver", "")).status == 200  # reload


def test_a_double_submitted_place_order_makes_one_order(signed_in, web_backend):
    """R12.4: the same form twice (a double click, a retry): one order, one charge, and
    the second answers the same confirmation."""
    browser, account = signed_in(cart=WEBINAR)
    page = browser.get("/place-order")
    form = {**_form(page), **GOOD}
    first = browser.post("/place-order", form, csrf=page.csrf())
    second = browser.post("/place-order", form, csrf=page.csrf())
    assert first.url == second.url and "/orders/" in first.url
    assert len(web_backend.service.charges(account.id)) == 1
    assert [e.kind for e in web_backend.service.emails(account.id)] == ["order_confirmation"]


def test_a_declined_card_places_nothing_and_keeps_what_may_be_kept(signed_in, web_backend):
    """R11.5; the card number and the CVC are never given back to the page."""
    browser, account = signed_in(cart=WEBINAR)
    page = browser.get("/place-order")
    refused = browser.post("/place-order", {**_form(page), **GOOD,
                                            "card_number": "4000 0000 0000 0002"})
    assert refused.status == 402
    assert refused.soup.select_one("#page-alert")["data-code"] == "card_declined"
    assert refused.value("card_name") == "Camille Martin"
    assert refused.value("card_exp_year") == "2030"
    assert refused.value("card_number") == "" and refused.value("card_cvc") == ""
    assert "4000 0000 0000 0002" not in refused.html and "7391" not in refused.html
    assert refused.value("idempotency_key") == _form(page)["idempotency_key"]
    assert web_backend.service.charges(account.id) == []
    assert browser.client.get("/api/cart").json()["items"]


def test_card_errors_are_at_their_fields(signed_in):
    browser, _ = signed_in(cart=WEBINAR)
    page = browser.get("/place-order")
    bad_number = browser.post("/place-order", {**_form(page), **GOOD,
                                               "card_number": "4242 4242 4242 4241"})
    assert bad_number.status == 422
    assert bad_number.field_error("card_number")
    assert bad_number.soup.select_one("#card_number")["aria-invalid"] == "true"
    bad_cvc = browser.post("/place-order", {**_form(page), **GOOD, "card_cvc": "1"})
    assert bad_cvc.field_error("card_cvc")
    past = browser.post("/place-order", {**_form(page), **GOOD, "card_exp_year": "2020"})
    assert past.field_error("card_expiry")
    nothing = browser.post("/place-order", {**_form(page), "payment": "new"})
    assert nothing.field_error("card") == "Enter payment details or use the card on file."


def test_the_saved_card_pays(signed_in):
    browser, _ = signed_in(cart=WEBINAR, card_on_file=True)
    page = browser.get("/place-order")
    saved = page.soup.select_one("#payment-saved")
    assert saved.has_attr("checked")
    assert page.text('label[for="payment-saved"]').startswith("Use the card on file: Visa")
    done = browser.post("/place-order", {**_form(page), "payment": "saved"})
    assert "/orders/" in done.url


def test_nothing_is_placed_at_a_total_the_person_did_not_see(signed_in, web_backend):
    browser, account = signed_in(cart=WEBINAR)
    page = browser.get("/place-order")
    stale = {**_form(page), **GOOD, "total_shown": "1.00"}
    again = browser.post("/place-order", stale)
    assert again.status == 409
    assert again.soup.select_one("#page-notice")["data-code"] == "total_changed"
    assert web_backend.service.charges(account.id) == []
    done = browser.post("/place-order", {**_form(again), **GOOD})
    assert "/orders/" in done.url


def test_an_empty_cart_has_no_place_order_page(signed_in):
    browser, _ = signed_in()
    page = browser.get("/place-order")
    assert page.status == 409
    assert page.soup.select_one("#page-alert")["data-code"] == "cart_empty"
    cart = browser.get("/cart")
    assert cart.text("main p") == "The cart is empty." and "Place Order" not in cart.buttons()


def test_edit_order_changes_an_item_and_comes_back_recomputed(signed_in):
    """R10.5."""
    browser, _ = signed_in(cart=WEBINAR)
    page = browser.get("/place-order")
    edit = browser.get(page.soup.select_one('form[action="/place-order/edit"]')["action"])
    assert edit.h1 == "Edit Order"
    item = edit.soup.select_one("section.item")
    assert item.select_one("h2").get_text() == "GoToWebinar"
    action = item.select_one("form")["action"]
    refused = browser.post(action, {"level": "pro", "licenses": "abc", "term": "annual"})
    assert refused.status == 422
    assert refused.field_error("licenses").startswith("Enter a whole number")
    assert refused.soup.select_one(f'{action.replace("/cart/items/", "#item-")}-licenses'
                                   )["value"] == "abc"
    saved = browser.post(action, {"level": "standard", "licenses": "5", "term": "monthly"})
    assert saved.url.endswith("/place-order")
    assert "Standard 5 Monthly" in saved.text("table.lines tbody tr")
    removed = browser.post(action + "/remove")
    assert removed.url.endswith("/cart") and removed.text("main p") == "The cart is empty."


def test_manage_user_products_assigns_and_unassigns(signed_in):
    """R13: assigned / total, one license per user, no more than bought."""
    browser, _ = signed_in(subscriptions=[{**HELD[0], "licenses": 1}], extra_users=1)
    page = browser.get("/users")
    assert page.h1 == "Manage user products"
    assert page.texts("main section:first-of-type tbody tr") == ["GoToMeeting 0 1"]
    names = [b.get_text(" ", strip=True) for b in page.soup.select("main table.users button")]
    assert len(names) == 2 and all(n.startswith("Assign GoToMeeting to ") for n in names)
    first = page.soup.select("main table.users form")[0]["action"]
    second = page.soup.select("main table.users form")[1]["action"]
    assigned = browser.post(first)
    assert assigned.texts("main section:first-of-type tbody tr") == ["GoToMeeting 1 1"]
    full = browser.post(second)
    assert full.status == 422
    assert full.alert().startswith("All 1 licenses of GoToMeeting are assigned")
    unassigned = browser.post(first.replace("/assign", "/unassign"))
    assert unassigned.texts("main section:first-of-type tbody tr") == ["GoToMeeting 0 1"]


def test_manage_user_products_in_french(signed_in):
    browser, _ = signed_in(lang="fr", subscriptions=HELD, extra_users=1)
    page = browser.get("/users")
    assert page.h1 == "Gérer les produits des utilisateurs"
    button = page.soup.select_one("main table.users button").get_text(" ", strip=True)
    assert button.startswith("Attribuer GoToMeeting à ")


def test_messages_show_the_accounts_emails(signed_in):
    browser, _ = signed_in()
    browser.get("/products/logmein-pro/try?licenses=2")
    browser.post("/products/logmein-pro/try", {"licenses": "2"})
    page = browser.get("/messages")
    assert page.h1 == "Messages"
    assert len(page.soup.select("main article")) == 1
    assert "LogMeIn Pro" in page.text("main article h2")


def test_messages_are_for_billing_contacts(new_browser, make_account):
    account = make_account(extra_users=1)
    browser = new_browser("fr")
    browser.sign_in(account.users[0].email, account.users[0].password)
    page = browser.get("/messages")
    assert page.status == 403
    assert page.alert() == "Seul un contact de facturation de ce compte peut lire ses messages."


def test_every_refusal_at_a_field_is_tied_to_a_control(signed_in):
    """aria-describedby points at each shown field refusal, with or without a card on file."""
    for card_on_file in (False, True):
        browser, _ = signed_in(cart=WEBINAR, card_on_file=card_on_file)
        page = browser.get("/place-order")
        refused = browser.post("/place-order", {**_form(page), "payment": "new"})
        shown = refused.soup.select('[role=alert][data-field]:not([hidden])')
        assert [a["data-field"] for a in shown] == ["card"]
        for alert in shown:
            tied = refused.soup.select(f'[aria-describedby~="{alert["id"]}"]')
            assert tied, f"{alert['id']} is tied to no control"
