"""Language prefixes in URLs. Kept free of model imports so page models can use it."""

from django.conf import settings
from django.utils import translation

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


def in_source_language(queryset):
    """Pages written in German. Listings show these in every language: most items are
    never translated, and links to them lead to a translation where one exists."""
    return queryset.filter(locale__language_code=settings.LANGUAGE_CODE)


def language_prefix(path):
    """The language code a path starts with ("/en/termine/" → "en"), or None for German."""
    first = path.split("/", 2)[1] if path.startswith("/") else ""
    return first if first in LANGUAGE_CODES else None


def strip_language_prefix(path):
    code = language_prefix(path)
    return path[len(code) + 1 :] if code else path


def path_in_language(path, language_code):
    """The same path under another language's prefix (German has none)."""
    path = strip_language_prefix(path)
    if language_code == settings.LANGUAGE_CODE:
        return path
    return f"/{language_code}{path}"


def keep_visitor_language(get_url_parts):
    """Wrap Page.get_url_parts so links to a German page keep the visitor's language.

    Wagtail gives a German page its unprefixed URL whatever the active language is, so an
    /en/ visitor clicking a link would drop back into German. With this, the link is
    /en/…/ and the fallback view serves the German page with an English interface.
    Translated pages keep their own URLs. Applied to Page itself (see SrkSiteConfig.ready)
    because menus, breadcrumbs and choosers work with plain Page instances.
    """

    def wrapper(self, request=None):
        parts = get_url_parts(self, request)
        if not parts or parts[2] is None:
            return parts
        site_id, root_url, page_path = parts
        active = translation.get_language()
        is_other_language = active in LANGUAGE_CODES and active != settings.LANGUAGE_CODE
        if is_other_language and language_prefix(page_path) is None:
            page_path = path_in_language(page_path, active)
        return site_id, root_url, page_path

    wrapper.keeps_visitor_language = True
    return wrapper
