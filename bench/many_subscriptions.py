"""What an account's size costs: the Place Order page and placing an order for an account
holding 1,000 subscriptions, against the same for an account holding one (issue 10's
target: at most 3x).

Run by hand (not a test), from the repository:

    python bench/many_subscriptions.py                  # 1 and 1,000 subscriptions
    python bench/many_subscriptions.py --held 1 200 1000 --orders 7

In this process, through the service facade the API calls (no HTTP: the HTTP stack costs
the same whatever the account holds), on a fresh SQLite file with the default catalog plus
one bulk product per subscription, shaped like GoToMeeting Business (an account holds one
subscription per product), held with 1 to 250 licenses, monthly or annual. Every account
has the worked example's cart: GoToWebinar Pro, 3 licenses, annual. Times are the CPU time
of this thread (`thread_time`): SQLite runs in it, and the background thread that hashes
test passwords is left out. The Place Order page is timed on one account per size, placing
an order on a fresh account per order (an order empties the cart); medians are printed.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from backend.bootstrap import build  # noqa: E402
from backend.service_layer.catalog_data import read_catalog, sync_catalog  # noqa: E402
from backend.service_layer.inputs import CardInput  # noqa: E402
from backend.settings import Settings  # noqa: E402

TODAY = date(2026, 11, 26)
# The held subscriptions' billing day: on the 15th, placing the order re-aligns every one of
# them to today (R10.3: a credit line and a new period each, on the page, the order and the
# email); on today's day (26) they already start today and are left alone.
BILLING_DAYS = {"re-aligned": 15, "aligned": TODAY.day}
CART = [{"product": "gotowebinar", "level": "pro", "licenses": 3, "term": "annual"}]
CARD = CardInput(name="Bench Buyer", number="4242424242424242", exp_month=12,
                 exp_year=2031, cvc="123")


def bulk_catalog(count: int):
    catalog = read_catalog()
    template = catalog.get("gotomeeting")
    business = template.resolve_level("business")
    bulk = tuple(dataclasses.replace(template, code=f"bulk-{i:04}", name=f"Bulk {i:04}",
                                     levels=(business,))
                 for i in range(count))
    return dataclasses.replace(catalog, products=catalog.products + bulk)


def signed_in_account(service, held: int, billing_day: int):
    # licenses and terms vary, so the lines' amounts do too (as in a real account)
    subscriptions = [{"product": f"bulk-{i:04}", "level": "business", "licenses": 1 + i % 250,
                      "term": ("monthly", "annual")[i % 2]} for i in range(held)]
    made = service.create_test_account(country="FR", today=TODAY, billing_day=billing_day,
                                       subscriptions=subscriptions, cart=CART)
    contact = made.billing_contact
    return service.authenticate(service.sign_in(contact.email, contact.password).token)


def cpu_ms(call) -> tuple[float, object]:
    start = time.thread_time()
    result = call()
    return (time.thread_time() - start) * 1000, result


def measure(service, held: int, billing_day: int, pages: int,
            orders: int) -> dict[str, float]:
    who = signed_in_account(service, held, billing_day)
    service.checkout(who)  # once untimed: first-use caches (catalog, statements) fill
    page = statistics.median(cpu_ms(lambda: service.checkout(who))[0] for _ in range(pages))
    placed = []
    for _ in range(orders):
        buyer = signed_in_account(service, held, billing_day)
        spent, result = cpu_ms(lambda b=buyer: service.place_order(
            b, idempotency_key=str(uuid.uuid4()), card=CARD))
        assert result.created
        placed.append(spent)
    return {"page": page, "order": statistics.median(placed)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held", type=int, nargs="+", default=[1, 1000],
                        help="subscriptions held (the first is the baseline)")
    parser.add_argument("--pages", type=int, default=21, help="Place Order pages timed")
    parser.add_argument("--orders", type=int, default=5, help="orders timed per size")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        backend = build(Settings(database_url=f"sqlite:///{tmp}/bench.db"))
        sync_catalog(backend.uow(), bulk_catalog(max(args.held)))
        results = {(case, held): measure(backend.service, held, day, args.pages, args.orders)
                   for case, day in BILLING_DAYS.items() for held in args.held}
        backend.engine.dispose()
    print(f"{'held subscriptions':<24} {'page ms':>9} {'x':>6} {'order ms':>9} {'x':>6}"
          "   (CPU, medians; x: against the first size)")
    for (case, held), r in results.items():
        base = results[case, args.held[0]]
        print(f"{f'{held} {case}':<24} {r['page']:>9.2f} {r['page'] / base['page']:>6.2f} "
              f"{r['order']:>9.2f} {r['order'] / base['order']:>6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
