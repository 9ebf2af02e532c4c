"""Content in four languages: translations where they exist, the German page with a note
where they don't, and visitors who stay in their language while they click through."""

import re

import pytest
from wagtail.models import GroupPagePermission, Locale
from wagtail_localize.operations import translate_object

from tests.conftest import host

pytestmark = pytest.mark.django_db


def main_html(response):
    return re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)


def hreflangs(response):
    return dict(re.findall(r'hreflang="([\w-]+)" href="([^"]+)"', response.content.decode()))


@pytest.fixture
def english(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def calendar_in_english(kalk_home, english):
    """Kalk's calendar translated into English under its own slug."""
    calendar = kalk_home.get_children().get(slug="termine").specific
    translate_object(calendar, [english])
    translated = calendar.get_translation(english)
    translated.title = "Events"
    translated.slug = "events"
    translated.save_revision().publish()
    return translated


def test_untranslated_page_is_the_german_one_with_a_note(client):
    response = client.get("/en/termine/", HTTP_HOST=host("kalk"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert '<main id="main" tabindex="-1" lang="de" dir="ltr">' in html
    assert 'class="translation-note"' in main_html(response)
    # The German address is the original; nothing pretends to be an English page.
    assert '<link rel="canonical" href="http://kalk.localhost:8000/termine/">' in html
    assert hreflangs(response) == {}


def test_german_page_has_no_note(client):
    response = client.get("/termine/", HTTP_HOST=host("kalk"))
    assert 'class="translation-note"' not in response.content.decode()
    assert '<main id="main" tabindex="-1">' in response.content.decode()


@pytest.mark.parametrize("language", ["en", "tr", "ar"])
def test_links_keep_the_visitors_language(client, language):
    html = client.get(f"/{language}/", HTTP_HOST=host("kalk")).content.decode()
    menu = re.search(r'<nav class="main-menu".*?</nav>', html, re.S).group(0)
    links = re.findall(r'href="([^"]+)"', menu)
    assert links
    assert all(link.startswith(f"/{language}/") for link in links), links


def test_switcher_offers_every_language_and_keeps_filters(client):
    response = client.get("/termine/?zeitraum=heute", HTTP_HOST=host("kalk"))
    switcher = re.search(
        r'<nav class="language-switcher".*?</nav>', response.content.decode(), re.S
    ).group(0)
    links = dict(re.findall(r'href="([^"]+)" lang="(\w+)"', switcher))
    assert set(links.values()) == {"de", "en", "tr", "ar"}
    assert {code: url for url, code in links.items()} == {
        "de": "/termine/?zeitraum=heute",
        "en": "/en/termine/?zeitraum=heute",
        "tr": "/tr/termine/?zeitraum=heute",
        "ar": "/ar/termine/?zeitraum=heute",
    }
    assert re.search(r'lang="de"[^>]*aria-current="true"', switcher)


def test_arabic_is_right_to_left(client):
    html = client.get("/ar/termine/", HTTP_HOST=host("kalk")).content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_translation_is_served_and_old_address_redirects(client, calendar_in_english):
    response = client.get("/en/termine/", HTTP_HOST=host("kalk"))
    assert response.status_code == 302
    assert response["Location"] == "/en/events/"

    response = client.get("/en/events/", HTTP_HOST=host("kalk"))
    assert response.status_code == 200
    assert 'class="translation-note"' not in response.content.decode()
    assert hreflangs(response) == {
        "de": "http://kalk.localhost:8000/termine/",
        "en": "http://kalk.localhost:8000/en/events/",
        "x-default": "http://kalk.localhost:8000/termine/",
    }
    german = client.get("/termine/", HTTP_HOST=host("kalk"))
    assert hreflangs(german)["en"] == "http://kalk.localhost:8000/en/events/"


def test_menu_shows_translated_titles(client, calendar_in_english):
    html = client.get("/en/adressen/", HTTP_HOST=host("kalk")).content.decode()
    menu = re.search(r'<nav class="main-menu".*?</nav>', html, re.S).group(0)
    assert ">Events</a>" in menu
    assert ">Termine</a>" not in menu


def test_untranslated_pages_below_a_translated_home_fall_back(
    client, kalk_home, calendar_in_english
):
    # Translating the calendar created an English stand-in for Kalk's home page, so
    # Wagtail now routes /en/ through the English tree, where "adressen" does not exist.
    stand_in = kalk_home.get_translation(calendar_in_english.locale)
    assert stand_in.live and stand_in.alias_of_id == kalk_home.pk
    response = client.get("/en/adressen/", HTTP_HOST=host("kalk"))
    assert response.status_code == 200
    assert 'class="translation-note"' in main_html(response)
    assert client.get("/en/termine/kalender.ics", HTTP_HOST=host("kalk")).status_code == 200
    assert client.get("/en/events/kalender.ics", HTTP_HOST=host("kalk")).status_code == 200


@pytest.mark.parametrize(
    "path", ["/en/gibt-es-nicht/", "/ar/adressen/gibt-es-nicht/", "/tr/termine/monat/2026-13/"]
)
def test_unknown_addresses_stay_404_in_every_language(client, path):
    assert client.get(path, HTTP_HOST=host("kalk")).status_code == 404


def test_sitemap_lists_translations_but_not_stand_ins(client, calendar_in_english):
    xml = client.get("/sitemap.xml", HTTP_HOST=host("kalk")).content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert "http://kalk.localhost:8000/en/events/" in locations
    assert "http://kalk.localhost:8000/termine/" in locations
    assert "http://kalk.localhost:8000/en/" not in locations  # the alias of the home page


def test_coordinators_may_edit_their_districts_translations(kalk_home, calendar_in_english):
    english_home = kalk_home.get_translation(calendar_in_english.locale)
    german_grants = set(
        GroupPagePermission.objects.filter(page=kalk_home).values_list("group", "permission")
    )
    english_grants = set(
        GroupPagePermission.objects.filter(page=english_home).values_list("group", "permission")
    )
    assert german_grants
    assert english_grants == german_grants


def test_a_coordinator_translates_a_page_in_the_admin(client, kalk_home, english):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user("koordination-kalk-en", password="x")
    user.groups.add(Group.objects.get(name="Koordination Kalk"))
    client.force_login(user)
    calendar = kalk_home.get_children().get(slug="termine")
    url = f"/admin/localize/submit/page/{calendar.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [english.pk]})
    assert response.status_code == 302
    translated = calendar.get_translation(english)
    assert translated.get_parent().specific.district_id == kalk_home.district_id
    # The coordinator can edit the translation, but not another district's pages.
    assert translated.permissions_for_user(user).can_edit()


def test_the_url_alone_sets_the_language_of_public_pages(client):
    # A browser asking for English must not turn sitemap.xml (outside i18n_patterns)
    # into an English document whose German pages carry an /en/ prefix.
    xml = client.get(
        "/sitemap.xml", HTTP_HOST=host("kalk"), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "http://kalk.localhost:8000/termine/" in xml
    assert "http://kalk.localhost:8000/en/termine/" not in xml
    german = client.get("/termine/", HTTP_HOST=host("kalk"), HTTP_ACCEPT_LANGUAGE="ar")
    assert '<html lang="de" dir="ltr">' in german.content.decode()
