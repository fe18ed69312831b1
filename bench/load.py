"""Load benchmark of the deployment over HTTP: orders per second, latency and memory.

Run by hand (not a test). Starts `billing-center serve` in test mode on a loopback port
(optionally with --workers), makes the accounts it needs through the test-control API
(untimed), then runs CLIENTS concurrent clients through one scenario:

- ``orders``: accounts already signed in, each with one item in its cart; only
  ``POST /api/orders`` is timed, each order with its own Idempotency-Key.
- ``flow``: the whole purchase as a person does it: sign in (``POST /api/session``), add to
  cart (``POST /api/cart/items``), the Place Order page (``GET /api/checkout``), place the
  order (``POST /api/orders``); every request is timed, orders/s counts whole flows.

Prints orders/s, p50/p95/p99 per request kind, errors, and the server's peak RSS (VmHWM;
with workers, the largest process and the sum).

    python bench/load.py                                   # SQLite, orders, 1 16 64 clients
    python bench/load.py --scenario flow --clients 16
    python bench/load.py --db postgresql+psycopg://postgres@127.0.0.1:5432/test --workers 2
    python bench/load.py --clients 16 --orders 10000       # memory after 10,000 orders

Why not locust: it installs here, but its wheel registers a pytest plugin (``pytest11``
entry point) that adds a ``--host``/``-H`` option and ``session``/``fastsession`` fixtures to
every pytest run of the environment, the shared test suite's included, and brings gevent and
about twenty packages with it. What a benchmark needs from it is small: many concurrent
clients that cost the load generator little CPU, since on a two-core machine the client and
the server share the cores. So the clients here are asyncio coroutines speaking HTTP/1.1
over keep-alive connections with pre-encoded requests (about 50 µs of client CPU per
request, much less than httpx), in this process, apart from the server's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx

CARD = {"name": "Bench Buyer", "number": "4242424242424242", "exp_month": 12,
        "exp_year": 2031, "cvc": "123"}
ACCOUNT = {"country": "FR", "today": "2026-11-26", "billing_day": 15,
           "subscriptions": [{"product": "gotomeeting", "level": "business",
                              "licenses": 2, "term": "monthly"}]}
ITEM = {"product": "gotowebinar", "level": "pro", "licenses": 3, "term": "annual"}
ROOT = Path(__file__).resolve().parents[1]


# --- the server -------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, token: str, workers: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    paths = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    cmd = [sys.executable, "-m", "backend.cli", "serve", "--port", str(port), "--db", db,
           "--test-token", token, "--log-level", "warning"]
    if workers > 1:
        cmd += ["--workers", str(workers)]
    # stderr to a file, not a pipe: a pipe nobody reads during the run would block the
    # server once it filled (a burst of warnings or tracebacks)
    log = tempfile.NamedTemporaryFile(prefix="bench-server-", suffix=".log", delete=False)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    healthy = 0
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {Path(log.name).read_text(errors='replace')}")
        try:
            if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                healthy += 1
                if healthy >= 3 * workers:  # every worker is likely up, not just the first
                    return proc, port
                continue
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not become healthy within 60 s")


def process_tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                pass
    return pids


def peak_rss_mib(pid: int, field: str = "VmHWM") -> float:
    """Peak resident memory (VmHWM) of a process; `field="VmRSS"`: its memory now."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_seconds(pids: list[int], which: tuple[int, ...] = (11, 12)) -> float:
    """User + system CPU time the processes have used so far (`which=(12,)`: system only)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += sum(int(fields[i]) for i in which)  # 11 utime, 12 stime (clock ticks)
        except OSError:
            pass
    return total / os.sysconf("SC_CLK_TCK")


def rss_mib(pid: int) -> float:
    return peak_rss_mib(pid, "VmRSS")


# --- accounts, made through the test-control API (untimed) ------------------------------------
def make_accounts(port: int, token: str, count: int, *, cart: bool, sign_in: bool) -> list:
    """Each: {"email", "password", "token"?}. Made by a few threads: argon2 (hash at creation,
    verify at sign-in) releases the GIL, so the server's cores are used."""
    spec = {**ACCOUNT, **({"cart": [ITEM]} if cart else {})}

    # A new connection per request: set-up is not timed, and on a busy machine a thread
    # could come back to a kept-alive connection just as the server closed it as idle
    # (uvicorn's 5 s), which failed a 10,000-account set-up half-way. One client for all
    # the threads: making an httpx.Client builds an SSL context, 50-100 ms of CPU, which
    # made the set-up client-bound.
    fresh = httpx.Limits(max_keepalive_connections=0)

    def create(_i: int) -> dict:
        r = http.post("/api/testing/accounts", headers={"X-Test-Token": token}, json=spec)
        r.raise_for_status()
        return r.json()["billing_contact"]

    def signed_in(creds: dict) -> dict:
        s = http.post("/api/session", json=creds)
        s.raise_for_status()
        return {**creds, "token": s.json()["token"]}

    # Every account is made first and signed in after: a 10,000-account set-up takes longer
    # than a session's 30 idle minutes on a busy machine, and the first sessions expired
    # before the timed phase began.
    with (httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60, limits=fresh) as http,
          ThreadPoolExecutor(8) as pool):
        accounts = list(pool.map(create, range(count)))
        return list(pool.map(signed_in, accounts)) if sign_in else accounts


# --- a small HTTP/1.1 keep-alive client ---------------------------------------------------------
class Connection:
    def __init__(self, port: int):
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: object | None = None,
                      headers: dict | None = None) -> tuple[int, bytes]:
        payload = b"" if body is None else json.dumps(body).encode()
        head = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{self.port}",
                f"Content-Length: {len(payload)}"]
        if body is not None:
            head.append("Content-Type: application/json")
        head += [f"{k}: {v}" for k, v in (headers or {}).items()]
        raw = ("\r\n".join(head) + "\r\n\r\n").encode() + payload
        for attempt in (1, 2):  # the server may have closed an idle keep-alive connection
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
            try:
                self.writer.write(raw)
                await self.writer.drain()
                return await self._response()
            except (ConnectionError, asyncio.IncompleteReadError):
                self.writer.close()
                self.writer = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _response(self) -> tuple[int, bytes]:
        assert self.reader is not None
        status = int((await self.reader.readuntil(b"\r\n")).split()[1])
        length, close = 0, False
        while (line := await self.reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.decode("latin-1").partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "connection" and value.strip().lower() == "close":
                close = True
            elif name == "transfer-encoding":
                raise RuntimeError("chunked responses are not expected from this API")
        data = await self.reader.readexactly(length)
        if close:
            assert self.writer is not None
            self.writer.close()
            self.writer = None
        return status, data

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


# --- scenarios ------------------------------------------------------------------------------------
async def run_clients(port: int, clients: int, accounts: list, scenario: str,
                      timings: dict, errors: list) -> float:
    todo = iter(accounts)

    async def client() -> None:
        conn = Connection(port)
        try:
            for acct in todo:
                if scenario == "orders":
                    auth = {"Authorization": "Bearer " + acct["token"]}
                    steps = [("place_order", "POST", "/api/orders", {"card": CARD},
                              {"Idempotency-Key": str(uuid.uuid4())})]
                else:
                    auth = {}
                    steps = [
                        ("sign_in", "POST", "/api/session",
                         {"email": acct["email"], "password": acct["password"]}, {}),
                        ("add_to_cart", "POST", "/api/cart/items", ITEM, {}),
                        ("place_order_page", "GET", "/api/checkout", None, {}),
                        ("place_order", "POST", "/api/orders", {"card": CARD},
                         {"Idempotency-Key": str(uuid.uuid4())}),
                    ]
                for name, method, path, body, extra in steps:
                    started = time.perf_counter()
                    status, data = await conn.request(method, path, body, {**auth, **extra})
                    timings[name].append(time.perf_counter() - started)
                    if status >= 400:
                        errors.append((name, status, data[:200]))
                        break
                    if name == "sign_in":
                        auth = {"Authorization": "Bearer " + json.loads(data)["token"]}
        finally:
            conn.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def bench(args, clients: int, db: str) -> dict:
    token = secrets.token_hex(8)
    proc, port = start_server(db, token, args.workers)
    try:
        orders = args.orders or max(200, 25 * clients)
        accounts = make_accounts(port, token, orders, cart=args.scenario == "orders",
                                 sign_in=args.scenario == "orders")
        timings: dict[str, list[float]] = defaultdict(list)
        errors: list = []
        spy = None
        if args.profile:  # py-spy samples the server (and its workers) during the load only
            spy = subprocess.Popen(["py-spy", "record", "--pid", str(proc.pid), "--subprocesses",
                                    "--format", "raw", "--output", args.profile, "--rate", "100",
                                    "--gil", "--nonblocking"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1)
        cpu_before = cpu_seconds(process_tree(proc.pid))
        sys_before = cpu_seconds(process_tree(proc.pid), (12,))
        wall = asyncio.run(run_clients(port, clients, accounts, args.scenario, timings,
                                       errors))
        if spy is not None:
            spy.send_signal(2)
            spy.wait(timeout=30)
        pids = process_tree(proc.pid)
        cpu = cpu_seconds(pids) - cpu_before
        sys_cpu = cpu_seconds(pids, (12,)) - sys_before
        rss = [peak_rss_mib(p) for p in pids]
        now_rss = [rss_mib(p) for p in pids]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
    placed = len(timings["place_order"]) - sum(1 for e in errors if e[0] == "place_order")
    return {"clients": clients, "orders": placed, "wall": wall, "timings": timings,
            "errors": errors, "rss_max": max(rss), "rss_sum": sum(rss), "procs": len(rss),
            "rss_now": sum(now_rss), "cpu": cpu, "sys_cpu": sys_cpu}


def report(result: dict, kind: str, args) -> None:
    c, wall = result["clients"], result["wall"]
    workers = f", {args.workers} workers" if args.workers > 1 else ""
    print(f"\n{kind}{workers}, scenario {args.scenario}, {c} clients: {result['orders']} orders "
          f"in {wall:.1f} s = {result['orders'] / wall:.0f} orders/s")
    print(f"  {'request':<18}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'max ms':>8}")
    for name, values in result["timings"].items():
        p = [percentile(values, q) * 1000 for q in (50, 95, 99, 100)]
        print(f"  {name:<18}" + "".join(f"{v:>8.1f}" for v in p))
    rss = f"{result['rss_max']:.0f} MiB"
    if result["procs"] > 1:
        rss += f" (largest of {result['procs']} processes; {result['rss_sum']:.0f} MiB in all)"
    per = result["cpu"] / max(1, result["orders"]) * 1000
    print(f"  server CPU: {result['cpu']:.1f} s ({result['sys_cpu']:.1f} s of it in the "
          f"kernel), {per:.2f} ms per order")
    print(f"  server RSS after the run: {result['rss_now']:.0f} MiB; peak (account set-up's "
          f"argon2 hashing included): {rss}; errors: {len(result['errors'])}")
    for err in result["errors"][:5]:
        print("   ", err)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file per run)")
    parser.add_argument("--scenario", choices=["orders", "flow"], default="orders")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 16, 64])
    parser.add_argument("--orders", type=int, help="orders per run (default: 25 per client, "
                                                     "at least 200)")
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument("--profile", metavar="FILE",
                        help="sample the server with py-spy during the load (raw format, "
                             "for flamegraph.pl or speedscope)")
    args = parser.parse_args()
    failed = False
    for clients in args.clients:
        with tempfile.TemporaryDirectory() as tmp, fresh_database(args.db, tmp) as db:
            kind = "PostgreSQL" if db.startswith("postgresql") else "SQLite"
            result = bench(args, clients, db)
            report(result, kind, args)
            failed |= bool(result["errors"])
    return 1 if failed else 0


@contextmanager
def fresh_database(url: str | None, tmp: str):
    """Every run starts empty: a new SQLite file, or on PostgreSQL a new schema (named in
    the URL's search_path, dropped afterwards), so the database's other schemas are left
    alone."""
    if not url:
        yield f"sqlite:///{os.path.join(tmp, 'bench.db')}"
        return
    if not url.startswith("postgresql"):
        yield url
        return
    from sqlalchemy import create_engine

    schema = f"bench_{secrets.token_hex(4)}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        sep = "&" if "?" in url else "?"
        yield f"{url}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        admin.dispose()


if __name__ == "__main__":
    sys.exit(main())
