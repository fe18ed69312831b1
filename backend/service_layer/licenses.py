"""Manage user products (R13): who holds a license of what."""

from __future__ import annotations

from backend.domain.model import DEFAULT_PORTAL_URL
from backend.service_layer import views
from backend.service_layer.common import Principal, load, today_for
from backend.service_layer.unit_of_work import SqlAlchemyUnitOfWork


def list_users(uow: SqlAlchemyUnitOfWork, who: Principal) -> list[views.UserLicensesOut]:
    """R13: the account's users and their licenses, for its billing contacts only."""
    with uow:
        account, user = load(uow, who)
        account.ensure_may_read_billing(user)
        return [views.UserLicensesOut(id=u.id, email=u.email, name=u.name,
                                      is_billing_contact=u.is_billing_contact,
                                      licenses=account.licenses_of(u.id))
                for u in account.users]


def assign_license(uow: SqlAlchemyUnitOfWork, who: Principal, user_id: int, product: str, *,
                   portal_url: str = DEFAULT_PORTAL_URL) -> list[views.UserLicensesOut]:
    """R13, by a billing contact of a standard account (R0.1, R0.2)."""
    with uow.for_write():
        account, user = load(uow, who, lock=True)
        account.ensure_may_add(user, portal_url)
        account.assign_license(user_id, product, today_for(account, uow), uow.catalog.load())
        uow.commit()
    return list_users(uow, who)


def unassign_license(uow: SqlAlchemyUnitOfWork, who: Principal, user_id: int, product: str, *,
                     portal_url: str = DEFAULT_PORTAL_URL) -> list[views.UserLicensesOut]:
    with uow.for_write():
        account, user = load(uow, who, lock=True)
        account.ensure_may_add(user, portal_url)
        account.unassign_license(user_id, product)
        uow.commit()
    return list_users(uow, who)
