"""Wires the acceptance harness into pytest (harness.md).

`pytest features --driver api --lang en --lang fr` runs every scenario on each driver and
language; see fixtures/plugin.py for the options and steps/ for the step definitions.
"""

pytest_plugins = [
    "fixtures.deployment",
    "fixtures.accounts",
    "fixtures.plugin",
    "fixtures.browser",
    "steps.context",
    "steps.accounts",
    "steps.session",
    "steps.catalog",
    "steps.cart",
    "steps.checkout",
    "steps.trial",
    "steps.payment",
    "steps.confirmation",
    "steps.wording",
    "steps.users",
    "steps.refusals",
]
