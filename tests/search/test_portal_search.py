"""Search for residents across pages and directory entries: scope, spelling, ranking."""

import datetime as dt
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.signals import request_finished
from django.db import DatabaseError, close_old_connections, connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from tests.conftest import host
from tests.district.factories import ContentPageFactory, make_news
from tests.events.factories import make_event
from tests.people.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db
on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="German stemming needs PostgreSQL's 'german' config"
)


def search(client, q, slug="kalk", **params):
    return client.get("/suche/", {"q": q, **params}, headers={"host": host(slug)})


def found(response):
    return [result.title for result in response.context["results"]]


def test_results_cover_pages_news_events_and_directory_entries(client, kalk_home, kalk):
    ContentPageFactory(parent=kalk_home, title="Hausaufgabenhilfe im Stadtteilladen", slug="hilfe")
    make_news(title="Neue Hausaufgabenhilfe für Grundschulkinder")
    make_event(
        title="Offene Hausaufgabenhilfe",
        dates=[
            {
                "start_date": dt.date.today() + dt.timedelta(days=2),
                "start_time": dt.time(14),
                "end_time": dt.time(16),
            }
        ],
    )
    OrganisationFactory(
        name="Lernhaus Kalk", description="Hausaufgabenhilfe für alle", districts=[kalk]
    )
    PersonFactory(name="Derya Kaya", role="Koordination Hausaufgabenhilfe", districts=[kalk])
    response = search(client, "Hausaufgabenhilfe")
    kinds = {result.kind for result in response.context["results"]}
    assert kinds == {"seite", "nachricht", "termin", "einrichtung", "person"}
    facets = {key: count for key, _label, count in response.context["kind_facets"]}
    assert facets["nachricht"] == 1 and facets["einrichtung"] == 1


def test_district_search_stays_in_the_district_unless_asked(client, kalk, kalk_home):
    from district.models import District, DistrictHomePage

    chorweiler = District.objects.get(slug="chorweiler")
    ContentPageFactory(parent=kalk_home, title="Sprachcafé Kalk", slug="sprachcafe")
    ContentPageFactory(
        parent=DistrictHomePage.objects.get(district=chorweiler),
        title="Sprachcafé Chorweiler",
        slug="sprachcafe",
    )
    OrganisationFactory(name="Sprachcafé am Pariser Platz", districts=[chorweiler])
    assert found(search(client, "Sprachcafé")) == ["Sprachcafé Kalk"]
    everywhere = set(found(search(client, "Sprachcafé", alle="1")))
    assert everywhere == {"Sprachcafé Kalk", "Sprachcafé Chorweiler", "Sprachcafé am Pariser Platz"}
    landing = search(client, "Sprachcafé", slug=None)
    assert set(found(landing)) == everywhere
    only = search(client, "Sprachcafé", slug=None, gebiet="chorweiler")
    assert set(found(only)) == {"Sprachcafé Chorweiler", "Sprachcafé am Pariser Platz"}


def test_only_live_public_content_is_found(client, kalk_home, kalk):
    ContentPageFactory(parent=kalk_home, title="Seniorentreff Entwurf", slug="entwurf", live=False)
    private = ContentPageFactory(parent=kalk_home, title="Seniorentreff intern", slug="intern")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    OrganisationFactory(name="Seniorentreff wartet auf Freigabe", districts=[kalk], live=False)
    ContentPageFactory(parent=kalk_home, title="Seniorentreff Kalk", slug="treff")
    assert found(search(client, "Seniorentreff")) == ["Seniorentreff Kalk"]


def test_the_index_follows_publishing(client):
    news = make_news(title="Repair-Café eröffnet")
    assert found(search(client, "Repair")) == ["Repair-Café eröffnet"]
    news.title = "Reparaturtreff eröffnet"
    news.save_revision().publish()
    assert found(search(client, "Reparaturtreff")) == ["Reparaturtreff eröffnet"]
    news.unpublish()
    assert found(search(client, "Reparaturtreff")) == []


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("Kita Höhenberg", "Hoehenberg"),
        ("Kita Hoehenberg", "Höhenberg"),
        ("Mieterbüro Taunusstraße", "Taunusstrasse"),
        ("Treff Taunusstrasse", "Taunusstraße"),
    ],
)
def test_umlauts_and_sharp_s_are_found_either_way(client, kalk, stored, typed):
    OrganisationFactory(name=stored, districts=[kalk])
    # Other pages may match the stem too (the Leichte Sprache page speaks of "Kinder").
    assert stored in found(search(client, typed))
    assert typed not in stored  # only stemming can have found it


def test_a_word_cut_short_still_finds(client, kalk):
    OrganisationFactory(name="Seniorentreff am Bahnhof", districts=[kalk])
    response = search(client, "Seniorentref")
    assert found(response) == ["Seniorentreff am Bahnhof"]
    assert response.context["used_prefix"]


@on_postgres
@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("Spielgruppe für Kinder", "Kindern"),
        ("Beratungsstelle für Familien", "Beratungsstellen"),
    ],
)
def test_german_stemming_on_postgresql(client, kalk, stored, typed):
    OrganisationFactory(name=stored, districts=[kalk])
    # Other pages may match the stem too (the Leichte Sprache page speaks of "Kinder").
    assert stored in found(search(client, typed))
    assert typed not in stored  # only stemming can have found it


def test_excerpts_mark_the_query_terms(client, kalk):
    OrganisationFactory(
        name="Familientreff",
        districts=[kalk],
        description="Offenes Elterncafé und Beratung rund um Höhenberg.",
    )
    html = search(client, "Hoehenberg").content.decode()
    assert "<mark>Höhenberg</mark>" in html


def test_past_events_come_after_upcoming_and_are_marked(client):
    make_event(
        title="Flohmarkt im Herbst",
        slug="alt",
        dates=[{"start_date": dt.date.today() - dt.timedelta(days=20), "all_day": True}],
    )
    make_event(
        title="Flohmarkt im Winter",
        slug="neu",
        dates=[{"start_date": dt.date.today() + dt.timedelta(days=20), "all_day": True}],
    )
    response = search(client, "Flohmarkt")
    assert found(response) == ["Flohmarkt im Winter", "Flohmarkt im Herbst"]
    assert [r.past for r in response.context["results"]] == [False, True]
    assert "vergangen" in response.content.decode()


def test_promoted_results_show_first_and_queries_are_counted_without_personal_data(
    client, kalk_home
):
    page = ContentPageFactory(parent=kalk_home, title="Wohngeld-Beratung", slug="wohngeld")
    SearchPromotion.objects.create(
        query=Query.get("miete"), page=page, description="Hilfe bei Miete"
    )
    response = search(client, "Miete")
    assert response.context["promoted"][0]["title"] == "Wohngeld-Beratung"
    query = Query.objects.get(query_string="miete")
    assert query.hits == 1
    search(client, "miete")
    assert query.hits == 2 and query.daily_hits.count() == 1  # one row a day
    assert {f.name for f in Query._meta.get_fields()} >= {"query_string"}
    assert not any("ip" in f.name or "user" in f.name for f in Query._meta.get_fields())


def test_suggestions_complete_titles_as_json(client, kalk):
    OrganisationFactory(name="Seniorentreff am Bahnhof", districts=[kalk])
    data = client.get("/suche/vorschlaege/", {"q": "Senio"}, headers={"host": host("kalk")}).json()
    assert "Seniorentreff am Bahnhof" in data["suggestions"]
    assert client.get("/suche/vorschlaege/", {"q": "%"}).json() == {"suggestions": []}


def test_search_page_query_count_does_not_grow_with_the_hits(client, kalk):
    def count():
        search(client, "Stadtteilfest")
        with CaptureQueriesContext(connection) as queries:
            search(client, "Stadtteilfest")
        return len(queries)

    for number in range(3):
        make_news(title=f"Stadtteilfest {number}")
        OrganisationFactory(name=f"Stadtteilfest-Verein {number}", districts=[kalk])
    small = count()
    for number in range(3, 30):
        make_news(title=f"Stadtteilfest {number}")
        OrganisationFactory(name=f"Stadtteilfest-Verein {number}", districts=[kalk])
    # Only the shown page is loaded, one query set per kind on it: with more hits the
    # first page may hold fewer kinds, never more queries.
    assert count() <= small <= 40


def test_popular_queries_are_listed_for_editors(client, admin_client, kalk):
    from django.urls import reverse

    OrganisationFactory(name="Sprachcafé Kalk", districts=[kalk])
    for _ in range(3):
        search(client, "Sprachcafé")
    report = admin_client.get(reverse("wagtailsearchpromotions:search_terms"))
    assert report.status_code == 200
    assert "sprachcafe" in report.content.decode()


def test_a_search_is_counted_after_its_response_has_gone_out(client, kalk):
    from search import views

    OrganisationFactory(name="Sprachcafé Kalk", districts=[kalk])
    with mock.patch.object(views, "count_search", wraps=views.count_search) as count:
        response = client.get("/suche/", {"q": "Sprachcafé"}, headers={"host": host("kalk")})
        # The test client, like a WSGI server, closes the response after reading it.
        count.assert_called_once_with("sprachcafe")
    assert Query.objects.get(query_string="sprachcafe").hits == 1
    assert response.status_code == 200
    request = RequestFactory().get("/suche/", {"q": "Kita"}, headers={"host": host("kalk")})
    request.user = AnonymousUser()
    response = views.search(request)
    assert not Query.objects.filter(query_string="kita").exists()  # not yet
    # As the test client does: keep the test's database connection open.
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    assert Query.objects.get(query_string="kita").hits == 1


def test_a_failed_count_is_logged_and_the_search_still_answers(client, kalk, caplog):
    from search import views

    with mock.patch.object(views.Query, "get", side_effect=DatabaseError("read-only")):
        response = search(client, "Sprachcafé")
    assert response.status_code == 200
    assert "Search not counted: sprachcafe" in caplog.text


def test_a_new_promotion_reaches_a_cached_search_page(client, kalk_home, settings):
    settings.SRK_PAGE_CACHE_SECONDS = 300
    page = ContentPageFactory(parent=kalk_home, title="Wohngeld-Beratung", slug="wohngeld")
    assert search(client, "Miete").context["promoted"] == []
    assert search(client, "Miete")["X-Page-Cache"] == "hit"
    SearchPromotion.objects.create(query=Query.get("miete"), page=page, description="Hilfe")
    response = search(client, "Miete")
    assert response["X-Page-Cache"] == "miss"
    assert response.context["promoted"][0]["title"] == "Wohngeld-Beratung"


@pytest.mark.parametrize("kind", [None, "nachricht", "einrichtung"])
def test_a_count_cut_at_the_kept_hits_says_more_than(client, kalk, kind):
    from search import results

    for number in range(3):
        make_news(title=f"Stadtteilfest {number}")
    OrganisationFactory(name="Stadtteilfest-Verein", districts=[kalk])
    with mock.patch.object(results, "MAX_HITS", 2):
        response = search(client, "Stadtteilfest", **({"typ": kind} if kind else {}))
    lead = response.content.decode().split('class="lead"')[1].split("</p>")[0]
    if kind == "einrichtung":  # one organisation: all of them were kept
        assert "1 Treffer" in lead and "Mehr als" not in lead
    else:  # 3 news, of which the 2 best were kept
        shown = 3 if kind is None else 2
        assert f"Mehr als {shown} Treffer" in lead
    assert len(response.context["results"]) == (1 if kind == "einrichtung" else 2 + (kind is None))
