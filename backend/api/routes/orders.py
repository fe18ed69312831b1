"""/api/orders: placing an order (R11, R12) and reading it back."""

from typing import Annotated

from fastapi import APIRouter, Header, Response

from backend.api.deps import BackendDep, PortalUrl, SellerCountry, UoW, Who
from backend.api.schemas import OrderIn, RowId
from backend.domain.errors import ValidationFailed, _
from backend.service_layer import ordering
from backend.service_layer.views import OrderOut

router = APIRouter(prefix="/api/orders", tags=["orders"])


@router.post("", response_model=OrderOut, status_code=201)
def place(body: OrderIn, response: Response, uow: UoW, who: Who, backend: BackendDep,
          portal_url: PortalUrl, seller: SellerCountry,
          idempotency_key: Annotated[str | None, Header()] = None) -> OrderOut:
    """R12.4: the Idempotency-Key makes a retried request return the first order."""
    key = (idempotency_key or "").strip()
    if not key or len(key) > 200:
        raise ValidationFailed(_("An Idempotency-Key header (up to 200 characters) is "
                                 "required to place an order."), field="Idempotency-Key")
    card = None
    if body.card is not None:
        card = {"name": body.card.name, "number": str(body.card.number),
                "exp_month": body.card.exp_month, "exp_year": body.card.exp_year,
                "cvc": str(body.card.cvc)}
    order, created = ordering.place_order(
        uow, backend.gateway, who, idempotency_key=key, card=card,
        use_saved_card=body.use_saved_card, vat_number=body.vat_number,
        seller_country=seller, portal_url=portal_url)
    if not created:
        response.status_code = 200
    return order


@router.get("/{order_id}", response_model=OrderOut)
def get(order_id: RowId, uow: UoW, who: Who) -> OrderOut:
    return ordering.get_order(uow, who, order_id)
