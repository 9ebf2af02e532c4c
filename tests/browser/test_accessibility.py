"""axe-core on every public page type in every language: zero violations of WCAG 2.0,
2.1 and 2.2 (A and AA) and of axe's best practices."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import LANGUAGES, PAGE_TYPES, open_page

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": [
            "wcag2a",
            "wcag2aa",
            "wcag21a",
            "wcag21aa",
            "wcag22a",
            "wcag22aa",
            "best-practice",
        ],
    },
    "resultTypes": ["violations"],
}
axe = Axe()


def describe(violations):
    lines = []
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:5]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} – {targets}")
    return "\n".join(lines)


def assert_no_violations(page):
    results = axe.run(page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    assert not violations, f"{page.url}\n{describe(violations)}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_has_no_axe_violations(page, portal, page_type, language):
    open_page(page, portal, page_type, language)
    assert_no_violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_form_with_validation_errors_has_no_axe_violations(page, portal, language):
    open_page(page, portal, "participation-form", language)
    page.locator("form.proposal-form [type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#form-errors").is_visible()
    assert_no_violations(page)
