"""generate_load_data: counts, determinism and a valid page tree at a tiny scale."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from wagtail.models import Page

from district.models import District, NewsPage, ProjectPage
from events.models import EventPage, Occurrence
from people.models import Organisation, Person

# --scale 0.004 gives per district 4 events, 2 news, 1 organisation, 1 person (minimum),
# 1 project (minimum); two districts keep the test quick.
ARGS = ["--scale", "0.004", "--districts", "2"]


def generate(*extra):
    out = StringIO()
    call_command("generate_load_data", *ARGS, *extra, stdout=out)
    return out.getvalue()


def snapshot():
    return {
        "events": sorted(EventPage.objects.values_list("url_path", "teaser")),
        "news": sorted(NewsPage.objects.values_list("url_path", "date", "kind")),
        "organisations": sorted(Organisation.objects.values_list("name", "latitude")),
    }


def test_load_data_has_the_requested_counts_and_a_valid_tree(db):
    pages_before = Page.objects.count()
    output = generate()
    districts = list(District.objects.order_by("sort_order", "pk")[:2])
    assert "[2/2]" in output and "Suchindex" in output
    assert EventPage.objects.count() == 8
    assert NewsPage.objects.count() == 4 and ProjectPage.objects.count() == 2
    assert Organisation.objects.count() == 2 and Person.objects.count() == 2
    assert Page.objects.count() == pages_before + 14
    assert not any(Page.find_problems()), "treebeard tree is inconsistent"
    for district in districts:
        home = district.home_page
        events = EventPage.objects.live().descendant_of(home)
        assert events.count() == 4
        assert all(e.url_path.startswith(f"{home.url_path}termine/") for e in events)
        assert Organisation.objects.filter(districts=district).count() == 1
    # One event in ten is a series; every event has occurrences.
    assert Occurrence.objects.values("event").distinct().count() == 8
    assert (
        EventPage.objects.filter(dates__repeat="weekly").count()
        + EventPage.objects.filter(dates__repeat="monthly").count()
        == 2
    )


def test_generated_pages_are_served(client, db):
    generate("--no-index")
    event = EventPage.objects.live().first()
    home = District.objects.order_by("sort_order", "pk").first()
    response = client.get(
        event.url_path.removeprefix(home.home_page.url_path[:-1]),
        headers={"host": f"{home.slug}.localhost:8000"},
    )
    assert response.status_code == 200
    assert event.title in response.content.decode()


def test_same_seed_gives_the_same_data_and_another_seed_other_data(db):
    with transaction.atomic():
        generate("--no-index")
        first = snapshot()
        transaction.set_rollback(True)
    with transaction.atomic():
        generate("--no-index")
        assert snapshot() == first
        transaction.set_rollback(True)
    generate("--no-index", "--seed", "2")
    assert snapshot() != first


def test_refuses_to_add_load_data_twice_and_bad_scales(db):
    generate("--no-index")
    with pytest.raises(CommandError, match="schon Lastdaten"):
        generate("--no-index")
    with pytest.raises(CommandError, match="größer als 0"):
        call_command("generate_load_data", "--scale", "0")
