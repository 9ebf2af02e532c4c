"""The public proposal forms at /mitmachen/: what a sender may send, and its checks."""

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image

from people.models import Category, TargetGroup

TOKEN_SALT = "district.proposal"  # noqa: S105 - a signing salt, not a secret
MAX_TEXT = 5000
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 25_000_000
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}


def new_token():
    """A one-time token in the form: the same submission twice creates one draft."""
    import secrets

    return signing.dumps(secrets.token_urlsafe(16), salt=TOKEN_SALT)


class ProposalForm(forms.Form):
    """Sender data, consent and spam protection shared by every proposal form."""

    sender_name = forms.CharField(label=_("Ihr Name"), max_length=120)
    sender_organisation = forms.CharField(
        label=_("Organisation oder Initiative (falls vorhanden)"), max_length=200, required=False
    )
    sender_email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        help_text=_("Für die Bestätigung und Rückfragen; wird nicht veröffentlicht."),
    )
    consent = forms.BooleanField(
        label=_(
            "Ich habe die Datenschutzhinweise gelesen und bin einverstanden, dass meine "
            "Angaben zur Bearbeitung gespeichert werden."
        ),
    )
    # A field people never see; bots fill in every field.
    website = forms.CharField(label=_("Bitte dieses Feld leer lassen"), required=False)
    token = forms.CharField(widget=forms.HiddenInput)

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise ValidationError(_("Bitte dieses Feld leer lassen."))
        return ""

    def clean_token(self):
        try:
            signing.loads(self.cleaned_data["token"], salt=TOKEN_SALT, max_age=60 * 60 * 24)
        except signing.BadSignature as exc:
            raise ValidationError(
                _("Das Formular ist abgelaufen. Bitte laden Sie die Seite neu.")
            ) from exc
        return self.cleaned_data["token"]


def text_field(label, required=True, max_length=MAX_TEXT, **kwargs):
    return forms.CharField(
        label=label, required=required, max_length=max_length, widget=forms.Textarea, **kwargs
    )


class ImageFields(forms.Form):
    image = forms.ImageField(
        label=_("Bild (optional)"),
        required=False,
        help_text=_("JPEG, PNG oder WebP, höchstens 5 MB."),
    )
    image_credit = forms.CharField(
        label=_("Bildnachweis"),
        max_length=200,
        required=False,
        help_text=_("Wer hat das Bild gemacht? z. B. „Name / Verein“"),
    )

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if not upload:
            return upload
        if upload.size > MAX_IMAGE_BYTES:
            raise ValidationError(_("Das Bild ist größer als 5 MB."))
        upload.seek(0)
        try:
            with Image.open(upload) as picture:
                if picture.format not in IMAGE_FORMATS:
                    raise ValidationError(_("Bitte ein Bild als JPEG, PNG oder WebP senden."))
                if picture.width * picture.height > MAX_IMAGE_PIXELS:
                    raise ValidationError(
                        _("Das Bild hat zu viele Pixel (höchstens 25 Millionen).")
                    )
        except (OSError, Image.DecompressionBombError) as exc:
            raise ValidationError(_("Die Datei ist kein lesbares Bild.")) from exc
        upload.seek(0)
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not cleaned.get("image_credit", "").strip():
            self.add_error("image_credit", _("Bitte angeben, wer die Rechte am Bild hat."))
        return cleaned


class EventProposalForm(ImageFields, ProposalForm):
    title = forms.CharField(label=_("Titel des Termins"), max_length=200)
    teaser = forms.CharField(label=_("Kurzbeschreibung"), max_length=400, widget=forms.Textarea)
    description = text_field(_("Beschreibung"), required=False)
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("Beginn"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(
        label=_("Ende"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    all_day = forms.BooleanField(label=_("ganztägig"), required=False)
    place_name = forms.CharField(label=_("Ort"), max_length=200)
    place_address = forms.CharField(label=_("Adresse des Ortes"), max_length=255, required=False)
    cost = forms.CharField(
        label=_("Kosten"),
        max_length=120,
        required=False,
        help_text=_("Leer lassen, wenn kostenlos."),
    )
    registration = forms.CharField(
        label=_("Anmeldung"),
        max_length=255,
        required=False,
        help_text=_("Falls nötig: bis wann und wo, z. B. Telefonnummer"),
    )

    field_order = [
        "title",
        "teaser",
        "description",
        "date",
        "start_time",
        "end_time",
        "all_day",
        "place_name",
        "place_address",
        "cost",
        "registration",
        "image",
        "image_credit",
    ]

    def clean(self):
        cleaned = super().clean()
        start, end, all_day = (
            cleaned.get("start_time"),
            cleaned.get("end_time"),
            cleaned.get("all_day"),
        )
        if all_day and (start or end):
            self.add_error("all_day", _("Ganztägige Termine haben keine Uhrzeit."))
        elif not all_day and not start:
            self.add_error(
                "start_time", _("Bitte eine Anfangszeit angeben oder „ganztägig“ wählen.")
            )
        elif start and end and end <= start:
            self.add_error("end_time", _("Das Ende liegt vor dem Beginn."))
        return cleaned


class NewsProposalForm(ImageFields, ProposalForm):
    title = forms.CharField(label=_("Überschrift"), max_length=200)
    teaser = forms.CharField(
        label=_("Worum geht es? (ein, zwei Sätze)"), max_length=400, widget=forms.Textarea
    )
    text = text_field(_("Text"))

    field_order = ["title", "teaser", "text", "image", "image_credit"]


class OrganisationProposalForm(ProposalForm):
    name = forms.CharField(label=_("Name der Einrichtung oder des Angebots"), max_length=200)
    description = text_field(_("Was bieten Sie an, für wen?"))
    categories = forms.ModelMultipleChoiceField(
        label=_("Kategorien"),
        queryset=Category.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Zielgruppen"),
        queryset=TargetGroup.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    street = forms.CharField(label=_("Straße und Hausnummer"), max_length=200, required=False)
    postcode = forms.RegexField(
        label=_("Postleitzahl"),
        regex=r"^\d{5}$",
        required=False,
        error_messages={"invalid": _("Bitte fünf Ziffern angeben.")},
    )
    opening_note = forms.CharField(label=_("Öffnungszeiten"), max_length=255, required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-Mail der Einrichtung"), required=False)
    organisation_website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    field_order = [
        "name",
        "description",
        "categories",
        "target_groups",
        "street",
        "postcode",
        "opening_note",
        "phone",
        "email",
        "organisation_website",
    ]
