"""Browser tests: Playwright for Python driving Debian's Chromium against a live server.

One session-wide set-up: the demo content of a few districts (committed to the test
database), the sites moved to the live server's port, a coordinator account, one live
server and one browser.
Because the data is committed, these tests run after all others (see the collection hook).

Without Chromium the tests skip with one message; with CI=true they fail instead, so CI
cannot silently lose them."""

import io
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test.utils import override_settings
from django.urls import clear_url_caches
from wagtail.models import Page, Site

from .chromium import CHROMIUM, chromium_missing, in_ci
from .lean_demo import build_lean_demo

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    # Every district site is a subdomain of localhost; resolve them all to the live server.
    "--host-resolver-rules=MAP *.localhost 127.0.0.1",
]
# Where the live server listens; set a fixed port (e.g. localhost:8450) to look at it.
SERVER_ADDRESS = os.environ.get("SRK_BROWSER_TEST_ADDRESS", "localhost:0")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
COORDINATOR = ("koordination-kalk-browser", "browser-test-passwort-kalk")
DISTRICT = "kalk"
BROWSER_DIR = Path(__file__).resolve().parent


def is_browser_test(item):
    return BROWSER_DIR in Path(str(item.path)).resolve().parents


def pytest_itemcollected(item):
    """Marks every browser test as it is collected, before `-m` and pytest-django look."""
    if not is_browser_test(item):
        return
    item.add_marker(pytest.mark.browser)
    # Asks pytest-django for the test database even when only these tests run. Each test
    # then runs in a transaction of the main thread, which the live server's threads do
    # not see (PostgreSQL) or share (in-memory SQLite, rolled back after the test).
    item.add_marker(pytest.mark.django_db)
    reason = chromium_missing()
    if reason and not in_ci():
        item.add_marker(pytest.mark.skip(reason=f"browser tests: {reason}"))


@pytest.hookimpl(trylast=True)  # after pytest-django has sorted the tests by database use
def pytest_collection_modifyitems(items):
    """They commit demo content to the test database, so they come last."""
    items[:] = [item for item in items if not is_browser_test(item)] + [
        item for item in items if is_browser_test(item)
    ]


@dataclass
class Portal:
    """What the tests need to know about the running portal."""

    port: int
    paths: dict = field(default_factory=dict)  # page type -> (site slug or None, path)
    facts: dict = field(default_factory=dict)  # demo data the journeys rely on

    def origin(self, slug=None):
        host = f"{slug}.localhost" if slug else "localhost"
        return f"http://{host}:{self.port}"

    def url(self, page_type, language=""):
        slug, path = self.paths[page_type]
        return self.origin(slug) + language + path


def district_paths(site, district):
    """One page of each public type on a district site, found in the demo content."""
    from district.models import ContentPage, NetworkPage, NewsPage, ProjectPage
    from events.models import EventPage
    from people.models import Organisation

    root = site.root_page

    def first(model, **filters):
        page = model.objects.live().descendant_of(root).filter(**filters).first()
        return page.relative_url(site) if page else None

    press = NewsPage.objects.live().descendant_of(root).filter(press_photos__isnull=False)
    organisation = Organisation.objects.published().in_district(district).first()
    paths = {
        "district-home": "/",
        "content": first(ContentPage, slug="ueber-uns"),
        "leichte-sprache": first(Page, slug="leichte-sprache"),
        "news-list": "/aktuelles/",
        "news-detail": first(NewsPage, kind="nachricht"),
        "press-area": "/aktuelles/presse/",
        "press-release": press.first().relative_url(site) if press.exists() else None,
        "event-list": "/termine/",
        "event-month": "/termine/monat/",
        "event-archive": "/termine/archiv/",
        "event-detail": first(EventPage),
        "project-list": "/projekte/",
        "project-detail": first(ProjectPage),
        "working-groups": "/arbeitskreise/",
        "working-group": first(NetworkPage),
        "directory": "/adressen/",
        "directory-detail": f"/adressen/{organisation.slug}/" if organisation else None,
        "search": "/suche/?q=Caf%C3%A9",
        "participation": "/mitmachen/",
        "participation-form": "/mitmachen/termin/",
        "not-found": "/diese-seite-gibt-es-nicht/",
        "accessibility": "/barrierefreiheit/",
        "privacy": "/datenschutz/",
        "imprint": "/impressum/",
    }
    return {name: (district.slug, path) for name, path in paths.items() if path}


def upcoming_category(district):
    """(slug, name) of a category that an upcoming date in the district carries."""
    from events.models import Occurrence

    occurrence = (
        Occurrence.objects.upcoming()
        .in_district(district)
        .filter(event__live=True, event__categories__isnull=False)
        .select_related("event")
        .first()
    )
    category = occurrence.event.categories.order_by("slug").first()
    return category.slug, category.name


def add_coordinator(district):
    from district.roles import COORDINATION

    username, password = COORDINATOR
    user, _ = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@lebenswerte-veedel.example"}
    )
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name=COORDINATION.format(name=district.name)))


@pytest.fixture(scope="session")
def orm_beside_playwright():
    """Playwright's sync API runs an event loop in the test thread, so Django's ORM would
    refuse to run there; allowed for these tests only."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE")
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def portal(django_db_setup, django_db_blocker, orm_beside_playwright):
    """The demo portal on a live server (pytest-django's LiveServer, started here rather
    than through the `live_server` fixture: that one flushes the database after every test,
    which would cost the demo build each time)."""
    from pytest_django.live_server_helper import LiveServer

    from district.models import District

    urls = override_settings(ROOT_URLCONF="tests.browser.urls")
    urls.enable()
    clear_url_caches()
    with django_db_blocker.unblock():
        # The demo prints its accounts' passwords; they do not belong in the test log.
        build_lean_demo(stdout=io.StringIO())
        district = District.objects.get(slug=DISTRICT)
        add_coordinator(district)
        server = LiveServer(SERVER_ADDRESS)
        server._live_server_modified_settings.enable()
        port = server.thread.port
        for site in Site.objects.all():
            site.port = port
            site.save()  # save(), not update(): it clears Wagtail's cached site roots
        paths = {"landing": (None, "/")}
        paths.update(district_paths(Site.objects.get(pk=district.site_id), district))
        facts = {"event_category": upcoming_category(district)}
        yield Portal(port=port, paths=paths, facts=facts)
        server._live_server_modified_settings.disable()
        server.stop()
    urls.disable()
    clear_url_caches()


@pytest.fixture(scope="session")
def chromium(orm_beside_playwright):
    reason = chromium_missing()
    if reason:
        # Only reached with CI=true: elsewhere the collection hook skipped the tests.
        pytest.fail(f"browser tests: {reason}", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


def open_context(chromium, width):
    height = 800 if width < 600 else 900
    return chromium.new_context(
        viewport={"width": width, "height": height}, accept_downloads=True, locale="de-DE"
    )


@pytest.fixture
def page(chromium, portal):
    """A fresh desktop-sized tab with no cookies, for tests that do not vary the width."""
    context = open_context(chromium, 1280)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_page(chromium, portal):
    """The same on a 360 px wide phone."""
    context = open_context(chromium, 360)
    yield context.new_page()
    context.close()


class Screenshots:
    """Full-page screenshots of a journey: test-artifacts/<journey>/<width>/NN-step.png."""

    def __init__(self, journey, width):
        self.folder = ARTIFACTS / journey / str(width)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.count = 0

    def take(self, page, step):
        self.count += 1
        page.screenshot(path=self.folder / f"{self.count:02d}-{step}.png", full_page=True)


# Every public page type; the paths come from the demo content (Portal.paths).
PAGE_TYPES = [
    "landing",
    "district-home",
    "content",
    "leichte-sprache",
    "news-list",
    "news-detail",
    "press-area",
    "press-release",
    "event-list",
    "event-month",
    "event-archive",
    "event-detail",
    "project-list",
    "project-detail",
    "working-groups",
    "working-group",
    "directory",
    "directory-detail",
    "search",
    "participation",
    "participation-form",
    "not-found",
    "accessibility",
    "privacy",
    "imprint",
]
LANGUAGES = ["", "/en", "/tr", "/ar"]


def open_page(page, portal, page_type, language=""):
    """Open a page type in a language and check it answered as it should."""
    if page_type not in portal.paths:
        pytest.skip(f"the demo has no {page_type} page yet")
    response = page.goto(portal.url(page_type, language))
    expected = 404 if page_type == "not-found" else 200
    assert response.status == expected, page.url
    return response
