"""Who may read what inside an account (R0.1): the account's orders and its users' emails
are for its billing contacts; any other user of the account is refused with
not_billing_contact, and what every user may read (the overview, the catalog) stays open."""

from __future__ import annotations

import pytest

from backend.domain.errors import NotBillingContact, NotFound
from backend.i18n import error_message
from backend.service_layer import ordering


def test_a_user_who_is_not_a_billing_contact_reads_no_order(app):
    acct = app.worked_example_account(extra_users=1)
    order, _ = app.place(acct.who)
    other = app.other_user(acct)
    with pytest.raises(NotBillingContact) as err:
        ordering.get_order(app.uow(), other, order.id)
    assert err.value.code == "not_billing_contact"
    assert error_message(err.value, "fr") == ("Seul un contact de facturation de ce compte "
                                              "peut consulter ses commandes et ses utilisateurs.")
    # refused before the order is looked up: the answer tells nothing of which ids exist
    with pytest.raises(NotBillingContact):
        ordering.get_order(app.uow(), other, order.id + 1000)
    assert ordering.get_order(app.uow(), acct.who, order.id).number == order.number


def test_a_user_who_is_not_a_billing_contact_reads_no_user_list(app):
    acct = app.account(extra_users=2)
    other = app.other_user(acct, 1)
    with pytest.raises(NotBillingContact) as err:
        app.users(other)
    assert str(err.value) == "Only a billing contact of this account can see its orders and users."
    assert len(app.users(acct.who)) == 3


def test_what_every_user_reads_stays_open(app):
    acct = app.account(extra_users=1)
    other = app.other_user(acct)
    assert not app.overview(other).can_add_subscription  # R0.1: shown, with no add action
    assert app.view_cart(other).items == []


def test_an_enterprise_billing_contact_reads_users_and_her_orders(app):
    acct = app.account(kind="enterprise", extra_users=1)
    assert [u.is_billing_contact for u in app.users(acct.who)] == [True, False]
    with pytest.raises(NotFound):  # allowed to look; there is simply no such order
        ordering.get_order(app.uow(), acct.who, 1)
