"""Pure domain of the add-subscription flow: no I/O, no framework. Rule ids (R0.1…R14)
of shared/spec/flow.md are named in the docstrings of the functions that implement them."""
