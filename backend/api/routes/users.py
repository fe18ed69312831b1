"""/api/users: Manage user products (R13)."""

from fastapi import APIRouter

from backend.api.deps import PortalUrl, UoW, Who
from backend.api.schemas import ProductPath, RowId
from backend.service_layer import licenses
from backend.service_layer.views import UserLicensesOut

router = APIRouter(prefix="/api/users", tags=["users"])


@router.get("", response_model=list[UserLicensesOut])
def users(uow: UoW, who: Who) -> list[UserLicensesOut]:
    return licenses.list_users(uow, who)


@router.put("/{user_id}/licenses/{product}", response_model=list[UserLicensesOut])
def assign(user_id: RowId, product: ProductPath, uow: UoW, who: Who,
           portal_url: PortalUrl) -> list[UserLicensesOut]:
    return licenses.assign_license(uow, who, user_id, product, portal_url=portal_url)


@router.delete("/{user_id}/licenses/{product}", response_model=list[UserLicensesOut])
def unassign(user_id: RowId, product: ProductPath, uow: UoW, who: Who,
             portal_url: PortalUrl) -> list[UserLicensesOut]:
    return licenses.unassign_license(uow, who, user_id, product, portal_url=portal_url)
