"""The api driver: the Driver protocol over the HTTP contract of api.md, with urllib3.

It plays an API client used by one person: it sends the person's language
(`Accept-Language`), keeps the bearer token of the session, remembers what the person is
choosing in the add-subscription modal (the API has no modal: the choice is sent when it
is confirmed) and keeps its last requests and responses for failure reports.

Where a screen shows something the contract does not carry, the driver says so here:
- the Start Trial label (the contract has no trial button): the binding label of flow.md;
- "offers Add a new subscription": the account's `can_add_subscription` when the
  deployment sends it, else a billing contact (session `user.is_billing_contact`) of a
  standard account (`account.kind`), as R0.1/R0.2 say;
- the confirmation's Manage-user-products reminder: the order's `licenses_to_assign`
  when the deployment sends it, else whether the order adds licenses (a "new" line), as
  R12.2 says; its label is the binding label of flow.md.
Everything else is read from the deployment's responses, and each response is checked
against the contract's shapes (error body, status of each error code, money as decimal
strings, ISO dates): a deviation raises `ContractViolation`, never a silent pass.
"""

from __future__ import annotations

import json
import re
import uuid
from collections import deque
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from steps.driver import (
    AccountView,
    Action,
    ActiveProduct,
    CartItem,
    CartView,
    Confirmation,
    OfferedProduct,
    OrderLine,
    Payment,
    PlaceOrderPage,
    ProductLicenses,
    Refusal,
    Refused,
    SavedCard,
    Screen,
    Subscription,
    SubscriptionChoice,
    Term,
    TrialConfirmation,
    UserLicenses,
    UserProductsView,
)
from steps.drivers.http_session import HttpResponse, HttpSession
from steps.labels import label

# api.md, "Errors": the HTTP status of each code the rules use.
CODE_STATUS: dict[str, int] = {
    "invalid_credentials": 401,
    "not_signed_in": 401,
    "not_billing_contact": 403,
    "enterprise_account": 403,
    "validation": 422,
    "trial_not_allowed": 409,
    "already_subscribed": 409,
    "cart_empty": 409,
    "card_declined": 402,
    "insufficient_funds": 402,
    "expired_card": 402,
    "payment_error": 502,
    "idempotency_conflict": 409,
    "not_found": 404,
}

_CARD_FIELDS = {
    "number": "card_number",
    "exp_month": "card_expiry",
    "exp_year": "card_expiry",
    "cvc": "card_cvc",
    "name": "card_name",
}


class ContractViolation(AssertionError):
    """The deployment answered outside the contract of api.md."""


def field_key(api_field: str | None) -> str | None:
    """The label key of a field named by the API ("licenses", "card.number", "body.cvc")."""
    if not api_field:
        return None
    parts = [p for p in re.split(r"[.\[\]/]+", str(api_field)) if p and p != "body"]
    if not parts:
        return None
    last = parts[-1]
    if "card" in parts[:-1] or (last in _CARD_FIELDS and last != "name"):
        return _CARD_FIELDS.get(last, f"card_{last}")
    return last


def _licenses_value(typed: str) -> int | float | str:
    """What the person typed, as a JSON value: 3 -> 3, 1.5 -> 1.5, "ten" -> "ten"."""
    text = typed.strip()
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    try:
        return float(text)
    except ValueError:
        return typed


class ApiDriver:
    name = "api"

    def __init__(self, base_url: str, lang: str, *, timeout: float = 30.0, keep: int = 12):
        self.lang = lang
        self._http = HttpSession(
            base_url, headers={"Accept-Language": lang, "Accept": "application/json"},
            timeout=timeout)
        self._exchanges: deque[str] = deque(maxlen=keep)
        self._token: str | None = None
        self._user: dict[str, Any] | None = None
        self._catalog_cache: list[dict[str, Any]] | None = None
        self._offered: dict[str, dict[str, Any]] = {}
        self._choice: dict[str, Any] | None = None
        self._vat_number: str | None = None
        self._order_key: str | None = None
        self._order_body: dict[str, Any] | None = None

    def close(self) -> None:
        self._http.close()

    # --- plumbing ------------------------------------------------------------------------

    def _request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        params: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        expect: tuple[int, ...] = (200,),
    ) -> Any:
        all_headers = dict(headers or {})
        if self._token:
            all_headers["Authorization"] = f"Bearer {self._token}"
        response = self._http.request(method, path, json_body=json_body, params=params,
                                      headers=all_headers)
        self._record(response, json_body)
        if response.status_code >= 400:
            raise Refused(self._refusal(response))
        if response.status_code not in expect:
            raise ContractViolation(
                f"{method} {path}: expected status {expect}, got {response.status_code}: "
                f"{response.text[:500]}"
            )
        if response.status_code == 204 or not response.content:
            return None
        try:
            return response.json()
        except ValueError as exc:
            raise ContractViolation(
                f"{method} {path}: body is not JSON: {response.text[:300]}"
            ) from exc

    def _record(self, response: HttpResponse, body: Any) -> None:
        shown_headers = {
            k: ("Bearer …" if k.lower() == "authorization" else v)
            for k, v in response.request_headers.items()
            if k.lower() in ("accept-language", "authorization", "idempotency-key")
        }
        self._exchanges.append(
            f"> {response.method} {response.url}\n> {shown_headers}\n"
            + (f"> {json.dumps(body, ensure_ascii=False)}\n" if body is not None else "")
            + f"< {response.status_code}\n< {response.text[:2000]}\n"
        )

    def _refusal(self, response: HttpResponse) -> Refusal:
        where = f"{response.method} {response.url.partition('?')[0]}"
        if "Traceback" in response.text:
            raise ContractViolation(f"{where}: a stack trace reached the client")
        try:
            body = response.json()
            error = body["error"]
            code, message = error["code"], error["message"]
            api_field = error["field"]
        except (ValueError, KeyError, TypeError) as exc:
            raise ContractViolation(
                f"{where}: {response.status_code} body is not "
                f'{{"error": {{"code", "message", "field"}}}}: {response.text[:500]}'
            ) from exc
        if not isinstance(code, str) or not isinstance(message, str) or not message.strip():
            raise ContractViolation(f"{where}: error code/message missing: {error}")
        expected_status = CODE_STATUS.get(code)
        if expected_status is not None and response.status_code != expected_status:
            raise ContractViolation(
                f"{where}: code {code} must come with status {expected_status}, "
                f"got {response.status_code}"
            )
        if response.status_code >= 500 and code != "payment_error":
            raise ContractViolation(f"{where}: server error {response.status_code}: {error}")
        return Refusal(
            code=code,
            message=message,
            field=field_key(api_field),
            link=error.get("portal_url"),
        )

    def diagnostics(self) -> str:
        return "\n".join(self._exchanges) or "(no request made)"

    # --- reading the contract's shapes ---------------------------------------------------------

    @staticmethod
    def _money(value: Any, what: str) -> Decimal:
        if not isinstance(value, str):
            raise ContractViolation(f"{what}: money must be a decimal string, got {value!r}")
        try:
            return Decimal(value)
        except InvalidOperation as exc:
            raise ContractViolation(f"{what}: not a decimal: {value!r}") from exc

    @staticmethod
    def _date(value: Any, what: str) -> date:
        if not isinstance(value, str):
            raise ContractViolation(f"{what}: date must be an ISO string, got {value!r}")
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise ContractViolation(f"{what}: not an ISO date: {value!r}") from exc

    def _opt_date(self, value: Any, what: str) -> date | None:
        return None if value is None else self._date(value, what)

    def _catalog(self) -> list[dict[str, Any]]:
        if self._catalog_cache is None:
            self._catalog_cache = self._request("GET", "/api/catalog")
        return self._catalog_cache

    def _product(self, name_or_code: str) -> dict[str, Any]:
        wanted = name_or_code.casefold()
        for product in list(self._offered.values()) + self._catalog():
            if wanted in (product["name"].casefold(), product["code"].casefold()):
                return product
        raise KeyError(f"no product named {name_or_code!r} in the catalog")

    def _product_name(self, code: str, shown: str | None = None) -> str:
        if shown:
            return shown
        return self._product(code)["name"]

    def _level_of(self, product: dict[str, Any], name_or_code: str) -> dict[str, Any]:
        wanted = name_or_code.casefold()
        for level in product["levels"]:
            if wanted in (level["name"].casefold(), level["code"].casefold()):
                return level
        raise KeyError(f"{product['name']} has no level {name_or_code!r}")

    def _level_name(self, product_code: str, level_code: str, shown: str | None = None) -> str:
        if shown:
            return shown
        return self._level_of(self._product(product_code), level_code)["name"]

    def _subscription(self, sub: dict[str, Any]) -> Subscription:
        return Subscription(
            product=self._product_name(sub["product"], sub.get("product_name")),
            level=self._level_name(sub["product"], sub["level"], sub.get("level_name")),
            licenses=int(sub["licenses"]),
            assigned=int(sub["assigned"]),
            term=sub["term"],
            status=sub["status"],
            period_start=self._opt_date(sub.get("period_start"), "period_start"),
            period_end=self._opt_date(sub.get("period_end"), "period_end"),
            next_billing_date=self._opt_date(sub.get("next_billing_date"), "next_billing_date"),
            trial_end=self._opt_date(sub.get("trial_end"), "trial_end"),
        )

    def _line(self, line: dict[str, Any]) -> OrderLine:
        what = f"line {line.get('kind')} {line.get('product')}"
        return OrderLine(
            kind=line["kind"],
            product=self._product_name(line["product"], line.get("product_name")),
            level=self._level_name(line["product"], line["level"], line.get("level_name")),
            licenses=int(line["licenses"]),
            term=line["term"],
            period_start=self._date(line["period_start"], f"{what} period_start"),
            period_end=self._date(line["period_end"], f"{what} period_end"),
            rate=self._money(line["rate"], f"{what} rate"),
            amount=self._money(line["amount"], f"{what} amount"),
        )

    def _cart_view(self, cart: dict[str, Any]) -> CartView:
        items = tuple(
            CartItem(
                product=self._product_name(item["product"], item.get("product_name")),
                level=self._level_name(item["product"], item["level"], item.get("level_name")),
                licenses=int(item["licenses"]),
                term=item["term"],
            )
            for item in cart["items"]
        )
        primary = cart["primary_action"]
        if primary not in ("place_order", "add_to_cart"):
            raise ContractViolation(f"cart primary_action is {primary!r}")
        return CartView(items=items, offers_place_order=bool(items))

    def _page(self, checkout: dict[str, Any]) -> PlaceOrderPage:
        vat = checkout["vat"]
        return PlaceOrderPage(
            today=self._date(checkout["today"], "checkout today"),
            billing_day=int(checkout["billing_day"]),
            lines=tuple(self._line(line) for line in checkout["lines"]),
            subtotal=self._money(checkout["subtotal"], "subtotal"),
            vat_rate=self._money(vat["rate"], "vat.rate"),
            vat_amount=self._money(vat["amount"], "vat.amount"),
            reverse_charge=bool(vat["reverse_charge"]),
            vat_country=vat.get("country"),
            total_due=self._money(checkout["total_due"], "total_due"),
            currency=checkout["currency"],
        )

    def _confirmation(self, order: dict[str, Any]) -> Confirmation:
        lines = tuple(self._line(line) for line in order["lines"])
        vat = order["vat"]
        added = bool(order.get("licenses_to_assign", any(line.kind == "new" for line in lines)))
        return Confirmation(
            order_number=str(order["number"]),
            placed_on=self._date(order["placed_on"], "placed_on"),
            lines=lines,
            subtotal=self._money(order["subtotal"], "order subtotal"),
            vat_rate=self._money(vat["rate"], "order vat.rate"),
            vat_amount=self._money(vat["amount"], "order vat.amount"),
            total_due=self._money(order["total_due"], "order total_due"),
            currency=order.get("currency") or "",
            billing_day=int(order["billing_day"]),
            next_billing_date=self._date(order["next_billing_date"], "next_billing_date"),
            card_brand=order["card"]["brand"],
            card_last4=order["card"]["last4"],
            active=tuple(
                ActiveProduct(line.product, line.level, line.licenses, line.term)
                for line in lines
                if line.kind in ("new", "renewal")
            ),
            manage_users_reminder=added,
            manage_users_label=label("manage_user_products", self.lang) if added else None,
        )

    # --- session ---------------------------------------------------------------------------

    def sign_in(self, email: str, password: str) -> None:
        self._token = None
        self._catalog_cache = None
        self._offered = {}
        body = self._request(
            "POST", "/api/session", json_body={"email": email, "password": password}
        )
        self._token = body["token"]
        self._user = body["user"]

    def sign_out(self) -> None:
        # The token is kept on purpose: "signing out ends the session everywhere it is
        # used" (R1), so a copy of it used afterwards must be refused by the deployment.
        self._request("DELETE", "/api/session", expect=(200, 204))

    def view_account(self) -> AccountView:
        account = self._request("GET", "/api/account")
        card = account.get("card")
        is_billing_contact = bool(self._user and self._user.get("is_billing_contact"))
        return AccountView(
            name=account["name"],
            kind=account["kind"],
            country=account["country"],
            currency=account["currency"],
            billing_day=int(account["billing_day"]),
            today=self._date(account["today"], "account today"),
            vat_number=account.get("vat_number"),
            card=None
            if card is None
            else SavedCard(
                card["brand"], card["last4"], int(card["exp_month"]), int(card["exp_year"])
            ),
            subscriptions=tuple(self._subscription(s) for s in account["subscriptions"]),
            cart_count=int(account["cart_count"]),
            offers_add_subscription=bool(
                account.get(
                    "can_add_subscription",
                    is_billing_contact and account["kind"] == "standard",
                )
            ),
        )

    # --- choosing (steps 2 to 8) -------------------------------------------------------------

    def open_add_subscription(self) -> tuple[OfferedProduct, ...]:
        self._choice = None
        offered = self._request("GET", "/api/catalog/available")
        self._offered = {p["code"]: p for p in offered}
        return tuple(
            OfferedProduct(
                name=p["name"],
                can_buy=bool(p["can_buy"]),
                can_try=bool(p["can_try"]),
            )
            for p in offered
        )

    def _cart_before_choice(self) -> dict[str, Any] | None:
        """The cart as it stood when the product was chosen (None: not shown to this
        person): a page reads it once, not on every change of the choice."""
        choice = self._require_choice()
        if "cart" not in choice:
            try:
                cart = self._request("GET", "/api/cart")
            except Refused:
                cart = None  # the attempt will tell why
            else:
                self._cart_view(cart)  # checks the cart's shape
            choice["cart"] = cart
        return choice["cart"]

    def _buy_button_label(self) -> str:
        cart = self._cart_before_choice()
        if cart is None:
            return ""
        return cart.get("primary_action_label") or label(cart["primary_action"], self.lang)

    def choose(self, product: str, action: Action) -> SubscriptionChoice:
        chosen = self._product(product)
        levels = chosen["levels"]
        single = levels[0] if len(levels) == 1 else None
        self._choice = {
            "product": chosen,
            "action": action,
            "level": single,
            "level_picked": False,
            "licenses": "1",
            "term": None,
        }
        return self._choice_view()

    def _choice_view(self) -> SubscriptionChoice:
        choice = self._require_choice()
        product, level = choice["product"], choice["level"]
        buying = choice["action"] == "buy"
        return SubscriptionChoice(
            product=product["name"],
            action=choice["action"],
            levels_offered=tuple(lv["name"] for lv in product["levels"])
            if len(product["levels"]) > 1
            else (),
            level=None if level is None else level["name"],
            licenses=choice["licenses"],
            max_licenses=None if level is None else int(level["max_licenses"]),
            terms_offered=("monthly", "annual") if buying else (),
            term=choice["term"],
            primary_action_label=self._buy_button_label()
            if buying
            else label("start_trial", self.lang),
        )

    def _require_choice(self) -> dict[str, Any]:
        if self._choice is None:
            raise RuntimeError("no product chosen: choose() first")
        return self._choice

    def pick_level(self, level: str) -> SubscriptionChoice:
        choice = self._require_choice()
        choice["level"] = self._level_of(choice["product"], level)
        choice["level_picked"] = True
        return self._choice_view()

    def set_licenses(self, licenses: str) -> SubscriptionChoice:
        # The API has no modal: the value is checked by the deployment when the choice is
        # confirmed (confirm_choice raises the refusal at the "licenses" field).
        self._require_choice()["licenses"] = licenses
        return self._choice_view()

    def pick_term(self, term: Term) -> SubscriptionChoice:
        self._require_choice()["term"] = term
        return self._choice_view()

    def _choice_body(self) -> dict[str, Any]:
        choice = self._require_choice()
        body: dict[str, Any] = {
            "product": choice["product"]["code"],
            "licenses": _licenses_value(choice["licenses"]),
        }
        # R5: a one-level product's level goes unsaid; the deployment picks it.
        if choice["level"] is not None and (
            choice["level_picked"] or len(choice["product"]["levels"]) > 1
        ):
            body["level"] = choice["level"]["code"]
        return body

    def confirm_choice(self) -> Screen:
        choice = self._require_choice()
        body = self._choice_body()
        if choice["action"] == "try":
            trial = self._request("POST", "/api/trials", json_body=body, expect=(201,))
            sub = trial["subscription"]
            return TrialConfirmation(
                product=self._product_name(sub["product"], sub.get("product_name")),
                level=self._level_name(sub["product"], sub["level"], sub.get("level_name")),
                licenses=int(sub["licenses"]),
                trial_end=self._date(trial["trial_end"], "trial_end"),
            )
        before = self._cart_before_choice() or self._request("GET", "/api/cart")
        if choice["term"] is not None:
            body["term"] = choice["term"]
        cart = self._request("POST", "/api/cart/items", json_body=body, expect=(200, 201))
        self._choice = None
        if before["primary_action"] == "place_order":
            return self.open_place_order()
        return self._cart_view(cart)

    # --- cart and Place Order page ---------------------------------------------------------------

    def view_cart(self) -> CartView:
        return self._cart_view(self._request("GET", "/api/cart"))

    def open_place_order(self) -> PlaceOrderPage:
        params = {"vat_number": self._vat_number} if self._vat_number else None
        return self._page(self._request("GET", "/api/checkout", params=params))

    def enter_vat_number(self, vat_number: str | None) -> PlaceOrderPage:
        self._vat_number = vat_number
        return self.open_place_order()

    def _cart_item_id(self, product: str) -> Any:
        code = self._product(product)["code"]
        for item in self._request("GET", "/api/cart")["items"]:
            if item["product"] == code:
                return item["id"]
        raise KeyError(f"{product} is not in the cart")

    def edit_item(
        self,
        product: str,
        *,
        level: str | None = None,
        licenses: str | None = None,
        term: Term | None = None,
    ) -> PlaceOrderPage:
        item_id = self._cart_item_id(product)
        changes: dict[str, Any] = {}
        if level is not None:
            changes["level"] = self._level_of(self._product(product), level)["code"]
        if licenses is not None:
            changes["licenses"] = _licenses_value(licenses)
        if term is not None:
            changes["term"] = term
        self._request("PATCH", f"/api/cart/items/{item_id}", json_body=changes)
        return self.open_place_order()

    def remove_item(self, product: str) -> PlaceOrderPage | CartView:
        item_id = self._cart_item_id(product)
        cart = self._request("DELETE", f"/api/cart/items/{item_id}")
        if cart and cart.get("items"):
            return self.open_place_order()
        return self.view_cart()

    # --- payment -------------------------------------------------------------------------

    def _order_body_for(self, payment: Payment) -> dict[str, Any]:
        card = payment.card
        return {
            "card": None
            if card is None
            else {
                "name": card.holder,
                "number": card.number,
                "exp_month": card.exp_month,
                "exp_year": card.exp_year,
                "cvc": card.cvc,
            },
            "use_saved_card": payment.use_saved_card,
            "vat_number": self._vat_number,
        }

    def _place(self, expect: tuple[int, ...]) -> Confirmation:
        order = self._request(
            "POST",
            "/api/orders",
            json_body=self._order_body,
            headers={"Idempotency-Key": str(self._order_key)},
            expect=expect,
        )
        return self._confirmation(order)

    def pay(self, payment: Payment) -> Confirmation:
        self._order_key = str(uuid.uuid4())
        self._order_body = self._order_body_for(payment)
        return self._place(expect=(201,))

    def pay_twice(self, payment: Payment) -> tuple[Confirmation, ...]:
        first = self.pay(payment)
        # api.md: the same key with the same body returns the same order with 200.
        return first, self._place(expect=(200,))

    def pay_again(self, payment: Payment) -> Confirmation:
        if self._order_key is None:
            raise RuntimeError("nothing was submitted yet: pay() first")
        self._order_body = self._order_body_for(payment)
        return self._place(expect=(200,))

    # --- users and licenses (R13) --------------------------------------------------------

    def manage_user_products(self) -> UserProductsView:
        users = self._request("GET", "/api/users")
        account = self._request("GET", "/api/account")
        return UserProductsView(
            users=tuple(
                UserLicenses(
                    email=u["email"],
                    name=u.get("name") or "",
                    is_billing_contact=bool(u["is_billing_contact"]),
                    products=tuple(self._product_name(code) for code in u["licenses"]),
                )
                for u in users
            ),
            products=tuple(
                ProductLicenses(
                    product=self._product_name(s["product"], s.get("product_name")),
                    assigned=int(s["assigned"]),
                    total=int(s["licenses"]),
                )
                for s in account["subscriptions"]
                if s["status"] in ("active", "trialing")
            ),
        )

    def _user_id(self, email: str) -> Any:
        # A client knows its own person's id from the session: her own licenses are tried
        # on the license itself, not stopped at the list of users (a direct attempt).
        if self._user and self._user["email"].casefold() == email.casefold():
            return self._user["id"]
        for user in self._request("GET", "/api/users"):
            if user["email"].casefold() == email.casefold():
                return user["id"]
        raise KeyError(f"no user {email} in Manage user products")

    def assign_license(self, user_email: str, product: str) -> UserProductsView:
        user_id, code = self._user_id(user_email), self._product(product)["code"]
        self._request("PUT", f"/api/users/{user_id}/licenses/{code}", expect=(200, 201, 204))
        return self.manage_user_products()

    def unassign_license(self, user_email: str, product: str) -> UserProductsView:
        user_id, code = self._user_id(user_email), self._product(product)["code"]
        self._request("DELETE", f"/api/users/{user_id}/licenses/{code}", expect=(200, 204))
        return self.manage_user_products()
