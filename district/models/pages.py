from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from district.models.areas import District
from srk_site.blocks import BodyStreamBlock
from srk_site.search_index import FoldedSearchMixin


class DistrictHomePage(FoldedSearchMixin, Page):
    """The home page of one district's site: welcome text, hero picture, flexible content.

    The district's name, Veedel, carrier and colour come from its District record.
    """

    folded_text_fields = ("intro", "body")

    district = models.ForeignKey(
        District,
        verbose_name=_("Sozialraumgebiet"),
        on_delete=models.PROTECT,
        related_name="home_pages",
    )
    intro = models.TextField(
        _("Begrüßung"),
        blank=True,
        help_text=_("Zwei, drei Sätze, die oben auf der Startseite stehen."),
    )
    hero_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("Titelbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Ein Bild aus dem Veedel, breit, mindestens 1600 Pixel. "
            "Der Bildnachweis wird angezeigt."
        ),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("district", permission="superuser"),
                FieldPanel("intro"),
                FieldPanel("hero_image"),
            ],
            heading=_("Kopfbereich"),
        ),
        FieldPanel("body"),
        InlinePanel(
            "contacts",
            heading=_("Ihre Ansprechpartner*innen"),
            label=_("Kontaktperson"),
            help_text=_("Erscheinen unten auf der Startseite, in dieser Reihenfolge."),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        *FoldedSearchMixin.folded_search_fields(),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

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

    def published_contacts(self):
        return [
            contact.person
            for contact in self.contacts.select_related(
                "person", "person__organisation", "person__photo"
            )
            if contact.person.live
        ]

    def clean(self):
        super().clean()
        # One home page per district and language (translations share the district).
        others = DistrictHomePage.objects.filter(
            district_id=self.district_id, locale_id=self.locale_id
        )
        if self.district_id and others.exclude(pk=self.pk).exists():
            raise ValidationError(
                {
                    "district": _(
                        "Dieses Sozialraumgebiet hat in dieser Sprache schon eine Startseite."
                    )
                }
            )

    class Meta:
        verbose_name = _("Startseite eines Sozialraumgebiets")
        verbose_name_plural = _("Startseiten der Sozialraumgebiete")


class DistrictHomeContact(Orderable):
    """A person shown under "Ihre Ansprechpartner*innen" on a district's home page."""

    page = ParentalKey(DistrictHomePage, on_delete=models.CASCADE, related_name="contacts")
    person = models.ForeignKey(
        "people.Person", verbose_name=_("Kontaktperson"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("person")]


class ContentPage(FoldedSearchMixin, Page):
    """Any other page an office publishes: "Über uns", "Das Sozialraumgebiet",
    "Arbeitskreise", Impressum, Datenschutz, Barrierefreiheit, conference write-ups."""

    folded_text_fields = ("intro", "body")

    intro = models.TextField(
        _("Einleitung"),
        blank=True,
        help_text=_("Ein, zwei Sätze; erscheinen auch in Teasern und Suchergebnissen."),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        *FoldedSearchMixin.folded_search_fields(),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.LandingPage", "district.DistrictHomePage", "district.ContentPage"]
    subpage_types = ["district.ContentPage", "district.FormPage"]

    class Meta:
        verbose_name = _("Inhaltsseite")
        verbose_name_plural = _("Inhaltsseiten")
