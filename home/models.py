from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from srk_site.blocks import BodyStreamBlock


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
    subpage_types = ["district.ContentPage", "people.DirectoryPage"]

    class Meta:
        verbose_name = _("Startseite des Portals")
        verbose_name_plural = _("Startseiten des Portals")
