"""The rule ids of the rulebook (docs/rules.md) and the article's steps, as data.

Scenarios are tagged with them (`@step-8 @R8.3`); pytest-bdd turns the tags into markers
and pyproject registers each one (pytest accepts the dot and the dash in a marker name,
and `-m "step-8 and R8.3"` selects by them). features/test_tagging.py checks that every
rule id tags at least one scenario.

A scenario is generated for every driver unless one tag below narrows it: `@api-only` for
what only a client of the API can express (the same submission sent again with another
card), `@screen` for what only a screen shows (labels, money and dates as written for a
person), `@sweep` for a sweep over the whole catalog whose arithmetic lives behind the one
facade every client calls (run through the api driver: on a screen it would cost minutes
and check the same computation again; docs/decisions.md). Narrowed scenarios are not
generated for the other drivers: never skipped.
"""

from __future__ import annotations

RULE_IDS: tuple[str, ...] = (
    "R0.1", "R0.2", "R0.3", "R1", "R2", "R3", "R4", "R5", "R6", "R7",
    "R8.1", "R8.2", "R8.3", "R8.4", "R8.5",
    "R9.1", "R9.2", "R9.3", "R9.4", "R9.5", "R9.6",
    "R10.1", "R10.2", "R10.3", "R10.4", "R10.5",
    "R11.1", "R11.2", "R11.3", "R11.4", "R11.5",
    "R12.1", "R12.2", "R12.3", "R12.4",
    "R13", "R14",
)  # fmt: skip

STEP_TAGS: tuple[str, ...] = tuple(f"step-{n}" for n in range(12))

# tag -> the drivers a scenario so tagged is generated for.
REACH_TAGS: dict[str, tuple[str, ...]] = {
    "api-only": ("api",),
    "screen": ("tui", "web"),
    "sweep": ("api",),
}

# The release gate (`-m smoke`): a few scenarios that together cover every article step on
# every driver (features/test_smoke_gate.py checks it).
GATE_TAG = "smoke"
