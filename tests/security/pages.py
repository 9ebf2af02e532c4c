"""One of every public page type, for the security tests that walk them all."""

import pytest

from district.models import ProjectIndexPage, ProjectPage
from people.models import DirectoryPage
from tests.conftest import host
from tests.district.factories import make_news
from tests.district.test_forms import make_form_page
from tests.events.factories import make_event
from tests.people.factories import OrganisationFactory

# Public views that are not pages: (host slug, path).
NON_PAGE_URLS = [
    (None, "/"),
    (None, "/suche/?q=Kalk"),
    ("kalk", "/suche/?q=Caf%C3%A9"),
    ("kalk", "/suche/vorschlaege/?q=Ca"),
    ("kalk", "/gibt-es-nicht/"),
    ("kalk", "/mitmachen/"),
    ("kalk", "/mitmachen/termin/"),
    ("kalk", "/mitmachen/neuigkeit/"),
    ("kalk", "/mitmachen/einrichtung/"),
    ("kalk", "/termine/monat/"),
    ("kalk", "/termine/archiv/"),
    ("kalk", "/termine/kalender.ics"),
    ("kalk", "/aktuelles/feed/"),
    ("kalk", "/aktuelles/presse/"),
    ("kalk", "/adressen/export.csv"),
    ("kalk", "/adressen/export.geojson"),
    ("kalk", "/sitemap.xml"),
    ("kalk", "/robots.txt"),
    (None, "/en/"),
]


@pytest.fixture
def public_urls(kalk, kalk_home):
    """(Host header, path) of every public page type with content, plus the non-page views."""
    event = make_event("kalk", title="Nachbarschaftscafe Sicherheit")
    news = make_news("kalk", title="Neue Sprechstunde Sicherheit")
    organisation = OrganisationFactory(districts=[kalk])
    form = make_form_page(kalk_home)
    projects = ProjectIndexPage.objects.child_of(kalk_home).get()
    project = ProjectPage(title="Veedelsgarten", slug="veedelsgarten", teaser="Ein Garten.")
    projects.add_child(instance=project)
    project.save_revision().publish()
    directory = DirectoryPage.objects.child_of(kalk_home).get()
    kalk_host = host("kalk")
    urls = [(host(slug), path) for slug, path in NON_PAGE_URLS]
    for page in kalk_home.get_descendants(inclusive=True).live().specific():
        urls.append((kalk_host, page.url_path.removeprefix(kalk_home.url_path[:-1])))
    urls += [
        (
            kalk_host,
            f"{directory.url_path.removeprefix(kalk_home.url_path[:-1])}{organisation.slug}/",
        ),
        (
            kalk_host,
            f"{directory.url_path.removeprefix(kalk_home.url_path[:-1])}{organisation.slug}/vcard/",
        ),
    ]
    assert {event.pk, news.pk, form.pk, project.pk} <= {
        p.pk for p in kalk_home.get_descendants().live()
    }
    return urls
