from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from srk_site.blocks import BodyStreamBlock
from srk_site.images import with_listing_images
from srk_site.languages import in_source_language

LATEST_NEWS = 6
NEXT_EVENTS = 6


class LandingPage(Page):
    """The citywide landing page: the programme in brief, every district, chosen highlights."""

    intro = models.TextField(
        _("Einleitung"),
        blank=True,
        help_text=_("Zwei, drei Sätze über das Programm Lebenswerte Veedel."),
    )
    hero_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("Titelbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("intro"), FieldPanel("hero_image")], heading=_("Kopfbereich")),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "district.ContentPage",
        "district.NewsIndexPage",
        "district.ProjectIndexPage",
        "district.NetworkIndexPage",
        "events.EventIndexPage",
        "people.DirectoryPage",
        "district.FormPage",
    ]

    def get_context(self, request, *args, **kwargs):
        # Imported here: the landing page draws on every content app.
        from district.models import NewsIndexPage, NewsPage
        from district.models.listing import teaser_items
        from events.models import EventIndexPage, Occurrence

        context = super().get_context(request, *args, **kwargs)
        news = in_source_language(NewsPage.objects.live().public())
        news = with_listing_images(news.order_by("-date", "-pk"))
        context["latest_news"] = teaser_items(request, news[:LATEST_NEWS])
        upcoming = Occurrence.objects.visible().upcoming().with_event_data()
        context["next_events"] = upcoming[:NEXT_EVENTS].items(request)
        context["news_index"] = NewsIndexPage.objects.child_of(self).live().first()
        context["events_index"] = EventIndexPage.objects.child_of(self).live().first()
        return context

    class Meta:
        verbose_name = _("Startseite des Portals")
        verbose_name_plural = _("Startseiten des Portals")
