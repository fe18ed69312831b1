"""The web driver's wait after a double submission (`WebDriver._await_order_page`).

The browser drops the first submission's page for the second's; Playwright's wait then
fails with net::ERR_ABORTED though the second page arrives (CI's PostgreSQL run saw it once).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from steps.drivers.web import WebDriver

ABORTED = "Page.wait_for_url: net::ERR_ABORTED; maybe frame was detached?"


class Page:
    """Fails its first waits with the given errors, then finds the address."""

    def __init__(self, *errors: Exception):
        self.errors = list(errors)
        self.waits = 0

    def wait_for_url(self, url, wait_until):
        self.waits += 1
        if self.errors:
            raise self.errors.pop(0)


class Driver:
    _await_order_page = WebDriver._await_order_page

    def __init__(self, page: Page):
        self.page = page


def test_each_aborted_navigation_is_waited_past():
    page = Page(PlaywrightError(ABORTED), PlaywrightError(ABORTED))
    Driver(page)._await_order_page()
    assert page.waits == 3


def test_a_page_that_never_comes_is_left_to_the_outcome_check():
    page = Page(PlaywrightTimeout("Timeout 5000ms exceeded."))
    Driver(page)._await_order_page()
    assert page.waits == 1


def test_other_errors_and_endless_aborts_are_not_hidden():
    with pytest.raises(PlaywrightError, match="closed"):
        closed = PlaywrightError("Target page, context or browser has been closed")
        Driver(Page(closed))._await_order_page()
    with pytest.raises(PlaywrightError, match="ERR_ABORTED"):
        Driver(Page(*[PlaywrightError(ABORTED)] * 3))._await_order_page()
