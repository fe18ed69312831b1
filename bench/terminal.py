"""A program in a pseudo-terminal, as a person's terminal runs it: what it writes is read as
it comes, with the time it came, and keys are sent as a terminal sends them. For the TUI's
benchmarks (bench/tui_speed.py); standard library only."""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Sequence

# Control sequences (CSI, OSC, single-character escapes): what a terminal draws with, not text.
_CONTROL = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


def visible(raw: bytes) -> str:
    """The characters a stream of terminal output draws, control sequences removed."""
    return _CONTROL.sub(b"", raw).decode("utf-8", "replace")


class Terminal:
    def __init__(self, argv: Sequence[str], *, env: dict[str, str] | None = None,
                 size: tuple[int, int] = (120, 40), cwd: str | None = None):
        columns, rows = size
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            list(argv), stdin=slave, stdout=slave, stderr=slave, close_fds=True,
            env={**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns),
                 "LINES": str(rows), **(env or {})},
            start_new_session=True, cwd=cwd,
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the program ended and its side of the terminal closed
            chunk = b""
        if not chunk:
            raise EOFError(f"the program ended (exit {self.process.poll()}): "
                           f"{visible(bytes(self.output[-2000:]))}")
        self.output += chunk
        return True

    def mark(self) -> int:
        """Where the output stands now: wait_for(…, since=mark) looks only at what follows."""
        while self._read(0):
            pass
        return len(self.output)

    def wait_for(self, text: str, *, since: int = 0, timeout: float = 60.0) -> float:
        """Seconds (perf_counter) at which `text` had been drawn after `since`."""
        give_up = time.perf_counter() + timeout
        squeezed = text.replace(" ", "")
        while True:
            if squeezed in visible(bytes(self.output[since:])).replace(" ", ""):
                return time.perf_counter()
            if time.perf_counter() > give_up:
                raise TimeoutError(f"{text!r} not drawn within {timeout:.0f} s; last drawn: "
                                   f"{visible(bytes(self.output[-1500:]))!r}")
            self._read(0.05)

    def send(self, data: str) -> float:
        """Bytes as typed; the time they were sent."""
        sent = time.perf_counter()
        os.write(self.master, data.encode())
        return sent

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=5)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        os.close(self.master)
