"""Builds the portal's structure: locales, the landing site, one site per district and
each site's fixed pages. Safe to re-run: what exists is kept, what is missing is added."""

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Locale, Page, Site

from district.models import (
    ContentPage,
    District,
    DistrictHomePage,
    NetworkIndexPage,
    NewsIndexPage,
    ProjectIndexPage,
    Topic,
)
from district.roles import (
    ensure_directory_workflow,
    ensure_district_roles,
    ensure_editorial_role,
)
from events.models import EventIndexPage
from home.models import LandingPage
from people.models import Category, DirectoryPage, TargetGroup
from srk_site.colours import validate_accent_colour
from srk_site.privacy import privacy_body

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DISTRICT_KEYS = {"slug", "name", "veedel", "carrier", "accent_colour", "sort_order"}
LANDING_TITLE = "Lebenswerte Veedel"


class SetupError(Exception):
    """The districts file or the existing data stops the set-up; the message says why."""


@dataclass(frozen=True)
class FixedPage:
    slug: str
    title: str
    intro: str
    show_in_menus: bool = False
    page_class: Any = ContentPage
    # A callable returning StreamField data, for pages that need more than an intro.
    body: Any = None


DIRECTORY_PAGE = FixedPage(
    "adressen",
    "Adressen",
    "Einrichtungen und Angebote: Kitas, Treffpunkte, Beratungsstellen und mehr, mit "
    "Öffnungszeiten und Kontakt. Filtern Sie nach Kategorie, Zielgruppe oder „jetzt geöffnet“.",
    show_in_menus=True,
    page_class=DirectoryPage,
)

NEWS_PAGE = FixedPage(
    "aktuelles",
    "Aktuelles",
    "Nachrichten, Pressemitteilungen und Rückblicke. Für die Presse: Pressemitteilungen, "
    "Pressefotos und Ansprechpersonen im Pressebereich.",
    show_in_menus=True,
    page_class=NewsIndexPage,
)
PROJECTS_PAGE = FixedPage(
    "projekte",
    "Projekte",
    "Gute Beispiele aus den Veedeln: Projekte, die andere nachmachen können.",
    show_in_menus=True,
    page_class=ProjectIndexPage,
)
CALENDAR_PAGE = FixedPage(
    "termine",
    "Termine",
    "Konferenzen, Cafés, Sprechstunden, Feste und Kurse: was im Veedel los ist. "
    "Alle Termine lassen sich auch im eigenen Kalender abonnieren.",
    show_in_menus=True,
    page_class=EventIndexPage,
)


# Legal pages every site must have; their slugs are what the footer links to.
LEGAL_PAGES = [
    FixedPage(
        "impressum",
        "Impressum",
        "Angaben zu den Verantwortlichen für diese Website.",
    ),
    FixedPage(
        "datenschutz",
        "Datenschutz",
        "Diese Website setzt keine Cookies für Besucher*innen, bindet keine Inhalte "
        "Dritter ohne Ihre Zustimmung ein und verwendet keine Analyse- oder Werbedienste.",
        body=privacy_body,
    ),
    FixedPage(
        "barrierefreiheit",
        "Barrierefreiheit",
        "Wir möchten, dass alle Menschen diese Website nutzen können, und richten uns nach "
        "der BITV 2.0 und den WCAG 2.2 (Stufe AA).",
    ),
]
LANDING_PAGES = [
    FixedPage(
        "das-programm",
        "Das Programm",
        "Lebenswerte Veedel – Bürger- und Sozialraumorientierung in Köln: die Idee, die Ziele "
        "und wie die Sozialraumkoordination arbeitet.",
        show_in_menus=True,
    ),
    NEWS_PAGE,
    CALENDAR_PAGE,
    DIRECTORY_PAGE,
    PROJECTS_PAGE,
    *LEGAL_PAGES,
]
DISTRICT_PAGES = [
    FixedPage(
        "ueber-uns",
        "Über uns",
        "Die Sozialraumkoordination stellt sich vor: wer wir sind, was wir tun und wie Sie uns "
        "erreichen.",
        show_in_menus=True,
    ),
    FixedPage(
        "das-sozialraumgebiet",
        "Das Sozialraumgebiet",
        "Geschichte, Menschen und Zahlen: das Gebiet im Überblick.",
        show_in_menus=True,
    ),
    FixedPage(
        "arbeitskreise",
        "Arbeitskreise",
        "In den Arbeitskreisen und Netzwerken arbeiten Einrichtungen, Vereine, Initiativen und "
        "Bewohner*innen zusammen.",
        show_in_menus=True,
        page_class=NetworkIndexPage,
    ),
    NEWS_PAGE,
    CALENDAR_PAGE,
    DIRECTORY_PAGE,
    PROJECTS_PAGE,
    *LEGAL_PAGES,
]


@dataclass
class SetupReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)

    def add(self, was_created, label):
        (self.created if was_created else self.updated).append(label)


def load_districts(path=None):
    """Read and check the districts file; raise SetupError naming every problem."""
    path = path or settings.SRK_DISTRICTS_FILE
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SetupError(f"Cannot read the districts file {path}: {exc}") from exc

    entries = data.get("district", [])
    problems, seen = [], set()
    for number, entry in enumerate(entries, start=1):
        where = f"district #{number} ({entry.get('slug', '?')})"
        missing = DISTRICT_KEYS - entry.keys()
        if missing:
            problems.append(f"{where}: missing {', '.join(sorted(missing))}")
            continue
        if not SLUG.match(entry["slug"]):
            problems.append(f"{where}: slug must be lowercase letters, digits and hyphens")
        if entry["slug"] in seen:
            problems.append(f"{where}: slug appears twice")
        seen.add(entry["slug"])
        try:
            validate_accent_colour(entry["accent_colour"])
        except ValidationError as exc:
            problems.append(f"{where}: accent_colour: {' '.join(exc.messages)}")
    if not entries:
        problems.append("no [[district]] entries")
    if problems:
        raise SetupError("The districts file has problems:\n  " + "\n  ".join(problems))
    return entries


def site_hostname(slug=None):
    base = settings.SRK_BASE_DOMAIN
    return f"{slug}.{base}" if slug else base


def publish(page):
    page.save_revision().publish()


def ensure_child(parent, page_class, slug, **fields):
    """Return (page, created): the live child with this slug, added if missing."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        return existing, False
    page = page_class(slug=slug, **fields)
    parent.add_child(instance=page)
    publish(page)
    return page, True


def ensure_fixed_pages(parent, fixed_pages, report, label):
    for fixed in fixed_pages:
        body = {"body": fixed.body()} if fixed.body else {}
        page, created = ensure_child(
            parent,
            fixed.page_class,
            fixed.slug,
            title=fixed.title,
            intro=fixed.intro,
            show_in_menus=fixed.show_in_menus,
            **body,
        )
        # Fill in a body that is still empty; never overwrite what editors wrote.
        if not created and body and not page.body:
            page.body = body["body"]
            publish(page)
        report.add(created, f"{label} / {fixed.title}")


def ensure_site_service_pages(home, district, report, label):
    """Leichte Sprache and the accessibility statement's feedback form."""
    from srk_site.fixed_content import ensure_accessibility_statement, ensure_easy_language_page

    _page, created = ensure_easy_language_page(home, district)
    report.add(created, f"{label} / Leichte Sprache")
    ensure_accessibility_statement(home)


def ensure_site(root_page, hostname, site_name, is_default):
    site = Site.objects.filter(root_page=root_page).first() or Site(root_page=root_page)
    site.hostname = hostname
    site.port = settings.SRK_SITE_PORT
    site.site_name = site_name
    site.is_default_site = is_default
    created = site.pk is None
    site.save()
    return site, created


def remove_wagtail_welcome_page():
    """Wagtail's initial migration leaves a placeholder page and site; replace them."""
    for page in Page.objects.filter(depth=2, slug="home", numchild=0).exact_type(Page):
        page.delete()


def load_taxonomy(path=None):
    try:
        with open(path or settings.SRK_TAXONOMY_FILE, "rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SetupError(f"Cannot read the taxonomy file: {exc}") from exc


def ensure_taxonomy(report):
    """Add missing categories and target groups; never rename or remove an editor's."""
    data = load_taxonomy()
    for model, key in ((Category, "category"), (TargetGroup, "target_group"), (Topic, "topic")):
        for position, entry in enumerate(data.get(key, []), start=1):
            _term, created = model.objects.get_or_create(
                slug=entry["slug"], defaults={"name": entry["name"], "sort_order": position * 10}
            )
            if created:
                report.add(True, f"{key} {entry['slug']}")


@transaction.atomic
def setup_portal(districts=None):
    districts = districts if districts is not None else load_districts()
    report = SetupReport()
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        _locale, created = Locale.objects.get_or_create(language_code=code)
        if created:
            report.add(True, f"locale {code}")
    german = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node()
    ensure_taxonomy(report)

    landing = LandingPage.objects.filter(locale=german, depth=2).first()
    if landing is None:
        landing = LandingPage(title=LANDING_TITLE, slug="startseite", locale=german)
        root.add_child(instance=landing)
        publish(landing)
        report.add(True, "landing page")
    remove_wagtail_welcome_page()
    # The default site must not share its host with an old placeholder site.
    Site.objects.filter(is_default_site=True).exclude(root_page=landing).update(
        is_default_site=False
    )
    _site, created = ensure_site(landing, site_hostname(), LANDING_TITLE, is_default=True)
    report.add(created, "landing site")
    ensure_fixed_pages(landing, LANDING_PAGES, report, "landing")
    ensure_site_service_pages(landing, None, report, "landing")
    ensure_editorial_role(landing)
    ensure_directory_workflow()

    for entry in districts:
        district, created = District.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "name": entry["name"],
                "veedel": ", ".join(entry["veedel"]),
                "carrier": entry["carrier"],
                "accent_colour": entry["accent_colour"],
                "sort_order": entry["sort_order"],
            },
        )
        report.add(created, f"district {district.slug}")
        home = DistrictHomePage.objects.filter(district=district, locale=german).first()
        if home is None:
            home = DistrictHomePage(
                title=district.name, slug=district.slug, district=district, locale=german
            )
            root.add_child(instance=home)
            publish(home)
            report.add(True, f"{district.slug} home page")
        site, created = ensure_site(home, site_hostname(district.slug), district.name, False)
        report.add(created, f"{district.slug} site")
        if district.site_id != site.pk:
            district.site = site
            district.save(update_fields=["site"])
        ensure_fixed_pages(home, DISTRICT_PAGES, report, district.slug)
        ensure_site_service_pages(home, district, report, district.slug)
        ensure_district_roles(district, home)
    return report
