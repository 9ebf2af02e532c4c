"""Menu and legal links shared by every page of a site, cached with the page cache's
generation, and the bench's bypass that renders like a miss."""

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caching.fragments import cached_fragment
from srk_site.templatetags import portal_tags
from tests.conftest import host


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.SRK_PAGE_CACHE_SECONDS = 300
    settings.SRK_PAGE_CACHE_BYPASS_TOKEN = "bench-token"


def get(client, path, slug="kalk", **headers):
    return client.get(path, headers={"host": host(slug), **headers})


def main_menu(response):
    html = response.content.decode()
    start = html.index('class="main-menu"')
    return html[start : html.index("</nav>", start)]


def test_pages_of_a_site_share_one_computed_menu(client, kalk_home):
    with (
        mock.patch.object(portal_tags, "_menu_entries", wraps=portal_tags._menu_entries) as menu,
        mock.patch.object(portal_tags, "_legal_pages", wraps=portal_tags._legal_pages) as legal,
    ):
        for path in ("/", "/aktuelles/", "/termine/", "/suche/?q=Kita"):
            assert get(client, path).status_code == 200
        get(client, "/", slug="chorweiler")
        get(client, "/en/")
    # Once per site and language, not once per page.
    assert menu.call_count == 3 and legal.call_count == 3


def test_menu_marks_the_current_section_although_shared(client, kalk_home):
    get(client, "/")
    assert 'aria-current="page">Aktuelles<' in main_menu(get(client, "/aktuelles/"))
    on_events = main_menu(get(client, "/termine/"))
    assert 'aria-current="page">Termine<' in on_events
    assert 'aria-current="page">Aktuelles<' not in on_events


def test_a_published_change_renews_the_menu(client, kalk_home):
    get(client, "/")
    news_index = kalk_home.get_children().get(slug="aktuelles").specific
    news_index.title = "Neuigkeiten"
    news_index.save_revision().publish()
    assert "Neuigkeiten" in main_menu(get(client, "/termine/"))


def test_editors_get_the_menu_computed_afresh(admin_client, kalk_home):
    with mock.patch.object(portal_tags, "_menu_entries", wraps=portal_tags._menu_entries) as menu:
        get(admin_client, "/")
        get(admin_client, "/aktuelles/")
    assert menu.call_count == 2


def test_without_a_generation_the_value_is_computed_each_time(rf):
    request = rf.get("/")
    compute = mock.Mock(return_value=["x"])
    assert cached_fragment(request, "name", compute) == ["x"]
    assert cached_fragment(request, "name", compute) == ["x"]
    assert compute.call_count == 2


def test_the_bench_bypass_renders_afresh_and_stores_nothing(client, kalk_home):
    bypass = {"X-Cache-Bypass": "bench-token"}
    first = get(client, "/aktuelles/", **bypass)
    assert first.status_code == 200 and "X-Page-Cache" not in first
    assert get(client, "/aktuelles/")["X-Page-Cache"] == "miss"  # nothing was stored
    assert get(client, "/aktuelles/")["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in get(client, "/aktuelles/", **bypass)  # nor read
    # A wrong token is an ordinary request.
    assert get(client, "/aktuelles/", **{"X-Cache-Bypass": "guess"})["X-Page-Cache"] == "hit"


def site_queries(client, path, slug="kalk"):
    with CaptureQueriesContext(connection) as queries:
        assert get(client, path, slug).status_code == 200
    return [q["sql"] for q in queries if 'FROM "wagtailcore_site"' in q["sql"]]


def test_the_site_for_a_host_is_looked_up_once_per_generation(client, kalk_home, kalk_site):
    assert site_queries(client, "/aktuelles/")  # first time: Wagtail's lookup
    assert not site_queries(client, "/termine/")
    assert site_queries(client, "/termine/", slug="chorweiler")  # another host
    kalk_site.site_name = "Kalk (neu)"
    kalk_site.save()  # any site change bumps the generation
    assert site_queries(client, "/projekte/")


def test_a_district_change_reaches_the_footer(client, kalk_home, kalk):
    get(client, "/")
    kalk.name = "Kalk und Humboldt"
    kalk.save()  # as setup_portal does when districts.toml changes
    assert "Kalk und Humboldt" in get(client, "/aktuelles/", slug="chorweiler").content.decode()


def test_made_up_subdomains_do_not_fill_the_memory(client, kalk_home, settings):
    from caching import fragments

    settings.ALLOWED_HOSTS = [".localhost", "testserver"]
    for number in range(fragments.MAX_KNOWN_HOSTS + 20):
        client.get("/", headers={"host": f"x{number}.localhost"})
    assert len(fragments._sites._current[1]) == fragments.MAX_KNOWN_HOSTS  # filled, then no more


def test_a_process_asks_the_shared_cache_once_per_fragment_and_generation(client, kalk_home):
    from caching import fragments

    with mock.patch.object(fragments.cache, "get", wraps=fragments.cache.get) as shared:
        for path in ("/", "/aktuelles/", "/termine/"):
            get(client, path)
    menu_reads = [c for c in shared.call_args_list if ":menu:" in str(c.args[0])]
    assert len(menu_reads) == 1


def test_another_process_sees_a_change_through_the_generation(client, kalk_home):
    from caching import fragments
    from caching.generation import bump_generation

    get(client, "/")
    news_index = kalk_home.get_children().get(slug="aktuelles")
    # A change published by another app server: the shared counter moves, this
    # process's own copies are not told and must not be used.
    type(news_index).objects.filter(pk=news_index.pk).update(title="Neuigkeiten")
    bump_generation()
    assert fragments._values._current[1]  # still holding the old generation's menu
    assert "Neuigkeiten" in main_menu(get(client, "/termine/"))
