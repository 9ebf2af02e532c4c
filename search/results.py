"""Searching pages and directory entries together, German-aware, within a scope."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial

from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from district.models import District, NetworkPage, NewsPage, ProjectPage
from events.models import EventPage, Occurrence
from people.models import Organisation, Person
from srk_site.text import fold_german

# How many hits of each kind are ranked; more than anyone pages through.
MAX_HITS = 300

KINDS = {
    "seite": _("Seite"),
    "nachricht": _("Nachricht"),
    "termin": _("Termin"),
    "projekt": _("Projekt"),
    "arbeitskreis": _("Arbeitskreis"),
    "einrichtung": _("Einrichtung"),
    "person": _("Kontaktperson"),
}
PAGE_KINDS = {
    NewsPage: "nachricht",
    EventPage: "termin",
    ProjectPage: "projekt",
    NetworkPage: "arbeitskreis",
}
EXCERPT_FIELDS = ("teaser", "intro", "description", "purpose", "search_description", "role")


@dataclass
class Result:
    obj: object
    kind: str
    title: str
    score: float
    # Called for the shown page of results only: routing 300 hits to URLs costs more
    # than the search itself.
    link: Callable[[], str] | None = None
    district: District | None = None
    date: datetime.date | None = None
    past: bool = False
    excerpt_text: str = ""
    promoted: bool = False

    @property
    def kind_label(self):
        return KINDS[self.kind]

    @cached_property
    def url(self):
        return self.link() if self.link else ""


@dataclass
class SearchOutcome:
    results: list = field(default_factory=list)
    kind_counts: dict = field(default_factory=dict)
    district_counts: list = field(default_factory=list)
    used_prefix: bool = False


def _excerpt_text(obj):
    return next((str(getattr(obj, name)) for name in EXCERPT_FIELDS if getattr(obj, name, "")), "")


def _search(queryset, terms, limit=MAX_HITS):
    """Full-text hits, or prefix hits when the words match nothing ("Seniorentref").
    Only keys and scores: callers load what they show."""
    queryset = queryset.only("pk")
    hits = list(queryset.search(terms, operator="and").annotate_score("_score")[:limit])
    if hits:
        return hits, False
    return list(queryset.autocomplete(terms).annotate_score("_score")[:limit]), True


def search_pages(terms, home, request, prefixes):
    pages = Page.objects.live().public().filter(depth__gte=2)
    if home is not None:
        pages = pages.descendant_of(home, inclusive=True)
    hits, used_prefix = _search(pages, terms)
    scores = {hit.pk: hit._score or 0 for hit in hits}
    specific = Page.objects.filter(pk__in=scores).specific().in_bulk()
    events = [p.pk for p in specific.values() if isinstance(p, EventPage)]
    upcoming = dict(
        Occurrence.objects.filter(event_id__in=events, end__gte=timezone.now())
        .values_list("event_id")
        .annotate(next=Min("local_date"))
    )
    last = dict(
        Occurrence.objects.filter(event_id__in=events)
        .values_list("event_id")
        .annotate(Max("local_date"))
    )
    results = []
    for pk, score in scores.items():
        page = specific.get(pk)
        if page is None:
            continue
        kind = PAGE_KINDS.get(type(page), "seite")
        result = Result(
            obj=page,
            kind=kind,
            title=page.title,
            score=score,
            link=partial(page.get_url, request=request),
            district=District.lookup_by_url_path(prefixes, page.url_path),
            excerpt_text=_excerpt_text(page),
        )
        if kind == "nachricht":
            result.date = page.date
        elif kind == "termin":
            result.date = upcoming.get(pk) or last.get(pk)
            result.past = pk not in upcoming
        results.append(result)
    return results, used_prefix


def search_entries(model, kind, terms, district, directory_url):
    """Published organisations or people of the scope; `directory_url(entry)` links them."""
    hits, used_prefix = _search(model.objects.published(), terms)
    scores = {hit.pk: hit._score or 0 for hit in hits}
    entries = model.objects.filter(pk__in=scores).prefetch_related("districts")
    if model is Person:
        entries = entries.select_related("organisation")
    if district is not None:
        entries = entries.filter(districts=district)
    results = []
    for entry in entries.distinct():
        entry_districts = list(entry.districts.all())
        results.append(
            Result(
                obj=entry,
                kind=kind,
                title=entry.name,
                score=scores[entry.pk],
                link=partial(directory_url, entry),
                district=district or (entry_districts[0] if entry_districts else None),
                excerpt_text=_excerpt_text(entry) or getattr(entry, "address_line", ""),
            )
        )
    return results, used_prefix


def run_search(query, request, district, directory_url):
    """All results for a query in a district (or citywide with None), best first."""
    terms = fold_german(query)
    home = district.home_page if district else None
    prefixes = District.objects.by_url_path_prefix()
    page_results, prefix_pages = search_pages(terms, home, request, prefixes)
    organisations, prefix_orgs = search_entries(
        Organisation, "einrichtung", terms, district, directory_url
    )
    people, prefix_people = search_entries(Person, "person", terms, district, directory_url)
    results = page_results + organisations + people
    # Past events stay findable but come after everything current.
    results.sort(key=lambda r: (r.past, -r.score, r.title))
    outcome = SearchOutcome(
        results=results, used_prefix=prefix_pages and prefix_orgs and prefix_people
    )
    for result in results:
        outcome.kind_counts[result.kind] = outcome.kind_counts.get(result.kind, 0) + 1
    districts = {}
    for result in results:
        if result.district is not None:
            count = districts.get(result.district, 0)
            districts[result.district] = count + 1
    outcome.district_counts = sorted(districts.items(), key=lambda item: item[0].sort_order)
    return outcome
