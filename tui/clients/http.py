"""`HttpClient`: any Billing Center deployment, over the HTTP contract (api.md) with httpx.

Answers are parsed into the same view types the embedded client returns, so a screen cannot
tell the two apart. A refusal in the contract's shape becomes `ClientError`; anything else
(no answer, a timeout, a page that is not the contract) becomes `ConnectionProblem` with one
sentence in the person's language.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, TypeAdapter

from backend.domain.errors import _
from backend.i18n import translate
from backend.service_layer.inputs import CardInput
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
from tui.client import ClientError, ConnectionProblem, Term

M = TypeVar("M", bound=BaseModel)

PRODUCTS = TypeAdapter(list[ProductOut])
AVAILABLE = TypeAdapter(list[AvailableProductOut])
USERS = TypeAdapter(list[UserLicensesOut])
EMAILS = TypeAdapter(list[EmailOut])

TIMEOUT_S = 30.0  # a placed order may wait on the payment gateway


class HttpClient:
    """One person's session on a deployment. `http` may be any httpx client (e.g.
    FastAPI's TestClient); by default one is made for `base_url`."""

    def __init__(self, base_url: str, lang: str = "en", *, http: httpx.Client | None = None,
                 timeout: float = TIMEOUT_S):
        self.lang = lang
        self.base_url = base_url.strip().rstrip("/")
        try:
            url = httpx.URL(self.base_url)
        except httpx.InvalidURL:
            url = None
        if url is None or url.scheme not in ("http", "https") or not url.host:
            raise ConnectionProblem(translate(
                _("{url} is not a web address such as http://localhost:8000."), lang,
                url=base_url))
        self._owns_http = http is None
        self._http = http if http is not None else httpx.Client(timeout=timeout)
        self._token: str | None = None

    def describe(self) -> str:
        return self.base_url

    # --- how every call is made ----------------------------------------------------------
    def _send(self, method: str, path: str, **request: Any) -> httpx.Response:
        """The answer of a call that succeeded; a refusal raises `ClientError`."""
        response = self._exchange(method, path, **request)
        if response.status_code >= 400:
            raise self._refusal(response, method, path)
        return response

    def _exchange(self, method: str, path: str, *, json: Any = None,
                  params: dict | None = None, headers: dict | None = None) -> httpx.Response:
        """Whatever the deployment answered; no answer at all raises `ConnectionProblem`."""
        sent = {"Accept": "application/json", "Accept-Language": self.lang, **(headers or {})}
        if self._token:
            sent["Authorization"] = f"Bearer {self._token}"
        try:
            response = self._http.request(method, self.base_url + path, json=json,
                                          params=params, headers=sent)
        except httpx.TimeoutException:
            raise ConnectionProblem(translate(
                _("{url} did not answer in time; try again."), self.lang,
                url=self.base_url)) from None
        except (httpx.HTTPError, httpx.InvalidURL) as err:
            raise ConnectionProblem(translate(
                _("Cannot reach {url}: {reason}"), self.lang, url=self.base_url,
                reason=str(err) or type(err).__name__)) from None
        return response

    def _not_a_billing_center(self, method: str, path: str,
                              response: httpx.Response) -> ConnectionProblem:
        return ConnectionProblem(translate(
            _("{url} does not answer as a Billing Center does ({request}: {status})."),
            self.lang, url=self.base_url, request=f"{method} {path}",
            status=response.status_code))

    def _refusal(self, response: httpx.Response, method: str, path: str) -> ClientError:
        try:
            error = response.json()["error"]
            code, message = error["code"], error["message"]
            field = error.get("field")
            valid = (isinstance(code, str) and isinstance(message, str)
                     and isinstance(field, str | None))
        except (ValueError, KeyError, TypeError, AttributeError):
            valid = False
        if not valid:
            return self._not_a_billing_center(method, path, response)
        retry_after = response.headers.get("retry-after", "").strip()
        portal_url = error.get("portal_url")
        return ClientError(code, message, field,
                           portal_url=portal_url if isinstance(portal_url, str) else None,
                           retry_after=int(retry_after) if retry_after.isdigit() else None)

    def _call(self, model: type[M] | TypeAdapter, method: str, path: str, **request: Any):
        """One call of the contract, its answer parsed into `model`."""
        response = self._send(method, path, **request)
        try:
            if isinstance(model, TypeAdapter):
                return model.validate_json(response.content)
            return model.model_validate_json(response.content)
        except ValueError:  # not JSON, or not the contract's shape (pydantic's error)
            raise self._not_a_billing_center(method, path, response) from None

    # --- reachability --------------------------------------------------------------------
    def check(self) -> None:
        """Raises `ConnectionProblem` (one sentence) unless a Billing Center answers here."""
        response = self._exchange("GET", "/api/health")
        try:
            healthy = response.status_code == 200 and response.json().get("status") == "ok"
        except (ValueError, AttributeError):  # not JSON, or JSON that is not an object
            healthy = False
        if not healthy:
            raise self._not_a_billing_center("GET", "/api/health", response)

    # --- step 1, R1 ----------------------------------------------------------------------
    def sign_in(self, email: str, password: str) -> SessionOut:
        session = self._call(SessionOut, "POST", "/api/session",
                            json={"email": email, "password": password})
        self._token = session.token
        return session

    def sign_out(self) -> None:
        if not self._token:
            return
        try:
            self._send("DELETE", "/api/session")
        finally:
            self._token = None

    # --- the dashboard -------------------------------------------------------------------
    def account(self) -> AccountOut:
        return self._call(AccountOut, "GET", "/api/account")

    def catalog(self) -> list[ProductOut]:
        return self._call(PRODUCTS, "GET", "/api/catalog")

    def available_products(self) -> list[AvailableProductOut]:
        return self._call(AVAILABLE, "GET", "/api/catalog/available")

    # --- the cart and trials -------------------------------------------------------------
    def cart(self) -> CartOut:
        return self._call(CartOut, "GET", "/api/cart")

    def add_to_cart(self, product: str, level: str | None, licenses: str | int,
                    term: Term) -> CartOut:
        return self._call(CartOut, "POST", "/api/cart/items", json={
            "product": product, "level": level, "licenses": licenses, "term": term})

    def edit_cart_item(self, item_id: int, *, level: str | None = None,
                       licenses: str | int | None = None, term: Term | None = None) -> CartOut:
        changes = {name: value for name, value in
                   (("level", level), ("licenses", licenses), ("term", term))
                   if value is not None}
        return self._call(CartOut, "PATCH", f"/api/cart/items/{int(item_id)}", json=changes)

    def remove_cart_item(self, item_id: int) -> CartOut:
        return self._call(CartOut, "DELETE", f"/api/cart/items/{int(item_id)}")

    def start_trial(self, product: str, level: str | None, licenses: str | int) -> TrialOut:
        return self._call(TrialOut, "POST", "/api/trials",
                         json={"product": product, "level": level, "licenses": licenses})

    # --- the Place Order screen ----------------------------------------------------------
    def checkout(self, vat_number: str | None = None) -> CheckoutOut:
        params = {"vat_number": vat_number} if vat_number else None
        return self._call(CheckoutOut, "GET", "/api/checkout", params=params)

    def place_order(self, *, idempotency_key: str, card: CardInput | None,
                    use_saved_card: bool, vat_number: str | None) -> OrderOut:
        """R12.4: the same key again (a retry after a lost answer) returns the first order."""
        body = {"card": asdict(card) if card is not None else None,
                "use_saved_card": use_saved_card, "vat_number": vat_number}
        return self._call(OrderOut, "POST", "/api/orders", json=body,
                         headers={"Idempotency-Key": idempotency_key})

    def order(self, order_id: int) -> OrderOut:
        return self._call(OrderOut, "GET", f"/api/orders/{int(order_id)}")

    # --- Manage user products, Messages --------------------------------------------------
    def users(self) -> list[UserLicensesOut]:
        return self._call(USERS, "GET", "/api/users")

    def assign_license(self, user_id: int, product: str) -> list[UserLicensesOut]:
        return self._call(USERS, "PUT", self._license_path(user_id, product))

    def unassign_license(self, user_id: int, product: str) -> list[UserLicensesOut]:
        return self._call(USERS, "DELETE", self._license_path(user_id, product))

    @staticmethod
    def _license_path(user_id: int, product: str) -> str:
        return f"/api/users/{int(user_id)}/licenses/{quote(product, safe='')}"

    def messages(self) -> list[EmailOut]:
        return self._call(EMAILS, "GET", "/api/messages")

    def close(self) -> None:
        if self._owns_http:
            self._http.close()
