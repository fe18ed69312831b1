"""/api/users: Manage user products (R13)."""

from fastapi import APIRouter

from backend.api.deps import OneHopRoute, Service, Who
from backend.api.schemas import ProductPath, RowId
from backend.service_layer.views import UserLicensesOut

router = APIRouter(prefix="/api/users", tags=["users"], route_class=OneHopRoute)


@router.get("", response_model=list[UserLicensesOut])
def users(service: Service, who: Who) -> list[UserLicensesOut]:
    return service.users(who)


@router.put("/{user_id}/licenses/{product}", response_model=list[UserLicensesOut])
def assign(user_id: RowId, product: ProductPath, service: Service,
           who: Who) -> list[UserLicensesOut]:
    return service.assign_license(who, user_id, product)


@router.delete("/{user_id}/licenses/{product}", response_model=list[UserLicensesOut])
def unassign(user_id: RowId, product: ProductPath, service: Service,
             who: Who) -> list[UserLicensesOut]:
    return service.unassign_license(who, user_id, product)
