"""What every page of a site shares, kept per cache generation: the site that answers a
host, the menu and the legal links.

They belong to the page cache's generation, so whatever bumps it (a publish, a snippet,
page or site change) renews them together with the pages. Only requests that the page
cache handles carry a generation; editors and previews compute them afresh.
"""

from django.core.cache import cache
from wagtail.models import Site

FRAGMENT_KEY = "srk:fragment:{generation}:{name}"
# Entries of older generations are never read again; they expire after a day.
FRAGMENT_SECONDS = 24 * 60 * 60

# (generation, {(host, port): site}) in this process. Looking a site up costs Wagtail
# a query and 1.5 ms of ORM work on every page; sites change rarely, and a change bumps
# the generation, which empties this. Any subdomain passes ALLOWED_HOSTS, so the number
# of hosts kept is capped: made-up ones must not fill the memory.
_sites = (None, {})
MAX_KNOWN_HOSTS = 100

# (generation, {name: value}) in this process, in front of the shared cache: a page
# asks for four or five fragments, and each round trip to Redis costs 0.3 ms. The values
# are shared by the requests of this process, so callers must not change them. Names
# depend on known sites and languages, so this stays small.
_values = (None, {})


def forget():
    """Drop what this process keeps (for tests, whose generations may repeat)."""
    global _sites, _values
    _sites = (None, {})
    _values = (None, {})


def remember_generation(request, generation):
    """Called by the page cache for the requests it renders."""
    request.page_cache_generation = generation
    _use_known_site(request, generation)


def _use_known_site(request, generation):
    global _sites
    known_generation, by_host = _sites
    if known_generation != generation:
        by_host = {}
        _sites = (generation, by_host)  # one assignment: threads see old or new
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
    global _values
    generation = getattr(request, "page_cache_generation", None)
    if generation is None:
        return compute()
    known_generation, values = _values
    if known_generation != generation:
        values = {}
        _values = (generation, values)  # one assignment: threads see old or new
    if name in values:
        return values[name]
    key = FRAGMENT_KEY.format(generation=generation, name=name)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, FRAGMENT_SECONDS)
    values[name] = value
    return value
