from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from district.models.areas import District

EVENT, NEWS, ORGANISATION = "termin", "neuigkeit", "einrichtung"
KIND_CHOICES = [
    (EVENT, _("Termin")),
    (NEWS, _("Neuigkeit")),
    (ORGANISATION, _("Einrichtung")),
]


class Proposal(models.Model):
    """Who sent a public proposal from /mitmachen/, and which draft it became.

    The sender's data is never shown publicly; coordinators see it in the admin. It is
    kept only as long as needed (see the retention command in a later step).
    """

    district = models.ForeignKey(
        District, verbose_name=_("Sozialraumgebiet"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("Art"), max_length=20, choices=KIND_CHOICES)
    sender_name = models.CharField(_("Name"), max_length=120)
    sender_organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    sender_email = models.EmailField(_("E-Mail"))
    consent_at = models.DateTimeField(_("Einwilligung zum Datenschutz am"))
    token = models.CharField(max_length=200, unique=True, editable=False)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=40)
    draft = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("Eingegangen am"), auto_now_add=True)
    # The replies (received, approved, declined) go out in the language the sender used.
    language = models.CharField(
        _("Sprache"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    def __str__(self):
        return _("%(kind)s von %(sender)s") % {
            "kind": self.get_kind_display(),
            "sender": self.sender_name,
        }

    class Meta:
        verbose_name = _("Vorschlag")
        verbose_name_plural = _("Vorschläge")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
