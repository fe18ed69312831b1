"""Every choice a caller makes reaches the use case through the facade: the level and term
of a cart item, the VAT number of the Place Order page and of the order, the user and
product of a license. And the pages built from those choices show them: the VAT number on
the Place Order page (R11.2), the items left in the cart after a removal. Until now only
tests/api checked these, through HTTP; the service layer's mutation run leaves tests/api
out (docs/mutation.md)."""

from __future__ import annotations

from decimal import Decimal

from backend.service_layer.inputs import CardInput

D = Decimal
GERMAN_VAT = "DE 136 695 976"
CART = [{"product": "gotowebinar", "level": "pro", "licenses": 3, "term": "annual"}]


def card(app) -> CardInput:
    return CardInput(name="Camille Martin", number="4242 4242 4242 4242", exp_month="12",
                     exp_year="2030", cvc=app.CVC)


def test_r5_r7_the_facade_adds_and_edits_the_level_and_term_asked_for(app):
    service = app.backend.service
    who = app.account(country="FR").who
    added = service.add_to_cart(who, product="gotowebinar", level="enterprise",
                                term="annual")
    [item] = added.items
    assert (item.level, item.term) == ("enterprise", "annual")
    edited = service.edit_cart_item(who, item.id, level="lite", term="monthly")
    assert [(i.level, i.licenses, i.term) for i in edited.items] == [("lite", 1, "monthly")]
    # only what is given changes
    again = service.edit_cart_item(who, item.id, licenses=4)
    assert [(i.level, i.licenses, i.term) for i in again.items] == [("lite", 4, "monthly")]


def test_r11_2_the_place_order_page_shows_the_vat_number_it_was_computed_with(app):
    service = app.backend.service
    who = app.account(country="DE", cart=CART).who
    page = service.checkout(who, vat_number=GERMAN_VAT)
    assert (page.vat.number, page.vat.reverse_charge, page.vat.rate) == (
        "DE136695976", True, D("0"))
    assert app.preview(who, vat_number=GERMAN_VAT).vat.number == "DE136695976"
    assert service.checkout(who).vat.number is None


def test_r11_2_the_facade_places_the_order_with_the_vat_number_given(app):
    service = app.backend.service
    acct = app.account(country="DE", cart=CART)
    placed = service.place_order(acct.who, idempotency_key="vat-1", card=card(app),
                                 vat_number=GERMAN_VAT)
    assert (placed.order.vat.number, placed.order.vat.reverse_charge) == ("DE136695976",
                                                                         True)
    assert app.overview(acct.who).vat_number == "DE136695976"


def test_r13_the_facade_assigns_and_unassigns_the_user_and_product_given(app):
    service = app.backend.service
    acct = app.account(country="FR", extra_users=1, subscriptions=[
        {"product": "gotomeeting", "level": "business", "licenses": 2, "term": "monthly"},
        {"product": "gotowebinar", "level": "pro", "licenses": 2, "term": "monthly"}])
    contact, colleague = (u.id for u in app.users(acct.who))
    out = service.assign_license(acct.who, colleague, "gotowebinar")
    assert {u.id: u.licenses for u in out} == {contact: [], colleague: ["gotowebinar"]}
    service.assign_license(acct.who, colleague, "gotomeeting")
    out = service.unassign_license(acct.who, colleague, "gotowebinar")
    assert {u.id: u.licenses for u in out} == {contact: [], colleague: ["gotomeeting"]}


def test_r8_removing_one_item_shows_the_items_left(app):
    who = app.account(country="FR", cart=[
        *CART, {"product": "gotomeeting", "level": "business", "licenses": 2,
                "term": "monthly"}]).who
    first, _second = app.view_cart(who).items
    out = app.remove(who, first.id)
    assert [(i.product, i.product_name, i.level_name, i.licenses) for i in out.items] == [
        ("gotomeeting", "GoToMeeting", "Business", 2)]
