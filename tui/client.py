"""What the TUI needs from a Billing Center, in its own terms: one `BillingClient` protocol.

Two implementations answer it with the same view types (`backend.service_layer.views`):
- `tui.clients.embedded.EmbeddedClient`: in-process, over the service facade on a database
  URL (no server needed);
- `tui.clients.http.HttpClient`: any deployment, over the HTTP contract (api.md, httpx).

Both raise `ClientError` for every refusal, with the contract's code, the message in the
person's language, the field it concerns and, where given, the portal link or how long to
wait. Screens import this module only: it pulls in no pydantic, SQLAlchemy, FastAPI or
httpx (of the backend, only its standard-library `inputs`; tests/tui checks this), and the
implementations are imported in a worker after the first frame.

Every method is blocking: the app calls them from thread workers, never on the event loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, Protocol

# One card type for every edge: stdlib only, its repr hides the number and the CVC.
from backend.service_layer.inputs import CardInput

if TYPE_CHECKING:  # pydantic models: imported by the implementations, not at start-up
    from backend.service_layer.views import (
        AccountOut,
        AvailableProductOut,
        CartOut,
        CheckoutOut,
        EmailOut,
        OrderOut,
        ProductOut,
        SessionOut,
        TrialOut,
        UserLicensesOut,
    )

__all__ = ["BillingClient", "CardInput", "ClientError", "ConnectionProblem", "Term"]

Term = Literal["monthly", "annual"]


class ClientError(Exception):
    """A refusal of the Billing Center (api.md's error shape), ready to show a person."""

    def __init__(self, code: str, message: str, field: str | None = None, *,
                 portal_url: str | None = None, retry_after: int | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
        self.portal_url = portal_url
        self.retry_after = retry_after


class ConnectionProblem(ClientError):
    """The deployment could not be reached or answered outside the contract."""

    def __init__(self, message: str):
        super().__init__("unreachable", message)


class BillingClient(Protocol):
    """One signed-in person's way into a Billing Center (embedded or remote)."""

    lang: str  # "en" | "fr": sent with every call, so refusals come in the person's language

    def describe(self) -> str:
        """Where this client talks to, for the title bar ("embedded: ~/.local/…", a URL)."""
        ...

    # step 1, R1
    def sign_in(self, email: str, password: str) -> SessionOut: ...
    def sign_out(self) -> None: ...

    # the dashboard, steps 2 to 5
    def account(self) -> AccountOut: ...
    def catalog(self) -> list[ProductOut]: ...
    def available_products(self) -> list[AvailableProductOut]: ...

    # steps 6 to 8 and the cart (R8)
    def cart(self) -> CartOut: ...
    def add_to_cart(self, product: str, level: str | None, licenses: str | int,
                    term: Term) -> CartOut: ...
    def edit_cart_item(self, item_id: int, *, level: str | None = None,
                       licenses: str | int | None = None, term: Term | None = None) -> CartOut: ...
    def remove_cart_item(self, item_id: int) -> CartOut: ...
    def start_trial(self, product: str, level: str | None, licenses: str | int) -> TrialOut: ...

    # the Place Order screen, steps 9 and 10
    def checkout(self, vat_number: str | None = None) -> CheckoutOut: ...
    def place_order(self, *, idempotency_key: str, card: CardInput | None,
                    use_saved_card: bool, vat_number: str | None) -> OrderOut: ...
    def order(self, order_id: int) -> OrderOut: ...

    # step 11 (R13)
    def users(self) -> list[UserLicensesOut]: ...
    def assign_license(self, user_id: int, product: str) -> list[UserLicensesOut]: ...
    def unassign_license(self, user_id: int, product: str) -> list[UserLicensesOut]: ...

    # the Messages screen: the emails this account received (R9.3, R12.3)
    def messages(self) -> list[EmailOut]: ...

    def close(self) -> None: ...
