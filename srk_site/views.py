import sys

from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.defaults import server_error as django_server_error
from wagtail.models import Site

from district.models import District
from srk_site import colours
from srk_site.languages import strip_language_prefix
from srk_site.localisation import route_with_fallback


def page_file(request, page_path, filename):
    """Serve a file that belongs to a page, such as /adressen/export.csv.

    Wagtail's page URLs end in a slash, so file names like "export.csv" never reach a
    routable page; this view finds the page and asks it for the file instead.
    """
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    page = route_with_fallback(request, page_path)[0]
    # Files belong to the page itself, not to a sub-route such as an entry or a month.
    if strip_language_prefix(page.relative_url(site, request=request)) != "/" + page_path:
        raise Http404
    serve_file = getattr(page.specific, "serve_file", None)
    if serve_file is None or page.get_view_restrictions().exists():
        raise Http404
    return serve_file(request, filename)


def robots_txt(request):
    """Each site's robots.txt points to that site's own sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /kontakt/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def bench_ping(request):
    """The smallest response through the full middleware stack: `make bench`'s ceiling.
    Only routed when SRK_BENCH_VIEWS is on."""
    return HttpResponse("ok", content_type="text/plain")


def accent_colours_css(request):
    """The districts' accent colours as a stylesheet, so pages need no inline style.

    Pages link it with a version of the colours in the query, so it may be cached long."""
    districts = list(District.objects.with_sites())
    version = f'"{colours.accent_colours_version(districts)}"'
    if request.headers.get("If-None-Match") == version:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(
            colours.accent_colours_css(districts), content_type="text/css; charset=utf-8"
        )
    response["ETag"] = version
    patch_cache_control(response, public=True, max_age=60 * 60 * 24)
    return response


# How long browsers and proxies should wait before retrying while the database is away.
DATABASE_RETRY_AFTER_SECONDS = 30


def server_error(request):
    """The 500 handler. A lost database connection (a restart, a failover) becomes a
    friendly 503 with Retry-After, rendered without touching the database; the next
    request reconnects on its own (CONN_HEALTH_CHECKS)."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = render(request, "503.html", status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return django_server_error(request)
