"""What the person is choosing in steps 3 to 8: a product, Buy or Try, a level, a number of
user licenses and a term. One `Choice` travels through the step screens, which stay on the
screen stack, so going back with Escape finds every answer as it was left."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Action = Literal["buy", "try"]


@dataclass
class Choice:
    product: Any  # AvailableProductOut: code, name, trial_days, levels, can_buy, can_try
    action: Action
    level: Any = None  # LevelOut: code, name, max_licenses, monthly, annual
    licenses: str = "1"
    term: Literal["monthly", "annual"] = "monthly"

    @property
    def several_levels(self) -> bool:
        return len(self.product.levels) > 1


def parse_licenses(text: str, maximum: int) -> int | None:
    """R6: a whole number from 1 to the level's maximum, else None."""
    text = text.strip()
    if not text.isdigit() or not text.isascii():
        return None
    count = int(text)
    return count if 1 <= count <= maximum else None
