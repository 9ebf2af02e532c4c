from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def coordinate_field(kind):
    """A latitude ("lat") or longitude ("lon") in decimal degrees, six places (~10 cm)."""
    limit, label = (90, _("Breitengrad")) if kind == "lat" else (180, _("Längengrad"))
    return models.DecimalField(
        label,
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-limit), MaxValueValidator(limit)],
    )
