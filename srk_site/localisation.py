"""Content in four languages with German as the source.

Every site's tree is German; coordinators translate pages with wagtail-localize. A
visitor who reads /en/, /tr/ or /ar/ gets the translation where one exists and the German
page otherwise, with the interface in their language and a short note above the content.
They stay in their language while they click through: links to German pages keep the
visitor's language prefix (languages.keep_visitor_language).
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page, Site
from wagtail.views import serve as wagtail_serve


def live_translations(page):
    """{language code: page} for the page and its live translations, one query per page.

    Aliases are left out: wagtail-localize creates them as stand-ins for untranslated
    parents, and they show the German content.
    """
    cached = getattr(page, "_live_translations", None)
    if cached is None:
        siblings = (
            Page.objects.filter(translation_key=page.translation_key, alias_of__isnull=True)
            .live()
            .public()
            .select_related("locale")
        )
        cached = {p.locale.language_code: p for p in siblings}
        page._live_translations = cached
    return cached


def translated_titles(pages, language_code):
    """{translation_key: title} of the live translations of these pages in one language."""
    if language_code == settings.LANGUAGE_CODE or not pages:
        return {}
    translated = Page.objects.filter(
        translation_key__in=[p.translation_key for p in pages],
        locale__language_code=language_code,
    ).live()
    return dict(translated.values_list("translation_key", "title"))


def url_in_language(page, language_code, request, full=False):
    """The page's address as a visitor of that language reaches it."""
    with translation.override(language_code):
        return page.get_full_url(request=request) if full else page.get_url(request=request)


def content_language(page):
    """The language the page's content is written in."""
    translations = live_translations(page)
    return next(
        (code for code, p in translations.items() if p.pk == page.pk), settings.LANGUAGE_CODE
    )


def serve(request, path):
    """Wagtail's serve view, falling back to the German page when no translation exists.

    Wagtail routes /en/… through the English tree once the site's home page has been
    translated; a page below it that has not been translated yet would then be a 404.
    """
    try:
        return wagtail_serve(request, path)
    except Http404:
        if translation.get_language() == settings.LANGUAGE_CODE:
            raise
        if Page.route_for_request(request, path) is not None:
            raise  # the page exists here and said 404 itself (e.g. an unknown entry)
        del request._wagtail_route_for_request
        with translation.override(settings.LANGUAGE_CODE):
            route = Page.route_for_request(request, path)
        if route is None:
            raise
        return wagtail_serve(request, path)  # serves the German route cached on the request


def redirect_to_translation(page, request, serve_args, serve_kwargs):
    """before_serve_page hook: a German page asked for in a language it has a live
    translation in sends the visitor there (e.g. /en/termine/ → /en/events/)."""
    language = translation.get_language()
    if language == settings.LANGUAGE_CODE or request.path != page.get_url(request=request):
        return None  # sub-routes (an entry, a month) have no translated URL of their own
    translated = live_translations(page).get(language)
    if translated is not None and translated.pk != page.pk:
        return redirect(translated.get_url(request=request))
    return None


def route_with_fallback(request, path):
    """The page for a path in the visitor's language, or the German one; Http404 if none."""
    route = Page.route_for_request(request, path)
    if route is None and translation.get_language() != settings.LANGUAGE_CODE:
        del request._wagtail_route_for_request
        with translation.override(settings.LANGUAGE_CODE):
            route = Page.route_for_request(request, path)
    if route is None:
        raise Http404
    return route


class TranslatedSitemap(Sitemap):
    """Each site's sitemap lists its German pages and every live translation of them."""

    def items(self):
        site = self.get_wagtail_site()
        roots = Page.objects.filter(translation_key=site.root_page.translation_key)
        pages = Page.objects.none()
        for root in roots:
            pages |= Page.objects.descendant_of(root, inclusive=True)
        pages = pages.live().public().filter(alias_of__isnull=True)
        return pages.order_by("path").defer_streamfields().specific()


def share_permissions_with_translation(source, translation_page):
    """A translated district or landing home gets the same group permissions as the German
    one, so coordinators can edit their district's translations and nobody else's."""
    from wagtail.models import GroupPagePermission

    for grant in GroupPagePermission.objects.filter(page=source):
        GroupPagePermission.objects.get_or_create(
            page=translation_page, group_id=grant.group_id, permission_id=grant.permission_id
        )


def share_site_root_permissions(sender, instance, created, **kwargs):
    """post_save: when a site's home page is translated (wagtail-localize creates the
    translated home under the tree root), its coordinators get the same rights there."""
    if not created or not isinstance(instance, Page) or instance.depth != 2:
        return
    german = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if german is None or instance.locale_id == german.pk:
        return
    source = Page.objects.filter(translation_key=instance.translation_key, locale=german).first()
    if source is not None and Site.objects.filter(root_page=source).exists():
        share_permissions_with_translation(source, instance)
