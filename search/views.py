import logging
import re
from functools import partial

from django.core.paginator import Paginator
from django.db import DatabaseError
from django.db.models import F
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Page, Site
from wagtail.search.utils import normalise_query_string

from caching.fragments import cached_fragment
from district.models import District
from people.models import DirectoryPage, Organisation
from search.highlight import excerpt
from search.results import KINDS, run_search
from srk_site.text import fold_german

# Longer queries are cut: nobody types more, and the database need not parse it.
MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
SUGGESTIONS = 8
WORD = re.compile(r"\w+")
logger = logging.getLogger(__name__)


def search_terms(query):
    """The words of a query, without the operators and quotes that full-text engines
    (SQLite FTS5, PostgreSQL tsquery) would read as syntax."""
    return " ".join(WORD.findall(query))


def clean_query(request):
    return " ".join(request.GET.get("q", "").replace("\x00", "").split())[:MAX_QUERY_LENGTH]


def scope_of(request):
    """(site, district searched or None for citywide, the site's own district)."""
    site = Site.find_for_request(request)
    districts = District.objects.for_request(request)
    own = next((d for d in districts if site and d.site_id == site.pk), None)
    everywhere = request.GET.get("alle") == "1"
    return site, (None if everywhere else own), own


def entry_url(request):
    """Directory links for search results; people link to their organisation's entry."""

    def url(entry):
        target = getattr(entry, "organisation", entry)
        if not isinstance(target, Organisation) or not target.live:
            return ""
        # Looked up at the first entry shown: most result pages link none.
        return DirectoryPage.linker(request)(target)

    return url


def count_search(query_string):
    """Wagtail's daily count for its popular-searches report, in one statement on every
    search but a query's first of the day (Wagtail's add_hit reads, then writes)."""
    try:
        query = Query.get(query_string)
        today = timezone.now().date()
        if not QueryDailyHits.objects.filter(query=query, date=today).update(hits=F("hits") + 1):
            query.add_hit(date=today)
    except DatabaseError:
        # Runs after the response has gone out, where Django would swallow the error.
        logger.exception("Search not counted: %s", query_string)


def count_after_response(response, query_string):
    """Count the search once the results are on their way: the visitor need not wait
    for the bookkeeping. The WSGI server calls the response's closers after sending."""
    response._resource_closers.append(partial(count_search, query_string))


def promoted_queries():
    return set(SearchPromotion.objects.values_list("query__query_string", flat=True))


def promotions(query_string, district, request):
    """Pages coordinators promoted for this query, within the searched scope."""
    query_string = normalise_query_string(query_string)
    # Known per cache generation: most queries have none, and need not ask for them.
    if query_string not in cached_fragment(request, "promoted-queries", promoted_queries):
        return []
    picks = (
        SearchPromotion.objects.filter(query__query_string=query_string)
        .select_related("page")
        .order_by("sort_order")
    )
    home = district.home_page if district else None
    result = []
    for pick in picks:
        page = pick.page
        if page is None:
            if pick.external_link_url:
                result.append(
                    {
                        "title": pick.external_link_text,
                        "url": pick.external_link_url,
                        "description": pick.description,
                    }
                )
            continue
        if not page.live or (home and not page.path.startswith(home.path)):
            continue
        result.append(
            {
                "title": page.title,
                "url": page.get_url(request=request),
                "description": pick.description,
            }
        )
    return result


def search(request):
    """Search for residents: pages, news, events, projects, working groups and directory
    entries of this district, or of the whole city on the landing site or with ?alle=1."""
    query = clean_query(request)
    terms = search_terms(query)
    site, district, own_district = scope_of(request)
    empty = Paginator([], RESULTS_PER_PAGE).get_page(1)
    context = {
        "search_query": query,
        "district": district,
        "own_district": own_district,
        "results": empty,
        "paginator": empty.paginator,
    }
    counted = None  # the query string counted for the popular-searches report
    if terms:
        outcome = run_search(terms, request, district, entry_url(request))
        kind = request.GET.get("typ")
        chosen_district = request.GET.get("gebiet")
        results = outcome.results
        if kind in KINDS:
            results = [r for r in results if r.kind == kind]
        if district is None and chosen_district:
            results = [r for r in results if r.district and r.district.slug == chosen_district]
        page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        words = terms.split()
        outcome.load(page_obj.object_list)
        for result in page_obj:
            result.excerpt = excerpt(result.excerpt_text, words)
        folded = fold_german(terms)
        if page_obj.number == 1:
            counted = folded
        context |= {
            "results": page_obj,
            "paginator": page_obj.paginator,
            "kind_facets": [(key, KINDS[key], n) for key, n in outcome.kind_counts.items()],
            "district_facets": outcome.district_counts,
            "chosen_kind": kind if kind in KINDS else "",
            "chosen_district": chosen_district or "",
            "promoted": promotions(folded, district, request),
            "used_prefix": outcome.used_prefix,
            # More than the kept hits match: the count says "more than".
            "more": any(result.model in outcome.capped for result in results),
        }
    response = render(request, "search/search.html", context)
    if counted:
        count_after_response(response, counted)
    return response


@require_GET
def suggestions(request):
    """Titles that start with what the visitor typed, for the search field's list."""
    terms = search_terms(clean_query(request))
    if len(terms) < 2:
        return JsonResponse({"suggestions": []})
    site, district, _own = scope_of(request)
    pages = Page.objects.live().public().filter(depth__gte=2)
    entries = Organisation.objects.published()
    if district is not None:
        home = district.home_page
        pages = pages.descendant_of(home, inclusive=True) if home else pages.none()
    folded = fold_german(terms)
    titles = [page.title for page in pages.autocomplete(folded)[:SUGGESTIONS]]
    scope_ids = set(entries.in_district(district).values_list("pk", flat=True)[:5000])
    titles += [o.name for o in entries.autocomplete(folded)[: SUGGESTIONS * 3] if o.pk in scope_ids]
    unique = list(dict.fromkeys(titles))[:SUGGESTIONS]
    return JsonResponse({"suggestions": unique})
