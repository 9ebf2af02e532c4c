from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from district.models.listing import DistrictScopedIndexMixin
from people.exports import organisation_vcard, organisations_csv, organisations_geojson
from people.models.entries import Organisation, Person
from srk_site.images import PERSON_PHOTO_RENDITION, with_listing_images

ENTRIES_PER_PAGE = 20


class DirectoryPage(DistrictScopedIndexMixin, RoutablePageMixin, Page):
    """The address directory at /adressen/: on a district site that district's
    Einrichtungen and Angebote, on the landing site the whole city with a district filter.
    Each entry has its own page below it, with a vCard; the list exports as CSV and GeoJSON.
    """

    intro = models.TextField(
        _("Einleitung"),
        blank=True,
        help_text=_("Ein, zwei Sätze über das Verzeichnis und wie man sich eintragen kann."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields]

    parent_page_types = ["home.LandingPage", "district.DistrictHomePage"]
    subpage_types = []
    max_count_per_parent = 1

    def entries(self):
        return Organisation.objects.published().in_district(self.district)

    def filter_form(self, request):
        # Imported here: the filter forms import the models.
        from people.forms import DirectoryFilterForm

        return DirectoryFilterForm(request.GET or None, citywide=self.district is None)

    def filtered_entries(self, request):
        form = self.filter_form(request)
        filters = form.valid_filters()
        from people.forms import apply_filters

        queryset = apply_filters(self.entries(), filters, timezone.now())
        return form, filters, queryset.with_listing_data().alphabetical()

    @classmethod
    def url_for_organisation(cls, organisation, request):
        """Where to link an entry from elsewhere: the directory of the current site when
        the entry belongs to its district, else the citywide directory."""
        return cls.linker(request)(organisation)

    @classmethod
    def linker(cls, request):
        """A function from entry to URL; the directories are looked up once per request."""
        if not hasattr(request, "_srk_directory_linker"):
            request._srk_directory_linker = cls._make_linker(request)
        return request._srk_directory_linker

    @classmethod
    def _make_linker(cls, request):
        from wagtail.models import Site

        directories = {d.path[: -d.steplen]: d for d in cls.objects.live().filter(depth=3)}
        site = Site.find_for_request(request)
        landing = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        local = directories.get(site.root_page.path) if site else None
        citywide = directories.get(landing.root_page.path) if landing else None
        # Looked up now, so the number of queries does not depend on the entries linked.
        local_district = local.district if local is not None else None

        def url(organisation):
            directory = citywide
            if local is not None and (
                local_district is None
                or local_district.pk in {d.pk for d in organisation.districts.all()}
            ):
                directory = local
            return directory.entry_url(request, organisation) if directory else ""

        return url

    def entry_url(self, request, organisation):
        return self.get_url(request=request) + self.reverse_subpage(
            "organisation", args=[organisation.slug]
        )

    def absolute_entry_url(self, request, organisation):
        return request.build_absolute_uri(self.entry_url(request, organisation))

    @path("")
    def index_route(self, request):
        form, filters, queryset = self.filtered_entries(request)
        page_obj = Paginator(queryset, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
        now = timezone.now()
        entries = [
            {
                "organisation": organisation,
                "url": self.entry_url(request, organisation),
                "open_now": organisation.is_open_at(now),
            }
            for organisation in page_obj
        ]
        query = request.GET.copy()
        query.pop("page", None)
        return self.render(
            request,
            context_overrides={
                "form": form,
                "filters": filters,
                "entries": entries,
                "page_obj": page_obj,
                "export_query": query.urlencode(),
            },
        )

    @path("<slug:slug>/", name="organisation")
    def organisation_route(self, request, slug):
        organisation = get_object_or_404(
            self.entries()
            .select_related("image")
            .prefetch_related("categories", "target_groups", "opening_hours", "districts"),
            slug=slug,
        )
        people = with_listing_images(
            Person.objects.published()
            .filter(organisation=organisation)
            .select_related("organisation"),
            "photo",
            PERSON_PHOTO_RENDITION,
        )
        # Imported here: events build on the directory, not the other way round.
        from events.models import Occurrence

        upcoming = Occurrence.objects.visible().upcoming()
        upcoming = upcoming.filter(event__venue=organisation)
        events = upcoming.with_event_data()[:10].items(request)
        return TemplateResponse(
            request,
            "people/organisation_detail.html",
            self.get_context(request)
            | {
                "organisation": organisation,
                "people": people,
                "events": events,
                "open_now": organisation.is_open_at(timezone.now()),
                "vcard_url": self.entry_url(request, organisation) + "vcard/",
                "absolute_url": self.absolute_entry_url(request, organisation),
            },
        )

    @path("<slug:slug>/vcard/", name="vcard")
    def vcard_route(self, request, slug):
        organisation = get_object_or_404(self.entries(), slug=slug)
        response = HttpResponse(
            organisation_vcard(organisation, self.absolute_entry_url(request, organisation)),
            content_type="text/vcard; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{organisation.slug}.vcf"'
        return response

    def serve_file(self, request, filename):
        exports = {"export.csv": self.export_csv, "export.geojson": self.export_geojson}
        if filename not in exports:
            raise Http404
        return exports[filename](request)

    def export_csv(self, request):
        _form, _filters, queryset = self.filtered_entries(request)
        body = organisations_csv(queryset, lambda o: self.absolute_entry_url(request, o))
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="adressen.csv"'
        return response

    def export_geojson(self, request):
        _form, _filters, queryset = self.filtered_entries(request)
        body = organisations_geojson(queryset, lambda o: self.absolute_entry_url(request, o))
        return HttpResponse(body, content_type="application/geo+json; charset=utf-8")

    class Meta:
        verbose_name = _("Adressverzeichnis")
        verbose_name_plural = _("Adressverzeichnisse")
