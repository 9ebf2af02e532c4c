"""Every site has a page in Leichte Sprache linked from its header, and an accessibility
statement with a form to report barriers."""

import re

import pytest
from wagtail.contrib.forms.models import FormSubmission

from district.models import ContentPage, FormPage
from srk_site.portal_setup import setup_portal
from tests.conftest import DISTRICT_SLUGS, host

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", [None, *DISTRICT_SLUGS])
def test_every_header_links_to_the_sites_page_in_easy_german(client, slug):
    html = client.get("/", HTTP_HOST=host(slug)).content.decode()
    link = re.search(r'<a class="service-bar__easy" href="([^"]+)" lang="de">', html)
    assert link, "no Leichte Sprache link in the header"
    page = client.get(link.group(1).split(":8000", 1)[-1], HTTP_HOST=host(slug))
    assert page.status_code == 200
    assert "<h1>Leichte Sprache</h1>" in page.content.decode()


def test_easy_german_page_names_the_district_and_links_contacts(client, kalk):
    html = client.get("/leichte-sprache/", HTTP_HOST=host("kalk")).content.decode()
    assert f"Ein Büro ist in {kalk.name}." in html
    assert "Sozial·raum·koordination" in html
    assert 'href="/ueber-uns/"' in html  # the teaser to the contacts page


def test_easy_german_link_stays_german_for_other_languages(client):
    html = client.get("/ar/", HTTP_HOST=host("kalk")).content.decode()
    assert re.search(r'class="service-bar__easy" href="http://kalk\.localhost:8000/leichte-', html)


def test_setup_never_overwrites_an_editors_text(kalk_home):
    page = kalk_home.get_children().get(slug="leichte-sprache").specific
    page.body = [{"type": "paragraph", "value": "<p>Eigener Text der Koordination.</p>"}]
    page.save_revision().publish()
    setup_portal()
    page.refresh_from_db()
    assert "Eigener Text der Koordination." in str(page.body)
    assert ContentPage.objects.filter(slug="leichte-sprache").count() == len(DISTRICT_SLUGS) + 1


def test_statement_links_to_the_barrier_form(client):
    html = client.get("/barrierefreiheit/", HTTP_HOST=host("kalk")).content.decode()
    assert "Schlichtungsverfahren" in html
    assert 'href="/barrierefreiheit/barriere-melden/"' in html


def test_barrier_report_is_stored_for_the_sites_coordination(client, kalk_home):
    form_page = FormPage.objects.descendant_of(kalk_home).get(slug="barriere-melden")
    url = "/barrierefreiheit/barriere-melden/"
    form = client.get(url, HTTP_HOST=host("kalk")).content.decode()
    page_field, problem_field, email_field = [f.clean_name for f in form_page.get_form_fields()]
    assert f'name="{problem_field}"' in form

    empty = client.post(url, {page_field: "/termine/"}, HTTP_HOST=host("kalk"))
    assert empty.status_code == 200
    assert 'aria-invalid="true"' in empty.content.decode() or "errorlist" in empty.content.decode()
    assert not FormSubmission.objects.filter(page=form_page).exists()

    sent = client.post(
        url,
        {page_field: "/termine/", problem_field: "Der Monatskalender springt beim Tabben."},
        HTTP_HOST=host("kalk"),
    )
    assert sent.status_code == 200
    submission = FormSubmission.objects.get(page=form_page)
    assert "Monatskalender" in submission.form_data[problem_field]
    assert email_field not in submission.form_data or not submission.form_data[email_field]
