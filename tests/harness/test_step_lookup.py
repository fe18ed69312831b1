"""The remembered step lookup (fixtures/step_lookup.py) answers what pytest-bdd's own search
answers, searching once per step type, text and test module, and per session."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

from fixtures import step_lookup


class Manager:
    """Stands for pytest's FixtureManager: the memo lives in its __dict__."""


def _step(kind: str, text: str) -> SimpleNamespace:
    return SimpleNamespace(type=kind, name=text)


def _node(nodeid: str) -> SimpleNamespace:
    return SimpleNamespace(nodeid=nodeid)


def test_a_step_is_searched_once_per_type_text_module_and_session() -> None:
    searches: list[tuple[str, str, str]] = []

    def search(*, step, fixturemanager, node):
        searches.append((step.type, step.name, node.nodeid))
        yield f"definition of {step.type} {step.name}"

    find = step_lookup.remembered(search)
    manager = Manager()
    here = "features/test_scenarios.py::test_a[api-en]"
    same_module = "features/test_scenarios.py::test_b[tui-fr]"

    first = find(step=_step("given", "Claire is signed in"), fixturemanager=manager,
                 node=_node(here))
    again = find(step=_step("given", "Claire is signed in"), fixturemanager=manager,
                 node=_node(same_module))
    assert list(first) == list(again) == ["definition of given Claire is signed in"]
    assert len(searches) == 1

    find(step=_step("then", "Claire is signed in"), fixturemanager=manager, node=_node(here))
    find(step=_step("given", "Claire signs in"), fixturemanager=manager, node=_node(here))
    find(step=_step("given", "Claire is signed in"), fixturemanager=manager,
         node=_node("features/other_test.py::test_c[api-en]"))
    find(step=_step("given", "Claire is signed in"), fixturemanager=Manager(),
         node=_node(here))
    assert len(searches) == 5


def test_the_harness_installs_it_in_pytest_bdd_once() -> None:
    scenario = importlib.import_module("pytest_bdd.scenario")
    assert step_lookup.install()  # installed already by the plugin: still True, not wrapped
    installed = scenario.find_fixturedefs_for_step
    assert hasattr(installed, "original")
    assert not hasattr(installed.original, "original")
