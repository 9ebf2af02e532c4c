"""Production settings take the scale-out services from the environment."""

import json
import os
import subprocess
import sys

from tests.srk_site.test_settings import PRODUCTION_ENV

PRINT = """
import json
from django.conf import settings
print(json.dumps({
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "storage": settings.STORAGES["default"]["BACKEND"],
    "bucket": settings.STORAGES["default"].get("OPTIONS", {}).get("bucket_name"),
    "search": settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"],
    "search_urls": settings.WAGTAILSEARCH_BACKENDS["default"].get("URLS"),
    "frontend_cache": getattr(settings, "WAGTAILFRONTENDCACHE", {}),
    "apps": "wagtail.contrib.frontend_cache" in settings.INSTALLED_APPS,
    "email": [settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_HOST_USER,
              settings.EMAIL_USE_TLS],
}))
"""


def production_settings(**extra):
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    env = {
        **clean,
        **PRODUCTION_ENV,
        **extra,
        "DJANGO_SETTINGS_MODULE": "srk_site.settings.production",
    }
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, "-c", f"import django; django.setup()\n{PRINT}"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_defaults_need_no_extra_service():
    values = production_settings()
    assert values["cache"].endswith("LocMemCache")
    assert values["storage"].endswith("FileSystemStorage")
    assert values["search"] == "wagtail.search.backends.database"
    assert not values["apps"]


def test_redis_s3_search_cdn_and_mail_come_from_the_environment():
    values = production_settings(
        REDIS_URL="redis://cache.internal:6379/0",
        SRK_S3_BUCKET="veedel-media",
        SRK_S3_ENDPOINT_URL="https://s3.example",
        SRK_SEARCH_URL="https://search1.internal:9200,https://search2.internal:9200",
        SRK_FRONTEND_CACHE="http",
        SRK_FRONTEND_CACHE_URL="http://varnish.internal:6081",
        EMAIL_URL="smtp://portal%40stadt:geheim@mail.example:587/?tls=1",
    )
    assert values["cache"] == "caching.backends.TolerantRedisCache"
    assert values["cache_location"] == "redis://cache.internal:6379/0"
    assert values["storage"] == "storages.backends.s3.S3Storage"
    assert values["bucket"] == "veedel-media"
    assert values["search"] == "wagtail.search.backends.opensearch2"
    assert len(values["search_urls"]) == 2
    assert values["apps"]
    assert values["frontend_cache"]["default"]["LOCATION"] == "http://varnish.internal:6081"
    assert values["email"] == ["mail.example", 587, "portal@stadt", True]
