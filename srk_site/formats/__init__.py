"""Date and time formats per interface language (settings.FORMAT_MODULE_PATH)."""

from django.utils.formats import get_format_modules
from django.utils.translation import get_language


def portal_format(name):
    """A format of the active language, including the portal's own names; German if unset."""
    for module in [*get_format_modules(get_language()), *get_format_modules("de")]:
        if hasattr(module, name):
            return getattr(module, name)
    raise AttributeError(name)
