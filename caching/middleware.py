"""Anonymous page cache with HTTP caching headers for browsers and a CDN.

Cached: GET and HEAD requests without a session cookie whose response is a plain 200
that used no CSRF token, set no cookie and did not ask for privacy. The key holds scheme,
host, language, path and query string; each entry records the cache generation it was
rendered under (see generation.py) and counts only while that generation is current.
Everything else passes through; responses for logged-in users get `private, no-store`.

Stored pages are compressed once, when stored: clients that accept gzip (every browser)
get those bytes as they are, so a hit costs no compression and a tenth of the copying.
Cached pages never hold a CSRF token or other secret, so compressing them cannot leak
one (BREACH).
"""

import gzip
import hashlib
import logging
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language_from_path

from caching.fragments import remember_generation
from caching.generation import GENERATION_KEY, current_generation

logger = logging.getLogger("caching")

CACHE_HEADER = "X-Page-Cache"
# Paths that are never cached: the admin (previews live there) and document downloads,
# which check collection privacy per request; /bench/ is the uncached ceiling of make bench.
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/", "/bench/")
# Headers not kept with a cached page: recomputed for every answer, or never cacheable.
UNSTORED_HEADERS = {
    "set-cookie",
    "date",
    "cache-control",
    "etag",
    "last-modified",
    "content-length",
    CACHE_HEADER.lower(),
}
# Smaller bodies fit one packet anyway; compressing them would only cost time.
MIN_COMPRESS_BYTES = 1024
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _timeout():
    return getattr(settings, "SRK_PAGE_CACHE_SECONDS", 0)


def _has_session(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _bypassed(request):
    # Lets `make bench` measure the uncached stack on purpose; off unless configured.
    token = getattr(settings, "SRK_PAGE_CACHE_BYPASS_TOKEN", "")
    return bool(token) and request.headers.get("X-Cache-Bypass") == token


def _is_personal(request):
    user = getattr(request, "user", None)
    return _has_session(request) or bool(user is not None and user.is_authenticated)


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and not _has_session(request)
        and not request.path.startswith(EXCLUDED_PREFIXES)
    )


def _cacheable_response(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(request, "is_preview", False)
        and not (getattr(request, "session", None) and request.session.modified)
        and not getattr(getattr(request, "_messages", None), "added_new", False)
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        and not _is_personal(request)
    )


def request_language(request):
    """The language a public page is served in: its URL prefix, German without one.
    Known before LocaleMiddleware runs, because UrlLanguageMiddleware makes the URL the
    only source of the language on public pages."""
    return get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def cache_key(request):
    path = hashlib.blake2b(request.get_full_path().encode(), digest_size=16).hexdigest()
    host = request.get_host().lower()
    return f"srk:page:{request.scheme}:{host}:{request_language(request)}:{path}"


def _accepts_gzip(request):
    return bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))


def _public_headers(response, etag, stored_at):
    max_age = getattr(settings, "SRK_PAGE_CACHE_MAX_AGE", 60)
    shared_max_age = getattr(settings, "SRK_PAGE_CACHE_SHARED_MAX_AGE", 300)
    response["Cache-Control"] = f"public, max-age={max_age}, s-maxage={shared_max_age}"
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stored_at)
    # Logged-in editors send a session cookie; a shared cache must not serve them this.
    patch_vary_headers(response, ("Cookie", "Accept-Encoding"))


class PageCacheMiddleware:
    """Place right after the middleware that shape every answer (security headers, the
    www redirect): a hit then skips sessions, language, CSRF, authentication and the
    view. The headers the skipped middleware set (Content-Language, Vary,
    X-Frame-Options, …) are stored with the page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _timeout() or not _cacheable_request(request):
            response = self.get_response(request)
            if _is_personal(request) and "Cache-Control" not in response:
                response["Cache-Control"] = "private, no-store"
            return response
        if _bypassed(request):
            # Rendered as on a miss, with the shared fragments, but neither read nor stored.
            remember_generation(request, current_generation())
            return self.get_response(request)

        # One round trip for the generation and the page; an entry stored under an older
        # generation is stale (something was published since) and gets rendered anew.
        key = cache_key(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or current_generation()
        entry = found.get(key)
        if entry is not None and entry["generation"] == generation:
            response = HttpResponse()
            for header, value in entry["headers"].items():
                response[header] = value
            self._answer_from_entry(response, entry, _accepts_gzip(request))
            response[CACHE_HEADER] = "hit"
        else:
            remember_generation(request, generation)
            response = self.get_response(request)
            if not _cacheable_response(request, response):
                if _is_personal(request) and "Cache-Control" not in response:
                    response["Cache-Control"] = "private, no-store"
                return response
            plain = response.content
            entry = self._entry(response, generation)
            cache.set(key, entry, _timeout())
            self._answer_from_entry(response, entry, _accepts_gzip(request), plain)
            response[CACHE_HEADER] = "miss"
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=int(entry["stored_at"]),
            response=response,
        )

    @staticmethod
    def _entry(response, generation):
        content = response.content
        compressed = None
        if len(content) >= MIN_COMPRESS_BYTES and not response.has_header("Content-Encoding"):
            compressed = gzip.compress(content, compresslevel=6, mtime=0)
        return {
            "generation": generation,
            # One copy of the body: the compressed one where there is one.
            "content": compressed if compressed is not None else content,
            "gzipped": compressed is not None,
            "headers": {
                header: value
                for header, value in response.items()
                if header.lower() not in UNSTORED_HEADERS
            },
            "etag": f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"',
            "stored_at": time.time(),
        }

    @staticmethod
    def _answer_from_entry(response, entry, accepts_gzip, plain=None):
        """Body and validators of `response` from the stored entry, compressed for
        clients that accept gzip. `plain` is the uncompressed body when at hand."""
        content, etag = entry["content"], entry["etag"]
        if entry.get("gzipped"):
            if accepts_gzip:
                # A representation of its own, so it gets its own validator.
                etag = etag[:-1] + '-gz"'
                response["Content-Encoding"] = "gzip"
            else:
                content = plain if plain is not None else gzip.decompress(content)
        response.content = content
        # The view's Content-Length counted the uncompressed body.
        response["Content-Length"] = str(len(content))
        _public_headers(response, etag, entry["stored_at"])
