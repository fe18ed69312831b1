"""The release gate (`-m smoke`) covers every article step (0-11) on every driver, and
stays small enough to run before each release."""

from __future__ import annotations

from pathlib import Path

from pytest_bdd.feature import get_features

from fixtures.plugin import KNOWN_DRIVERS
from steps.rules import GATE_TAG, REACH_TAGS, STEP_TAGS

GATE_MAX_SCENARIOS = 15


def _gate() -> list[tuple[str, set[str]]]:
    """(scenario name, its tags) for every scenario of the gate."""
    return [
        (scenario.name, set(scenario.tags) | set(feature.tags))
        for feature in get_features([str(Path(__file__).parent)])
        for scenario in feature.scenarios.values()
        if GATE_TAG in set(scenario.tags) | set(feature.tags)
    ]


def _drivers(tags: set[str]) -> set[str]:
    reach = set(KNOWN_DRIVERS)
    for tag in tags & set(REACH_TAGS):
        reach &= set(REACH_TAGS[tag])
    return reach


def test_the_gate_covers_every_step_on_every_driver() -> None:
    gate = _gate()
    missing = [
        f"{step} on {driver}"
        for step in STEP_TAGS
        for driver in KNOWN_DRIVERS
        if not any(step in tags and driver in _drivers(tags) for _name, tags in gate)
    ]
    assert not missing, f"@{GATE_TAG} scenarios cover no scenario of: {missing}"


def test_the_gate_is_small() -> None:
    assert 0 < len(_gate()) <= GATE_MAX_SCENARIOS, [name for name, _tags in _gate()]
