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


def test_directory_with_the_map_shown_has_no_axe_violations(page, portal):
    """After consent the map (Leaflet's markers and controls) joins the page."""
    open_page(page, portal, "directory")
    page.locator("[data-map-load]").click()
    page.locator("[data-map-canvas] .leaflet-marker-icon").first.wait_for()
    assert_no_violations(page)


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_on_a_phone_has_no_axe_violations(phone_page, portal, page_type):
    """At 360 px the layout changes (target sizes, scrolling regions, reflow)."""
    open_page(phone_page, portal, page_type)
    assert_no_violations(phone_page)
