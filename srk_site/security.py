"""Security headers: one strict Content-Security-Policy for the public sites, a looser
one for the Wagtail admin (which ships inline scripts), and a Permissions-Policy.

The public policy carries no nonce: a page cache stores whole pages, so nothing in the
HTML may differ between requests. Public templates therefore contain no inline script,
style or event-handler attribute (tests/srk_site/test_security_headers.py checks it).
"""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from django.conf import settings


def origin_of(url):
    """The scheme and host of an absolute URL as a CSP source, or None for a path.

    Leaflet's `{s}` subdomain placeholder becomes a wildcard."""
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


def is_admin_path(path):
    return path.startswith(tuple(settings.SRK_CSP_ADMIN_PREFIXES))


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp with the admin policy for admin paths (Wagtail's admin and its
    previews use inline scripts and styles and must be framed by the admin itself)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = settings.SRK_CSP_ADMIN_DIRECTIVES
        return parts


class PermissionsPolicyMiddleware:
    """Switch off browser features no page of the portal uses, for every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.SRK_PERMISSIONS_POLICY)
        return response
