from django.http import Http404, HttpResponse
from django.urls import reverse
from wagtail.models import Site

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
