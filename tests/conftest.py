"""Shared fixtures. The portal structure (locales, sites, district trees and fixed pages)
is built once per test database by setup_portal; every test runs in a transaction on top
of it, so no test repeats that set-up."""

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Site

from district.models import District, DistrictHomePage
from home.models import LandingPage
from srk_site.portal_setup import load_districts
from tests.browser.chromium import report_header

DISTRICT_SLUGS = [entry["slug"] for entry in load_districts()]


def pytest_report_header(config):
    return report_header()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("setup_portal", verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Nothing cached by one test (pages, site paths, rate limits) may leak into the next.
    from django.core.cache import cache

    from caching import fragments

    cache.clear()
    fragments.forget()
    yield
    cache.clear()
    fragments.forget()


def host(slug=None):
    """The Host header of the landing site, or of a district's site."""
    return f"{slug}.localhost:8000" if slug else "localhost:8000"


@pytest.fixture
def german(db):
    return Locale.objects.get(language_code="de")


@pytest.fixture
def landing_page(german):
    return LandingPage.objects.get(locale=german, depth=2)


@pytest.fixture
def kalk(db):
    return District.objects.get(slug="kalk")


@pytest.fixture
def kalk_home(kalk, german):
    return DistrictHomePage.objects.get(district=kalk, locale=german)


@pytest.fixture
def kalk_site(kalk):
    return Site.objects.get(pk=kalk.site_id)


@pytest.fixture(scope="session")
def compiled_catalogs():
    """The interface translations as .mo files, as `make test` builds them; compiled here
    too so a bare `pytest` run tests the current catalogs, never stale or missing ones."""
    from django.utils.translation import trans_real

    call_command("compile_catalogs", verbosity=0)
    # Catalogs loaded before compiling would stay cached without their translations.
    trans_real._translations = {}
    trans_real._default = None
