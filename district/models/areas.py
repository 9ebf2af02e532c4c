from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from caching.fragments import cached_fragment
from srk_site.colours import validate_accent_colour


class DistrictQuerySet(models.QuerySet):
    def with_source_home_path(self):
        """Annotate the path of each district's German home page, the root of its site."""
        homes = Page.objects.filter(
            districthomepage__district=models.OuterRef("pk"),
            locale__language_code=settings.LANGUAGE_CODE,
        )
        return self.annotate(source_home_path=models.Subquery(homes.values("path")[:1]))

    def with_sites(self):
        return self.select_related("site").order_by("sort_order", "name")

    def by_url_path_prefix(self):
        """(root url_path, district) pairs, longest first, to tell which district a page is in."""
        return url_path_prefixes(self.filter(site__isnull=False).select_related("site"))

    def for_request(self, request):
        """Every district with its site, once per request and cache generation: the
        footer, the search scope and its facets all need them."""
        if request is None:
            return list(self.with_sites())
        if not hasattr(request, "_srk_districts"):
            request._srk_districts = cached_fragment(
                request, "districts", lambda: list(self.with_sites())
            )
        return request._srk_districts


def url_path_prefixes(districts):
    """(root url_path, district) pairs of the districts with a site, longest first."""
    by_site = {d.site_id: d for d in districts if d.site_id is not None}
    pairs = [
        (root.root_path, by_site[root.site_id])
        for root in Site.get_site_root_paths()
        if root.site_id in by_site
    ]
    return sorted(pairs, key=lambda pair: len(pair[0]), reverse=True)


class District(models.Model):
    """A Sozialraumgebiet: one coordination area with its own site.

    Rows come from srk_site/data/districts.toml through `manage.py setup_portal`; that
    file is the source of truth, so adding an area is a data change, not a code change.
    Pages, snippets and permissions hang off this model.
    """

    slug = models.SlugField(_("Kürzel (Subdomain)"), max_length=60, unique=True)
    name = models.CharField(_("Name"), max_length=120)
    veedel = models.CharField(
        _("Veedel"), max_length=255, help_text=_("Die Veedel des Gebiets, durch Komma getrennt.")
    )
    carrier = models.CharField(
        _("Träger der Sozialraumkoordination"),
        max_length=200,
        blank=True,
        help_text=_("Leer lassen, solange der Träger nicht bestätigt ist."),
    )
    accent_colour = models.CharField(
        _("Akzentfarbe"), max_length=7, validators=[validate_accent_colour]
    )
    sort_order = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    groups = models.ManyToManyField(
        "auth.Group",
        verbose_name=_("Gruppen mit Zugriff"),
        blank=True,
        related_name="districts",
        help_text=_(
            "Mitglieder dieser Gruppen bearbeiten Einträge dieses Gebiets; was sie dürfen, "
            "legen die Berechtigungen der Gruppe fest."
        ),
    )
    site = models.OneToOneField(
        Site,
        verbose_name=_("Website"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="district",
    )

    objects = DistrictQuerySet.as_manager()

    def __str__(self):
        return self.name

    @property
    def veedel_list(self):
        return [name.strip() for name in self.veedel.split(",") if name.strip()]

    @cached_property
    def home_page(self):
        """The district's German home page, the root of its site (asked for once per
        instance: search asks for its scope and its promotions)."""
        german = self.home_pages.filter(locale__language_code=settings.LANGUAGE_CODE)
        return german.order_by("pk").first()

    @property
    def url(self):
        """Absolute URL of the district's site, or "" while it has none."""
        return f"{self.site.root_url}/" if self.site_id else ""

    @staticmethod
    def lookup_by_url_path(pairs, url_path):
        for root_path, district in pairs:
            if url_path.startswith(root_path):
                return district
        return None

    class Meta:
        verbose_name = _("Sozialraumgebiet")
        verbose_name_plural = _("Sozialraumgebiete")
        ordering = ["sort_order", "name"]
        permissions = [
            ("access_all_districts", _("Einträge aller Sozialraumgebiete bearbeiten")),
        ]
