from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class PortalImage(AbstractImage):
    """Every image on the portal: photos, logos, press pictures.

    Editors must name who holds the rights; the credit is shown as "© …" wherever the
    image appears, so a press photo can never go out without it.
    """

    credit = models.CharField(
        _("Bildnachweis"),
        max_length=255,
        help_text=_(
            "Wer hat das Bild gemacht oder hält die Rechte? Erscheint als „© …“, "
            "z. B. „Ayşe Demir / Bürgerverein Kalk“."
        ),
    )

    admin_form_fields = (*Image.admin_form_fields, "credit")

    @property
    def credit_line(self):
        return f"© {self.credit}" if self.credit else ""

    class Meta(AbstractImage.Meta):
        verbose_name = _("Bild")
        verbose_name_plural = _("Bilder")


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
