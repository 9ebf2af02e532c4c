"""Public pages make no request to another host and set no cookie for anonymous visitors."""

from urllib.parse import urlsplit

import pytest

from .conftest import PAGE_TYPES, open_page


def foreign_requests(urls, portal):
    own = {urlsplit(portal.origin(slug)).netloc for slug, _path in portal.paths.values()}
    return [
        url
        for url in urls
        if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc not in own
    ]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_public_page_requests_only_its_own_host_and_sets_no_cookie(page, portal, page_type):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    open_page(page, portal, page_type)
    page.wait_for_load_state("networkidle")
    assert requested
    assert foreign_requests(requested, portal) == []
    assert page.context.cookies() == []


def test_map_loads_tiles_from_elsewhere_only_after_consent(page, portal):
    """Without consent the directory requests nothing from the tile server; the button is
    the only way there, and it is reached by keyboard like everything else."""
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    open_page(page, portal, "directory")
    page.wait_for_load_state("networkidle")
    assert foreign_requests(requested, portal) == []
    assert page.locator("[data-map-canvas]").is_hidden()

    page.locator("[data-map-load]").focus()
    page.keyboard.press("Enter")
    page.locator("[data-map-canvas]").wait_for(state="visible")
    page.wait_for_load_state("networkidle")
    tile_host = urlsplit(page.locator("[data-map]").get_attribute("data-tile-url")).netloc
    assert {urlsplit(url).netloc for url in foreign_requests(requested, portal)} <= {tile_host}
    assert page.context.cookies() == []
