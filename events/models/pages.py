from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from events.fields import WeekdaysField
from events.recurrence import DAILY, MONTHLY, NONE, WEEKLY, Rule, parse_dates
from srk_site.blocks import BodyStreamBlock
from srk_site.geo import coordinate_field
from srk_site.search_index import FoldedSearchMixin

SCHEDULED, CANCELLED, POSTPONED = "scheduled", "cancelled", "postponed"
STATUS_CHOICES = [
    (SCHEDULED, _("findet statt")),
    (CANCELLED, _("fällt aus")),
    (POSTPONED, _("verschoben")),
]
REPEAT_CHOICES = [
    (NONE, _("einmalig")),
    (DAILY, _("täglich")),
    (WEEKLY, _("wöchentlich")),
    (MONTHLY, _("monatlich an einem Wochentag")),
]
POSITION_CHOICES = [
    (1, _("am 1.")),
    (2, _("am 2.")),
    (3, _("am 3.")),
    (4, _("am 4.")),
    (-1, _("am letzten")),
]
# Rules may not reach further than this; far-future dates are almost always typos.
MAX_RULE_YEARS = 3


class EventPage(FoldedSearchMixin, Page):
    """One date or series of dates in a district: a conference, a café, office hours,
    a festival. Its dates are expanded into the occurrence table when it is published."""

    folded_text_fields = ("teaser", "body", "venue_name", "venue_address")

    teaser = models.TextField(
        _("Kurzbeschreibung"), max_length=400, help_text=_("Ein, zwei Sätze für Listen.")
    )
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("Bild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("Beschreibung"), blank=True)
    status = models.CharField(_("Status"), max_length=12, choices=STATUS_CHOICES, default=SCHEDULED)
    categories = ParentalManyToManyField(
        "people.Category", verbose_name=_("Kategorien"), blank=True
    )
    target_groups = ParentalManyToManyField(
        "people.TargetGroup", verbose_name=_("Zielgruppen"), blank=True
    )
    is_free = models.BooleanField(_("kostenlos"), default=True)
    cost = models.CharField(
        _("Kosten"), max_length=120, blank=True, help_text=_("z. B. „3 €, ermäßigt 1 €“")
    )
    registration_required = models.BooleanField(_("Anmeldung nötig"), default=False)
    registration_deadline = models.DateField(_("Anmeldeschluss"), null=True, blank=True)
    registration_contact = models.CharField(
        _("Anmeldung bei"), max_length=255, blank=True, help_text=_("Name, Telefon oder E-Mail")
    )
    registration_url = models.URLField(_("Anmeldung online"), blank=True)
    accessibility = models.TextField(_("Barrierefreiheit"), blank=True)
    languages = models.CharField(
        _("Sprachen"), max_length=255, blank=True, help_text=_("z. B. „Deutsch, Türkisch“")
    )
    organiser = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("Veranstalter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_events",
    )
    venue = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("Ort (aus dem Adressverzeichnis)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_events",
    )
    venue_name = models.CharField(_("oder: Name des Ortes"), max_length=200, blank=True)
    venue_address = models.CharField(_("Adresse des Ortes"), max_length=255, blank=True)
    latitude = coordinate_field("lat")
    longitude = coordinate_field("lon")

    content_panels = [
        *Page.content_panels,
        FieldPanel("teaser"),
        FieldPanel("status"),
        InlinePanel("dates", label=_("Termin"), heading=_("Termine"), min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("venue"),
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Ort"),
        ),
        FieldPanel("organiser"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("languages"),
            ],
            heading=_("Einordnung"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("is_free"),
                FieldPanel("cost"),
                FieldPanel("registration_required"),
                FieldPanel("registration_deadline"),
                FieldPanel("registration_contact"),
                FieldPanel("registration_url"),
                FieldPanel("accessibility"),
            ],
            heading=_("Kosten, Anmeldung, Barrierefreiheit"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        *FoldedSearchMixin.folded_search_fields(),
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.SearchField("venue_name"),
        index.RelatedFields("venue", [index.SearchField("name")]),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    @property
    def is_cancelled(self):
        return self.status == CANCELLED

    @property
    def place_name(self):
        return self.venue.name if self.venue_id and self.venue.live else self.venue_name

    @property
    def place_address(self):
        if self.venue_id and self.venue.live:
            return self.venue.address_line
        return self.venue_address

    @property
    def coordinates(self):
        if self.venue_id and self.venue.live and self.venue.has_coordinates:
            return self.venue.latitude, self.venue.longitude
        if self.latitude is not None and self.longitude is not None:
            return self.latitude, self.longitude
        return None

    def serve_file(self, request, filename):
        from django.http import Http404, HttpResponse

        from events.ical import calendar_for

        if filename != "kalender.ics":
            raise Http404
        response = HttpResponse(
            calendar_for([self], request, self.title), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.ics"'
        return response

    def upcoming_occurrences(self, limit=10):
        return self.occurrences.filter(end__gte=timezone.now()).order_by("start")[:limit]

    def clean(self):
        super().clean()
        errors = {}
        if not self.is_free and not self.cost:
            errors["cost"] = _("Bitte die Kosten angeben oder „kostenlos“ ankreuzen.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Breiten- und Längengrad nur zusammen angeben.")
        if self.venue_id and self.venue_name:
            errors["venue_name"] = _("Bitte entweder einen Ort auswählen oder einen eintragen.")
        if errors:
            raise ValidationError(errors)

    class Meta:
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")


class EventDate(Orderable):
    """When an event takes place: once, or by a rule such as "every 2nd Sunday",
    "Mon and Thu" or "1st Wednesday of the month", with exceptions."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="dates")
    start_date = models.DateField(_("Datum"))
    start_time = models.TimeField(_("Beginn"), null=True, blank=True)
    end_time = models.TimeField(_("Ende"), null=True, blank=True)
    end_date = models.DateField(
        _("Enddatum"), null=True, blank=True, help_text=_("Nur bei mehrtägigen Terminen.")
    )
    all_day = models.BooleanField(_("ganztägig"), default=False)
    repeat = models.CharField(
        _("Wiederholung"), max_length=10, choices=REPEAT_CHOICES, blank=True, default=NONE
    )
    interval = models.PositiveSmallIntegerField(
        _("alle … Tage/Wochen/Monate"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_("1 = jede Woche, 2 = jede zweite Woche …"),
    )
    weekdays = WeekdaysField(_("an diesen Wochentagen"))
    monthly_position = models.SmallIntegerField(
        _("Welcher im Monat"), choices=POSITION_CHOICES, null=True, blank=True
    )
    repeat_until = models.DateField(_("wiederholen bis"), null=True, blank=True)
    repeat_count = models.PositiveSmallIntegerField(
        _("oder: Anzahl der Termine"), null=True, blank=True, validators=[MaxValueValidator(500)]
    )
    exceptions = models.TextField(
        _("Ausnahmen"),
        blank=True,
        help_text=_("Tage, an denen der Termin ausfällt, z. B. „24.12.2026, 31.12.2026“"),
    )

    panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldRowPanel([FieldPanel("all_day"), FieldPanel("end_date")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("repeat"), FieldPanel("interval")]),
                FieldPanel("weekdays"),
                FieldPanel("monthly_position"),
                FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
                FieldPanel("exceptions"),
            ],
            heading=_("Wiederholung"),
        ),
    ]

    @property
    def weekday_list(self):
        # Unsaved instances may still hold the raw "0,3" string.
        return WeekdaysField().to_python(self.weekdays)

    @property
    def rule(self):
        return Rule(
            freq=self.repeat,
            interval=self.interval or 1,
            weekdays=self.weekday_list,
            setpos=self.monthly_position,
            count=self.repeat_count,
            until=self.repeat_until,
        )

    @property
    def exception_dates(self):
        try:
            return set(parse_dates(self.exceptions))
        except ValueError:
            return set()

    @property
    def length_days(self):
        return (self.end_date - self.start_date).days if self.end_date else 0

    def clean(self):
        super().clean()
        errors = {}
        if self.all_day and (self.start_time or self.end_time):
            errors["all_day"] = _("Ganztägige Termine haben keine Uhrzeit. Bitte Zeiten leeren.")
        if not self.all_day and not self.start_time:
            errors["start_time"] = _("Bitte eine Anfangszeit angeben oder „ganztägig“ wählen.")
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("Das Ende liegt vor dem Beginn.")
        same_day = not self.end_date or self.end_date == self.start_date
        if same_day and self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("Das Ende liegt vor dem Beginn.")
        errors.update(self._rule_errors())
        if errors:
            raise ValidationError(errors)

    def _rule_errors(self):
        errors = {}
        if self.repeat == NONE:
            if self.repeat_until or self.repeat_count or self.weekdays or self.exceptions:
                errors["repeat"] = _("Für Wiederholungen bitte eine Wiederholung auswählen.")
            return errors
        if self.repeat_until and self.repeat_count:
            errors["repeat_count"] = _("Bitte entweder ein Enddatum oder eine Anzahl angeben.")
        if self.repeat == DAILY and not (self.repeat_until or self.repeat_count):
            errors["repeat_until"] = _(
                "Tägliche Termine brauchen ein Ende: ein Datum oder eine Anzahl."
            )
        weekdays = self.weekday_list
        first_day_fits = self.start_date and self.start_date.weekday() in weekdays
        if self.repeat == WEEKLY and weekdays and not first_day_fits:
            errors["weekdays"] = _("Der erste Termin muss auf einem der Wochentage liegen.")
        if self.repeat == MONTHLY and (not self.monthly_position or len(weekdays) != 1):
            errors["monthly_position"] = _(
                "Bitte wählen, am wievielten Wochentag (z. B. am 1. Mittwoch) der Termin ist: "
                "eine Position und genau einen Wochentag."
            )
        if (
            self.start_date
            and not errors
            and self.start_date not in self.rule.dates(self.start_date, self.start_date)
        ):
            errors["start_date"] = _(
                "Das Datum passt nicht zur Regel; es muss ihr erster Termin sein."
            )
        if self.start_date and self.repeat_until:
            if self.repeat_until < self.start_date:
                errors["repeat_until"] = _("Das Ende der Wiederholung liegt vor dem ersten Termin.")
            elif self.repeat_until > self.start_date + timedelta(days=365 * MAX_RULE_YEARS):
                errors["repeat_until"] = _("Wiederholungen dürfen höchstens drei Jahre dauern.")
        try:
            exceptions = set(parse_dates(self.exceptions))
        except ValueError as exc:
            errors["exceptions"] = _("„%(value)s“ ist kein Datum (TT.MM.JJJJ).") % {
                "value": exc.args[0]
            }
            return errors
        if exceptions and self.start_date and not errors:
            horizon = max(exceptions)
            actual = set(self.rule.dates(self.start_date, horizon))
            outside = sorted(exceptions - actual)
            if outside:
                errors["exceptions"] = _(
                    "An diesen Tagen gibt es ohnehin keinen Termin: %(dates)s"
                ) % {"dates": ", ".join(d.strftime("%d.%m.%Y") for d in outside)}
        return errors

    class Meta(Orderable.Meta):
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")
