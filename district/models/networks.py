from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from srk_site.blocks import BodyStreamBlock
from srk_site.search_index import FoldedSearchMixin


class NetworkIndexPage(FoldedSearchMixin, Page):
    """The working groups (Arbeitskreise) and networks of a district at /arbeitskreise/."""

    folded_text_fields = ("intro", "body")

    intro = models.TextField(_("Einleitung"), blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        *FoldedSearchMixin.folded_search_fields(),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["district.DistrictHomePage", "home.LandingPage"]
    subpage_types = ["district.NetworkPage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["networks"] = NetworkPage.objects.child_of(self).live().public().order_by("title")
        return context

    class Meta:
        verbose_name = _("Übersicht der Arbeitskreise")
        verbose_name_plural = _("Übersichten der Arbeitskreise")


class NetworkPage(FoldedSearchMixin, Page):
    """An Arbeitskreis or network: purpose, members, meeting rhythm, next meeting, contact."""

    folded_text_fields = ("purpose", "rhythm", "members_note", "body")

    purpose = models.TextField(_("Worum es geht"))
    members = ParentalManyToManyField(
        "people.Organisation", verbose_name=_("Mitglieder"), blank=True, related_name="networks"
    )
    members_note = models.CharField(
        _("Weitere Mitglieder"), max_length=255, blank=True, help_text=_("z. B. „Bewohner*innen“")
    )
    rhythm = models.CharField(
        _("Treffen"), max_length=200, help_text=_("z. B. „viermal im Jahr, dienstags 14 Uhr“")
    )
    next_meeting = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("Nächstes Treffen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact = models.ForeignKey(
        "people.Person",
        verbose_name=_("Ansprechperson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_note = models.CharField(_("oder: Kontakt"), max_length=255, blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("Mehr dazu"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("purpose"),
        MultiFieldPanel(
            [
                FieldPanel("members"),
                FieldPanel("members_note"),
                FieldPanel("rhythm"),
                FieldPanel("next_meeting"),
                FieldPanel("contact"),
                FieldPanel("contact_note"),
            ],
            heading=_("Arbeitskreis"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        *FoldedSearchMixin.folded_search_fields(),
        index.SearchField("purpose"),
        index.SearchField("body"),
    ]
    parent_page_types = ["district.NetworkIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Arbeitskreis")
        verbose_name_plural = _("Arbeitskreise")
