"""The portal works with the keyboard alone: skip link, menus, filters, the month grid,
the map's consent and its list, forms; focus is always visible and never trapped."""

import re

import pytest

from .conftest import open_context, open_page

# What the focused element looks like, and whether the browser treats focus as visible.
FOCUS_STATE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) { return null; }
    const style = getComputedStyle(el);
    return {
        tag: el.tagName.toLowerCase(),
        text: (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 60),
        href: el.getAttribute("href"),
        id: el.id,
        visible: el.matches(":focus-visible"),
        // Focus on a part of the browser's own widget (the date picker's button) leaves
        // the field itself unmatched by :focus; the browser draws that ring itself.
        inBrowserWidget: !el.matches(":focus"),
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
        shadow: style.boxShadow !== "none",
        inMain: !!el.closest("main"),
        inFooter: !!el.closest("footer"),
        submitOf: el.type === "submit" && el.form ? el.form.className : null,
        checked: el.checked === true,
        rel: el.getAttribute("rel"),
        inGrid: !!el.closest(".month-grid"),
        inMap: !!el.closest("[data-map]"),
        loadsMap: el.hasAttribute("data-map-load"),
    };
}"""


def focused(page):
    return page.evaluate(FOCUS_STATE)


def assert_focus_visible(state):
    assert state is not None
    if state["inBrowserWidget"]:
        return
    assert state["visible"] and (state["outline"] or state["shadow"]), state


def tab_until(page, matches, key="Tab", limit=120):
    """Press Tab (or Shift+Tab) until the focused element matches; every stop on the way
    must show a focus indicator."""
    for _ in range(limit):
        page.keyboard.press(key)
        state = focused(page)
        if state is None:
            continue
        assert_focus_visible(state)
        if matches(state):
            return state
    raise AssertionError(f"{key} never reached the element on {page.url}")


def test_skip_link_comes_first_and_moves_focus_to_main(page, portal):
    open_page(page, portal, "district-home")
    page.keyboard.press("Tab")
    state = focused(page)
    assert_focus_visible(state)
    assert state["href"] == "#main"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert focused(page)["inMain"]


@pytest.mark.parametrize("width", [360, 1280])
def test_main_menu_works_with_the_keyboard(chromium, portal, width):
    context = open_context(chromium, width)
    page = context.new_page()
    open_page(page, portal, "district-home")
    links = page.locator("nav.main-menu a")
    hrefs = links.evaluate_all("links => links.map(link => link.getAttribute('href'))")
    assert len(hrefs) >= 5
    ring = "el => { const s = getComputedStyle(el); return [s.outlineStyle, s.boxShadow]; }"
    unfocused = links.first.evaluate(ring)
    for href in hrefs:
        tab_until(page, lambda s, href=href: s["href"] == href)
        if href == hrefs[0]:
            # The focus indicator is a change the visitor can see, not the resting look.
            assert page.evaluate(f"({ring})(document.activeElement)") != unfocused
        box = page.evaluate("document.activeElement.getBoundingClientRect().toJSON()")
        assert box["width"] > 0 and box["right"] <= width + 1, (href, box)
    # Back with Shift+Tab to the calendar, then open it with Enter.
    tab_until(page, lambda s: s["href"].endswith("/termine/"), key="Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/termine/$"))
    context.close()


def test_whole_page_can_be_tabbed_through_without_a_trap(page, portal):
    """From the top to the last footer link and out again, focus always visible."""
    open_page(page, portal, "directory")
    last_footer_href = page.locator("footer a").last.get_attribute("href")
    tab_until(page, lambda s: s["href"] == last_footer_href, limit=400)
    page.keyboard.press("Tab")
    state = focused(page)
    # Focus leaves the document (to the browser) or starts again at the top.
    assert state is None or state["href"] == "#main"


def test_event_filters_work_with_the_keyboard(page, portal):
    open_page(page, portal, "event-list")
    tab_until(page, lambda s: s["id"] == "id_zeitraum")
    # On a closed select, arrow keys change the choice: "alle kommenden" → "heute" → weekend.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.locator("#id_zeitraum").input_value() == "wochenende"
    tab_until(page, lambda s: s["submitOf"] == "filters")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"zeitraum=wochenende"))
    assert page.locator("#id_zeitraum").input_value() == "wochenende"


def test_month_grid_can_be_paged_and_its_events_opened_with_the_keyboard(page, portal):
    open_page(page, portal, "event-month")
    caption = page.locator(".month-grid caption").inner_text()
    tab_until(page, lambda s: s["rel"] == "next")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"monat=\d{4}-\d{2}"))
    assert page.locator(".month-grid caption").inner_text() != caption
    # Back again with Shift+Tab from the grid's end to the "previous month" link.
    page.locator("footer a").first.focus()
    tab_until(
        page,
        lambda s: s["rel"] == "prev",
        key="Shift+Tab",
        limit=200,
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".month-grid caption").inner_text() == caption
    # An event in the grid opens with Enter.
    tab_until(page, lambda s: s["inGrid"])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("a[href$='kalender.ics']").count() == 1


def test_map_consent_and_its_list_work_with_the_keyboard(page, portal):
    open_page(page, portal, "directory")
    tab_until(page, lambda s: s["loadsMap"])
    page.keyboard.press("Space")
    page.locator("[data-map-canvas]").wait_for(state="visible")
    # The button is gone; focus continues on the map, visibly, not at the top of the page.
    state = focused(page)
    assert state["inMap"]
    assert_focus_visible(state)
    # Focus is not caught in the map: Tab goes on to the list of entries, the alternative.
    state = tab_until(
        page,
        lambda s: s["inMain"] and not s["inMap"] and (s["href"] or "").startswith("/adressen/"),
        limit=200,
    )
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(state["href"]) + "$"))


def test_proposal_form_shows_errors_and_can_be_filled_with_the_keyboard(page, portal):
    open_page(page, portal, "participation-form")
    tab_until(page, lambda s: s["submitOf"] == "proposal-form", limit=200)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    summary = page.locator("#form-errors")
    assert summary.is_visible()
    # The first error link leads to its field.
    first_error = summary.locator("a").first
    target = first_error.get_attribute("href")
    page.locator("#form-errors a").first.focus()
    page.keyboard.press("Enter")
    assert "#" + page.evaluate("document.activeElement.id") == target
    # The consent checkbox toggles with Space.
    page.locator("footer a").first.focus()
    state = tab_until(page, lambda s: s["id"] == "id_consent", key="Shift+Tab", limit=200)
    assert not state["checked"]
    page.keyboard.press("Space")
    assert focused(page)["checked"]
