"""What every page of a site shares, kept per cache generation: the site that answers a
host, the districts, the menu, the legal links, the landing address and the queries
with promoted results.

They belong to the page cache's generation, so whatever bumps it (a publish, a snippet,
page or site change) renews them together with the pages. Only requests that the page
cache handles carry a generation; editors and previews compute them afresh. Each
process keeps them in memory in front of Redis, emptied when the generation moves on.
"""

from django.core.cache import cache
from wagtail.models import Site

FRAGMENT_KEY = "srk:fragment:{generation}:{name}"
# Entries of older generations are never read again; they expire after a day.
FRAGMENT_SECONDS = 24 * 60 * 60


class _PerGeneration:
    """A dict in this process that belongs to one cache generation and starts empty
    with the next. Threads see the old or the new dict, never half of a swap."""

    def __init__(self):
        self._current = (None, {})

    def of(self, generation):
        known_generation, values = self._current
        if known_generation != generation:
            values = {}
            self._current = (generation, values)  # one assignment
        return values


# {(host, port): site}. Looking a site up costs Wagtail a query and 1.5 ms of ORM work
# on every page; sites change rarely, and a change bumps the generation. Any subdomain
# passes ALLOWED_HOSTS, so the number of hosts kept is capped: made-up ones must not
# fill the memory.
_sites = _PerGeneration()
MAX_KNOWN_HOSTS = 100

# {name: value}: a page asks for four or five fragments, and each round trip to Redis
# costs 0.3 ms. The values are shared by the requests of this process, so callers must
# not change them. Names depend on known sites and languages, so this stays small.
_values = _PerGeneration()


def forget():
    """Drop what this process keeps (for tests, whose generations may repeat)."""
    global _sites, _values
    _sites = _PerGeneration()
    _values = _PerGeneration()


def remember_generation(request, generation):
    """Called by the page cache for the requests it renders."""
    request.page_cache_generation = generation
    _use_known_site(request, generation)


def _use_known_site(request, generation):
    by_host = _sites.of(generation)
    key = (request.get_host(), request.get_port())
    if key in by_host:
        # Where Site.find_for_request keeps its answer for the rest of the request.
        request._wagtail_site = by_host[key]
    else:
        site = Site.find_for_request(request)
        if len(by_host) < MAX_KNOWN_HOSTS:
            by_host[key] = site


def cached_fragment(request, name, compute):
    """`compute()`, or its value stored under this generation (read-only: it may be
    shared with other requests). `name` must hold all that the value depends on besides
    the content (site, language)."""
    generation = getattr(request, "page_cache_generation", None)
    if generation is None:
        return compute()
    values = _values.of(generation)
    if name in values:
        return values[name]
    key = FRAGMENT_KEY.format(generation=generation, name=name)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, FRAGMENT_SECONDS)
    values[name] = value
    return value
