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
