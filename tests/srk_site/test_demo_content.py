"""The demo: realistic content on every site, added once, rendering everywhere."""

import re

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from district.models import DistrictHomePage
from srk_site.demo import load_demo_content
from srk_site.portal_setup import load_districts
from tests.conftest import DISTRICT_SLUGS

pytestmark = pytest.mark.django_db


def counts():
    return (Page.objects.count(), Revision.objects.count(), Site.objects.count())


def test_demo_file_covers_every_district_without_lorem_ipsum_or_real_contacts():
    content = load_demo_content()
    assert set(DISTRICT_SLUGS) <= set(content)
    text = repr(content).lower()
    assert "lorem" not in text and "ipsum" not in text
    for slug in DISTRICT_SLUGS:
        person = content[slug]["coordinator"]
        assert person["email"].endswith(".example"), slug
        # Reserved fictional Cologne numbers (Bundesnetzagentur "drama numbers").
        assert person["phone"].startswith("0221 4710-"), slug
    unknown_carrier = [d for d in load_districts() if not d["carrier"]]
    assert unknown_carrier  # the file does leave unconfirmed carriers empty


def test_demo_fills_every_site_once_every_page_renders_and_the_landing_features_districts(
    client,
):
    call_command("setup_portal", demo=True, verbosity=0)
    after_first = counts()
    call_command("setup_portal", demo=True, verbosity=0)
    assert counts() == after_first

    for home in DistrictHomePage.objects.filter(locale__language_code="de").select_related(
        "district"
    ):
        assert home.intro and len(home.body) >= 3, home.district.slug
        assert home.hero_image.credit

    # Every page of the landing site and of three districts, and every district's home.
    sampled = {"localhost", "kalk.localhost", "chorweiler.localhost", "porz-ost.localhost"}
    for site in Site.objects.select_related("root_page"):
        host = f"{site.hostname}:{site.port}"
        pages = site.root_page.get_descendants(inclusive=True).live()
        if site.hostname not in sampled:
            pages = pages.filter(depth=2)
        for page in pages:
            response = client.get(page.relative_url(site), headers={"host": host})
            assert response.status_code == 200, (host, page.url_path)
            assert page.title in response.content.decode()

    # The landing page features items from at least five districts. (One test, because
    # building the demo is the slow part.)
    html = client.get("/", headers={"host": "localhost:8000"}).content.decode()
    # Only the curated teasers count, not the tiles or the footer, which link every district.
    sections = [part.split("</section>", 1)[0] for part in html.split('class="block-teasers"')[1:]]
    linked = set(re.findall(r'href="http://([a-z-]+)\.localhost:8000/', "".join(sections)))
    assert len(linked) >= 5

    # Demo translations: real ones where they exist, the German page with a note elsewhere.
    kalk = {"host": "kalk.localhost:8000"}
    about = client.get("/ar/ueber-uns/", headers=kalk).content.decode()
    assert "<h1>من نحن</h1>" in about and 'class="translation-note"' not in about
    assert 'class="person-card"' in about  # the contact block kept from the German page
    assert 'class="translation-note"' in client.get("/tr/adressen/", headers=kalk).content.decode()
