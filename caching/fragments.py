"""Parts that every page of a site shares (menu, legal links), cached like pages.

They are stored under the page cache's generation, so whatever bumps it (a publish, a
snippet or site change) renews them together with the pages. Only requests that the
page cache handles carry a generation; editors and previews compute them afresh.
"""

from django.core.cache import cache

FRAGMENT_KEY = "srk:fragment:{generation}:{name}"
# Entries of older generations are never read again; they expire after a day.
FRAGMENT_SECONDS = 24 * 60 * 60


def remember_generation(request, generation):
    request.page_cache_generation = generation


def cached_fragment(request, name, compute):
    """`compute()`, or its value stored under this generation. `name` must hold all
    that the value depends on besides the content (site, language)."""
    generation = getattr(request, "page_cache_generation", None)
    if generation is None:
        return compute()
    key = FRAGMENT_KEY.format(generation=generation, name=name)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, FRAGMENT_SECONDS)
    return value
