"""GET /api/checkout: the Place Order page as data (R10)."""

from fastapi import APIRouter

from backend.api.deps import PortalUrl, SellerCountry, UoW, Who
from backend.api.schemas import VatNumber
from backend.service_layer import ordering
from backend.service_layer.views import CheckoutOut

router = APIRouter(prefix="/api/checkout", tags=["checkout"])


@router.get("", response_model=CheckoutOut)
def checkout(uow: UoW, who: Who, portal_url: PortalUrl, seller: SellerCountry,
             vat_number: VatNumber | None = None) -> CheckoutOut:
    return ordering.checkout_preview(uow, who, vat_number=vat_number, seller_country=seller,
                                     portal_url=portal_url)
