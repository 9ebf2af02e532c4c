"""Searching pages and directory entries together, German-aware, within a scope.

On PostgreSQL with the database backend the hits come from one SQL statement
(search/postgres.py); with SQLite or OpenSearch from modelsearch, one query per model
(search_pages, search_entries). Both give Results that are sorted, counted and loaded
the same way here.
"""

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property, partial

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from district.models import District, NetworkPage, NewsPage, ProjectPage
from district.models.areas import url_path_prefixes
from events.models import EventPage, Occurrence
from people.models import Organisation, Person
from search import postgres
from srk_site.text import fold_german

# How many hits of pages, organisations and people each are kept; more than anyone
# pages through. One more is asked for, to know whether there were more.
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
ENTRY_KINDS = {Organisation: "einrichtung", Person: "person"}
EXCERPT_FIELDS = ("teaser", "intro", "description", "purpose", "search_description", "role")


@dataclass
class Result:
    model: type
    pk: int
    kind: str
    title: str
    score: float
    district: District | None = None
    date: datetime.date | None = None
    past: bool = False
    content_type_id: int | None = None  # a page's own type, to load it as such
    # Set by SearchOutcome.load() for the shown page of results only: loading and
    # routing 300 hits costs several times more than finding them.
    link: Callable[[], str] | None = None
    excerpt_text: str = ""

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
    # Models with more hits than were kept: counts of their results are lower bounds.
    capped: set = field(default_factory=set)
    request: object = None
    directory_url: Callable | None = None

    def load(self, shown):
        """Objects, links and excerpt text for the results on the shown page."""
        for model, results in _by_model(shown).items():
            keys = [r.pk for r in results]
            if model is Page:
                objects = _specific_pages(results)
            elif model is Person:
                objects = (
                    Person.objects.select_related("organisation")
                    .prefetch_related("organisation__districts")
                    .in_bulk(keys)
                )
            else:  # the directory link depends on the entry's districts
                objects = model.objects.prefetch_related("districts").in_bulk(keys)
            for result in results:
                obj = objects.get(result.pk)
                if obj is None:  # deleted since the search; shown without a link
                    continue
                if model is Page:
                    result.link = partial(obj.get_url, request=self.request)
                    result.excerpt_text = _excerpt_text(obj)
                else:
                    result.link = partial(self.directory_url, obj)
                    result.excerpt_text = _excerpt_text(obj) or getattr(obj, "address_line", "")


def _by_model(results):
    groups = {}
    for result in results:
        groups.setdefault(result.model, []).append(result)
    return groups


def _specific_pages(results):
    """The results' pages as their own types, with what a result shows of them (its
    URL and excerpt): one query per type, the types being known from the search."""
    keys_by_type = {}
    for result in results:
        keys_by_type.setdefault(result.content_type_id, []).append(result.pk)
    pages = {}
    for content_type_id, keys in keys_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None:  # None: a page type whose code has been removed
            shown = ["url_path", *_excerpt_fields(model)]
            pages |= model.objects.filter(pk__in=keys).only(*shown).in_bulk()
    return pages


@cache
def _excerpt_fields(model):
    names = {field.name for field in model._meta.get_fields()}
    return [name for name in EXCERPT_FIELDS if name in names]


def _excerpt_text(obj):
    return next((str(getattr(obj, name)) for name in EXCERPT_FIELDS if getattr(obj, name, "")), "")


def _search(queryset, terms, prefix):
    """Full-text hits, or with `prefix` hits for words that start with the terms.
    Only keys and scores: callers load what they show."""
    queryset = queryset.only("pk")
    found = queryset.autocomplete(terms) if prefix else queryset.search(terms, operator="and")
    return list(found.annotate_score("_score")[: MAX_HITS + 1])


def _page_kinds():
    """Content type id -> result kind, for the page types with a kind of their own."""
    types = ContentType.objects.get_for_models(*PAGE_KINDS)
    return {types[model].pk: kind for model, kind in PAGE_KINDS.items()}


def _page_result(pk, content_type_id, title, url_path, score, kinds, prefixes):
    return Result(
        model=Page,
        pk=pk,
        kind=kinds.get(content_type_id, "seite"),
        title=title,
        score=score,
        district=District.lookup_by_url_path(prefixes, url_path),
        content_type_id=content_type_id,
    )


def _set_date(result, news_date, upcoming, last):
    """News by their date; events by their next date, or their last one when past."""
    if result.kind == "nachricht":
        result.date = news_date
    elif result.kind == "termin":
        result.date = upcoming or last
        result.past = upcoming is None


def search_pages(terms, prefix, home, prefixes):
    pages = Page.objects.live().public().filter(depth__gte=2)
    if home is not None:
        pages = pages.descendant_of(home, inclusive=True)
    hits = _search(pages, terms, prefix)
    scores = {hit.pk: hit._score or 0 for hit in hits}
    kinds = _page_kinds()
    rows = Page.objects.filter(pk__in=scores).values_list(
        "pk", "content_type_id", "title", "url_path"
    )
    results = [
        _page_result(pk, content_type_id, title, url_path, scores[pk], kinds, prefixes)
        for pk, content_type_id, title, url_path in rows
    ]
    _add_dates(results)
    return results


def _add_dates(results):
    keys = [r.pk for r in results if r.kind in ("nachricht", "termin")]
    news_dates = dict(NewsPage.objects.filter(pk__in=keys).values_list("pk", "date"))
    event_dates = {
        pk: (upcoming, last)
        for pk, upcoming, last in Occurrence.objects.filter(event_id__in=keys)
        .values_list("event_id")
        .annotate(
            upcoming=Min("local_date", filter=Q(end__gte=timezone.now())), last=Max("local_date")
        )
    }
    for result in results:
        _set_date(result, news_dates.get(result.pk), *event_dates.get(result.pk, (None, None)))


def first_district(districts):
    """A function from district ids to the first of those districts in the portal's
    order (the order of `districts`), or None."""
    by_pk = {district.pk: district for district in districts}
    position = {pk: index for index, pk in enumerate(by_pk)}

    def first(district_ids):
        known = [pk for pk in district_ids if pk in position]
        return by_pk[min(known, key=position.__getitem__)] if known else None

    return first


def _entry_result(model, pk, name, score, district):
    return Result(
        model=model, pk=pk, kind=ENTRY_KINDS[model], title=name, score=score, district=district
    )


def search_entries(model, terms, prefix, district, first):
    """Published organisations or people of the scope, as results without objects. An
    entry counts for the searched district, or citywide for its first district."""
    hits = _search(model.objects.published(), terms, prefix)
    scores = {hit.pk: hit._score or 0 for hit in hits}
    entries = model.objects.filter(pk__in=scores)
    if district is not None:
        entries = entries.filter(districts=district)
    names = dict(entries.values_list("pk", "name").distinct())
    owner = model._meta.model_name
    links = model.districts.through.objects.filter(**{f"{owner}__in": names})
    district_ids = {}
    for entry_pk, district_pk in links.values_list(f"{owner}_id", "district_id"):
        district_ids.setdefault(entry_pk, set()).add(district_pk)
    return [
        _entry_result(model, pk, name, scores[pk], district or first(district_ids.get(pk, ())))
        for pk, name in names.items()
    ]


def search_in_one_statement(terms, prefix, home, district, prefixes, first):
    """The search on PostgreSQL (see search/postgres.py), as results."""
    kinds = _page_kinds()
    entry_models = {model._meta.model_name: model for model in ENTRY_KINDS}
    results = []
    for row in postgres.find(terms, prefix, home, district, MAX_HITS + 1):
        source, pk, content_type_id, title, url_path, score, district_ids, *dates = row
        if source == "page":
            result = _page_result(pk, content_type_id, title, url_path, score, kinds, prefixes)
            _set_date(result, *dates)
        else:
            model = entry_models[source]
            result = _entry_result(model, pk, title, score, district or first(district_ids))
        results.append(result)
    return results


def _best_of_each_model(results):
    """The best MAX_HITS results of each model, and the models that had more."""
    kept, capped = [], set()
    for model, group in _by_model(results).items():
        if len(group) > MAX_HITS:
            group.sort(key=lambda r: (-r.score, -r.pk))  # the order the finders rank in
            group = group[:MAX_HITS]
            capped.add(model)
        kept += group
    return kept, capped


def run_search(query, request, district, directory_url):
    """All results for a query in a district (or citywide with None), best first.
    `directory_url(entry)` links organisations and people; call `load()` on the
    outcome for the results to be shown."""
    terms = fold_german(query)
    home = district.home_page if district else None
    districts = District.objects.for_request(request)
    prefixes = url_path_prefixes(districts)
    first = first_district(districts)

    def find(prefix):
        if postgres.available():
            return search_in_one_statement(terms, prefix, home, district, prefixes, first)
        return [
            *search_pages(terms, prefix, home, prefixes),
            *search_entries(Organisation, terms, prefix, district, first),
            *search_entries(Person, terms, prefix, district, first),
        ]

    # Words that match nothing anywhere may be cut short ("Seniorentref"): then hits
    # for words that start with them, and the page says so.
    results = find(prefix=False)
    used_prefix = not results
    if used_prefix:
        results = find(prefix=True)
    results, capped = _best_of_each_model(results)
    # Past events stay findable but come after everything current; ties in a fixed order.
    results.sort(key=lambda r: (r.past, -r.score, r.title, r.kind, r.pk))
    outcome = SearchOutcome(
        results=results,
        used_prefix=used_prefix,
        capped=capped,
        request=request,
        directory_url=directory_url,
    )
    outcome.kind_counts = dict(Counter(result.kind for result in results))
    per_district = Counter(r.district.pk for r in results if r.district is not None)
    outcome.district_counts = [(d, per_district[d.pk]) for d in districts if d.pk in per_district]
    return outcome
