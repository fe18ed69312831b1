"""Wires the acceptance harness into pytest (harness.md).

`pytest features --driver api --lang en --lang fr` runs every scenario on each driver and
language; see fixtures/plugin.py for the options and steps/ for the step definitions.
"""

pytest_plugins = ["fixtures.suite"]  # every fixture, step and hook of the suite
