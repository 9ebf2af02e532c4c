from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from srk_site.search_index import FoldedSearchMixin

DEFAULT_PRIVACY_NOTE = _(
    "Wir speichern Ihre Angaben aus diesem Formular nur, um Ihre Anmeldung oder Teilnahme "
    "zu bearbeiten. Sie sehen nur die Mitarbeitenden der Sozialraumkoordination dieses "
    "Gebiets. Sobald der Zweck erfüllt ist (zum Beispiel nach der Veranstaltung oder der "
    "Auslosung), löschen wir die Einträge, spätestens nach sechs Monaten."
)


class FormField(AbstractFormField):
    """One field of a form page: label, type, whether it is required, choices."""

    page = ParentalKey("district.FormPage", on_delete=models.CASCADE, related_name="form_fields")

    class Meta(AbstractFormField.Meta):
        verbose_name = _("Formularfeld")
        verbose_name_plural = _("Formularfelder")


class FormPage(FoldedSearchMixin, AbstractEmailForm):
    """A form editors build themselves: registrations, surveys, a quiz or prize draw.

    Entries are listed and exported (CSV, XLSX) under "Formulare" in the admin, only for
    people who may edit this page, i.e. the district's coordination. Delete them there
    once the purpose is fulfilled, as the privacy note promises.
    """

    folded_text_fields = ("intro",)

    intro = models.TextField(
        _("Einleitung"),
        blank=True,
        help_text=_("Wofür ist das Formular, bis wann kann man mitmachen?"),
    )
    privacy_note = models.TextField(
        _("Hinweis zum Datenschutz"),
        default=DEFAULT_PRIVACY_NOTE,
        help_text=_(
            "Steht über dem Absende-Knopf. Sagen Sie, was gespeichert wird, wer es sieht "
            "und wann es gelöscht wird."
        ),
    )
    thank_you_text = RichTextField(
        _("Dankeschön-Text"),
        blank=True,
        help_text=_("Erscheint nach dem Absenden, z. B. „Danke, wir melden uns bis Freitag.“"),
    )

    content_panels = [
        *AbstractEmailForm.content_panels,
        FormSubmissionsPanel(),
        MultiFieldPanel(
            [
                FieldPanel("intro"),
                InlinePanel("form_fields", label=_("Formularfeld")),
                FieldPanel("privacy_note"),
            ],
            heading=_("Formular"),
        ),
        MultiFieldPanel([FieldPanel("thank_you_text")], heading=_("Nach dem Absenden")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-Mail an das Büro"),
            help_text=_("Optional: Jeder Eintrag wird zusätzlich an diese Adressen geschickt."),
        ),
    ]
    search_fields = [
        *AbstractEmailForm.search_fields,
        *FoldedSearchMixin.folded_search_fields(),
        index.SearchField("intro"),
    ]

    parent_page_types = ["district.DistrictHomePage", "home.LandingPage", "district.ContentPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Formular")
        verbose_name_plural = _("Formulare")
