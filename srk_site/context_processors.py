from django.conf import settings
from django.utils.functional import cached_property
from wagtail.models import Site

from caching.fragments import cached_fragment
from srk_site.colours import accent_colours_version


class PortalContext:
    """What every public template needs to know about the portal, computed lazily
    so admin pages and plain views pay nothing for what they don't use."""

    def __init__(self, request):
        self.request = request

    @cached_property
    def site(self):
        return Site.find_for_request(self.request)

    @cached_property
    def districts(self):
        from district.models import District

        return District.objects.for_request(self.request)

    @cached_property
    def accent_version(self):
        """Changes whenever a district's colour does, so browsers fetch the new stylesheet."""
        return accent_colours_version(self.districts)

    @cached_property
    def district(self):
        """The district whose site serves this request, or None on the landing site."""
        site = self.site
        if site is None:
            return None
        return next((d for d in self.districts if d.site_id == site.pk), None)

    @property
    def map_settings(self):
        return {
            "tile_url": settings.SRK_MAP_TILE_URL,
            "attribution": settings.SRK_MAP_ATTRIBUTION,
            "needs_consent": settings.SRK_MAP_TILES_NEED_CONSENT,
        }

    @cached_property
    def landing_url(self):
        return cached_fragment(self.request, "landing_url", _landing_url)


def _landing_url():
    landing = Site.objects.filter(is_default_site=True).first()
    return f"{landing.root_url}/" if landing else "/"


def portal(request):
    return {"portal": PortalContext(request)}
