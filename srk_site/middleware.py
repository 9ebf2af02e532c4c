from django.conf import settings
from django.http import HttpResponsePermanentRedirect


class WwwRedirectMiddleware:
    """Send www.<base domain> to the base domain, keeping path and query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = request.get_host().lower()
        hostname, _, port = host.partition(":")
        if hostname == f"www.{settings.SRK_BASE_DOMAIN}":
            target = settings.SRK_BASE_DOMAIN + (f":{port}" if port else "")
            return HttpResponsePermanentRedirect(
                f"{request.scheme}://{target}{request.get_full_path()}"
            )
        return self.get_response(request)


class UrlLanguageMiddleware:
    """On public pages the URL alone sets the language (/en/…, German without a prefix).

    Without this, LocaleMiddleware would follow the browser's Accept-Language on URLs
    outside i18n_patterns (sitemap.xml, robots.txt), so one URL could answer in several
    languages, and links to German pages in a sitemap would carry an /en/ prefix. The
    admin keeps Django's negotiation (editors' own language settings win anyway)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/admin/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
            request.COOKIES.pop(settings.LANGUAGE_COOKIE_NAME, None)
        return self.get_response(request)
