"""Pure domain of the add-subscription flow: no I/O, no framework. Rule ids (R0.1…R14) of
the rulebook (docs/rules.md) are named in the docstrings of the functions implementing them."""
