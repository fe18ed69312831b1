"""Drivers: one per way into the Billing Center, each implementing steps.driver.Driver.

- api: steps.drivers.api (httpx, the contract of api.md).
- web (Playwright) and tui (Textual Pilot): to come.
Only modules here may import httpx, playwright or textual (import-linter checks it).
"""
