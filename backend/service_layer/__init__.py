"""Use cases: one function per thing a person (or a test) does, over a unit of work."""
