"""acceptance.html from made-up results: cells, links to failures and artifacts, times,
and nothing fetched from elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

from fixtures.acceptance_html import (
    FAILED,
    NOT_APPLICABLE,
    PASSED,
    STEP_TITLES,
    Result,
    columns,
    matrix,
    render,
)

BASE = Path("/runs/reports")


def _result(name: str, driver: str, lang: str, steps: tuple[str, ...], outcome: str = PASSED,
            duration: float = 0.05, **more) -> Result:
    return Result(nodeid=f"features/test_scenarios.py::test_{name}[{driver}-{lang}]",
                  name=name.replace("_", " "), driver=driver, lang=lang, steps=steps,
                  outcome=outcome, duration=duration, **more)


RESULTS = [
    _result("signs_in", "api", "en", ("1",), duration=0.04),
    _result("signs_out", "api", "en", ("1",), duration=0.06),
    _result("signs_in", "tui", "fr", ("1",), duration=1.2),
    _result("pays", "api", "en", ("9", "10"), FAILED, 0.3, error="AssertionError: 117.60",
            artifacts=["/runs/reports/failures/pays_api-en.txt"]),
    _result("pays", "web", "en", ("9", "10"), FAILED, 2.5, error="Timeout <button>",
            artifacts=["/runs/reports/playwright/pays/test-failed-1.png",
                       "/runs/reports/playwright/pays/trace.zip"]),
    _result("reads_french", "web", "fr", ("10",)),
]


def test_columns_are_drivers_in_order_then_languages() -> None:
    assert columns(RESULTS) == ["api-en", "web-en", "web-fr", "tui-fr"]


def test_a_cell_is_passed_failed_or_not_applicable_with_its_time() -> None:
    cells = matrix(RESULTS)
    assert set(cells) == {(s, c) for s in STEP_TITLES for c in columns(RESULTS)}
    assert cells["1", "api-en"].status == PASSED
    assert round(cells["1", "api-en"].seconds, 3) == 0.1
    assert cells["1", "web-en"].status == NOT_APPLICABLE
    assert cells["10", "api-en"].status == FAILED
    # a scenario of two steps counts in both rows
    assert [r.name for r in cells["9", "web-en"].failed] == ["pays"]
    assert cells["10", "web-fr"].status == PASSED
    assert cells["0", "api-en"].status == NOT_APPLICABLE


def test_the_page_has_every_step_and_links_failures_to_their_artifacts() -> None:
    page = render(RESULTS, link_base=BASE)
    for step, title in STEP_TITLES.items():
        assert f"{step}. {title}" in page
    anchors = re.findall(r'href="#(f\d+)"', page)
    assert set(anchors) == {"f1", "f2"}
    for anchor in anchors:
        assert f'id="{anchor}"' in page
    assert 'href="failures/pays_api-en.txt"' in page
    assert 'href="playwright/pays/test-failed-1.png"' in page
    assert 'href="playwright/pays/trace.zip"' in page
    assert "AssertionError: 117.60" in page and "Timeout &lt;button&gt;" in page
    assert "1 failed" not in page and "2 failed" in page and "4 passed" in page
    assert page.count("not applicable") >= 12


def test_the_page_is_self_contained() -> None:
    page = render(RESULTS, link_base=BASE)
    assert "<style>" in page
    assert not re.search(r"<(link|script|img)\b", page)
    assert "http://" not in page and "https://" not in page and "@import" not in page


def test_names_are_escaped() -> None:
    page = render([_result("x", "api", "en", ("1",), FAILED, error="<b>1 < 2</b>")],
                  link_base=BASE)
    assert "<b>1" not in page and "&lt;b&gt;1 &lt; 2&lt;/b&gt;" in page
