from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.coreutils import WAGTAIL_APPEND_SLASH
from wagtail.documents import urls as wagtaildocs_urls

from district import views as district_views
from search import views as search_views
from srk_site import localisation
from srk_site import views as portal_views

# Database outages become a friendly 503 (srk_site.views.server_error).
handler500 = "srk_site.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"wagtail": localisation.TranslatedSitemap}},
        name="sitemap",
    ),
    path("robots.txt", portal_views.robots_txt, name="robots_txt"),
    path("farben.css", portal_views.accent_colours_css, name="accent_colours_css"),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.SRK_BENCH_VIEWS:
    urlpatterns.insert(0, path("bench/ping/", portal_views.bench_ping))

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages: German without a prefix, other languages under /en/, /tr/, /ar/.
urlpatterns += i18n_patterns(
    path("suche/", search_views.search, name="search"),
    path("suche/vorschlaege/", search_views.suggestions, name="search_suggestions"),
    path("", include("people.urls")),
    path("mitmachen/", district_views.overview, name="participation"),
    path("mitmachen/danke/", district_views.thanks, name="participation_thanks"),
    path("mitmachen/<slug:kind>/", district_views.propose, name="participation_form"),
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)*)(?P<filename>[\w\-]+\.(?:csv|geojson|ics))$",
        portal_views.page_file,
        name="page_file",
    ),
    # Wagtail's page serving, with the German page as fallback for missing translations.
    re_path(
        r"^((?:[\w\-]+/)*)$" if WAGTAIL_APPEND_SLASH else r"^([\w\-/]*)$",
        localisation.serve,
        name="wagtail_serve",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
