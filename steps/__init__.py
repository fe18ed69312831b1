"""Step definitions of the acceptance suite: the domain language of the Billing Center.

Steps talk to one `Driver` (steps.driver) and to the `Backoffice` of the test world
(steps.world); never to HTTP, a browser or a terminal (import-linter checks it).
"""
