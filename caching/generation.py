"""The cache generation: one counter in the shared cache, recorded in every cached page.

Bumping it makes every cached page stale at once (a site-wide purge in one INCR), and
because the counter lives in the shared cache, every app server sees the new value on
its next request. A counter that is lost (flush, eviction) restarts at the current Unix
time, above any value it can have reached before, so no stale entry becomes current.
"""

import logging
import time

from django.core.cache import cache

logger = logging.getLogger("caching")

GENERATION_KEY = "srk:pagecache:generation"


def current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # First request after a flush (or Redis unreachable): start a counter.
        cache.add(GENERATION_KEY, int(time.time()), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def bump_generation():
    """Invalidate every cached page; returns the new generation (None without a cache)."""
    try:
        generation = cache.incr(GENERATION_KEY)
    except ValueError:
        # Missing counter: start above anything a reader may have used.
        cache.add(GENERATION_KEY, int(time.time()) + 1, timeout=None)
        generation = cache.get(GENERATION_KEY)
    logger.debug("page cache generation now %s", generation)
    return generation
