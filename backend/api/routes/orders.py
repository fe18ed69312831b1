"""/api/orders: placing an order (R11, R12) and reading it back."""

from typing import Annotated

from fastapi import APIRouter, Header, Response

from backend.api.deps import OneHopRoute, Service, Who
from backend.api.schemas import OrderIn, RowId
from backend.service_layer.inputs import CardInput
from backend.service_layer.views import OrderOut

router = APIRouter(prefix="/api/orders", tags=["orders"], route_class=OneHopRoute)


@router.post("", response_model=OrderOut, status_code=201)
def place(body: OrderIn, response: Response, service: Service, who: Who,
          idempotency_key: Annotated[str | None, Header()] = None) -> OrderOut:
    """R12.4: the Idempotency-Key (required) makes a retried request return the first
    order, with 200 instead of 201."""
    card = None
    if body.card is not None:
        card = CardInput(name=body.card.name, number=str(body.card.number),
                         exp_month=body.card.exp_month, exp_year=body.card.exp_year,
                         cvc=str(body.card.cvc))
    placed = service.place_order(who, idempotency_key=idempotency_key, card=card,
                                 use_saved_card=body.use_saved_card,
                                 vat_number=body.vat_number)
    if not placed.created:
        response.status_code = 200
    return placed.order


@router.get("/{order_id}", response_model=OrderOut)
def get(order_id: RowId, service: Service, who: Who) -> OrderOut:
    return service.order(who, order_id)
