"""GET /api/catalog and /api/catalog/available (R2, R4)."""

from fastapi import APIRouter

from backend.api.deps import OneHopRoute, Service, Who
from backend.service_layer.views import AvailableProductOut, ProductOut

router = APIRouter(prefix="/api/catalog", tags=["catalog"], route_class=OneHopRoute)


@router.get("", response_model=list[ProductOut])
def catalog(service: Service, who: Who) -> list[ProductOut]:
    return service.catalog(who)


@router.get("/available", response_model=list[AvailableProductOut])
def available(service: Service, who: Who) -> list[AvailableProductOut]:
    return service.available_products(who)
