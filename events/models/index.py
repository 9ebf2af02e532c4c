import calendar
from datetime import date
from itertools import groupby

from django.db import models
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from district.models.listing import DistrictScopedIndexMixin
from events.forms import EventFilterForm, apply_filters, date_range
from events.ical import calendar_for
from events.models.occurrences import Occurrence
from events.models.pages import EventPage
from people.models.entries import WEEKDAY_SHORT, WEEKDAYS
from srk_site.pagination import CappedPaginator

OCCURRENCES_PER_PAGE = 30
# Lists count this many pages at most (3,000 dates; citywide, about a week's).
MAX_LIST_PAGES = 100
# A day of the month grid lists this many dates and links to the rest: a busy day in a
# big district has dozens, which made the grid unreadable on a phone and slow to build.
MONTH_ITEMS_PER_DAY = 4
# The subscribable feeds hold the events with a date in this window (series whole, with
# their rules): what calendar apps show ahead, and a size they accept citywide.
FEED_DAYS_BACK = 30
FEED_DAYS_AHEAD = 183


def parse_month(value):
    """'2026-12' -> date(2026, 12, 1); None when the value is not a month."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return date(year, month, 1) if 1900 < year < 2200 else None
    except ValueError:
        return None


def shift_month(first_day, months):
    index = first_day.year * 12 + first_day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


class EventIndexPage(DistrictScopedIndexMixin, RoutablePageMixin, Page):
    """The calendar at /termine/: on a district site that district's dates, on the landing
    site every district's, with a district filter. Lists upcoming dates by day, shows a
    month grid and an archive, and offers subscribable iCal feeds."""

    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.LandingPage", "district.DistrictHomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    def filter_form(self, request):
        return EventFilterForm(request.GET or None, citywide=self.district is None)

    def occurrences(self, request):
        """(form, filters, first day, last day, filtered occurrences)."""
        form = self.filter_form(request)
        filters = form.valid_filters()
        first, last = date_range(filters, timezone.localdate())
        # A district's occurrences are those of the events under its German home page.
        home_path = self.district.source_home_path if self.district else None
        occurrences = Occurrence.objects.visible(home_path).in_district(self.district)
        queryset = apply_filters(occurrences, filters)
        if first:
            queryset = queryset.filter(local_end_date__gte=first)
        if last:
            queryset = queryset.filter(local_date__lte=last)
        return form, filters, first, queryset

    def listing_context(self, request, queryset, form, filters):
        paginator = CappedPaginator(queryset, OCCURRENCES_PER_PAGE, MAX_LIST_PAGES)
        page_obj = paginator.get_page(request.GET.get("page"))
        # Keys of the page first, then events and venues for those 30 only: joining them
        # to every matching date before sorting costs several times more.
        keys = list(page_obj.object_list.values_list("pk", flat=True))
        shown = Occurrence.objects.filter(pk__in=keys).with_event_data()
        items = shown.order_by(*queryset.query.order_by).items(request)
        days = [
            (day, list(group))
            for day, group in groupby(items, key=lambda item: item["occurrence"].local_date)
        ]
        query = request.GET.copy()
        query.pop("page", None)
        return {
            "form": form,
            "filters": filters,
            "days": days,
            "page_obj": page_obj,
            "feed_query": query.urlencode(),
        }

    @path("")
    def upcoming(self, request):
        form, filters, first, queryset = self.occurrences(request)
        if not first:
            queryset = queryset.filter(end__gte=timezone.now())
        context = self.listing_context(request, queryset.order_by("start", "pk"), form, filters)
        return self.render(request, context_overrides={**context, "view": "upcoming"})

    @path("archiv/", name="archive")
    def archive(self, request):
        form, filters, _first, queryset = self.occurrences(request)
        queryset = queryset.filter(end__lt=timezone.now()).order_by("-start", "-pk")
        context = self.listing_context(request, queryset, form, filters)
        return self.render(request, context_overrides={**context, "view": "archive"})

    @path("monat/", name="month")
    def month(self, request):
        today = timezone.localdate()
        requested = request.GET.get("monat")
        first_day = parse_month(requested)
        invalid_month = requested is not None and first_day is None
        first_day = first_day or today.replace(day=1)
        weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(
            first_day.year, first_day.month
        )
        form, filters, _first, queryset = self.occurrences(request)
        first_shown, last_shown = weeks[0][0], weeks[-1][-1]
        # Keys and days of every date in the grid first; events, venues and links only
        # for the dates shown (at most MONTH_ITEMS_PER_DAY a day).
        in_grid = queryset.between(first_shown, last_shown).order_by("start", "pk")
        keys_by_day = {}
        for key, first, last in in_grid.values_list("pk", "local_date", "local_end_date"):
            day = max(first, first_shown)
            while day <= min(last, last_shown):
                keys_by_day.setdefault(day, []).append(key)
                day = date.fromordinal(day.toordinal() + 1)
        shown = {key for keys in keys_by_day.values() for key in keys[:MONTH_ITEMS_PER_DAY]}
        items = {
            item["occurrence"].pk: item
            for item in Occurrence.objects.filter(pk__in=shown).with_event_titles().items(request)
        }
        grid = [
            [
                {
                    "date": day,
                    "in_month": day.month == first_day.month,
                    "items": [
                        items[key]
                        for key in keys_by_day.get(day, [])[:MONTH_ITEMS_PER_DAY]
                        if key in items  # unless unpublished between the two queries
                    ],
                    "more": max(0, len(keys_by_day.get(day, [])) - MONTH_ITEMS_PER_DAY),
                }
                for day in week
            ]
            for week in weeks
        ]
        query = request.GET.copy()
        query.pop("monat", None)
        # "n more" links to the list of that day, with the other filters kept.
        day_query = query.copy()
        for name in ("von", "bis", "zeitraum", "page"):
            day_query.pop(name, None)
        return self.render(
            request,
            template="events/event_month.html",
            context_overrides={
                "form": form,
                "filters": filters,
                "month": first_day,
                "grid": grid,
                "today": today,
                "invalid_month": invalid_month,
                "weekday_names": [(WEEKDAY_SHORT[day], name) for day, name in WEEKDAYS],
                "previous_month": shift_month(first_day, -1),
                "next_month": shift_month(first_day, 1),
                "filter_query": query.urlencode(),
                # Once for the grid's "n more" links, not once per busy day.
                "list_url": self.get_url(request=request),
                "day_filter_query": day_query.urlencode(),
            },
        )

    def serve_file(self, request, filename):
        if filename != "kalender.ics":
            raise Http404
        _form, _filters, _first, queryset = self.occurrences(request)
        now = timezone.now()
        in_window = queryset.filter(
            end__gte=now - timezone.timedelta(days=FEED_DAYS_BACK),
            start__lte=now + timezone.timedelta(days=FEED_DAYS_AHEAD),
        )
        events = (
            EventPage.objects.live()
            .public()
            .filter(pk__in=in_window.values("event_id"))
            .select_related("venue")
            .prefetch_related("dates", "categories")
            .order_by("pk")
            # In chunks: a citywide feed has thousands of events.
            .iterator(chunk_size=200)
        )
        name = f"{self.title} – {self.district.name}" if self.district else self.title
        response = HttpResponse(
            calendar_for(events, request, name), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = 'inline; filename="kalender.ics"'
        return response

    class Meta:
        verbose_name = _("Terminkalender")
        verbose_name_plural = _("Terminkalender")
