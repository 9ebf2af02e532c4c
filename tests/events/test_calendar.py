"""The calendar pages, the occurrence table behind them and the iCal feeds."""

import datetime as dt

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Occurrence
from people.models import Category, TargetGroup
from tests.conftest import host
from tests.events.factories import make_event
from tests.people.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def in_days(days):
    return TODAY + dt.timedelta(days=days)


def once(days, start=15, end=17):
    return [{"start_date": in_days(days), "start_time": dt.time(start), "end_time": dt.time(end)}]


def get(client, path, slug="kalk", **params):
    return client.get(path, params, headers={"host": host(slug)})


def listed_titles(response):
    return [item["event"].title for _day, items in response.context["days"] for item in items]


def test_publishing_writes_occurrences_and_unpublishing_removes_them(kalk):
    event = make_event(dates=once(2))
    assert event.occurrences.count() == 1
    assert event.occurrences.get().district == kalk
    event.unpublish()
    assert not Occurrence.objects.filter(event=event).exists()


def test_a_changed_date_shows_only_after_publishing():
    event = make_event(dates=once(2))
    draft = event.get_latest_revision_as_object()
    dates = list(draft.dates.all())
    dates[0].start_date = in_days(9)
    draft.dates = dates
    revision = draft.save_revision()
    assert event.occurrences.get().local_date == in_days(2)
    revision.publish()
    assert event.occurrences.get().local_date == in_days(9)


def test_deleting_an_event_removes_its_occurrences():
    event = make_event(dates=once(2))
    event.delete()
    assert not Occurrence.objects.exists()


def test_drafts_have_no_occurrences():
    make_event(publish=False, dates=once(2))
    assert not Occurrence.objects.exists()


def test_upcoming_list_is_grouped_by_day_and_scoped_to_the_district(client):
    make_event(title="Sprachcafé", dates=once(1))
    make_event(title="Elterncafé", dates=once(1, 9, 11))
    make_event(title="Babytreff", dates=once(3))
    make_event(district_slug="chorweiler", title="Mieterberatung", dates=once(1))
    response = get(client, "/termine/")
    assert response.status_code == 200
    days = response.context["days"]
    assert [day for day, _items in days] == [in_days(1), in_days(3)]
    assert [item["event"].title for item in days[0][1]] == ["Elterncafé", "Sprachcafé"]
    assert "Mieterberatung" not in listed_titles(response)


def test_landing_calendar_is_citywide_with_a_district_filter(client):
    make_event(title="Sprachcafé", dates=once(1))
    make_event(district_slug="chorweiler", title="Mieterberatung", dates=once(2))
    assert listed_titles(get(client, "/termine/", slug=None)) == ["Sprachcafé", "Mieterberatung"]
    only = get(client, "/termine/", slug=None, gebiet="chorweiler")
    assert listed_titles(only) == ["Mieterberatung"]


def test_filters_by_category_cost_text_and_dates(client):
    kultur = Category.objects.get(slug="freizeit-kultur")
    free = make_event(title="Veedelsfest", dates=once(2))
    free.categories.set([kultur])
    free.save_revision().publish()
    make_event(title="Kochkurs", is_free=False, cost="5 €", dates=once(4))
    assert listed_titles(get(client, "/termine/", kategorie="freizeit-kultur")) == ["Veedelsfest"]
    assert listed_titles(get(client, "/termine/", kostenlos="on")) == ["Veedelsfest"]
    assert listed_titles(get(client, "/termine/", q="koch")) == ["Kochkurs"]
    von = in_days(3).isoformat()
    assert listed_titles(get(client, "/termine/", von=von)) == ["Kochkurs"]
    assert listed_titles(get(client, "/termine/", bis=in_days(2).isoformat())) == ["Veedelsfest"]


def test_a_list_longer_than_the_counted_pages_says_more_and_points_to_the_filters(
    client, monkeypatch
):
    monkeypatch.setattr("events.models.index.OCCURRENCES_PER_PAGE", 2)
    monkeypatch.setattr("events.models.index.MAX_LIST_PAGES", 2)
    daily = {"start_date": in_days(1), "start_time": dt.time(9), "end_time": dt.time(10)}
    make_event(title="Frühstückstreff", dates=[{**daily, "repeat": "daily", "repeat_count": 6}])
    first = get(client, "/termine/").content.decode()
    assert "Seite 1 von mehr als 2" in first and "Filtern oben" not in first
    assert "Mehr als 4 Termine" in first
    # A page past the counted ones shows the last counted page, with the hint.
    last = get(client, "/termine/", page="3")
    assert last.context["page_obj"].number == 2
    assert "Seite 2 von mehr als 2" in last.content.decode()
    assert "mit den Filtern oben eingrenzen" in last.content.decode()
    # Narrowed to three dates, within the cap, the count is exact again.
    narrowed = get(client, "/termine/", bis=in_days(3).isoformat()).content.decode()
    assert "Seite 1 von 2" in narrowed and "mehr als" not in narrowed
    assert "3 Termine" in narrowed and "Mehr als" not in narrowed


def test_a_date_of_an_event_in_several_categories_and_groups_is_listed_once(client):
    # The filters join the events' many-to-many tables without DISTINCT.
    event = make_event(title="Veedelsfest", dates=once(2))
    event.categories.set(Category.objects.all()[:4])
    event.target_groups.set(TargetGroup.objects.all())
    event.save_revision().publish()
    kategorie = event.categories.all()[0].slug
    zielgruppe = event.target_groups.all()[0].slug
    for params in (
        {},
        {"kategorie": kategorie},
        {"kategorie": kategorie, "zielgruppe": zielgruppe},
    ):
        response = get(client, "/termine/", **params)
        assert listed_titles(response) == ["Veedelsfest"]
        assert response.context["page_obj"].paginator.count == 1


def test_today_and_this_weekend_shortcuts(client):
    # On a Sunday "this weekend" is just today; otherwise the coming Saturday and Sunday.
    sunday = TODAY + dt.timedelta(days=6 - TODAY.weekday())
    make_event(title="Heute", dates=[{"start_date": TODAY, "all_day": True}])
    make_event(title="Am Sonntag", dates=[{"start_date": sunday, "all_day": True}])
    make_event(
        title="Danach", dates=[{"start_date": sunday + dt.timedelta(days=1), "all_day": True}]
    )
    weekend = listed_titles(get(client, "/termine/", zeitraum="wochenende"))
    assert "Am Sonntag" in weekend and "Danach" not in weekend
    today = listed_titles(get(client, "/termine/", zeitraum="heute"))
    assert "Heute" in today and "Danach" not in today
    assert ("Am Sonntag" in today) is (sunday == TODAY)


def test_cancelled_dates_stay_visible_and_marked(client):
    make_event(title="Repair-Café", status="cancelled", dates=once(2))
    response = get(client, "/termine/")
    assert listed_titles(response) == ["Repair-Café"]
    assert "Fällt aus" in response.content.decode()


def test_past_events_move_to_the_archive(client):
    make_event(title="Gestern", dates=once(-1))
    make_event(title="Morgen", dates=once(1))
    assert listed_titles(get(client, "/termine/")) == ["Morgen"]
    assert listed_titles(get(client, "/termine/archiv/")) == ["Gestern"]


def test_month_view_is_an_accessible_table_with_previous_and_next(client):
    make_event(
        title="Adventsmarkt",
        dates=[
            {"start_date": dt.date(2026, 12, 5), "end_date": dt.date(2026, 12, 6), "all_day": True}
        ],
    )
    response = get(client, "/termine/monat/", monat="2026-12")
    html = response.content.decode()
    assert "<caption>Termine im Dezember 2026</caption>" in html
    assert '<th scope="col"><abbr title="Montag">Mo</abbr></th>' in html
    assert "?monat=2026-11" in html and "?monat=2027-01" in html
    cells = {cell["date"]: cell for week in response.context["grid"] for cell in week}
    assert [i["event"].title for i in cells[dt.date(2026, 12, 5)]["items"]] == ["Adventsmarkt"]
    assert [i["event"].title for i in cells[dt.date(2026, 12, 6)]["items"]] == ["Adventsmarkt"]
    assert not cells[dt.date(2026, 12, 7)]["items"]


def test_a_busy_day_in_the_month_view_links_to_the_rest(client):
    busy = in_days(10)
    for hour in range(8, 14):
        make_event(title=f"Termin um {hour}", dates=once(10, start=hour, end=hour + 1))
    response = get(client, "/termine/monat/", monat=busy.strftime("%Y-%m"), kostenlos="on")
    cells = {cell["date"]: cell for week in response.context["grid"] for cell in week}
    shown = [i["event"].title for i in cells[busy]["items"]]
    assert shown == ["Termin um 8", "Termin um 9", "Termin um 10", "Termin um 11"]
    assert cells[busy]["more"] == 2
    day = busy.isoformat()
    link = f"/termine/?von={day}&amp;bis={day}&amp;kostenlos=on"
    assert f'href="{link}">2 weitere Termine</a>' in response.content.decode()
    listed = listed_titles(get(client, "/termine/", von=day, bis=day, kostenlos="on"))
    assert len(listed) == 6


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/termine/monat/", {"monat": "2026-13"}),
        ("/termine/monat/", {"monat": "abc"}),
        ("/termine/", {"von": "gestern"}),
        ("/termine/", {"page": "0"}),
        ("/termine/", {"page": "-3"}),
        ("/termine/", {"kategorie": "gibt-es-nicht"}),
        ("/termine/", {"bis": "2026-01-01", "von": "2026-12-31"}),
        ("/termine/archiv/", {"q": "x" * 2000}),
        ("/termine/kalender.ics", {"kategorie": "unbekannt", "von": "morgen"}),
    ],
)
def test_bad_parameters_give_a_normal_page(client, path, params):
    make_event(dates=once(1))
    assert get(client, path, **params).status_code == 200


def test_event_page_shows_dates_place_status_and_calendar_link(client, kalk):
    venue = OrganisationFactory(name="Bürgerzentrum Kalk", districts=[kalk])
    event = make_event(
        title="Sozialraumkonferenz Kalk",
        venue=venue,
        status="postponed",
        registration_required=True,
        registration_contact="0221 4710-100",
        dates=[{"start_date": in_days(5), "start_time": dt.time(16), "end_time": dt.time(19, 30)}],
    )
    html = get(client, event.url).content.decode()
    assert "<h1>Sozialraumkonferenz Kalk</h1>" in html
    assert "16:00–19:30" in html
    assert "Verschoben" in html
    assert "Bürgerzentrum Kalk" in html and f"/adressen/{venue.slug}/" in html
    assert f'href="{event.url}kalender.ics"' in html
    assert '"eventStatus": "https://schema.org/EventPostponed"' in html


def test_organisation_page_lists_the_events_held_there(client, kalk):
    venue = OrganisationFactory(name="Bürgerzentrum Kalk", districts=[kalk])
    make_event(title="Seniorentanz", venue=venue, dates=once(2))
    html = get(client, f"/adressen/{venue.slug}/").content.decode()
    assert "Nächste Termine an diesem Ort" in html and "Seniorentanz" in html


def parse(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_ical_feed_has_timezone_series_exceptions_and_stable_uids(client):
    wednesday = TODAY + dt.timedelta(days=(2 - TODAY.weekday()) % 7 or 7)
    exception = wednesday + dt.timedelta(weeks=1)
    make_event(
        title="Sprechstunde",
        dates=[
            {
                "start_date": wednesday,
                "start_time": dt.time(10),
                "end_time": dt.time(13),
                "repeat": "weekly",
                "weekdays": [2],
                "repeat_count": 6,
                "exceptions": exception.strftime("%d.%m.%Y"),
            }
        ],
    )
    make_event(title="Abgesagt", status="cancelled", dates=once(4))
    first = parse(get(client, "/termine/kalender.ics"))
    second = parse(get(client, "/termine/kalender.ics"))
    assert [tz["TZID"] for tz in first.walk("VTIMEZONE")] == ["Europe/Berlin"]
    events = {e["SUMMARY"]: e for e in first.walk("VEVENT")}
    series = events["Sprechstunde"]
    assert series["RRULE"]["FREQ"] == ["WEEKLY"] and series["RRULE"]["COUNT"] == [6]
    assert series["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert series["EXDATE"].dts[0].dt.date() == exception
    assert "DTSTAMP" in series and series["URL"].startswith("http://kalk.localhost:8000/termine/")
    assert events["Abgesagt"]["STATUS"] == "CANCELLED"
    assert {e["UID"] for e in first.walk("VEVENT")} == {e["UID"] for e in second.walk("VEVENT")}


def test_ical_feed_honours_the_filters(client):
    kultur = Category.objects.get(slug="freizeit-kultur")
    fest = make_event(title="Veedelsfest", dates=once(2))
    fest.categories.set([kultur])
    fest.save_revision().publish()
    make_event(title="Kochkurs", dates=once(3))
    feed = parse(get(client, "/termine/kalender.ics", kategorie="freizeit-kultur"))
    assert [e["SUMMARY"] for e in feed.walk("VEVENT")] == ["Veedelsfest"]


def test_single_event_download_is_an_ical_file(client):
    event = make_event(title="Babytreff", dates=[{"start_date": in_days(2), "all_day": True}])
    response = get(client, f"{event.url}kalender.ics")
    assert "attachment" in response["Content-Disposition"]
    vevent = parse(response).walk("VEVENT")[0]
    assert vevent["DTSTART"].dt == in_days(2)  # a DATE for all-day events


def count_queries(client, path, **params):
    # The first request after a change rebuilds caches (site paths, renditions); budgets
    # are for the steady state.
    get(client, path, **params)
    with CaptureQueriesContext(connection) as queries:
        assert get(client, path, **params).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("path", "slug"),
    [
        ("/termine/", "kalk"),
        ("/termine/monat/", "kalk"),
        ("/termine/", None),
        ("/termine/kalender.ics", "kalk"),
    ],
)
def test_calendar_query_count_does_not_grow_with_the_data(client, path, slug):
    kultur = Category.objects.get(slug="freizeit-kultur")

    def add(number):
        event = make_event(
            title=f"Termin {number}", slug=f"termin-{number}", dates=once(number % 20 + 1)
        )
        event.categories.set([kultur])

    for number in range(3):
        add(number)
    small = count_queries(client, path, slug=slug)
    for number in range(3, 30):
        add(number)
    assert count_queries(client, path, slug=slug) == small
    assert small <= 30


def test_horizon_command_extends_open_ended_series(settings):
    from django.core.management import call_command

    settings.SRK_EVENT_HORIZON_DAYS = 30
    event = make_event(
        dates=[
            {
                "start_date": TODAY,
                "start_time": dt.time(10),
                "end_time": dt.time(12),
                "repeat": "weekly",
                "weekdays": [TODAY.weekday()],
            }
        ]
    )
    assert event.occurrences.count() in (4, 5)
    settings.SRK_EVENT_HORIZON_DAYS = 90
    call_command("update_event_occurrences", verbosity=0)
    assert event.occurrences.count() in (12, 13, 14)
    assert event.occurrences.order_by("start").last().start > timezone.now() + dt.timedelta(days=80)


def bulk_occurrences(events, count):
    """Many dates spread over the coming months and all districts, written directly."""
    from district.models import District

    districts = list(District.objects.all())
    zone = timezone.get_default_timezone()
    rows = []
    for number in range(count):
        event = events[number % len(events)]
        day = TODAY + dt.timedelta(days=number % 90)
        start = dt.datetime.combine(day, dt.time(9 + number % 10), tzinfo=zone)
        rows.append(
            Occurrence(
                event=event,
                event_date=event.dates.first(),
                district=districts[number % 15],
                start=start,
                end=start + dt.timedelta(hours=1),
                local_date=day,
                local_end_date=day,
            )
        )
    Occurrence.objects.bulk_create(rows)


@pytest.mark.parametrize(
    ("path", "slug"),
    [
        ("/termine/", "kalk"),
        ("/termine/monat/", "kalk"),
        ("/termine/", None),
        ("/termine/monat/", None),
    ],
)
def test_calendar_budget_holds_from_hundreds_to_thousands_of_dates(client, path, slug):
    events = [make_event(title=f"Reihe {n}", slug=f"reihe-{n}", dates=once(1)) for n in range(10)]
    bulk_occurrences(events, 750)
    small = count_queries(client, path, slug=slug)
    bulk_occurrences(events, 6750)
    assert count_queries(client, path, slug=slug) == small <= 30


def test_login_restricted_events_stay_out_of_every_listing(client):
    from wagtail.models import PageViewRestriction

    hidden = make_event(title="Interne Teamsitzung", dates=once(2))
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    for path in ("/termine/", "/termine/monat/", "/termine/kalender.ics"):
        assert "Interne Teamsitzung" not in get(client, path).content.decode(), path
    assert "Interne Teamsitzung" not in get(client, "/", slug=None).content.decode()


def test_an_event_without_end_time_has_no_false_end(client):
    make_event(title="Offener Treff", dates=[{"start_date": in_days(2), "start_time": dt.time(18)}])
    vevent = parse(get(client, "/termine/kalender.ics")).walk("VEVENT")[0]
    assert "DTEND" not in vevent
    assert "18:00–18:00" not in get(client, "/termine/").content.decode()


def test_files_belong_to_the_page_itself_not_to_its_sub_routes(client):
    make_event(dates=once(2))
    assert get(client, "/termine/monat/kalender.ics").status_code == 404
    assert get(client, "/termine/kalender.ics").status_code == 200


def test_ical_feed_holds_the_next_six_months_and_the_past_month(client):
    make_event(title="Nächste Woche", dates=once(7))
    make_event(title="In fünf Monaten", dates=once(150))
    make_event(title="In einem Jahr", dates=once(365))
    make_event(title="Vor zwei Wochen", dates=once(-14))
    make_event(title="Vor drei Monaten", dates=once(-90))
    feed = parse(get(client, "/termine/kalender.ics"))
    assert sorted(e["SUMMARY"] for e in feed.walk("VEVENT")) == [
        "In fünf Monaten",
        "Nächste Woche",
        "Vor zwei Wochen",
    ]


def test_ical_feed_of_all_day_dates_only_needs_no_timezone(client):
    make_event(title="Flohmarkt", dates=[{"start_date": in_days(5), "all_day": True}])
    feed = parse(get(client, "/termine/kalender.ics"))
    assert [e["SUMMARY"] for e in feed.walk("VEVENT")] == ["Flohmarkt"]
    assert feed.walk("VTIMEZONE") == []
    assert feed["X-WR-CALNAME"] and feed["VERSION"] == "2.0"
