"""How the features name what is sold: "GoToWebinar Pro" is product GoToWebinar at level
Pro; "LogMeIn Pro" is the one-level product LogMeIn Pro (R5: its level goes unsaid)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def split_offer(offer: str, catalog: Iterable[tuple[str, Sequence[str]]]) -> tuple[str, str | None]:
    """(product name, level name or None) of an offer, given (product name, level names)
    pairs. The longest product name that starts the offer wins; the rest is the level."""
    wanted = " ".join(offer.split()).casefold()
    best: tuple[str, Sequence[str]] | None = None
    for name, levels in catalog:
        folded = name.casefold()
        if (wanted == folded or wanted.startswith(folded + " ")) and (
            best is None or len(name) > len(best[0])
        ):
            best = (name, levels)
    if best is None:
        raise KeyError(f"no product of the catalog is named at the start of {offer!r}")
    name, levels = best
    rest = wanted[len(name) :].strip()
    if not rest:
        return name, None
    for level in levels:
        if level.casefold() == rest:
            return name, level
    raise KeyError(f"{name} has no level {rest!r} (levels: {', '.join(levels)})")
