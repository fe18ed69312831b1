"""GET /api/checkout: the Place Order page as data (R10)."""

from fastapi import APIRouter

from backend.api.deps import OneHopRoute, Service, Who
from backend.api.schemas import VatNumber
from backend.service_layer.views import CheckoutOut

router = APIRouter(prefix="/api/checkout", tags=["checkout"], route_class=OneHopRoute)


@router.get("", response_model=CheckoutOut)
def checkout(service: Service, who: Who, vat_number: VatNumber | None = None) -> CheckoutOut:
    return service.checkout(who, vat_number)
