from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from srk_site.blocks import BodyStreamBlock
from srk_site.colours import validate_accent_colour


class DistrictQuerySet(models.QuerySet):
    def with_sites(self):
        return self.select_related("site").order_by("sort_order", "name")

    def by_url_path_prefix(self):
        """(root url_path, district) pairs, longest first, to tell which district a page is in."""
        by_site = {d.site_id: d for d in self.filter(site__isnull=False).select_related("site")}
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


class DistrictHomePage(Page):
    """The home page of one district's site: welcome text, hero picture, flexible content.

    The district's name, Veedel, carrier and colour come from its District record.
    """

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
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["district.ContentPage", "people.DirectoryPage"]

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


class ContentPage(Page):
    """Any other page an office publishes: "Über uns", "Das Sozialraumgebiet",
    "Arbeitskreise", Impressum, Datenschutz, Barrierefreiheit, conference write-ups."""

    intro = models.TextField(
        _("Einleitung"),
        blank=True,
        help_text=_("Ein, zwei Sätze; erscheinen auch in Teasern und Suchergebnissen."),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.LandingPage", "district.DistrictHomePage", "district.ContentPage"]
    subpage_types = ["district.ContentPage"]

    class Meta:
        verbose_name = _("Inhaltsseite")
        verbose_name_plural = _("Inhaltsseiten")
