from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from district.models.listing import DistrictScopedIndexMixin, pages_in_district, teaser_items
from district.models.news import Topic
from srk_site.blocks import BodyStreamBlock
from srk_site.images import with_listing_images
from srk_site.languages import in_source_language
from srk_site.search_index import FoldedSearchMixin

PLANNED, RUNNING, FINISHED = "geplant", "laufend", "abgeschlossen"
STATUS_CHOICES = [(PLANNED, _("geplant")), (RUNNING, _("läuft")), (FINISHED, _("abgeschlossen"))]
PROJECTS_PER_PAGE = 12


class ProjectPage(FoldedSearchMixin, Page):
    """A best-practice project others can copy: what was done, with whom, what came of it."""

    folded_text_fields = ("teaser", "body", "outcomes")

    teaser = models.TextField(_("Teaser"), max_length=500)
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("Bild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topics = ParentalManyToManyField(Topic, verbose_name=_("Themen"), blank=True)
    partners = ParentalManyToManyField(
        "people.Organisation", verbose_name=_("Partner"), blank=True, related_name="projects"
    )
    period_start = models.DateField(_("Beginn"), null=True, blank=True)
    period_end = models.DateField(_("Ende"), null=True, blank=True)
    status = models.CharField(_("Stand"), max_length=20, choices=STATUS_CHOICES, default=RUNNING)
    outcomes = models.TextField(_("Ergebnisse"), blank=True, help_text=_("Ein Ergebnis pro Zeile."))
    contact = models.ForeignKey(
        "people.Person",
        verbose_name=_("Ansprechperson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("Beschreibung"), blank=True)
    propose_for_landing = models.BooleanField(
        _("Für die Startseite des Portals vorschlagen"), default=False
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("teaser"),
        FieldPanel("image"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("partners"),
                FieldPanel("contact"),
            ],
            heading=_("Projekt"),
        ),
        FieldPanel("body"),
        FieldPanel("outcomes"),
        FieldPanel("propose_for_landing"),
    ]
    search_fields = [
        *Page.search_fields,
        *FoldedSearchMixin.folded_search_fields(),
        index.SearchField("teaser"),
        index.SearchField("body"),
    ]

    parent_page_types = ["district.ProjectIndexPage"]
    subpage_types = []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Directory links need each partner's districts: fetched together, not per partner.
        context["partners"] = self.partners.filter(live=True).prefetch_related("districts")
        return context

    @property
    def outcome_list(self):
        return [line.strip("-• ").strip() for line in self.outcomes.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("Das Ende liegt vor dem Beginn.")})

    class Meta:
        verbose_name = _("Projekt")
        verbose_name_plural = _("Projekte")


class ProjectIndexPage(DistrictScopedIndexMixin, RoutablePageMixin, Page):
    """Best-practice projects at /projekte/, filterable by topic; citywide on the landing site."""

    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.LandingPage", "district.DistrictHomePage"]
    subpage_types = ["district.ProjectPage"]
    max_count_per_parent = 1

    @path("")
    def index_route(self, request):
        from district.filters import ProjectFilterForm

        form = ProjectFilterForm(request.GET or None, citywide=self.district is None)
        filters = form.valid_filters()
        queryset = self.scope(in_source_language(ProjectPage.objects.live().public()))
        if "thema" in filters:
            queryset = queryset.filter(topics=filters["thema"])
        if "stand" in filters:
            queryset = queryset.filter(status=filters["stand"])
        if "gebiet" in filters:
            queryset = pages_in_district(queryset, filters["gebiet"])
        page_obj = Paginator(
            with_listing_images(queryset.order_by("title")), PROJECTS_PER_PAGE
        ).get_page(request.GET.get("page"))
        return self.render(
            request,
            context_overrides={
                "form": form,
                "filters": filters,
                "page_obj": page_obj,
                "items": teaser_items(request, page_obj),
            },
        )

    class Meta:
        verbose_name = _("Projektübersicht")
        verbose_name_plural = _("Projektübersichten")
