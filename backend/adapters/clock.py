"""The real clock. Domain code never reads it: services ask it for "now" and use an
account's test clock (R14) for "today" when one is set."""

from __future__ import annotations

from datetime import UTC, datetime


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)
