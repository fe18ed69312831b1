"""The account's messages: the emails it received (trial welcomes R9.3, order confirmations
R12.3), read back by its billing contacts."""

from __future__ import annotations

from backend.domain.errors import NotBillingContact, _
from backend.service_layer import views
from backend.service_layer.common import Principal, email_out, load
from backend.service_layer.unit_of_work import SqlAlchemyUnitOfWork


def list_messages(uow: SqlAlchemyUnitOfWork, who: Principal) -> list[views.EmailOut]:
    """Newest first. The emails hold what was bought and at what price, so, as with
    buying (R0.1), only a billing contact sees them; an enterprise account's contact may
    read what it received before it moved to the Corporate Billing Portal."""
    with uow:
        account, user = load(uow, who)
        if not user.is_billing_contact:
            raise NotBillingContact(_("Only a billing contact of this account can read its "
                                      "messages."))
        return [email_out(e) for e in reversed(uow.outbox.for_account(account.id))]
