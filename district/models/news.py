from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from district.models.listing import DistrictScopedIndexMixin, pages_in_district
from srk_site.blocks import BodyStreamBlock
from srk_site.images import with_listing_images
from srk_site.languages import in_source_language
from srk_site.search_index import FoldedSearchMixin
from srk_site.taxonomy import TaxonomyTerm

NEWS, PRESS, REVIEW = "nachricht", "pressemitteilung", "rueckblick"
KIND_CHOICES = [
    (NEWS, _("Nachricht")),
    (PRESS, _("Pressemitteilung")),
    (REVIEW, _("Rückblick/Dokumentation")),
]
NEWS_PER_PAGE = 12


class Topic(TaxonomyTerm):
    """A theme of news and best-practice projects ("Frühe Hilfen", "Klima, Umwelt und
    Naturschutz"), for filtering across all districts."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")


class NewsPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == PRESS and not cleaned.get("press_contact"):
            self.add_error(
                "press_contact",
                _("Eine Pressemitteilung braucht eine Ansprechperson für die Presse."),
            )
        return cleaned


class NewsPage(FoldedSearchMixin, Page):
    """A news item, press release or review (Rückblick) of a district."""

    folded_text_fields = ("teaser", "body", "author")

    date = models.DateField(_("Datum"), default=timezone.localdate)
    author = models.CharField(_("Autor*in"), max_length=120, blank=True)
    kind = models.CharField(_("Art"), max_length=20, choices=KIND_CHOICES, default=NEWS)
    teaser = models.TextField(_("Teaser"), max_length=500)
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("Bild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("Text"), blank=True)
    topics = ParentalManyToManyField(Topic, verbose_name=_("Themen"), blank=True)
    press_contact = models.ForeignKey(
        "people.Person",
        verbose_name=_("Pressekontakt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    propose_for_landing = models.BooleanField(
        _("Für die Startseite des Portals vorschlagen"), default=False
    )

    base_form_class = NewsPageForm
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("date"), FieldPanel("author"), FieldPanel("teaser")],
            heading=_("Meldung"),
        ),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        InlinePanel("attachments", label=_("Anhang"), heading=_("Anhänge")),
        MultiFieldPanel(
            [
                FieldPanel("press_contact"),
                InlinePanel("press_photos", label=_("Pressefoto")),
            ],
            heading=_("Für die Presse"),
        ),
        FieldPanel("propose_for_landing"),
    ]
    search_fields = [
        *Page.search_fields,
        *FoldedSearchMixin.folded_search_fields(),
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.SearchField("author"),
        index.FilterField("kind"),
        index.FilterField("date"),
    ]

    parent_page_types = ["district.NewsIndexPage"]
    subpage_types = []

    @property
    def is_press_release(self):
        return self.kind == PRESS

    class Meta:
        verbose_name = _("Nachricht")
        verbose_name_plural = _("Nachrichten")
        # Every news listing and feed sorts newest first; with thousands of items the
        # index lets PostgreSQL read the first page instead of sorting them all.
        indexes = [models.Index(fields=["-date", "-page_ptr"], name="district_news_newest_idx")]


class NewsAttachment(Orderable):
    """A document attached to a news item, shown with its type and size."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("Dokument"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("Titel"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]


class PressPhoto(Orderable):
    """A photo journalists may use, downloadable in original resolution with its credit."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="press_photos")
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("Foto"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    caption = models.CharField(_("Bildunterschrift"), max_length=255)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    def clean(self):
        super().clean()
        if self.image_id and not (self.image.credit or "").strip():
            raise ValidationError(
                {
                    "image": _(
                        "Pressefotos brauchen einen Bildnachweis. Bitte in der Mediathek ergänzen."
                    )
                }
            )


class NewsIndexPage(DistrictScopedIndexMixin, RoutablePageMixin, Page):
    """News at /aktuelles/: a district's news, or on the landing site every district's,
    with a press area for journalists and RSS feeds."""

    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.LandingPage", "district.DistrictHomePage"]
    subpage_types = ["district.NewsPage"]
    max_count_per_parent = 1

    def news(self, press_only=False):
        queryset = self.scope(in_source_language(NewsPage.objects.live().public()))
        if press_only:
            queryset = queryset.filter(kind=PRESS)
        return queryset.order_by("-date", "-pk")

    def filter_form(self, request):
        from district.filters import NewsFilterForm

        return NewsFilterForm(request.GET or None, citywide=self.district is None)

    def filtered_news(self, request, press_only=False):
        form = self.filter_form(request)
        filters = form.valid_filters()
        queryset = self.news(press_only)
        if "thema" in filters:
            queryset = queryset.filter(topics=filters["thema"])
        if "art" in filters:
            queryset = queryset.filter(kind=filters["art"])
        if "gebiet" in filters:
            queryset = pages_in_district(queryset, filters["gebiet"])
        return form, filters, queryset

    def listing_items(self, request, queryset):
        from district.models.listing import teaser_items

        return teaser_items(request, queryset)

    @path("")
    def index_route(self, request):
        form, filters, queryset = self.filtered_news(request)
        page_obj = Paginator(with_listing_images(queryset), NEWS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        return self.render(
            request,
            context_overrides={
                "form": form,
                "filters": filters,
                "page_obj": page_obj,
                "items": self.listing_items(request, page_obj),
            },
        )

    @path("presse/", name="press")
    def press_route(self, request):
        from people.models import Person

        releases = with_listing_images(self.news(press_only=True))[:30]
        photos = (
            PressPhoto.objects.filter(page__in=[r.pk for r in releases])
            .select_related("image", "page")
            .order_by("-page__date", "sort_order")
        )
        contact_ids = {r.press_contact_id for r in releases if r.press_contact_id}
        contacts = (
            Person.objects.published()
            .filter(pk__in=contact_ids)
            .select_related("organisation", "photo")
        )
        return self.render(
            request,
            template="district/news_press.html",
            context_overrides={
                "items": self.listing_items(request, releases),
                "photos": photos,
                "contacts": contacts,
            },
        )

    @path("feed/", name="feed")
    def feed_route(self, request):
        from district.feeds import NewsFeed

        return NewsFeed(self)(request)

    @path("presse/feed/", name="press_feed")
    def press_feed_route(self, request):
        from district.feeds import NewsFeed

        return NewsFeed(self, press_only=True)(request)

    class Meta:
        verbose_name = _("Nachrichtenübersicht")
        verbose_name_plural = _("Nachrichtenübersichten")
