"""Production settings: everything from the environment, every secure default on.

Refuses to start without SECRET_KEY, ALLOWED_HOSTS and SRK_BASE_DOMAIN.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


DEBUG = False
SECRET_KEY = _required("SECRET_KEY")
SRK_BASE_DOMAIN = _required("SRK_BASE_DOMAIN").lower()
SRK_SITE_PORT = int(os.environ.get("SRK_SITE_PORT", "443"))
ALLOWED_HOSTS = [h.strip() for h in _required("ALLOWED_HOSTS").split(",") if h.strip()]
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{SRK_BASE_DOMAIN}")

# Compressed, cache-busting static files served by whitenoise, right after security.
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
STATIC_ROOT = os.environ.get("STATIC_ROOT", STATIC_ROOT)  # noqa: F405

# The TLS-terminating proxy tells us the original scheme.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Send every plain-HTTP request to HTTPS.
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
# Tell browsers to use HTTPS only, for a year, on every subdomain (the district sites).
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Stop browsers from guessing content types.
SECURE_CONTENT_TYPE_NOSNIFF = True
# Leak only the origin to other sites.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Cookies only over HTTPS, never readable by scripts where not needed.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
# No page may be framed by another site.
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false").lower() == "true"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", f"portal@{SRK_BASE_DOMAIN}")
SERVER_EMAIL = DEFAULT_FROM_EMAIL


# Scale-out (performance work): everything below comes from the environment --------------
# DATABASE_URL, REDIS_URL (shared cache and page cache) and the page-cache timings are read
# in base.py. E-mail may also come as one URL: smtp://user:password@host:587/?tls=1
if os.environ.get("EMAIL_URL"):
    from urllib.parse import parse_qs, unquote, urlsplit

    _email = urlsplit(os.environ["EMAIL_URL"])
    _email_options = parse_qs(_email.query)
    EMAIL_HOST = _email.hostname or "localhost"
    EMAIL_PORT = _email.port or (465 if _email.scheme == "smtps" else 25)
    EMAIL_HOST_USER = unquote(_email.username or "")
    EMAIL_HOST_PASSWORD = unquote(_email.password or "")
    EMAIL_USE_TLS = _email_options.get("tls", ["0"])[0] in ("1", "true")
    EMAIL_USE_SSL = _email.scheme == "smtps"

# Media (uploaded images and documents) on S3-compatible object storage, so every app
# server sees the same files. Credentials come from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY (read by boto3), never from a file in the repository.
if os.environ.get("SRK_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["SRK_S3_BUCKET"],
            "endpoint_url": os.environ.get("SRK_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("SRK_S3_REGION") or None,
            "custom_domain": os.environ.get("SRK_S3_CUSTOM_DOMAIN") or None,
            # Private documents are served through Django (WAGTAILDOCS_SERVE_METHOD), so
            # objects are not public; image renditions get signed URLs unless a custom
            # (CDN) domain serves them.
            "default_acl": None,
            "querystring_auth": not os.environ.get("SRK_S3_CUSTOM_DOMAIN"),
            "file_overwrite": False,
        },
    }

# Search on OpenSearch or Elasticsearch (Wagtail's backends from the modelsearch package)
# when SRK_SEARCH_URL is set; install the client from deploy/requirements-search.txt.
if os.environ.get("SRK_SEARCH_URL"):
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": os.environ.get("SRK_SEARCH_BACKEND", "wagtail.search.backends.opensearch2"),
            "URLS": [u.strip() for u in os.environ["SRK_SEARCH_URL"].split(",") if u.strip()],
            "INDEX_PREFIX": os.environ.get("SRK_SEARCH_INDEX_PREFIX", "srk_"),
            "TIMEOUT": 5,
            "OPTIONS": {},
            "INDEX_SETTINGS": {
                "settings": {"analysis": {"analyzer": {"default": {"type": "german"}}}}
            },
        }
    }

# A CDN or caching proxy in front: purge pages on publish (wagtail.contrib.frontend_cache).
# SRK_FRONTEND_CACHE=http with SRK_FRONTEND_CACHE_URL (Varnish/nginx answering PURGE),
# cloudflare with CLOUDFLARE_BEARER_TOKEN and CLOUDFLARE_ZONE_ID, or cloudfront with
# CLOUDFRONT_DISTRIBUTION_ID.
# Backend class and {option: environment variable} per kind of front-end cache.
_FRONTEND_CACHES = {
    "http": ("HTTPBackend", {"LOCATION": "SRK_FRONTEND_CACHE_URL"}),
    "cloudflare": (
        "CloudflareBackend",
        {"BEARER_TOKEN": "CLOUDFLARE_BEARER_TOKEN", "ZONEID": "CLOUDFLARE_ZONE_ID"},
    ),
    "cloudfront": ("CloudfrontBackend", {"DISTRIBUTION_ID": "CLOUDFRONT_DISTRIBUTION_ID"}),
}
_frontend_cache = os.environ.get("SRK_FRONTEND_CACHE", "").lower()
if _frontend_cache:
    if _frontend_cache not in _FRONTEND_CACHES:
        raise ImproperlyConfigured("SRK_FRONTEND_CACHE must be http, cloudflare or cloudfront.")
    _backend, _options = _FRONTEND_CACHES[_frontend_cache]
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]  # noqa: F405
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": f"wagtail.contrib.frontend_cache.backends.{_backend}",
            **{option: _required(variable) for option, variable in _options.items()},
        }
    }
    # Purge every language version of a page.
    WAGTAILFRONTENDCACHE_LANGUAGES = [code for code, _name in LANGUAGES]  # noqa: F405
