"""News, press releases, projects, networks, feeds, sitemaps and the landing page."""

import datetime as dt

import defusedxml.ElementTree as ET
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from district.models import NetworkPage, PressPhoto, ProjectPage, Topic
from tests.conftest import host
from tests.district.factories import make_news
from tests.events.factories import make_event
from tests.people.factories import OrganisationFactory, PersonFactory
from tests.srk_site.factories import DocumentFactory, ImageFactory

pytestmark = pytest.mark.django_db


def get(client, path, slug="kalk", **params):
    return client.get(path, params, headers={"host": host(slug)})


def titles(response):
    return [item["page"].title for item in response.context["items"]]


def days_ago(days):
    return dt.date.today() - dt.timedelta(days=days)


def test_district_news_lists_its_own_items_newest_first(client):
    make_news(title="Ältere Meldung", date=days_ago(10))
    make_news(title="Neue Meldung", date=days_ago(1))
    make_news("chorweiler", title="Aus Chorweiler")
    make_news(title="Entwurf", publish=False)
    assert titles(get(client, "/aktuelles/")) == ["Neue Meldung", "Ältere Meldung"]


def test_landing_news_is_citywide_with_district_and_topic_filters(client):
    climate = Topic.objects.get(slug="klima-umwelt-naturschutz")
    kalk = make_news(title="Baumpflanzung Kalk")
    kalk.topics.set([climate])
    kalk.save_revision().publish()
    make_news("chorweiler", title="Aus Chorweiler")
    assert set(titles(get(client, "/aktuelles/", slug=None))) == {
        "Baumpflanzung Kalk",
        "Aus Chorweiler",
    }
    assert titles(get(client, "/aktuelles/", slug=None, gebiet="chorweiler")) == ["Aus Chorweiler"]
    assert titles(get(client, "/aktuelles/", slug=None, thema=climate.slug)) == [
        "Baumpflanzung Kalk"
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"thema": "gibt-es-nicht"},
        {"page": "abc"},
        {"art": "x"},
        {"gebiet": "atlantis"},
        {"page": "-1"},
    ],
)
def test_bad_news_filters_give_a_normal_page(client, params):
    make_news()
    assert get(client, "/aktuelles/", **params).status_code == 200
    assert get(client, "/projekte/", **params).status_code == 200


def test_news_page_shows_author_attachments_with_size_and_credited_press_photos(client, kalk):
    contact = PersonFactory(name="Jana Wirtz", role="Presse", districts=[kalk])
    news = make_news(
        title="Pressemitteilung Veedelsfest",
        kind="pressemitteilung",
        author="Selin Karaca-Wolf",
        press_contact=contact,
    )
    news.attachments.create(document=DocumentFactory(title="Veranstaltungsplakat"))
    photo = ImageFactory(title="Fest", credit="Jana Wirtz / Familienzentrum Kalk")
    news.press_photos.create(image=photo, caption="Kinder beim Veedelsfest")
    news.save_revision().publish()
    html = get(client, news.url).content.decode()
    assert "von Selin Karaca-Wolf" in html
    assert "Veranstaltungsplakat (PDF, 2,4\xa0KB)" in html
    assert "© Jana Wirtz / Familienzentrum Kalk" in html
    assert f'href="{photo.file.url}" download' in html
    assert "Jana Wirtz" in html and "Pressekontakt" in html


def test_press_photo_without_credit_cannot_be_saved():
    news = make_news(kind="nachricht")
    photo = PressPhoto(page=news, image=ImageFactory(credit=""), caption="Ohne Nachweis")
    with pytest.raises(ValidationError):
        photo.full_clean()


def test_press_release_needs_a_press_contact_in_the_admin(admin_client):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    from district.models import NewsIndexPage

    index = NewsIndexPage.objects.get(url_path="/kalk/aktuelles/")
    data = nested_form_data(
        {
            "title": "Pressemitteilung",
            "slug": "pm",
            "kind": "pressemitteilung",
            "date": "2026-11-20",
            "teaser": "Kurz.",
            "body": streamfield([]),
            "attachments": inline_formset([]),
            "press_photos": inline_formset([]),
            "action-publish": "publish",
        }
    )
    url = reverse("wagtailadmin_pages:add", args=("district", "newspage", index.pk))
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Ansprechperson für die Presse" in response.content.decode()


def test_press_area_collects_releases_photos_and_contacts(client, kalk):
    contact = PersonFactory(name="Jana Wirtz", districts=[kalk])
    release = make_news(title="PM Kalk", kind="pressemitteilung", press_contact=contact)
    release.press_photos.create(image=ImageFactory(credit="Foto / Verein"), caption="Bild")
    release.save_revision().publish()
    make_news(title="Nur eine Nachricht")
    response = get(client, "/aktuelles/presse/")
    html = response.content.decode()
    assert titles(response) == ["PM Kalk"]
    assert "© Foto / Verein" in html and "Original herunterladen" in html and "Jana Wirtz" in html


def rss_titles(response):
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    return [item.findtext("title") for item in root.iter("item")]


def test_rss_feeds_for_all_news_and_press_only(client):
    make_news(title="Nachricht", date=days_ago(2))
    make_news(title="PM", kind="pressemitteilung", press_contact=PersonFactory())
    assert rss_titles(get(client, "/aktuelles/feed/")) == ["PM", "Nachricht"]
    assert rss_titles(get(client, "/aktuelles/presse/feed/")) == ["PM"]
    make_news("chorweiler", title="Chorweiler")
    assert "Chorweiler" in rss_titles(get(client, "/aktuelles/feed/", slug=None))
    assert get(client, "/aktuelles/feed/", thema="unbekannt").status_code == 200


def test_projects_are_filterable_by_topic(client, kalk):
    from district.models import ProjectIndexPage

    climate = Topic.objects.get(slug="klima-umwelt-naturschutz")
    index = ProjectIndexPage.objects.get(url_path="/kalk/projekte/")
    partner = OrganisationFactory(name="Grundschule Kalk", districts=[kalk])
    garden = ProjectPage(
        title="Schulgarten",
        slug="schulgarten",
        teaser="Gemüse vom Schulhof.",
        outcomes="120 Pflanzkübel\n30 Kinder",
        period_start=dt.date(2025, 4, 1),
    )
    index.add_child(instance=garden)
    garden.topics.set([climate])
    garden.partners.set([partner])
    garden.save_revision().publish()
    other = ProjectPage(title="Lesepaten", slug="lesepaten", teaser="Vorlesen.")
    index.add_child(instance=other)
    assert titles(get(client, "/projekte/", thema=climate.slug)) == ["Schulgarten"]
    html = get(client, garden.url).content.decode()
    assert "120 Pflanzkübel" in html and "Grundschule Kalk" in html and "seit April 2025" in html


def test_network_page_shows_purpose_rhythm_members_and_next_meeting(client, kalk):
    from district.models import NetworkIndexPage

    index = NetworkIndexPage.objects.get(url_path="/kalk/arbeitskreise/")
    meeting = make_event(
        title="Treffen AK Kita-Grundschule",
        dates=[
            {
                "start_date": dt.date.today() + dt.timedelta(days=5),
                "start_time": dt.time(14),
                "end_time": dt.time(16),
            }
        ],
    )
    network = NetworkPage(
        title="AK Kita-Grundschule",
        slug="ak-kita",
        purpose="Übergänge gestalten.",
        rhythm="viermal im Jahr",
        next_meeting=meeting,
    )
    index.add_child(instance=network)
    network.members.set([OrganisationFactory(name="Kita Sonnenschein", districts=[kalk])])
    network.save_revision().publish()
    html = get(client, network.url).content.decode()
    assert "Übergänge gestalten." in html and "viermal im Jahr" in html
    assert "Kita Sonnenschein" in html and meeting.url in html
    assert "AK Kita-Grundschule" in get(client, "/arbeitskreise/").content.decode()


def test_landing_page_shows_news_and_events_from_every_district(client):
    make_news(title="Meldung aus Kalk")
    make_news("chorweiler", title="Meldung aus Chorweiler")
    make_event(
        "chorweiler",
        title="Mieterversammlung",
        dates=[{"start_date": dt.date.today() + dt.timedelta(days=2), "all_day": True}],
    )
    html = get(client, "/", slug=None).content.decode()
    assert "Neues aus den Veedeln" in html and "Nächste Termine" in html
    assert "Meldung aus Kalk" in html and "Meldung aus Chorweiler" in html
    assert "Mieterversammlung" in html
    assert 'href="http://chorweiler.localhost:8000/aktuelles/meldung-aus-chorweiler/"' in html


def test_each_site_has_its_own_sitemap_and_robots(client):
    make_news(title="Meldung aus Kalk")
    make_news("chorweiler", title="Aus Chorweiler", slug="aus-chorweiler")
    sitemap = get(client, "/sitemap.xml").content.decode()
    assert "http://kalk.localhost:8000/aktuelles/meldung-aus-kalk/" in sitemap
    assert "chorweiler" not in sitemap
    robots = get(client, "/robots.txt").content.decode()
    assert "Sitemap: http://kalk.localhost:8000/sitemap.xml" in robots


def test_pages_carry_canonical_and_open_graph_tags(client):
    news = make_news(title="Meldung", image=ImageFactory(credit="X / Y"))
    html = get(client, news.url, ref="twitter").content.decode()
    assert '<link rel="canonical" href="http://kalk.localhost:8000/aktuelles/meldung/">' in html
    assert '<meta property="og:title" content="Meldung">' in html
    assert '<meta property="og:image" content="http://kalk.localhost:8000/' in html


def test_landing_editors_see_the_proposals_in_one_list(admin_client):
    make_news(title="Vorgeschlagen", propose_for_landing=True)
    make_news(title="Nicht vorgeschlagen")
    response = admin_client.get(reverse("landing_proposals:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vorgeschlagen" in html and "Nicht vorgeschlagen" not in html


def count_queries(client, path, slug):
    # The first view of a new image writes its renditions; budgets are for the steady state.
    get(client, path, slug=slug)
    with CaptureQueriesContext(connection) as queries:
        assert get(client, path, slug=slug).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("path", "slug"),
    [
        ("/", None),
        ("/aktuelles/", "kalk"),
        ("/aktuelles/", None),
        ("/aktuelles/feed/", "kalk"),
        ("/aktuelles/presse/", "kalk"),
        ("/projekte/", None),
    ],
)
def test_news_query_count_does_not_grow_with_the_data(client, path, slug):
    for number in range(3):
        make_news(title=f"Meldung {number}", image=ImageFactory(credit="A / B"))
    small = count_queries(client, path, slug)
    for number in range(3, 30):
        make_news(title=f"Meldung {number}", image=ImageFactory(credit="A / B"))
    assert count_queries(client, path, slug) == small
    assert small <= 40
