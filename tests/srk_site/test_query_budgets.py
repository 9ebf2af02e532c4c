"""Query budgets for the public page types not covered beside their apps.

Listings, feeds, exports and search have budgets in tests/district/test_news.py,
tests/events/test_calendar.py, tests/people/test_directory.py and
tests/search/test_portal_search.py. Here: the district home and every detail page. Each
is measured with a small data set and again with ten times more around it (more news,
events, projects, people of the same organisation, partners): the count must not change
and must stay within the budget.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from district.models import ProjectIndexPage, ProjectPage
from people.models import Category
from tests.conftest import host
from tests.district.factories import make_news
from tests.events.factories import make_event
from tests.people.factories import OrganisationFactory, PersonFactory
from tests.srk_site.factories import ImageFactory

BUDGETS = {
    "district home": 30,
    "event detail": 30,
    "news detail": 30,
    "project list": 30,
    "project detail": 30,
    "organisation detail": 30,
}


@pytest.fixture
def world(kalk):
    organisation = OrganisationFactory(
        name="Bürgerhaus Kalk", districts=[kalk], categories=[Category.objects.first()]
    )
    contact = PersonFactory(name="Erika Kontakt", organisation=organisation, districts=[kalk])
    event = make_event(title="Sozialraumkonferenz", venue=organisation, organiser=organisation)
    news = make_news(title="Meldung", image=ImageFactory(credit="A / B"), press_contact=contact)
    index = ProjectIndexPage.objects.get(url_path="/kalk/projekte/")
    project = ProjectPage(
        title="Schulgarten",
        slug="schulgarten",
        teaser="Gemüse vom Schulhof.",
        image=ImageFactory(credit="C / D"),
        contact=contact,
    )
    index.add_child(instance=project)
    project.save_revision().publish()
    return {
        "kalk": kalk,
        "organisation": organisation,
        "project": project,
        "paths": {
            "district home": "/",
            "event detail": event.url,
            "news detail": news.url,
            "project list": "/projekte/",
            "project detail": project.url,
            "organisation detail": f"/adressen/{organisation.slug}/",
        },
    }


def grow(world, start, stop):
    kalk, organisation, project = world["kalk"], world["organisation"], world["project"]
    index = ProjectIndexPage.objects.get(url_path="/kalk/projekte/")
    for number in range(start, stop):
        make_news(title=f"Nachricht {number}", image=ImageFactory(credit="A / B"))
        make_event(
            title=f"Termin {number}",
            venue=organisation,
            dates=[{"start_date": dt.date.today() + dt.timedelta(days=number % 20 + 1)}],
        )
        PersonFactory(organisation=organisation, districts=[kalk])
        partner = OrganisationFactory(name=f"Partner {number}", districts=[kalk])
        page = ProjectPage(
            title=f"Projekt {number}",
            slug=f"projekt-{number}",
            teaser="Ein Projekt.",
            image=ImageFactory(credit="E / F"),
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        project.partners.add(partner)
    project.save_revision().publish()


def count_queries(client, path):
    # The first request after a change fills caches (site paths, renditions).
    client.get(path, headers={"host": host("kalk")})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, headers={"host": host("kalk")})
    assert response.status_code == 200, path
    return len(queries)


def test_detail_pages_and_district_home_keep_their_query_budget(client, world):
    grow(world, 0, 3)
    small = {name: count_queries(client, path) for name, path in world["paths"].items()}
    grow(world, 3, 30)
    large = {name: count_queries(client, path) for name, path in world["paths"].items()}
    assert large == small
    over = {name: n for name, n in large.items() if n > BUDGETS[name]}
    assert not over, f"over budget: {over} (budgets {BUDGETS})"
