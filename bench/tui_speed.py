"""The TUI's own speed, in a pseudo-terminal as a person runs it (not a test):

- cold start: from starting `billing-center tui` (demo account) to its sign-in screen
  drawn, against a minimal Textual app (one line of text) started the same way, turn
  about, in the same run; the figure is the ratio of the medians (target <= 1.25).
- keypress to repaint on the Place Order page: from a character typed into the VAT number
  field to that character drawn, over an embedded database holding an account with an item
  in its cart (signed in, cart, Place Order, by keys).

    python3 bench/tui_speed.py                 # 9 starts of each, 40 keypresses
    python3 bench/tui_speed.py --starts 15 --keys 100

Prints a Markdown table. The median time per scenario on the tui driver is bench/suite.py's
(`--driver tui`).
"""

from __future__ import annotations

import argparse
import compileall
import statistics
import sys
import tempfile
from datetime import date
from pathlib import Path

from pytest_runs import percentile
from terminal import Terminal

ROOT = Path(__file__).resolve().parents[1]
# the command as a person runs it: the console script beside this Python, else the module
_SCRIPT = Path(sys.executable).with_name("billing-center")
BILLING_CENTER = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "billing_center"]

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Static


class Minimal(App):
    def compose(self):
        yield Static("minimal app ready")


Minimal().run()
"""


def _start(argv: list[str], drawn: str, env: dict[str, str]) -> float:
    """Seconds from the start of the process to `drawn` on its screen."""
    terminal = Terminal(argv, env=env, cwd=str(ROOT))
    try:
        return terminal.wait_for(drawn, timeout=60) - terminal.started
    finally:
        terminal.close()


def _bytecode_as_installed() -> None:
    """The product's modules compiled to bytecode, as pip leaves an installed package and as
    a first run leaves a clone, unless PYTHONDONTWRITEBYTECODE is set (it is on this
    project's machines, and then every start compiled our sources again, ~7 % of its
    instructions, while Textual's came compiled from its wheel)."""
    for package in ("billing_center", "backend", "tui"):
        compileall.compile_dir(ROOT / package, quiet=1)


def cold_start(starts: int) -> tuple[list[float], list[float]]:
    _bytecode_as_installed()
    with tempfile.TemporaryDirectory() as data:
        env = {"XDG_DATA_HOME": data, "LC_ALL": "C.UTF-8"}
        tui = [*BILLING_CENTER, "tui", "--lang", "en"]
        minimal = [sys.executable, "-c", MINIMAL_APP]
        # once each, not counted: the demo database is made on a first run, and the
        # system's file cache is warmed for both
        _start(tui, "Demo account", env)
        _start(minimal, "minimal app ready", env)
        ours, theirs = [], []
        for _ in range(starts):
            ours.append(_start(tui, "Sign in", env))
            theirs.append(_start(minimal, "minimal app ready", env))
        return ours, theirs


def _account_with_a_cart(url: str) -> tuple[str, str]:
    from backend.bootstrap import build
    from backend.service_layer import testing
    from backend.settings import Settings

    backend = build(Settings(database_url=url))
    try:
        made = testing.create_test_account(
            backend.uow(), faker_seed=11, today=date(2026, 11, 26), card_on_file=True,
            country="US", locale="en",
            subscriptions=[{"product": "gotomeeting", "level": "business", "licenses": 5,
                            "term": "annual"}],
            cart=[{"product": "gotowebinar", "level": "pro", "licenses": 3,
                   "term": "annual"}])
    finally:
        backend.engine.dispose()
    return made.billing_contact.email, made.billing_contact.password


def _type_into_vat_number(terminal: Terminal, keys: int) -> list[float]:
    """Opens the Place Order page from the cart (its VAT number field has the focus) and
    types `keys` characters, one at a time: each from its sending to its being drawn."""
    mark = terminal.mark()
    terminal.send("p")
    terminal.wait_for("Total due", since=mark)
    terminal.wait_for("Place Order", since=mark)
    times, typed = [], ""
    for i in range(keys):
        typed += "QWXZKJ"[i % 6]
        mark = terminal.mark()
        sent = terminal.send(typed[-1])
        # the field's whole value drawn: this key's character is on screen
        times.append(terminal.wait_for(typed, since=mark, timeout=10) - sent)
    return times


def keypress_to_repaint(keys: int) -> list[float]:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        email, password = _account_with_a_cart(url)
        terminal = Terminal([*BILLING_CENTER, "tui", "--db", url,
                             "--email", email, "--lang", "en"], env={"LC_ALL": "C.UTF-8"},
                            cwd=str(ROOT))
        try:
            terminal.wait_for("Sign in")
            mark = terminal.mark()
            terminal.send(password + "\r")
            terminal.wait_for("Items in the cart: 1", since=mark)
            mark = terminal.mark()
            terminal.send("c")
            terminal.wait_for("GoToWebinar", since=mark)
            times: list[float] = []
            while len(times) < keys:
                times += _type_into_vat_number(terminal, min(16, keys - len(times)))
                mark = terminal.mark()  # back to the cart and the page again: an empty field
                terminal.send("\x1b")
                terminal.wait_for("GoToWebinar", since=mark)
            return times
        finally:
            terminal.close()


def _ms(values: list[float]) -> str:
    """Median and p95, in milliseconds."""
    return (f"{statistics.median(values) * 1000:.0f} ms | "
            f"{percentile(values, 0.95) * 1000:.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=9)
    parser.add_argument("--keys", type=int, default=40)
    options = parser.parse_args()
    ours, theirs = cold_start(options.starts)
    keys = keypress_to_repaint(options.keys)
    ratio = statistics.median(ours) / statistics.median(theirs)
    print("| what | median | p95 | runs |")
    print("|---|---|---|---|")
    print(f"| cold start to the sign-in screen | {_ms(ours)} | {len(ours)} |")
    print(f"| cold start of a minimal Textual app | {_ms(theirs)} | {len(theirs)} |")
    print(f"| ratio of the medians (target <= 1.25) | {ratio:.2f} | | |")
    print(f"| keypress to repaint, Place Order page | {_ms(keys)} | {len(keys)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
