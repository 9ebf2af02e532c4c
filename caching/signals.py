"""Bump the cache generation whenever something a public page may show changes.

Pages: publish, unpublish, move, delete, and direct saves of live pages. Snippets,
images, documents, sites, settings, districts and search promotions: every save and
delete. A site-wide purge is one INCR in the shared cache, so it is cheap enough to do
on every such change. A CDN in front is purged per page by wagtail.contrib.frontend_cache
(see production settings); snippet changes reach it when its copies expire (s-maxage).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from caching.generation import bump_generation

_watched = {}


def _is_watched(model):
    if model not in _watched:
        _watched[model] = _decide(model)
    return _watched[model]


def _decide(model):
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import Page, Site
    from wagtail.snippets.models import get_snippet_models

    from district.models import District

    if model._meta.app_label in ("wagtailsearch", "modelsearch", "sessions", "admin"):
        return False
    return (
        issubclass(
            model,
            (Page, Site, AbstractImage, AbstractDocument, BaseSiteSetting, BaseGenericSetting),
        )
        or model in get_snippet_models()
        # Names and colours of every district are in every page's footer and styles;
        # setup_portal changes them.
        or model is District
        # Promoted pages head the results for their query.
        or model is SearchPromotion
    )


def purge(**kwargs):
    bump_generation()


def _on_save(sender, instance, **kwargs):
    from wagtail.models import Page

    if not _is_watched(sender):
        return
    if isinstance(instance, Page) and not instance.live:
        return  # drafts don't show up publicly; publishing sends page_published
    purge()


def _on_delete(sender, **kwargs):
    if _is_watched(sender):
        purge()


def _on_m2m(sender, instance, action, **kwargs):
    if action.startswith("post_") and _is_watched(type(instance)):
        purge()


def connect():
    page_published.connect(purge, dispatch_uid="caching_page_published")
    page_unpublished.connect(purge, dispatch_uid="caching_page_unpublished")
    post_page_move.connect(purge, dispatch_uid="caching_page_moved")
    post_save.connect(_on_save, dispatch_uid="caching_saved")
    post_delete.connect(_on_delete, dispatch_uid="caching_deleted")
    m2m_changed.connect(_on_m2m, dispatch_uid="caching_m2m")
