"""The `billing-center` command. Imports stay inside the commands so `--help` is instant."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import socket

# A command another part of the product adds to the parser's subcommands (the TUI's `tui`,
# named by the composition root in billing_center/cli.py: the backend knows none).
Command = Callable[[argparse._SubParsersAction], None]


def _port(text: str) -> int:
    """A TCP port a server can listen on: 1 to 65535 (0 would mean "any free port", which
    the announced address could not name)."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port is from 1 to 65535, not {port}")
    return port


MAX_WORKERS = 64


def _workers(text: str) -> int:
    try:
        workers = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of workers: {text!r}") from None
    if not 1 <= workers <= MAX_WORKERS:
        raise argparse.ArgumentTypeError(f"workers are from 1 to {MAX_WORKERS}, not {workers}")
    return workers


def _parser(commands: Iterable[Command] = ()) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="billing-center",
        description="Billing Center: add a subscription or a free trial to an account.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser(
        "serve", help="run the HTTP API (the deployment the TUI and the tests talk to)",
        description="Migrate the database, load the default catalog, then serve the HTTP "
                    "API until interrupted.")
    serve.add_argument("--host", default="127.0.0.1",
                       help="interface to listen on (default: %(default)s)")
    serve.add_argument("--port", type=_port, default=8000,
                       help="TCP port to listen on (default: %(default)s)")
    serve.add_argument("--db", metavar="URL",
                       help="SQLAlchemy database URL; default BILLING_DATABASE_URL, else "
                            "sqlite:///billing-center.db in the current folder")
    serve.add_argument("--test-token", metavar="TOKEN",
                       help="start in test mode: serve /api/testing/ to callers that send "
                            "this token in X-Test-Token (default: BILLING_TEST_TOKEN; "
                            "none means no test mode)")
    serve.add_argument("--demo", action="store_true",
                       help="create a demo account and print how to sign in to it")
    serve.add_argument("--workers", type=_workers, default=1, metavar="N",
                       help="server processes sharing the port (default: %(default)s); more "
                            "than one needs PostgreSQL: SQLite's writers queue within one "
                            "process")
    serve.add_argument("--log-level", default="info",
                       choices=["critical", "error", "warning", "info", "debug"],
                       help="server log level (default: %(default)s)")

    sub.add_parser("accept", add_help=False,
                   help="run the packaged acceptance suite (pytest options follow; "
                        "accept --help)")

    migrate = sub.add_parser("migrate", help="bring the database schema up to date and exit")
    migrate.add_argument("--db", metavar="URL", help="database URL (as for serve)")

    for register in commands:
        register(sub)
    return parser


def _settings(args):
    from backend.settings import Settings

    overrides = {}
    if getattr(args, "db", None):
        overrides["database_url"] = args.db
    if getattr(args, "test_token", None):
        overrides["test_token"] = args.test_token
    return Settings(**overrides)


class CannotListen(Exception):
    """The address to serve on cannot be bound; the message is the line to print."""


def _listen(host: str, port: int) -> socket.socket:
    """The server's socket, bound before anything else is done, so a taken port is told in
    one line at once (uvicorn would log it among its startup messages)."""
    import socket  # here: the TUI's start does not need it

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family)
    except OSError as err:  # "Address already in use", without the address told twice
        reason = os.strerror(err.errno) if (err.errno or 0) > 0 else err.strerror or err
        raise CannotListen(f"billing-center: cannot listen on {host}:{port}: {reason}") from err


class CannotServe(Exception):
    """The options asked for something this deployment cannot do; the message is the line
    to print."""


def _check_workers(args, settings) -> None:
    from sqlalchemy.engine import make_url

    if args.workers > 1 and make_url(settings.database_url).get_backend_name() == "sqlite":
        raise CannotServe(
            f"billing-center: --workers {args.workers} needs PostgreSQL: on SQLite, writers "
            "queue within one process only, so serve it with one worker")


def _serve(args) -> int:
    import uvicorn

    from backend.api.app import create_app, freeze_heap
    from backend.bootstrap import build

    settings = _settings(args)
    _check_workers(args, settings)
    if args.workers > 1:
        return _serve_workers(args, settings)

    class AnnouncingServer(uvicorn.Server):
        """Says where the API is only once it really serves: the app has started and the
        socket accepts connections."""

        async def startup(self, sockets=None) -> None:
            await super().startup(sockets)
            if self.started:
                host = f"[{args.host}]" if ":" in args.host else args.host
                print(f"Billing Center on http://{host}:{args.port} (API docs at /docs)",
                      flush=True)

    sock = _listen(args.host, args.port)
    with sock:
        backend = build(settings)
        if args.demo:
            from backend.service_layer.demo import create_demo_account

            creds = create_demo_account(backend)
            print(f"Demo account: {creds.email} / {creds.password}", flush=True)
        config = uvicorn.Config(freeze_heap(create_app(backend)), host=args.host, port=args.port,
                                log_level=args.log_level)
        server = AnnouncingServer(config)
        server.run(sockets=[sock])
    return 0 if server.started else 3


def _serve_workers(args, settings) -> int:
    """N processes accept on one socket, bound here; each builds its own Backend (engine,
    pool) from the environment (backend.api.app.create_worker_app). The schema and the
    catalog are brought up to date once, here, before any worker starts."""
    import threading
    import time
    import urllib.request

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from backend.bootstrap import build

    sock = _listen(args.host, args.port)
    with sock:
        backend = build(settings, workers=1)
        if args.demo:
            from backend.service_layer.demo import create_demo_account

            creds = create_demo_account(backend)
            print(f"Demo account: {creds.email} / {creds.password}", flush=True)
        backend.engine.dispose()  # the workers open their own connections
        # the workers are new interpreters: they read the settings from the environment
        os.environ["BILLING_DATABASE_URL"] = settings.database_url
        if settings.test_token:
            os.environ["BILLING_TEST_TOKEN"] = settings.test_token
        os.environ["BILLING_WORKERS"] = str(args.workers)
        config = uvicorn.Config("backend.api.app:create_worker_app", factory=True,
                                host=args.host, port=args.port, workers=args.workers,
                                log_level=args.log_level)
        host = f"[{args.host}]" if ":" in args.host else args.host
        shown = f"http://{host}:{args.port}"
        local = "127.0.0.1" if args.host in ("0.0.0.0", "") else host
        if args.host == "::":
            local = "[::1]"

        def announce() -> None:
            """Says where the API is once a worker answers on it."""
            while True:
                try:
                    with urllib.request.urlopen(f"http://{local}:{args.port}/api/health",
                                                timeout=1):
                        break
                except OSError:
                    time.sleep(0.1)
            print(f"Billing Center on {shown} (API docs at /docs; {args.workers} workers)",
                  flush=True)

        threading.Thread(target=announce, daemon=True).start()
        Multiprocess(config, sockets=[sock]).run()
    return 0


def _migrate(args) -> int:
    from backend.adapters.database import make_engine
    from backend.adapters.migrations import upgrade

    settings = _settings(args)
    upgrade(make_engine(settings.database_url))
    print("Database schema is up to date.")
    return 0


def _database_problem(err: Exception, url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        shown = make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL is shown as typed: it holds no usable password
        shown = url
    reason = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
    return f"billing-center: cannot use the database {shown}: {reason}"


def main(argv: list[str] | None = None, commands: Iterable[Command] = ()) -> int:
    """Runs a command. `python -m backend.cli` knows the backend's own; `billing-center`
    (billing_center/cli.py) adds the terminal app's."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["accept"]:  # everything after it is pytest's
        from backend.accept import main as accept

        return accept(argv[1:])
    args = _parser(commands).parse_args(argv)
    try:
        run = getattr(args, "run", None) or {"serve": _serve, "migrate": _migrate}[args.command]
        return run(args)
    except (CannotListen, CannotServe) as err:
        print(err, file=sys.stderr)
        return 2
    except Exception as err:
        from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

        from backend.adapters.database import DatabaseUnusable

        if isinstance(err, (ArgumentError, NoSuchModuleError, OperationalError,
                            DatabaseUnusable)):
            print(_database_problem(err, _settings(args).database_url), file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
