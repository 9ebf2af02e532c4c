"""The portal's URLs plus media files, for the browser tests only: with DEBUG off nothing
else serves uploads, and the pages must show their images and offer press photos."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from srk_site.urls import urlpatterns as portal_urlpatterns

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *portal_urlpatterns,
]
