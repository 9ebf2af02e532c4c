"""Demo events from srk_site/data/demo_events.toml, dated relative to today so the
calendar always shows the next three months. Adds only events that are missing."""

import tomllib
from datetime import time, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from events.models import EventDate, EventIndexPage, EventPage
from events.recurrence import Rule
from people.models import Category, Organisation, TargetGroup
from srk_site.text import paragraph_stream

WEEKDAY_CODES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def load_demo_events(path=None):
    with open(path or settings.SRK_DEMO_EVENTS_FILE, "rb") as fh:
        return tomllib.load(fh).get("event", [])


def first_date(data, today):
    monday = today - timedelta(days=today.weekday())
    day = monday + timedelta(
        weeks=data["weeks_from_now"], days=WEEKDAY_CODES.index(data["weekday"])
    )
    return day if day >= today else day + timedelta(weeks=1)


def event_date(data, today):
    start = first_date(data, today)
    times = {
        "start_time": time.fromisoformat(data["start_time"]) if data["start_time"] else None,
        "end_time": time.fromisoformat(data["end_time"]) if data["end_time"] else None,
    }
    all_day = times["start_time"] is None
    duration = max(data.get("duration_days", 1), 1)
    date = EventDate(
        all_day=all_day,
        end_date=start + timedelta(days=duration - 1) if duration > 1 else None,
        **times,
    )
    recurrence = data.get("recurrence")
    if recurrence:
        weekdays = [WEEKDAY_CODES.index(code) for code in recurrence["weekdays"]]
        rule = Rule(
            freq=recurrence["freq"],
            interval=recurrence.get("interval") or 1,
            weekdays=weekdays,
            setpos=recurrence.get("setpos") or None,
        )
        # The first date must be the rule's first occurrence (DTSTART in iCal).
        start = rule.dates(start, start + timedelta(days=70))[0]
        date.repeat, date.interval, date.weekdays = rule.freq, rule.interval, weekdays
        date.monthly_position = rule.setpos
        date.repeat_count = recurrence.get("count") or None
        if recurrence.get("until_weeks"):
            date.repeat_until = start + timedelta(weeks=recurrence["until_weeks"])
        rule.count, rule.until = date.repeat_count, date.repeat_until
        skipped = data.get("skip_dates") or []
        if skipped:
            dates = rule.dates(start, start + timedelta(days=400))
            date.exceptions = ", ".join(
                dates[n - 1].strftime("%d.%m.%Y") for n in skipped if n <= len(dates)
            )
    date.start_date = start
    return date


def add_event(data, index, today, lookups):
    if EventPage.objects.filter(slug=data["external_id"]).exists():
        return None
    organisations, categories, target_groups = lookups
    body = paragraph_stream(data["description"])
    event = EventPage(
        title=data["title"],
        slug=data["external_id"],
        teaser=data["teaser"],
        body=body,
        status=data["status"],
        is_free=not data["cost"],
        cost=data["cost"],
        registration_required=data["registration_required"],
        registration_contact=data["registration_contact"],
        registration_url=data["registration_url"],
        accessibility=data["accessibility"],
        languages=", ".join(data["languages"]),
        organiser=organisations.get(data["organiser"]),
        venue=organisations.get(data["venue"]),
        venue_name=data["venue_name"],
        venue_address=data["venue_address"],
        latitude=Decimal(str(data["latitude"])) if data["latitude"] else None,
        longitude=Decimal(str(data["longitude"])) if data["longitude"] else None,
    )
    date = event_date(data, today)
    if data["registration_deadline_days_before"]:
        event.registration_deadline = date.start_date - timedelta(
            days=data["registration_deadline_days_before"]
        )
    date.full_clean(exclude=["event"])
    event.dates = [date]
    event.categories = [categories[s] for s in data["categories"] if s in categories]
    event.target_groups = [target_groups[s] for s in data["target_groups"] if s in target_groups]
    index.add_child(instance=event)
    event.save_revision().publish()
    return event


def add_demo_events(progress=None):
    """Create the demo events under each district's calendar; return how many were added."""
    today = timezone.localdate()
    indexes = {
        index.district.slug: index
        for index in EventIndexPage.objects.filter(depth=3)
        if index.district is not None
    }
    lookups = (
        {o.external_id: o for o in Organisation.objects.exclude(external_id=None)},
        {c.slug: c for c in Category.objects.all()},
        {t.slug: t for t in TargetGroup.objects.all()},
    )
    added = 0
    for data in load_demo_events():
        index = indexes.get(data["district"])
        if index is not None and add_event(data, index, today, lookups):
            added += 1
    if progress:
        progress(f"  demo events: {added} added")
    return added
