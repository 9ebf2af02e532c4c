from django import forms
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from district.forms import DistrictScopedForm
from srk_site.geo import coordinate_field
from srk_site.search_index import FoldedSearchMixin
from srk_site.taxonomy import TaxonomyTerm
from srk_site.text import GERMAN_TRANSLITERATION, sort_key, turkish_sort_key

WEEKDAYS = [
    (0, _("Montag")),
    (1, _("Dienstag")),
    (2, _("Mittwoch")),
    (3, _("Donnerstag")),
    (4, _("Freitag")),
    (5, _("Samstag")),
    (6, _("Sonntag")),
]
WEEKDAY_SHORT = {0: _("Mo"), 1: _("Di"), 2: _("Mi"), 3: _("Do"), 4: _("Fr"), 5: _("Sa"), 6: _("So")}
# schema.org day names for JSON-LD.
SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def unique_slug(model, text, instance_pk=None, max_length=80):
    base = slugify(text.translate(GERMAN_TRANSLITERATION))[: max_length - 5] or "eintrag"
    slug, number = base, 2
    while model._default_manager.filter(slug=slug).exclude(pk=instance_pk).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


class Category(TaxonomyTerm):
    """A kind of place or topic ("Kita", "Beratungsstelle", "Freizeit und Kultur"),
    shared by the address directory and the events calendar."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("Kategorie")
        verbose_name_plural = _("Kategorien")


class TargetGroup(TaxonomyTerm):
    """Who an offer or event is for ("Kinder", "Senior*innen"), shared with events."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("Zielgruppe")
        verbose_name_plural = _("Zielgruppen")


class DirectoryEntryQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def published(self):
        return self.filter(live=True)

    def in_district(self, district):
        # No DISTINCT: filtering a many-to-many relation by one value (one district, one
        # category) cannot repeat rows, as the link table holds each pair once; DISTINCT
        # would make PostgreSQL sort every matching row before taking a page.
        if district is None:
            return self
        return self.filter(districts=district)


class OrganisationQuerySet(DirectoryEntryQuerySet):
    def with_listing_data(self):
        return self.select_related("image").prefetch_related(
            "categories", "target_groups", "opening_hours", "districts"
        )

    def matching(self, text):
        query = Q()
        for word in text.split():
            query &= (
                Q(name__icontains=word)
                | Q(description__icontains=word)
                | Q(street__icontains=word)
                | Q(veedel__icontains=word)
                | Q(carrier__icontains=word)
            )
        return self.filter(query)

    def open_at(self, moment):
        local = timezone.localtime(moment)
        return self.filter(
            opening_hours__weekday=local.weekday(),
            opening_hours__opens__lte=local.time(),
            opening_hours__closes__gt=local.time(),
        ).distinct()

    def alphabetical(self):
        """By name in the order of the interface language's alphabet (Turkish or German).

        Both keys are stored, so the database sorts and paginates; see decision 15."""
        key = "sort_name_tr" if get_language() == "tr" else "sort_name"
        return self.order_by(key, "pk")


class DirectoryEntry(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel
):
    """What organisations and people share: districts, contact data, moderation."""

    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    districts = ParentalManyToManyField(
        "district.District",
        verbose_name=_("Sozialraumgebiete"),
        help_text=_("In welchen Gebieten soll der Eintrag erscheinen?"),
    )
    external_id = models.CharField(
        _("Externe Kennung"),
        max_length=80,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Stabile Kennung für den CSV-Import; leer lassen bei Einträgen von Hand."),
    )

    # Offers only the editor's own districts in the admin form.
    base_form_class = DistrictScopedForm

    @property
    def revisions(self):
        return self._revisions

    def clean(self):
        super().clean()
        if self.phone and not any(ch.isdigit() for ch in self.phone):
            raise ValidationError({"phone": _("Bitte eine Telefonnummer mit Ziffern angeben.")})

    class Meta:
        abstract = True


class Organisation(FoldedSearchMixin, DirectoryEntry):
    """An Einrichtung or Angebot in the address directory: a Kita, a youth centre,
    a counselling office, a tenants' office. Maintained by the people who run it and
    approved by the district's coordination."""

    folded_title_field = "name"
    folded_text_fields = ("description", "street", "veedel", "carrier", "category_names")

    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Adresse im Portal"), max_length=80, unique=True, blank=True)
    sort_name = models.CharField(max_length=200, editable=False, db_index=True)
    sort_name_tr = models.CharField(max_length=400, editable=False, db_index=True, default="")
    categories = ParentalManyToManyField(Category, verbose_name=_("Kategorien"), blank=True)
    target_groups = ParentalManyToManyField(TargetGroup, verbose_name=_("Zielgruppen"), blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=80, default="Köln")
    veedel = models.CharField(_("Veedel"), max_length=80, blank=True)
    latitude = coordinate_field("lat")
    longitude = coordinate_field("lon")
    opening_note = models.CharField(
        _("Hinweis zu den Öffnungszeiten"),
        max_length=255,
        blank=True,
        help_text=_("z. B. „In den Schulferien geschlossen“ oder „Termine nach Vereinbarung“"),
    )
    website = models.URLField(_("Website"), blank=True)
    languages = models.CharField(
        _("Gesprochene Sprachen"),
        max_length=255,
        blank=True,
        help_text=_("Durch Komma getrennt, z. B. „Deutsch, Türkisch, Arabisch“"),
    )
    step_free = models.BooleanField(_("Stufenloser Zugang"), default=False)
    accessible_toilet = models.BooleanField(_("Barrierefreies WC"), default=False)
    hearing_loop = models.BooleanField(_("Induktionsschleife"), default=False)
    cost = models.CharField(
        _("Kosten"), max_length=255, blank=True, help_text=_("z. B. „kostenlos“")
    )
    carrier = models.CharField(_("Träger"), max_length=200, blank=True)
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("Bild oder Logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_on = models.DateField(_("Angaben zuletzt geprüft am"), null=True, blank=True)
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Gepflegt von (Akteure)"),
        blank=True,
        related_name="editable_organisations",
        help_text=_("Akteur-Konten, die diesen Eintrag bearbeiten und zur Freigabe einreichen."),
    )

    # Actors (who may not publish) work only on the entries they are editors of.
    actor_editor_lookup = "editors"

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="organisation")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="organisation",
        for_concrete_model=False,
    )

    objects = OrganisationQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("description"),
                FieldPanel("image"),
            ],
            heading=_("Angebot"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldPanel("veedel"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Adresse"),
        ),
        MultiFieldPanel(
            [InlinePanel("opening_hours", label=_("Öffnungszeit")), FieldPanel("opening_note")],
            heading=_("Öffnungszeiten"),
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")],
            heading=_("Kontakt"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("languages"),
                FieldPanel("step_free"),
                FieldPanel("accessible_toilet"),
                FieldPanel("hearing_loop"),
                FieldPanel("cost"),
                FieldPanel("carrier"),
            ],
            heading=_("Sprachen, Barrierefreiheit, Kosten"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("districts", widget=forms.CheckboxSelectMultiple),
                FieldPanel("verified_on"),
                FieldPanel("external_id"),
                FieldPanel("editors", permission="people.publish_organisation"),
            ],
            heading=_("Verwaltung"),
        ),
    ]

    search_fields = [
        *FoldedSearchMixin.folded_search_fields(),
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.SearchField("street"),
        index.SearchField("veedel"),
        index.SearchField("carrier"),
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.FilterField("live"),
    ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Organisation, self.name, self.pk)
        self.sort_name = sort_key(self.name)
        self.sort_name_tr = turkish_sort_key(self.name)
        super().save(*args, **kwargs)

    @property
    def category_names(self):
        return " ".join(category.name for category in self.categories.all())

    @property
    def languages_list(self):
        return [lang.strip() for lang in self.languages.split(",") if lang.strip()]

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def address_line(self):
        place = " ".join(part for part in (self.postcode, self.city) if part)
        return ", ".join(part for part in (self.street, place) if part)

    def opening_hours_by_day(self):
        """[(weekday label, ["09:00–12:00", …]), …] in weekday order."""
        days = {}
        for row in self.opening_hours.all():
            days.setdefault(row.weekday, []).append(row)
        return [
            (WEEKDAYS[day][1], [f"{r.opens:%H:%M}–{r.closes:%H:%M}" for r in rows])
            for day, rows in sorted(days.items())
        ]

    def is_open_at(self, moment):
        local = timezone.localtime(moment)
        return any(
            row.weekday == local.weekday() and row.opens <= local.time() < row.closes
            for row in self.opening_hours.all()
        )

    class Meta:
        verbose_name = _("Einrichtung oder Angebot")
        verbose_name_plural = _("Einrichtungen und Angebote")
        ordering = ["sort_name"]


class OpeningHours(Orderable):
    """One opening time of an organisation on one weekday; a day may have several."""

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("Wochentag"), choices=WEEKDAYS)
    opens = models.TimeField(_("von"))
    closes = models.TimeField(_("bis"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    def clean(self):
        super().clean()
        if self.opens and self.closes and self.opens >= self.closes:
            raise ValidationError({"closes": _("Das Ende muss nach dem Beginn liegen.")})

    class Meta(Orderable.Meta):
        verbose_name = _("Öffnungszeit")
        verbose_name_plural = _("Öffnungszeiten")
        ordering = ["weekday", "opens"]


class PersonQuerySet(DirectoryEntryQuerySet):
    def with_listing_data(self):
        return self.select_related("organisation", "photo").prefetch_related("districts")


class Person(FoldedSearchMixin, DirectoryEntry):
    """A contact person: a coordinator, the head of a Kita, a press contact.

    Shown in contact blocks, on the district home page and with their organisation.
    """

    folded_title_field = "name"
    folded_text_fields = ("role", "organisation_name")

    name = models.CharField(_("Name"), max_length=120)
    role = models.CharField(_("Funktion"), max_length=160, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Einrichtung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("Foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    office = models.CharField(_("Büroadresse"), max_length=255, blank=True)
    consultation_hours = models.CharField(_("Sprechzeiten"), max_length=255, blank=True)

    # Actors work on the people of the organisations they edit.
    actor_editor_lookup = "organisation__editors"

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="person")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="person",
        for_concrete_model=False,
    )

    objects = PersonQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("role"),
                FieldPanel("organisation"),
                FieldPanel("photo"),
            ],
            heading=_("Person"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("office"),
                FieldPanel("consultation_hours"),
            ],
            heading=_("Kontakt"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("districts", widget=forms.CheckboxSelectMultiple),
                FieldPanel("external_id"),
            ],
            heading=_("Verwaltung"),
        ),
    ]

    search_fields = [
        *FoldedSearchMixin.folded_search_fields(),
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("role"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.FilterField("live"),
    ]

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name

    @property
    def organisation_name(self):
        return self.organisation.name if self.organisation_id else ""

    class Meta:
        verbose_name = _("Kontaktperson")
        verbose_name_plural = _("Kontaktpersonen")
        ordering = ["name"]
