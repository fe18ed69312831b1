"""The suite's own rules: every rule id of flow.md tags a scenario, every scenario names
its article step and at least one rule, is narrowed to some drivers by at most one tag,
and checks something (a Then)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_bdd.feature import get_features

from steps.rules import GATE_TAG, REACH_TAGS, RULE_IDS, STEP_TAGS

FEATURES = get_features([str(Path(__file__).parent)])
SCENARIOS = [
    (feature.rel_filename, scenario)
    for feature in FEATURES
    for scenario in feature.scenarios.values()
]


def _tags(feature, scenario) -> set[str]:  # noqa: ANN001
    return set(scenario.tags) | set(feature.tags)


def test_every_rule_tags_a_scenario() -> None:
    tagged = {
        tag for feature in FEATURES for s in feature.scenarios.values() for tag in _tags(feature, s)
    }
    missing = [rule for rule in RULE_IDS if rule not in tagged]
    assert not missing, f"rules of flow.md that no scenario checks: {missing}"


@pytest.mark.parametrize(
    ("where", "scenario"), SCENARIOS, ids=[f"{f}:{s.name}" for f, s in SCENARIOS]
)
def test_scenario_is_tagged_and_checks_something(where: str, scenario) -> None:  # noqa: ANN001
    tags = set(scenario.tags)
    assert tags & set(STEP_TAGS), f"{where}: {scenario.name} names no article step"
    assert tags & set(RULE_IDS), f"{where}: {scenario.name} names no rule"
    known = {*STEP_TAGS, *RULE_IDS, *REACH_TAGS, GATE_TAG}
    unknown = tags - known
    assert not unknown, f"{where}: unknown tags {unknown}"
    reach = tags & set(REACH_TAGS)
    assert len(reach) <= 1, f"{where}: {scenario.name} is narrowed twice {reach}: no driver left"
    keywords = [step.type for step in scenario.steps]
    assert "then" in keywords, f"{where}: {scenario.name} has no Then: it would assert nothing"
