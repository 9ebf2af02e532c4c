"""The basic page search: scoped to the district on its site, citywide on the landing site."""

import pytest

from tests.conftest import host
from tests.district.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(kalk_home, german):
    from district.models import District, DistrictHomePage

    chorweiler_home = DistrictHomePage.objects.get(district=District.objects.get(slug="chorweiler"))
    kalk_page = ContentPageFactory(
        parent=kalk_home, title="Hausaufgabenhilfe Kalk", slug="hausaufgaben"
    )
    chorweiler_page = ContentPageFactory(
        parent=chorweiler_home, title="Hausaufgabenhilfe Chorweiler", slug="hausaufgaben"
    )
    draft = ContentPageFactory(
        parent=kalk_home, title="Hausaufgabenhilfe Entwurf", slug="entwurf", live=False
    )
    return kalk_page, chorweiler_page, draft


def titles(response):
    return [result.title for result in response.context["results"]]


def test_district_search_finds_only_that_districts_live_pages(client, pages):
    response = client.get("/suche/", {"q": "Hausaufgabenhilfe"}, headers={"host": host("kalk")})
    assert titles(response) == ["Hausaufgabenhilfe Kalk"]


def test_landing_search_covers_every_district(client, pages):
    response = client.get("/suche/", {"q": "Hausaufgabenhilfe"}, headers={"host": host()})
    assert sorted(titles(response)) == ["Hausaufgabenhilfe Chorweiler", "Hausaufgabenhilfe Kalk"]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 1000,
        '"',
        "%",
        "\\",
        "&",
        "|",
        "!",
        ":*",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "ğıİ",
        "مرحبا",
        "\x00",
        "Kita AND OR NOT",
    ],
)
def test_hostile_or_odd_queries_give_a_normal_page(client, pages, query):
    response = client.get("/suche/", {"q": query}, headers={"host": host("kalk")})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999"])
def test_bad_page_numbers_give_a_normal_page(client, pages, page):
    response = client.get(
        "/suche/", {"q": "Hausaufgabenhilfe", "page": page}, headers={"host": host()}
    )
    assert response.status_code == 200
