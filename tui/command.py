"""`billing-center tui`: the terminal app's command, added to the backend's command line by
the composition root, billing_center/cli.py (the backend imports nothing of tui/).
Only argparse here, so `billing-center --help` stays instant."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    tui = sub.add_parser(
        "tui", help="run the terminal app (embedded, on a database, or against a deployment)",
        description="The Billing Center in the terminal: sign in, add a subscription or a "
                    "free trial, place the order, assign the licenses. With no option it "
                    "runs on a demo database in your data folder, made on first use, and "
                    "shows the demo account's email and password on the sign-in screen.")
    where = tui.add_mutually_exclusive_group()
    where.add_argument("--db", metavar="URL",
                       help="run the Billing Center in-process on this SQLAlchemy database "
                            "URL (migrated on start), e.g. sqlite:///billing-center.db")
    where.add_argument("--url", metavar="URL",
                       help="talk to a running deployment over HTTP, e.g. "
                            "http://127.0.0.1:8000 (checked before the app starts)")
    tui.add_argument("--email", metavar="E",
                     help="pre-fill the sign-in screen with this email")
    tui.add_argument("--lang", choices=["en", "fr"],
                     help="language of the app (default: from LC_ALL, LC_MESSAGES or LANG, "
                          "else en); F2 or the command palette switches it while running")
    tui.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    import gc

    # Importing Textual and building the first screen make objects by the hundred thousand:
    # the collector's passes over them would delay the first frame by ~35 ms. The app turns
    # it back on once that frame is drawn (BillingCenterApp._start_connecting).
    gc.disable()
    from tui.launch import run

    return run(db=args.db, url=args.url, email=args.email, lang=args.lang)
