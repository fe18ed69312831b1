"""Latency of the add-subscription flow over HTTP, with concurrent buyers.

Run by hand (not a test): starts `billing-center serve` in test mode on a loopback port,
then CLIENTS threads each take fresh accounts through sign-in, add to cart, the Place Order
page and placing the order. Prints p50/p95/p99 per request kind, orders per second and the
server's peak memory (RSS).

    python bench/order_flow.py                        # SQLite file in a temp folder
    python bench/order_flow.py --db postgresql+psycopg://postgres@127.0.0.1:5432/test
    python bench/order_flow.py --clients 8 --orders 200
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path

import httpx

CARD = {"name": "Bench Buyer", "number": "4242424242424242", "exp_month": 12,
        "exp_year": 2031, "cvc": "123"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, token: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "backend.cli", "serve", "--port", str(port), "--db", db,
         "--test-token", token, "--log-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode()}")
        try:
            if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                return proc, base
        except httpx.TransportError:
            try:  # not listening yet: give it a moment, or notice at once that it died
                proc.wait(timeout=0.1)
            except subprocess.TimeoutExpired:
                pass
    proc.kill()
    raise SystemExit("server did not become healthy within 30 s")


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def buyer(base: str, token: str, orders: int, timings: dict, errors: list,
          lock: threading.Lock) -> None:
    with httpx.Client(base_url=base, timeout=30) as http:
        for _ in range(orders):
            acct = http.post("/api/testing/accounts", headers={"X-Test-Token": token}, json={
                "country": "FR", "today": "2026-11-26", "billing_day": 15,
                "subscriptions": [{"product": "gotomeeting", "level": "business",
                                   "licenses": 2, "term": "monthly"}]}).json()
            steps = [
                ("sign_in", "POST", "/api/session", acct["billing_contact"], {}),
                ("add_to_cart", "POST", "/api/cart/items",
                 {"product": "gotowebinar", "level": "pro", "licenses": 3, "term": "annual"}, {}),
                ("place_order_page", "GET", "/api/checkout", None, {}),
                ("place_order", "POST", "/api/orders", {"card": CARD},
                 {"Idempotency-Key": str(uuid.uuid4())}),
            ]
            headers: dict = {}
            for name, method, path, body, extra in steps:
                started = time.perf_counter()
                r = http.request(method, path, json=body, headers={**headers, **extra})
                elapsed = time.perf_counter() - started
                with lock:
                    timings[name].append(elapsed)
                    if r.status_code >= 400:
                        errors.append((name, r.status_code, r.text[:200]))
                if name == "sign_in":
                    headers = {"Authorization": "Bearer " + r.json()["token"]}


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 \
        else values[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--orders", type=int, default=25, help="orders per client")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or f"sqlite:///{os.path.join(tmp, 'bench.db')}"
        token = secrets.token_hex(8)
        proc, base = start_server(db, token)
        try:
            timings: dict[str, list[float]] = defaultdict(list)
            errors: list = []
            lock = threading.Lock()
            threads = [threading.Thread(target=buyer,
                                        args=(base, token, args.orders, timings, errors, lock))
                       for _ in range(args.clients)]
            started = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - started
            rss = peak_rss_mib(proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    kind = "PostgreSQL" if db.startswith("postgresql") else "SQLite"
    total = args.clients * args.orders
    print(f"{kind}, {args.clients} concurrent clients, {total} orders in {wall:.1f} s "
          f"({total / wall:.1f} orders/s, the test-control account set-up included)")
    print(f"{'request':<18}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}")
    for name, values in timings.items():
        print(f"{name:<18}{percentile(values, 50) * 1000:>8.1f}"
              f"{percentile(values, 95) * 1000:>8.1f}{percentile(values, 99) * 1000:>8.1f}")
    print(f"server peak RSS: {rss:.0f} MiB; errors: {len(errors)}")
    for err in errors[:5]:
        print("  ", err)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
