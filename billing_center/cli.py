"""`billing-center`: every command of the product, the terminal app's included."""

from __future__ import annotations

import sys

from backend import cli as backend_cli
from tui import command as tui_command

COMMANDS = (tui_command.register,)


def main(argv: list[str] | None = None) -> int:
    return backend_cli.main(argv, commands=COMMANDS)


if __name__ == "__main__":
    sys.exit(main())
