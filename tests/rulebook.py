"""Reads a rulebook page: the rule ids it defines (`**R10.3**`) and its "Labels" table
(key | en | fr). The tests read the project's `docs/rules.md` with it; `.ci/check-rulebook`
reads the specification with it too, so both are parsed the same way. Standard library
only: the CI script runs it before anything is installed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RULES_MD = ROOT / "docs" / "rules.md"

RULE = re.compile(r"\*\*(R\d+(?:\.\d+)?)\*\*")

Labels = dict[str, dict[str, str]]


@dataclass(frozen=True)
class Rulebook:
    rule_ids: list[str]
    labels: Labels


class RulebookError(ValueError):
    pass


def parse_labels(text: str, source: str = "the rulebook") -> Labels:
    """The table under the first "## Labels" heading: key -> {"en": …, "fr": …}."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("## Labels")), None)
    if start is None:
        raise RulebookError(f"{source} has no '## Labels' section")
    table: Labels = {}
    for line in lines[start + 1:]:
        if line.startswith("#"):
            break
        if not line.startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells[0] in ("key", "") or set(cells[0]) <= set("-: "):
            continue  # the header row and its separator
        if len(cells) != 3:
            raise RulebookError(f"{source}: a label row needs key | en | fr: {line!r}")
        key, en, fr = cells
        table[key] = {"en": en, "fr": fr}
    if not table:
        raise RulebookError(f"{source}: the Labels section holds no table")
    return table


def parse(text: str, source: str = "the rulebook") -> Rulebook:
    rule_ids = RULE.findall(text)
    if not rule_ids:
        raise RulebookError(f"{source} defines no rule (**R<n>** …)")
    return Rulebook(rule_ids=rule_ids, labels=parse_labels(text, source))


def load(path: Path = RULES_MD) -> Rulebook:
    return parse(path.read_text(encoding="utf-8"), str(path))
