"""GET /api/catalog and /api/catalog/available (R2, R4)."""

from fastapi import APIRouter

from backend.api.deps import PortalUrl, UoW, Who
from backend.service_layer import browsing
from backend.service_layer.views import AvailableProductOut, ProductOut

router = APIRouter(prefix="/api/catalog", tags=["catalog"])


@router.get("", response_model=list[ProductOut])
def catalog(uow: UoW, who: Who) -> list[ProductOut]:
    return browsing.catalog(uow, who)


@router.get("/available", response_model=list[AvailableProductOut])
def available(uow: UoW, who: Who, portal_url: PortalUrl) -> list[AvailableProductOut]:
    return browsing.available_products(uow, who, portal_url)
