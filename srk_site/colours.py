"""Colour rules: a district's accent colour carries white text, so it must be dark enough."""

import hashlib
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# WCAG 2.2 AA for normal text.
MIN_CONTRAST_WITH_WHITE = 4.5


def relative_luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(hex_colour):
    return 1.05 / (relative_luminance(hex_colour) + 0.05)


def validate_accent_colour(value):
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(_("Bitte eine Farbe im Format #RRGGBB angeben, z. B. #b3261e."))
    ratio = contrast_with_white(value)
    if ratio < MIN_CONTRAST_WITH_WHITE:
        raise ValidationError(
            _(
                "Die Farbe ist zu hell für weiße Schrift (Kontrast %(ratio).1f:1, "
                "nötig sind mindestens 4,5:1). Bitte eine dunklere Farbe wählen."
            ),
            params={"ratio": ratio},
        )


def accent_colours_css(districts):
    """One class per district setting its accent colour (validated hex, safe in CSS)."""
    return "".join(
        f".accent-{d.slug} {{ --accent: {d.accent_colour}; }}\n"
        for d in districts
        if HEX_COLOUR.match(d.accent_colour or "")
    )


def accent_colours_version(districts):
    return hashlib.sha256(accent_colours_css(districts).encode()).hexdigest()[:12]
