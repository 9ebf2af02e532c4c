from django import template
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import dateformat
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site

from caching.fragments import cached_fragment
from srk_site.formats import portal_format
from srk_site.languages import path_in_language, strip_language_prefix
from srk_site.localisation import (
    content_language,
    live_translations,
    translated_titles,
    url_in_language,
)

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """Top-level pages of the current site that editors marked "show in menus"."""
    request = context["request"]
    current = context.get("page")
    site = Site.find_for_request(request)
    items = []
    if site is not None:
        entries = cached_fragment(
            request, f"menu:{site.pk}:{get_language()}", lambda: _menu_entries(site, request)
        )
        items = [
            {
                "title": entry["title"],
                "url": entry["url"],
                "current": current is not None
                and (
                    current.url_path.startswith(entry["url_path"])
                    or current.translation_key == entry["translation_key"]
                ),
            }
            for entry in entries
        ]
    # Local actors propose content on every district site.
    participation = site is not None and not site.is_default_site
    return {"items": items, "request": request, "participation": participation}


def _menu_entries(site, request):
    # The German tree holds every page; translated titles replace the German ones.
    pages = list(site.root_page.get_children().live().in_menu().public())
    titles = translated_titles(pages, get_language())
    return [
        {
            "title": titles.get(page.translation_key, page.title),
            "url": page.get_url(request=request),
            "url_path": page.url_path,
            "translation_key": page.translation_key,
        }
        for page in pages
    ]


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page, current_title=""):
    """Path from the site's home page to the current page; empty on the home page itself.

    With `current_title`, the page is itself a step and the title names what is shown
    below it (an entry of a routable page, for instance).
    """
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None or (page.depth <= 2 and not current_title):
        return {"crumbs": []}
    ancestors = Page.objects.ancestor_of(page, inclusive=bool(current_title))
    ancestors = ancestors.filter(depth__gte=2).live()
    crumbs = [{"title": a.title, "url": a.get_url(request=request)} for a in ancestors]
    return {"crumbs": crumbs, "current_title": current_title or page.title}


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """The legal pages of the current site (Impressum, Datenschutz, Barrierefreiheit)."""
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return []
    return cached_fragment(
        request, f"legal:{site.pk}:{get_language()}", lambda: _legal_pages(site, request)
    )


def _legal_pages(site, request):
    slugs = ["impressum", "datenschutz", "barrierefreiheit"]
    pages = site.root_page.get_children().live().filter(slug__in=slugs)
    by_slug = {p.slug: p for p in pages}
    return [
        {"title": by_slug[s].title, "url": by_slug[s].get_url(request=request)}
        for s in slugs
        if s in by_slug
    ]


@register.filter
def document_label(document, title=""):
    """'Plakat (PDF, 2,3 MB)': what a download is, in what format, and how big."""
    size = document.file_size or document.get_file_size()
    details = [document.file_extension.upper()] if document.file_extension else []
    if size:
        details.append(filesizeformat(size))
    title = title or document.title
    return f"{title} ({', '.join(details)})" if details else title


@register.filter
def wrap_at_slashes(name):
    """'Porz-Ost/Finkenberg/Eil' may wrap after each slash instead of mid-word."""
    return mark_safe(conditional_escape(name).replace("/", "/<wbr>"))  # noqa: S308 - escaped above


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def page_meta(context, page=None):
    """Canonical URL and Open Graph tags, with absolute links for sharing."""
    request = context["request"]
    if not isinstance(page, Page):  # error pages and plain views have no page
        page = None
    image = None
    for field in ("image", "hero_image"):
        image = image or getattr(page, field, None)
    description = ""
    if page is not None:
        description = (
            page.search_description or getattr(page, "teaser", "") or getattr(page, "intro", "")
        )
    alternates = []
    canonical_path = request.path
    if page is not None:
        translations = live_translations(page)
        if content_language(page) != get_language():
            # The German page shown under /en/ etc.: the German address is the original.
            canonical_path = strip_language_prefix(request.path)
        if len(translations) > 1 and request.path == page.get_url(request=request):
            alternates = [
                {"code": code, "url": url_in_language(p, code, request, full=True)}
                for code, p in sorted(translations.items())
            ]
            default = settings.LANGUAGE_CODE
            german = [a["url"] for a in alternates if a["code"] == default]
            alternates += [{"code": "x-default", "url": url} for url in german]
    return {
        "request": request,
        "page": page,
        "alternates": alternates,
        "canonical": request.build_absolute_uri(canonical_path),
        "description": description,
        "image": image,
        "portal": context.get("portal"),
    }


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in every language: the translation where one exists, otherwise
    the same address under the language's prefix (the German page with a note)."""
    request = context["request"]
    page = context.get("page")
    page = page if isinstance(page, Page) else None
    current = get_language()
    at_page = page is not None and request.path == page.get_url(request=request)
    translations = live_translations(page) if at_page else {}
    query = request.META.get("QUERY_STRING", "")
    items = []
    for code, _name in settings.LANGUAGES:
        if code in translations:
            url = url_in_language(translations[code], code, request)
            url += f"?{query}" if query else ""
        else:
            url = path_in_language(request.get_full_path(), code)
        info = get_language_info(code)
        items.append(
            {"code": code, "name": info["name_local"], "url": url, "current": code == current}
        )
    return {"languages": items}


@register.simple_tag(takes_context=True)
def page_content_language(context, page=None):
    """The language a page's content is in, or "" when there is no page."""
    return content_language(page) if isinstance(page, Page) else ""


@register.simple_tag(takes_context=True)
def easy_language_url(context):
    """The current site's page in Leichte Sprache: always German, so no language prefix."""
    site = context["portal"].site
    return f"{site.root_url}/leichte-sprache/" if site else ""


@register.filter(expects_localtime=True)
def date_as(value, format_name):
    """A date in one of the portal's own format names (srk_site/formats/<lang>/formats.py).

    Django's `date` filter knows only its own names and would print any other name
    literally; this looks the name up in the active language's format module.
    """
    if not value:
        return ""
    return dateformat.format(value, portal_format(format_name))


@register.simple_tag
def time_suffix():
    """ "Uhr" after a German time; nothing in languages that write the time alone."""
    return portal_format("TIME_SUFFIX")


# Open Graph wants a territory; these are the ones social networks know for our languages.
OG_LOCALES = {"de": "de_DE", "en": "en_GB", "tr": "tr_TR", "ar": "ar_AR"}


@register.simple_tag
def og_locale():
    return OG_LOCALES.get(get_language(), "de_DE")
