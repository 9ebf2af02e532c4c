import re

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page, Site

# Longer queries are cut: nobody types more, and the database need not parse it.
MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
WORD = re.compile(r"\w+")


def search_terms(query):
    """The words of a query, without the operators and quotes that full-text engines
    (SQLite FTS5, PostgreSQL tsquery) would read as syntax."""
    return " ".join(WORD.findall(query))


def search(request):
    """Full-text search over the live, public pages of this district (or, on the landing
    site, of the whole portal)."""
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    terms = search_terms(query)
    site = Site.find_for_request(request)
    results = Page.objects.none()
    if terms:
        pages = Page.objects.live().public().filter(depth__gte=2)
        if site is not None and not site.is_default_site:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        results = pages.specific().search(terms, operator="and")
    paginator = Paginator(results, RESULTS_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "search/search.html",
        {"search_query": query, "results": page_obj, "paginator": paginator},
    )
