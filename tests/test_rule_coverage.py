"""Every rule of the rulebook (docs/rules.md) is named by a test here (issue: "every rule id
appears in at least one test"), and the harness's list of rule ids is the rulebook's own."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from rulebook import load

from steps.rules import RULE_IDS

TESTS = Path(__file__).parent


def rulebook_rule_ids() -> list[str]:
    return load().rule_ids


def named_rules() -> set[str]:
    """Rule ids named by test functions: in the name (test_r10_3_…) or the docstring."""
    found: set[str] = set()
    for path in TESTS.rglob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                found |= {f"R{m.replace('_', '.')}" for m in
                          re.findall(r"(?<![a-z0-9])r(\d+(?:_\d+)?)(?=_|$)", node.name)}
                found |= set(re.findall(r"\bR\d+(?:\.\d+)?\b", ast.get_docstring(node) or ""))
    return found


def test_the_harness_knows_every_rule_of_the_rulebook():
    assert sorted(RULE_IDS) == sorted(rulebook_rule_ids())


def test_every_rule_is_named_by_a_test():
    missing = [rule for rule in rulebook_rule_ids() if rule not in named_rules()]
    assert not missing, f"rules of docs/rules.md that no test under tests/ names: {missing}"
