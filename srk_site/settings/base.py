"""Settings shared by every environment. Environment-specific modules import this."""

import os
from pathlib import Path

import dj_database_url
import xstatic.pkg.leaflet as xstatic_leaflet
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
# Local, untracked state of a development checkout (SQLite file, uploaded media).
VAR_DIR = BASE_DIR / "var"

# The portal's own configuration ------------------------------------------------------

# Landing site answers at the base domain, each district at <slug>.<base domain>.
SRK_BASE_DOMAIN = os.environ.get("SRK_BASE_DOMAIN", "localhost").strip().lower()
# Port the public sites are reached on; used for links between the sites.
SRK_SITE_PORT = int(os.environ.get("SRK_SITE_PORT", "8000"))
SRK_DISTRICTS_FILE = PROJECT_DIR / "data" / "districts.toml"
SRK_DEMO_CONTENT_FILE = PROJECT_DIR / "data" / "demo_content.toml"
SRK_DEMO_DIRECTORY_FILE = PROJECT_DIR / "data" / "demo_directory.toml"
SRK_DEMO_EVENTS_FILE = PROJECT_DIR / "data" / "demo_events.toml"
SRK_DEMO_NEWS_FILE = PROJECT_DIR / "data" / "demo_news.toml"
SRK_DEMO_TRANSLATIONS_FILE = PROJECT_DIR / "data" / "demo_translations.toml"
SRK_TAXONOMY_FILE = PROJECT_DIR / "data" / "taxonomy.toml"
SRK_FIXED_PAGES_FILE = PROJECT_DIR / "data" / "fixed_pages.toml"
# Map tiles. OpenStreetMap's are a third party, so maps load only after the visitor
# agrees; set SRK_MAP_TILES_NEED_CONSENT=false for a tile server of the city's own.
SRK_MAP_TILE_URL = os.environ.get(
    "SRK_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
SRK_MAP_ATTRIBUTION = os.environ.get(
    "SRK_MAP_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-Mitwirkende',
)
SRK_MAP_TILES_NEED_CONSENT = os.environ.get("SRK_MAP_TILES_NEED_CONSENT", "true") == "true"
# How far ahead open-ended event series are expanded; `update_event_occurrences` runs
# daily to move the horizon along.
SRK_EVENT_HORIZON_DAYS = int(os.environ.get("SRK_EVENT_HORIZON_DAYS", "400"))
# How long the name and e-mail of people who sent a public proposal are kept.
SRK_PROPOSAL_RETENTION_DAYS = int(os.environ.get("SRK_PROPOSAL_RETENTION_DAYS", "180"))
SRK_OPEN_DATA_LICENCE = os.environ.get(
    "SRK_OPEN_DATA_LICENCE", "Datenlizenz Deutschland – Namensnennung – Version 2.0"
)

# Applications ------------------------------------------------------------------------

INSTALLED_APPS = [
    "srk_site",
    "home",
    "district",
    "events",
    "people",
    "search",
    "caching",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "srk_site.middleware.WwwRedirectMiddleware",
    # Early, so a cached page skips everything below (see caching/middleware.py).
    "caching.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "srk_site.middleware.UrlLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "srk_site.urls"
WSGI_APPLICATION = "srk_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "srk_site.context_processors.portal",
            ],
        },
    },
]

# Database: DATABASE_URL, or the embedded SQLite file so a newcomer needs no server.
if not os.environ.get("DATABASE_URL"):
    VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
ON_POSTGRESQL = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if ON_POSTGRESQL:
    # The portal's tables fit in memory, where a random read costs about what a
    # sequential one does. With PostgreSQL's default (4, tuned for spinning disks) the
    # planner hash-joins every page to the search hits instead of looking the hits up
    # by key: 26 ms instead of 11 for a citywide search (docs/decisions.md, 22).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", "-c random_page_cost=" + os.environ.get("DB_RANDOM_PAGE_COST", "1.1")
    )

# Wagtail keeps the site root paths and image renditions here. The local-memory cache
# culls at 300 entries by default, which would throw the site paths out under load.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
}
# Page cache and scale-out ----------------------------------------------------------------
# With REDIS_URL every app server shares one cache (page cache, its generation counter,
# site paths, renditions); an unreachable Redis means "no cache", never an error.
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "caching.backends.TolerantRedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": os.environ.get("SRK_CACHE_KEY_PREFIX", "srk"),
        # Fail fast when Redis is away instead of holding the request.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
# Seconds an anonymous page stays in the page cache (0 turns the page cache off).
SRK_PAGE_CACHE_SECONDS = int(os.environ.get("SRK_PAGE_CACHE_SECONDS", "600"))
# Cache-Control for anonymous pages: browsers (max-age) and a CDN (s-maxage).
SRK_PAGE_CACHE_MAX_AGE = int(os.environ.get("SRK_PAGE_CACHE_MAX_AGE", "60"))
SRK_PAGE_CACHE_SHARED_MAX_AGE = int(os.environ.get("SRK_PAGE_CACHE_SHARED_MAX_AGE", "300"))
# Requests with the header "X-Cache-Bypass: <token>" skip the page cache (make bench).
SRK_PAGE_CACHE_BYPASS_TOKEN = os.environ.get("SRK_PAGE_CACHE_BYPASS_TOKEN", "")
# Adds /bench/ping/, the minimal view `make bench` measures as the stack's ceiling.
SRK_BENCH_VIEWS = os.environ.get("SRK_BENCH_VIEWS", "false").lower() == "true"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: German is the source; translations are made with wagtail-localize.
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("tr", "Türkçe"),
    ("ar", "العربية"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Date formats per language, with a few names of the portal's own (srk_site/formats).
FORMAT_MODULE_PATH = ["srk_site.formats"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# Static files and media ----------------------------------------------------------------

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# Front-end libraries come from PyPI (XStatic packages), never copied into the repo.
STATICFILES_DIRS = [("vendor/leaflet", xstatic_leaflet.BASE_DIR)]
STATIC_ROOT = VAR_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Wagtail -------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Lebenswerte Veedel"
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL",
    f"http://{SRK_BASE_DOMAIN}:{SRK_SITE_PORT}"
    if SRK_SITE_PORT not in (80, 443)
    else f"https://{SRK_BASE_DOMAIN}",
)
WAGTAILIMAGES_IMAGE_MODEL = "srk_site.PortalImage"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents are served through Django so private collections stay private.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
if ON_POSTGRESQL:
    # German stemming and stop words for PostgreSQL full-text search.
    INSTALLED_APPS.append("django.contrib.postgres")
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "german"
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin must not call out to a third party
WAGTAIL_PASSWORD_RESET_ENABLED = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            "features": ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]
        },
    }
}

# Visitors get no cookie unless they log in or send a form.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "caching": {"level": "WARNING"},
        # Background-task and page-event chatter would drown management command output.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": os.environ.get("WAGTAIL_LOG_LEVEL", "WARNING")},
    },
}

PORTAL_LANGUAGE_NAMES = {code: _(name) for code, name in LANGUAGES}

# Security headers (issue 10) -----------------------------------------------------------
# Content-Security-Policy through django-csp 4 (srk_site/security.py). The public policy
# has neither 'unsafe-inline' nor nonces: pages are cached whole, so they carry no inline
# script or style at all. The admin gets its own policy (docs/decisions.md).
from srk_site.security import origin_of  # noqa: E402

INSTALLED_APPS.append("csp")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "srk_site.security.PortalCSPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("srk_site.security.PortalCSPMiddleware") + 1,
    "srk_site.security.PermissionsPolicyMiddleware",
)
SRK_VIDEO_PLAYER_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
_CSP_EXTRA_IMAGE_ORIGINS = [
    o for o in (origin_of(SRK_MAP_TILE_URL), origin_of(MEDIA_URL)) if o is not None
]
_CSP_SITE_HOSTS = [SRK_BASE_DOMAIN + ":*", f"*.{SRK_BASE_DOMAIN}:*"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", *_CSP_EXTRA_IMAGE_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": SRK_VIDEO_PLAYER_ORIGINS,
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        # Forms may post to the other sites of the portal (landing and districts).
        "form-action": ["'self'", *_CSP_SITE_HOSTS],
        "frame-ancestors": ["'none'"],
    },
}
SRK_CSP_ADMIN_PREFIXES = ["/admin/"]
# Wagtail's admin renders inline scripts and styles; its preview panel frames the page
# from the same origin.
SRK_CSP_ADMIN_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", *_CSP_EXTRA_IMAGE_ORIGINS],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", *SRK_VIDEO_PLAYER_ORIGINS],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'", *_CSP_SITE_HOSTS],
    "frame-ancestors": ["'self'"],
}
SRK_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True
# No Gravatar images in the admin: they would send a hash of each editor's e-mail
# address to a third party (and the admin policy blocks them anyway).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Admin login: lockout after repeated failures (django-axes, issue 10) -------------------
# Five wrong passwords for one username from one address lock that pair out for 15
# minutes; a correct login resets the count. Works on Wagtail's login view because axes
# sits in the authentication backends. Behind a proxy, REMOTE_ADDR must be the client's
# address (as for srk_site.ratelimit).
import datetime as _datetime  # noqa: E402

INSTALLED_APPS.append("axes")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = _datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/login_locked.html"
# Keep the access log small: failures are what matters.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# Admin accounts guard a city's publication: twelve characters at least (BSI advice for
# passwords without enforced complexity rules).
for _validator in AUTH_PASSWORD_VALIDATORS:
    if _validator["NAME"].endswith("MinimumLengthValidator"):
        _validator["OPTIONS"] = {"min_length": 12}

# Optional two-factor login for the admin (srk_site/two_factor.py): off, optional, required.
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
SRK_ADMIN_TWO_FACTOR = os.environ.get("SRK_ADMIN_TWO_FACTOR", "off")
WAGTAILADMIN_USER_LOGIN_FORM = "srk_site.two_factor.TwoFactorLoginForm"
OTP_TOTP_ISSUER = "Lebenswerte Veedel"
