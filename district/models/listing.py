from django.utils.functional import cached_property

from district.models.areas import District


class DistrictScopedIndexMixin:
    """For section pages that sit directly under a site root (news, calendar, directory):
    which district they serve, None on the landing site."""

    @cached_property
    def district(self):
        """With `source_home_path`, the path of its German home page: a translated section
        page lists the German tree's items, like the German one (in_source_language)."""
        home_pages = District.objects.filter(home_pages__path=self.path[: -self.steplen])
        return home_pages.with_source_home_path().first()

    def scope(self, queryset):
        """Pages of this district, or of every district on the landing site."""
        if self.district is None:
            return queryset
        return queryset.filter(path__startswith=self.district.source_home_path)


def pages_in_district(queryset, district):
    """Narrow pages to one district's tree (the citywide listings' district filter)."""
    home = district.home_page
    return queryset.filter(path__startswith=home.path) if home else queryset.none()


def teaser_items(request, pages):
    """Pages as teaser dicts with their URL and district, in one query for the districts."""
    prefixes = District.objects.by_url_path_prefix()
    return [
        {
            "page": page,
            "url": page.get_url(request=request),
            "district": District.lookup_by_url_path(prefixes, page.url_path),
        }
        for page in pages
    ]
