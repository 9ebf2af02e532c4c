"""The public address directory: lists, filters, detail pages, vCards and open data."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from district.models import District
from people.csv_format import COLUMNS, EXPORT_ONLY_COLUMNS
from people.models import Category, TargetGroup
from people.views import reveal_url
from tests.conftest import host
from tests.people.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

ALL_WEEK = [(day, "00:00", "23:59") for day in range(7)]


@pytest.fixture
def chorweiler(db):
    return District.objects.get(slug="chorweiler")


@pytest.fixture
def entries(kalk, chorweiler):
    kita = Category.objects.get(slug="kita")
    seniors = TargetGroup.objects.get(slug="senioren")
    return {
        "kita": OrganisationFactory(
            name="Kita Sonnenschein", districts=[kalk], categories=[kita], hours=ALL_WEEK
        ),
        "treff": OrganisationFactory(
            name="Ärztehaus und Seniorentreff", districts=[kalk], target_groups=[seniors]
        ),
        "apotheke": OrganisationFactory(name="Apothekenberatung", districts=[kalk]),
        "chorweiler": OrganisationFactory(
            name="Mieterkontaktstelle Chorweiler", districts=[chorweiler], street="Pariser Platz 1"
        ),
        "draft": OrganisationFactory(name="Noch nicht freigegeben", districts=[kalk], live=False),
    }


def names(response):
    return [entry["organisation"].name for entry in response.context["entries"]]


def get(client, path, slug="kalk", **params):
    return client.get(path, params, headers={"host": host(slug)})


def test_district_directory_lists_its_published_entries_alphabetically(client, entries):
    response = get(client, "/adressen/")
    assert response.status_code == 200
    # Ä sorts with A, as German readers expect; drafts and other districts stay out.
    assert names(response) == [
        "Apothekenberatung",
        "Ärztehaus und Seniorentreff",
        "Kita Sonnenschein",
    ]


def test_landing_directory_is_citywide_with_a_district_filter(client, entries):
    everything = get(client, "/adressen/", slug=None)
    assert "Mieterkontaktstelle Chorweiler" in names(everything)
    assert "Kita Sonnenschein" in names(everything)
    only_chorweiler = get(client, "/adressen/", slug=None, gebiet="chorweiler")
    assert names(only_chorweiler) == ["Mieterkontaktstelle Chorweiler"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kategorie": "kita"}, ["Kita Sonnenschein"]),
        ({"zielgruppe": "senioren"}, ["Ärztehaus und Seniorentreff"]),
        ({"q": "sonnen"}, ["Kita Sonnenschein"]),
        ({"q": "Kalker Sonnenschein"}, ["Kita Sonnenschein"]),
        ({"offen": "on"}, ["Kita Sonnenschein"]),
    ],
)
def test_filters_narrow_the_list(client, entries, params, expected):
    assert names(get(client, "/adressen/", **params)) == expected


@pytest.mark.parametrize(
    ("slug", "params"),
    [
        ("kalk", {}),
        (None, {}),
        (None, {"gebiet": "kalk"}),
        (None, {"kategorie": "kita", "zielgruppe": "senioren", "gebiet": "chorweiler"}),
        ("kalk", {"kategorie": "kita", "zielgruppe": "senioren", "offen": "on"}),
    ],
)
def test_an_entry_in_several_districts_and_categories_is_listed_once(
    client, kalk, chorweiler, slug, params
):
    # The filters join many-to-many tables without DISTINCT; each pair is stored once.
    OrganisationFactory(
        name="Familienzentrum an der Grenze",
        districts=[kalk, chorweiler],
        categories=list(Category.objects.all()[:3]) + [Category.objects.get(slug="kita")],
        target_groups=list(TargetGroup.objects.all()),
        hours=[*ALL_WEEK, *ALL_WEEK],
    )
    response = get(client, "/adressen/", slug=slug, **params)
    assert names(response) == ["Familienzentrum an der Grenze"]
    assert response.context["page_obj"].paginator.count == 1


def test_an_unknown_category_is_ignored_with_a_notice_while_other_filters_apply(client, entries):
    response = get(client, "/adressen/", kategorie="gibt-es-nicht", q="Kita")
    assert response.status_code == 200
    assert names(response) == ["Kita Sonnenschein"]
    assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"page": "-1"},
        {"page": "abc"},
        {"page": "0"},
        {"q": "x" * 2000},
        {"q": "\x00<script>"},
        {"gebiet": "nirgendwo"},
        {"zielgruppe": "%"},
        {"offen": "vielleicht"},
    ],
)
def test_bad_filter_values_give_a_normal_page(client, entries, params):
    assert get(client, "/adressen/", **params).status_code == 200
    assert get(client, "/adressen/export.csv", **params).status_code == 200
    assert get(client, "/adressen/export.geojson", **params).status_code == 200


def test_list_paginates_twenty_entries_per_page(client, kalk):
    for number in range(25):
        OrganisationFactory(name=f"Treffpunkt {number:02d}", districts=[kalk])
    first, second = get(client, "/adressen/"), get(client, "/adressen/", page="2")
    assert len(names(first)) == 20 and len(names(second)) == 5
    assert 'href="?page=2"' in first.content.decode()


def test_filters_work_without_javascript_as_a_plain_get_form(client, entries):
    html = get(client, "/adressen/").content.decode()
    assert '<form class="filters" method="get"' in html
    assert '<label for="id_kategorie">Kategorie</label>' in html


def test_detail_page_shows_all_fields_and_the_people_there(client, entries, kalk):
    kita = entries["kita"]
    PersonFactory(name="Derya Kaya", role="Kita-Leitung", organisation=kita, districts=[kalk])
    response = get(client, f"/adressen/{kita.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "<h1>Kita Sonnenschein</h1>",
        "Kalker Hauptstraße 100",
        "51103 Köln",
        "0221 4710-500",
        "Deutsch, Türkisch",
        "kostenlos",
        "Derya Kaya",
        "Angaben zuletzt geprüft am 1. Oktober 2026",
        "Jetzt geöffnet",
        "vcard/",
    ):
        assert text in html, text


def test_detail_page_carries_schema_org_data_with_opening_hours(client, entries):
    html = get(client, f"/adressen/{entries['kita'].slug}/").content.decode()
    raw = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(raw)
    assert data["name"] == "Kita Sonnenschein"
    assert data["address"]["postalCode"] == "51103"
    assert len(data["openingHoursSpecification"]) == 7
    assert data["openingHoursSpecification"][0]["dayOfWeek"] == "https://schema.org/Monday"


def test_detail_of_another_district_or_a_draft_is_not_found(client, entries):
    assert get(client, f"/adressen/{entries['chorweiler'].slug}/").status_code == 404
    assert get(client, f"/adressen/{entries['draft'].slug}/").status_code == 404
    assert get(client, "/adressen/unbekannt/").status_code == 404


def test_vcard_is_a_valid_card(client, entries):
    response = get(client, f"/adressen/{entries['kita'].slug}/vcard/")
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert "FN:Kita Sonnenschein\r\n" in text
    assert "TEL;TYPE=WORK,VOICE:0221 4710-500\r\n" in text
    assert text.endswith("END:VCARD\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_csv_export_is_utf8_with_a_header_and_honours_filters(client, entries):
    response = get(client, "/adressen/export.csv", kategorie="kita")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert list(rows[0]) == COLUMNS + EXPORT_ONLY_COLUMNS
    assert [row["name"] for row in rows] == ["Kita Sonnenschein"]
    assert rows[0]["opening_hours"].startswith("Mo 00:00-23:59; Di 00:00-23:59")
    assert rows[0]["licence"].startswith("Datenlizenz Deutschland")
    assert rows[0]["url"] == f"http://kalk.localhost:8000/adressen/{entries['kita'].slug}/"
    assert "email" not in rows[0]  # open data, but no harvestable addresses


def test_geojson_export_is_a_feature_collection_of_points(client, entries, kalk):
    OrganisationFactory(name="Mobiles Angebot", districts=[kalk], latitude=None, longitude=None)
    response = get(client, "/adressen/export.geojson")
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    assert data["license"].startswith("Datenlizenz")
    names_ = [f["properties"]["name"] for f in data["features"]]
    assert "Mobiles Angebot" not in names_ and "Kita Sonnenschein" in names_
    point = data["features"][0]["geometry"]
    assert point["type"] == "Point" and point["coordinates"] == [6.9985, 50.9371]


def test_email_addresses_are_not_in_the_page_for_harvesters(client, entries):
    kita = entries["kita"]
    html = get(client, f"/adressen/{kita.slug}/").content.decode()
    assert kita.email not in html and "mailto:" not in html
    assert f'action="{reveal_url("organisation", kita)}"' in html
    assert "E-Mail-Adresse von Kita Sonnenschein anzeigen" in html
    vcard = get(client, f"/adressen/{kita.slug}/vcard/").content.decode()
    assert kita.email not in vcard


def test_pressing_the_button_shows_the_address_with_and_without_javascript(client, entries):
    kita = entries["kita"]
    url = reveal_url("organisation", kita)
    page = client.post(url, headers={"host": host("kalk")})
    assert page.status_code == 200
    assert f'href="mailto:{kita.email}"' in page.content.decode()
    assert not page.cookies
    data = client.post(url, headers={"host": host("kalk"), "accept": "application/json"})
    assert data.json() == {"email": kita.email}


def test_email_reveal_refuses_get_drafts_forged_tokens_and_counting_up(client, entries):
    kita, draft = entries["kita"], entries["draft"]
    assert client.get(reveal_url("organisation", kita)).status_code == 405
    assert client.post(reveal_url("organisation", draft)).status_code == 404
    assert client.post(reveal_url("nobody", kita)).status_code == 404
    assert client.post(f"/kontakt/e-mail/organisation:{kita.pk}/").status_code == 404


def test_email_reveal_is_rate_limited_per_address(client, entries):
    from django.core.cache import cache

    cache.clear()
    url = reveal_url("organisation", entries["kita"])
    statuses = [client.post(url).status_code for _ in range(61)]
    assert statuses[:60] == [200] * 60 and statuses[60] == 429
    cache.clear()


def count_queries(client, path, **params):
    # The first request after a change rebuilds caches (site paths, renditions); budgets
    # are for the steady state.
    get(client, path, **params)
    with CaptureQueriesContext(connection) as queries:
        assert get(client, path, **params).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["/adressen/", "/adressen/export.csv", "/adressen/export.geojson"])
def test_directory_query_count_does_not_grow_with_the_data(client, kalk, path):
    kita = Category.objects.get(slug="kita")
    for number in range(3):
        OrganisationFactory(
            districts=[kalk], categories=[kita], hours=ALL_WEEK[:2], name=f"A{number}"
        )
    small = count_queries(client, path)
    for number in range(30):
        OrganisationFactory(
            districts=[kalk], categories=[kita], hours=ALL_WEEK[:2], name=f"B{number}"
        )
    large = count_queries(client, path)
    assert small == large
    assert large <= 25


def test_entry_addresses_spell_umlauts_the_german_way(kalk):
    first = OrganisationFactory(name="Städtische Kita Grüner Weg", districts=[kalk])
    second = OrganisationFactory(name="Städtische Kita Grüner Weg", districts=[kalk])
    assert first.slug == "staedtische-kita-gruener-weg"
    assert second.slug == "staedtische-kita-gruener-weg-2"


def bulk_organisations(district, category, start, count):
    """Many published entries at once, with categories and opening hours, for budgets."""
    from people.models import OpeningHours, Organisation
    from people.models.entries import sort_key

    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Treffpunkt {number:05d}",
            slug=f"treffpunkt-{number:05d}",
            sort_name=sort_key(f"Treffpunkt {number:05d}"),
            latitude=50.93,
            longitude=6.99,
            live=True,
        )
        for number in range(start, start + count)
    )
    Organisation.districts.through.objects.bulk_create(
        Organisation.districts.through(organisation_id=o.pk, district_id=district.pk)
        for o in organisations
    )
    Organisation.categories.through.objects.bulk_create(
        Organisation.categories.through(organisation_id=o.pk, category_id=category.pk)
        for o in organisations
    )
    OpeningHours.objects.bulk_create(
        OpeningHours(organisation_id=o.pk, weekday=day, opens="09:00", closes="17:00")
        for o in organisations
        for day in (0, 3)
    )


@pytest.mark.parametrize("path", ["/adressen/", "/adressen/export.csv", "/adressen/export.geojson"])
def test_directory_budget_holds_with_two_thousand_entries_in_one_district(client, kalk, path):
    kita = Category.objects.get(slug="kita")
    bulk_organisations(kalk, kita, 0, 200)
    small = count_queries(client, path, kategorie="kita")
    bulk_organisations(kalk, kita, 200, 1800)
    large = count_queries(client, path, kategorie="kita")
    assert small == large <= 25
