"""Materialised event dates: one row per occurrence, so every listing is a range query."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from srk_site.languages import in_source_language


class OccurrenceQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")

    def between(self, first_day, last_day):
        """Occurrences touching the local days first_day..last_day (inclusive)."""
        return self.filter(local_date__lte=last_day, local_end_date__gte=first_day)

    def visible(self, within_path=None):
        """Dates of live events open to everyone, from the German tree (the source of
        every listing; translations are reached through their German page). `within_path`
        (a district's German home path) narrows the check to that district's pages: the
        database then tests about 1,000 events instead of every district's."""
        from wagtail.models import Page

        # Pages, not EventPage: occurrences only point at events, and the join is not free.
        events = in_source_language(Page.objects.live().public())
        if within_path:
            events = events.filter(path__startswith=within_path)
        return self.filter(event__in=events.values("pk"))

    def in_district(self, district):
        return self if district is None else self.filter(district=district)

    def items(self, request):
        """Occurrences with their event and its URL, as the templates list them."""
        urls = {}
        items = []
        for occurrence in self:
            event = occurrence.event
            if event.pk not in urls:
                urls[event.pk] = event.get_url(request=request)
            items.append({"occurrence": occurrence, "event": event, "url": urls[event.pk]})
        return items

    def with_event_data(self):
        """Events, venues, categories and districts for listing dates. Fetched apart
        (one query each), so a weekly event's dates share one event object, and so
        on: a month of a district's dates builds a third of the objects joins would,
        and leaves less for the garbage collector. Events bring only the fields a
        listed date shows (events/includes/event_item.html): a whole page row costs
        twice as much to load."""
        from events.models.pages import EventPage

        events = EventPage.objects.only(*LISTED_EVENT_FIELDS).prefetch_related(
            "venue", "categories"
        )
        return self.prefetch_related(models.Prefetch("event", queryset=events), "district")

    def with_event_titles(self):
        """Just what a cell of the month grid shows of a date's event: title, status
        and link."""
        from events.models.pages import EventPage

        events = EventPage.objects.only(*GRID_EVENT_FIELDS)
        return self.prefetch_related(models.Prefetch("event", queryset=events))


# What a date shows of its event in the month grid and in lists. The URL needs url_path.
GRID_EVENT_FIELDS = ("title", "url_path", "status")
LISTED_EVENT_FIELDS = (*GRID_EVENT_FIELDS, "teaser", "is_free", "venue", "venue_name")


class Occurrence(models.Model):
    """One date of a published event, written by `sync_occurrences`; never edited."""

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="occurrences"
    )
    event_date = models.ForeignKey(
        "events.EventDate", on_delete=models.CASCADE, related_name="occurrences"
    )
    district = models.ForeignKey(
        "district.District",
        null=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,  # the (district, start, end) index below serves it
    )
    start = models.DateTimeField()
    end = models.DateTimeField(db_index=True)
    all_day = models.BooleanField(default=False)
    # Local (Europe/Berlin) calendar days, for grouping by day and the month grid.
    local_date = models.DateField(db_index=True)
    local_end_date = models.DateField()

    objects = OccurrenceQuerySet.as_manager()

    def __str__(self):
        return f"{self.event.title} ({self.start:%Y-%m-%d %H:%M})"

    class Meta:
        ordering = ["start"]
        # Lists of upcoming dates are ordered by start and filtered by end: with end in
        # the index, the past dates passed over on the way are skipped in the index,
        # without reading their rows (the landing page's next dates: 12 → 1 ms).
        indexes = [
            models.Index(fields=["start", "end"], name="events_occurrence_start_end"),
            models.Index(fields=["district", "start", "end"], name="events_occurrence_district"),
        ]


def occurrence_rows(event, district, horizon, dates=None):
    """Occurrence rows for the event's dates (or the given EventDate objects)."""
    zone = timezone.get_default_timezone()
    rows = []
    for event_date in event.dates.all() if dates is None else dates:
        days = event_date.rule.dates(event_date.start_date, horizon, event_date.exception_dates)
        for day in days:
            last_day = day + timedelta(days=event_date.length_days)
            if event_date.all_day or event_date.start_time is None:
                start = datetime.combine(day, time(), tzinfo=zone)
                end = datetime.combine(last_day + timedelta(days=1), time(), tzinfo=zone)
            else:
                start = datetime.combine(day, event_date.start_time, tzinfo=zone)
                end_time = event_date.end_time or event_date.start_time
                end = datetime.combine(last_day, end_time, tzinfo=zone)
            rows.append(
                Occurrence(
                    event=event,
                    event_date=event_date,
                    district=district,
                    start=start,
                    end=max(end, start),
                    all_day=event_date.all_day,
                    local_date=day,
                    local_end_date=last_day,
                )
            )
    return rows


def horizon_date(today=None):
    return (today or timezone.localdate()) + timedelta(days=settings.SRK_EVENT_HORIZON_DAYS)


@transaction.atomic
def sync_occurrences(event, horizon=None):
    """Rewrite the occurrences of one event from its live dates (none if not live)."""
    from district.models import DistrictHomePage

    Occurrence.objects.filter(event=event).delete()
    if not event.live:
        return 0
    home = DistrictHomePage.objects.ancestor_of(event).select_related("district").first()
    rows = occurrence_rows(event, home.district if home else None, horizon or horizon_date())
    Occurrence.objects.bulk_create(rows)
    return len(rows)
