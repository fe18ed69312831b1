"""Manage user products (R13): who holds a license of what."""

from __future__ import annotations

from backend.domain.errors import NotBillingContact
from backend.service_layer import views
from backend.service_layer.common import Principal, load, today_for
from backend.service_layer.unit_of_work import SqlAlchemyUnitOfWork


def list_users(uow: SqlAlchemyUnitOfWork, who: Principal) -> list[views.UserLicensesOut]:
    with uow:
        account, _user = load(uow, who)
        return [views.UserLicensesOut(id=u.id, email=u.email, name=u.name,
                                      is_billing_contact=u.is_billing_contact,
                                      licenses=account.licenses_of(u.id))
                for u in account.users]


def _require_billing_contact(user) -> None:
    if not user.is_billing_contact:
        raise NotBillingContact()


def assign_license(uow: SqlAlchemyUnitOfWork, who: Principal, user_id: int,
                   product: str) -> list[views.UserLicensesOut]:
    with uow.for_write():
        account, user = load(uow, who, lock=True)
        _require_billing_contact(user)
        account.assign_license(user_id, product, today_for(account, uow), uow.catalog.load())
        uow.commit()
    return list_users(uow, who)


def unassign_license(uow: SqlAlchemyUnitOfWork, who: Principal, user_id: int,
                     product: str) -> list[views.UserLicensesOut]:
    with uow.for_write():
        account, user = load(uow, who, lock=True)
        _require_billing_contact(user)
        account.unassign_license(user_id, product)
        uow.commit()
    return list_users(uow, who)
