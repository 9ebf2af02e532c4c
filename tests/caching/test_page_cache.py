"""The anonymous page cache: what is cached, what never is, and when it is purged."""

import gzip
import logging
import socket

import pytest
from django.core.cache import caches
from django.test import override_settings

from caching.generation import GENERATION_KEY, bump_generation, current_generation
from people.models import Organisation
from tests.conftest import host
from tests.district.factories import make_news
from tests.people.factories import OrganisationFactory


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.SRK_PAGE_CACHE_SECONDS = 300


def get(client, path, slug="kalk", **headers):
    return client.get(path, headers={"host": host(slug), **headers})


def test_anonymous_page_is_served_from_the_cache_the_second_time(client, kalk_home):
    first = get(client, "/")
    second = get(client, "/")
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "public" in second["Cache-Control"] and "s-maxage=" in second["Cache-Control"]
    assert second["ETag"] == first["ETag"] and second["Last-Modified"]
    assert not second.cookies and not first.cookies


def test_a_hit_carries_the_headers_of_the_middleware_it_skips(client, kalk_home):
    first = get(client, "/en/")
    second = get(client, "/en/")
    assert second["X-Page-Cache"] == "hit"
    for header in ("Content-Language", "X-Frame-Options", "Content-Security-Policy", "Vary"):
        assert second[header] == first[header], header
    assert second["Content-Language"] == "en"


def test_cache_key_holds_host_path_query_and_language(client, kalk_home):
    assert get(client, "/")["X-Page-Cache"] == "miss"
    assert get(client, "/", slug="chorweiler")["X-Page-Cache"] == "miss"
    assert get(client, "/aktuelles/")["X-Page-Cache"] == "miss"
    assert get(client, "/aktuelles/?page=2")["X-Page-Cache"] == "miss"
    assert get(client, "/en/")["X-Page-Cache"] in ("miss", None)
    assert get(client, "/aktuelles/?page=2")["X-Page-Cache"] == "hit"


def test_conditional_get_with_the_etag_or_date_answers_304(client, kalk_home):
    first = get(client, "/")
    by_etag = get(client, "/", **{"If-None-Match": first["ETag"]})
    by_date = get(client, "/", **{"If-Modified-Since": first["Last-Modified"]})
    assert by_etag.status_code == 304 and by_date.status_code == 304
    assert get(client, "/", **{"If-None-Match": '"other"'}).status_code == 200


def test_head_is_answered_from_the_cache(client, kalk_home):
    get(client, "/")
    response = client.head("/", headers={"host": host("kalk")})
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"


def test_clients_accepting_gzip_get_the_stored_compressed_page(client, kalk_home):
    plain_miss = get(client, "/")
    zipped_hit = get(client, "/", **{"Accept-Encoding": "br, gzip, deflate"})
    plain_hit = get(client, "/")
    assert zipped_hit["X-Page-Cache"] == "hit" and zipped_hit["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped_hit.content) == plain_miss.content == plain_hit.content
    assert len(zipped_hit.content) < len(plain_miss.content) / 3
    assert not plain_hit.has_header("Content-Encoding")
    # Two representations, so a shared cache must keep them apart and validate each.
    assert "Accept-Encoding" in zipped_hit["Vary"] and "Accept-Encoding" in plain_hit["Vary"]
    assert zipped_hit["ETag"] != plain_hit["ETag"] == plain_miss["ETag"]
    revalidated = get(
        client, "/", **{"Accept-Encoding": "gzip", "If-None-Match": zipped_hit["ETag"]}
    )
    assert revalidated.status_code == 304


def test_a_miss_is_compressed_for_a_client_accepting_gzip(client, kalk_home):
    first = get(client, "/", **{"Accept-Encoding": "gzip"})
    assert first["X-Page-Cache"] == "miss" and first["Content-Encoding"] == "gzip"
    assert b"</html>" in gzip.decompress(first.content)


@pytest.mark.parametrize("encoding", ["gzip", "identity"])
def test_content_length_is_that_of_the_body_sent(client, kalk_home, encoding):
    # A stale length (the uncompressed one) makes browsers wait for bytes never sent.
    for expected in ("miss", "hit"):
        response = get(client, "/", **{"Accept-Encoding": encoding})
        assert response["X-Page-Cache"] == expected
        assert int(response["Content-Length"]) == len(response.content)


def test_logged_in_editors_are_never_cached_and_get_private_responses(admin_client):
    for _ in range(2):
        response = get(admin_client, "/")
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]


def test_cached_page_is_not_shown_to_editors(client, admin_client, kalk_home):
    get(client, "/")
    assert "X-Page-Cache" not in get(admin_client, "/")


def test_forms_with_a_csrf_token_are_not_cached(client, kalk_home):
    from django.middleware.csrf import get_token
    from django.template.response import TemplateResponse

    from caching.middleware import PageCacheMiddleware

    def view(request):
        get_token(request)
        return TemplateResponse(request, "404.html", {})

    from django.test import RequestFactory

    request = RequestFactory().get("/formular/", HTTP_HOST=host("kalk"))
    response = PageCacheMiddleware(lambda r: view(r).render())(request)
    assert response.get("X-Page-Cache") is None


def test_posts_errors_and_redirects_are_not_cached(client, kalk_home):
    assert client.post("/", headers={"host": host("kalk")}).get("X-Page-Cache") is None
    assert get(client, "/gibt-es-nicht/").status_code == 404
    assert get(client, "/gibt-es-nicht/").get("X-Page-Cache") is None


def test_admin_and_previews_are_never_cached(client, admin_client, kalk_home):
    response = get(admin_client, f"/admin/pages/{kalk_home.pk}/edit/preview/", slug=None)
    assert response.get("X-Page-Cache") is None


def test_publishing_a_page_purges_the_cache(client, kalk):
    get(client, "/aktuelles/")
    assert get(client, "/aktuelles/")["X-Page-Cache"] == "hit"
    make_news(title="Frisch veröffentlicht")
    response = get(client, "/aktuelles/")
    assert response["X-Page-Cache"] == "miss"
    assert "Frisch veröffentlicht" in response.content.decode()


def test_unpublishing_moving_and_deleting_purge_the_cache(client, kalk):
    news = make_news(title="Bald weg")
    for change in (lambda: news.unpublish(), lambda: news.delete()):
        get(client, "/aktuelles/")
        before = current_generation()
        change()
        assert current_generation() > before
        assert get(client, "/aktuelles/")["X-Page-Cache"] == "miss"


def test_snippet_and_image_changes_purge_the_cache(client, kalk):
    from tests.srk_site.factories import ImageFactory

    before = current_generation()
    organisation = OrganisationFactory(districts=[kalk])
    after_snippet = current_generation()
    ImageFactory(credit="A / B")
    after_image = current_generation()
    Organisation.objects.get(pk=organisation.pk).delete()
    assert before < after_snippet < after_image < current_generation()


def test_saving_a_draft_does_not_purge(kalk):
    news = make_news(title="Entwurf", publish=False)
    before = current_generation()
    news.title = "Entwurf 2"
    news.save_revision()
    assert current_generation() == before


def test_generation_survives_a_flushed_counter():
    caches["default"].delete(GENERATION_KEY)
    first = current_generation()
    assert bump_generation() > first


def test_anonymous_visitors_get_no_cookie_on_any_public_page(client, kalk):
    make_news(title="Meldung")
    paths = ["/", "/aktuelles/", "/aktuelles/meldung/", "/termine/", "/termine/monat/"]
    paths += ["/adressen/", "/projekte/", "/suche/?q=Kalk", "/aktuelles/feed/"]
    for path in paths:
        response = get(client, path)
        assert response.status_code == 200, path
        assert not response.cookies, path
    assert not client.cookies


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_site_serves_uncached_and_logs_when_redis_is_down(client, kalk_home, caplog):
    url = f"redis://127.0.0.1:{closed_port()}/0"
    backend = {
        "BACKEND": "caching.backends.TolerantRedisCache",
        "LOCATION": url,
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
    with override_settings(CACHES={"default": backend}):
        from caching.backends import TolerantRedisCache

        TolerantRedisCache._down_until = 0.0
        with caplog.at_level(logging.WARNING, logger="caching"):
            responses = [get(client, "/") for _ in range(3)]
        assert [r.status_code for r in responses] == [200, 200, 200]
        assert all(r["X-Page-Cache"] == "miss" for r in responses)
        assert "Redis unreachable" in caplog.text
        bump_generation()  # publishing still works without Redis
        TolerantRedisCache._down_until = 0.0
