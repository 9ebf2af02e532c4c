"""Editors create events with recurrence in the admin and get clear errors."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from events.models import EventPage
from tests.events.factories import calendar_of

pytestmark = pytest.mark.django_db


def post_event(client, date_values, **fields):
    parent = calendar_of("kalk")
    data = {
        "title": "Nachbarschaftscafé",
        "slug": "nachbarschaftscafe",
        "teaser": "Kaffee und Gespräche.",
        "status": "scheduled",
        "is_free": "on",
        "body": streamfield([("paragraph", rich_text("<p>Alle sind willkommen.</p>"))]),
        "dates": inline_formset([date_values]),
        "action-publish": "publish",
        **fields,
    }
    url = reverse("wagtailadmin_pages:add", args=("events", "eventpage", parent.pk))
    return client.post(url, nested_form_data(data))


def test_admin_creates_a_fortnightly_sunday_event_with_an_exception(admin_client):
    response = post_event(
        admin_client,
        {
            "start_date": "2026-11-29",
            "start_time": "13:00",
            "end_time": "16:00",
            "repeat": "weekly",
            "interval": "2",
            "weekdays": ["6"],
            "repeat_count": "4",
            "exceptions": "27.12.2026",
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    event = EventPage.objects.get(slug="nachbarschaftscafe")
    dates = [o.local_date.isoformat() for o in event.occurrences.order_by("start")]
    assert dates == ["2026-11-29", "2026-12-13", "2027-01-10"]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"start_date": "2026-12-02", "start_time": "18:00", "end_time": "16:00"},
            "vor dem Beginn",
        ),
        ({"start_date": "2026-12-02", "start_time": "18:00", "all_day": "on"}, "keine Uhrzeit"),
        (
            {"start_date": "2026-12-02", "start_time": "10:00", "repeat": "daily"},
            "brauchen ein Ende",
        ),
        (
            {
                "start_date": "2026-12-02",
                "start_time": "10:00",
                "repeat": "weekly",
                "weekdays": ["2"],
                "exceptions": "03.12.2026",
            },
            "ohnehin keinen Termin",
        ),
    ],
)
def test_admin_shows_a_clear_error_for_impossible_dates(admin_client, values, message):
    values = {"interval": "1", **values}
    response = post_event(admin_client, values)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not EventPage.objects.filter(slug="nachbarschaftscafe").exists()
