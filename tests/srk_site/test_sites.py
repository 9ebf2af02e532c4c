"""Routing per Host header: each subdomain serves its own district, the rest the landing site."""

import re

import pytest

from district.models import District
from tests.conftest import DISTRICT_SLUGS, host

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", DISTRICT_SLUGS)
def test_every_district_host_serves_its_own_home_page(client, slug):
    district = District.objects.get(slug=slug)
    response = client.get("/", headers={"host": host(slug)})
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "district/district_home_page.html"
    assert response.context["page"].specific.district == district
    assert f"<h1>{district.name}</h1>" in response.content.decode()


def test_landing_host_serves_the_landing_page(client):
    response = client.get("/", headers={"host": host()})
    assert response.status_code == 200
    assert response.templates[0].name == "home/landing_page.html"


def test_unknown_host_gets_the_landing_site(client):
    response = client.get("/", headers={"host": "unbekannt.example.org"})
    assert response.status_code == 200
    assert response.templates[0].name == "home/landing_page.html"


def test_district_fixed_pages_are_served_on_the_district_host(client):
    response = client.get("/das-sozialraumgebiet/", headers={"host": host("kalk")})
    assert response.status_code == 200
    assert response.context["page"].get_parent().specific.district.slug == "kalk"


def test_a_district_path_is_not_served_on_another_district_host(client, kalk_home):
    chorweiler = client.get("/ueber-uns/", headers={"host": host("chorweiler")})
    assert chorweiler.context["page"].get_parent().specific.district.slug == "chorweiler"


def test_www_redirects_to_the_base_domain_keeping_path_and_query(client):
    response = client.get("/das-programm/?a=1", headers={"host": "www.localhost:8000"})
    assert response.status_code == 301
    assert response["Location"] == "http://localhost:8000/das-programm/?a=1"


def test_unknown_path_gives_a_styled_404(client):
    response = client.get("/gibt-es-nicht/", headers={"host": host("kalk")})
    assert response.status_code == 404
    content = response.content.decode()
    assert "Diese Seite gibt es nicht" in content
    assert "accent-kalk" in content  # the district's own header, not a bare error


def test_header_shows_district_name_carrier_and_colour(client, kalk):
    content = client.get("/", headers={"host": host("kalk")}).content.decode()
    assert 'class="brand__name">Kalk<' in content
    assert "Trägerschaft von Kinderschutzbund Köln" in content
    assert 'class="brand__name">Kalk<' in content and "accent-kalk" in content
    stylesheet = re.search(r'href="(/farben\.css\?v=\w+)"', content).group(1)
    css = client.get(stylesheet, headers={"host": host("kalk")}).content.decode()
    assert f".accent-kalk {{ --accent: {kalk.accent_colour}; }}" in css


def test_unknown_carrier_is_left_out_of_the_header(client):
    content = client.get("/", headers={"host": host("chorweiler")}).content.decode()
    assert "Trägerschaft" not in content


def test_footer_links_legal_pages_the_landing_site_and_every_district(client):
    content = client.get("/ueber-uns/", headers={"host": host("kalk")}).content.decode()
    for path in ("/impressum/", "/datenschutz/", "/barrierefreiheit/"):
        assert f'href="{path}"' in content
    assert 'href="http://localhost:8000/"' in content
    for slug in DISTRICT_SLUGS:
        assert f'href="http://{slug}.localhost:8000/"' in content


def test_page_has_one_h1_skip_link_landmarks_and_language(client):
    content = client.get("/das-sozialraumgebiet/", headers={"host": host("kalk")}).content.decode()
    assert content.count("<h1") == 1
    assert '<a class="skip-link" href="#main">' in content
    assert '<main id="main"' in content
    assert "<header" in content and "<footer" in content and 'role="search"' in content
    assert '<html lang="de" dir="ltr">' in content
    assert 'aria-label="Sie sind hier"' in content  # breadcrumbs


def test_menu_is_built_from_the_page_tree_and_marks_the_current_page(client):
    content = client.get("/arbeitskreise/", headers={"host": host("kalk")}).content.decode()
    assert '<a href="/ueber-uns/">Über uns</a>' in content
    assert '<a href="/arbeitskreise/" aria-current="page">Arbeitskreise</a>' in content
    assert 'href="/impressum/">Impressum</a></li>' in content  # footer, not the menu


def test_anonymous_visitors_get_no_cookies(client):
    for path in ("/", "/ueber-uns/", "/suche/?q=Kalk", "/nicht-da/"):
        response = client.get(path, headers={"host": host("kalk")})
        assert not response.cookies, path
