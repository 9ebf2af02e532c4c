"""Load data for benchmarks: thousands of events, news, projects and directory entries.

Texts come from the demo data files (srk_site/data/*.toml), recombined per district with
a seeded random generator, so the same seed gives the same content. Creating tens of
thousands of pages one by one through treebeard takes far too long, so pages are written
in bulk: this module computes the tree paths (materialised path, depth, numchild) and
url_paths itself, inserts the Page rows and then the rows of the specific page tables,
and afterwards rebuilds event occurrences and the search index in batches.
"""

import io
import random
import uuid
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal

from django.core.files.images import ImageFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Page

from district.demo import load_demo_news
from district.models import District, NewsPage, ProjectPage, Topic
from events.demo import load_demo_events
from events.models import EventDate, EventPage, Occurrence
from events.models.occurrences import horizon_date, occurrence_rows
from events.recurrence import MONTHLY, WEEKLY
from people.demo import load_demo_directory
from people.models import Category, OpeningHours, Organisation, Person, TargetGroup
from people.models.entries import sort_key
from srk_site.demo_media import veedel_illustration
from srk_site.images import LISTING_RENDITIONS
from srk_site.text import GERMAN_TRANSLITERATION, paragraph_stream

# Per unit of scale and per district (issue 9).
PER_DISTRICT = {"events": 1000, "news": 500, "organisations": 300, "people": 100, "projects": 50}
RECURRING_SHARE = 0.1
IMAGE_COUNT = 12
EXTERNAL_PREFIX = "load-"
BATCH = 2000

FIRST_NAMES = ["Aylin", "Jonas", "Mehmet", "Sabine", "Fatma", "Lukas", "Elif", "Petra"]
FIRST_NAMES += ["Karim", "Anna", "Dimitri", "Hannelore", "Yusuf", "Marie", "Olga", "Tobias"]
LAST_NAMES = ["Schmitz", "Yılmaz", "Becker", "Nowak", "Hoffmann", "Demir", "Klein", "Wagner"]
LAST_NAMES += ["Haddad", "Krämer", "Öztürk", "Lange", "Esser", "Kaya", "Zimmermann", "Pohl"]
EVENT_SUFFIXES = ["im Frühjahr", "im Sommer", "im Herbst", "im Winter", "für Familien"]
EVENT_SUFFIXES += ["mit Nachbarinnen und Nachbarn", "für Jugendliche", "für Senior*innen"]
NEWS_PREFIXES = ["", "Rückblick: ", "Neu: ", "Jetzt anmelden: ", "Aus dem Arbeitskreis: "]
ORG_SUFFIXES = ["", " – Zweigstelle", " am Markt", " im Veedel", " – Treffpunkt", " Süd", " Nord"]


@dataclass
class Vocabulary:
    events: list
    news: list
    projects: list
    organisations: list
    people: list

    @classmethod
    def from_demo_files(cls):
        news_data = load_demo_news()
        directory = load_demo_directory()
        return cls(
            events=load_demo_events(),
            news=news_data.get("news", []),
            projects=news_data.get("project", []),
            organisations=directory.get("organisation", []),
            people=directory.get("person", []),
        )


def slug_for(text, number):
    base = slugify(text.translate(GERMAN_TRANSLITERATION))[:60] or "eintrag"
    return f"{base}-{number}"


class LoadDataBuilder:
    """Builds the load data for the given districts; `progress(message)` reports."""

    def __init__(self, per_district, seed=1, progress=None, today=None):
        self.per_district = per_district
        self.seed = seed
        self.progress = progress or (lambda message: None)
        self.today = today or timezone.localdate()
        self.vocabulary = Vocabulary.from_demo_files()
        self.categories = list(Category.objects.order_by("pk"))
        self.target_groups = list(TargetGroup.objects.order_by("pk"))
        self.topics = list(Topic.objects.order_by("pk"))

    def rng(self, *parts):
        # One generator per district and kind: adding a district changes no other's data.
        return random.Random(f"{self.seed}:{':'.join(str(p) for p in parts)}")  # noqa: S311

    # Orchestration -----------------------------------------------------------------------

    def build(self, districts):
        images = self.images()
        totals = dict.fromkeys(PER_DISTRICT, 0)
        for number, district in enumerate(districts, start=1):
            with transaction.atomic():
                organisations = self.organisations(district, images)
                people = self.people(district, organisations)
                events = self.events(district, organisations, images)
                news = self.news(district, images, people)
                projects = self.projects(district, images, organisations, people)
            for key, created in (
                ("organisations", organisations),
                ("people", people),
                ("events", events),
                ("news", news),
                ("projects", projects),
            ):
                totals[key] += len(created)
            self.progress(
                f"[{number}/{len(districts)}] {district.name}: "
                + ", ".join(
                    f"{len(v)} {k}" for k, v in (("Termine", events), ("Nachrichten", news))
                )
            )
        return totals

    def images(self):
        Image = get_image_model()
        existing = list(Image.objects.filter(title__startswith="Lastdaten-Bild").order_by("pk"))
        if len(existing) >= IMAGE_COUNT:
            return existing
        accents = list(District.objects.values_list("accent_colour", flat=True)) or ["#1f5f8b"]
        for number in range(len(existing), IMAGE_COUNT):
            png = veedel_illustration(accents[number % len(accents)], number, size=(1200, 675))
            image = Image(
                title=f"Lastdaten-Bild {number + 1}",
                credit="Lastdaten / Lebenswerte Veedel",
                file=ImageFile(io.BytesIO(png), name=f"lastdaten-{number + 1}.png"),
            )
            image.save()
            existing.append(image)
        for image in existing:
            # The listing cards' renditions, written now so no visitor waits for them.
            image.get_renditions(*LISTING_RENDITIONS)
        return existing

    # Directory ---------------------------------------------------------------------------

    def organisations(self, district, images):
        rng = self.rng(district.slug, "organisations")
        templates = [o for o in self.vocabulary.organisations if district.slug in o["districts"]]
        templates = templates or self.vocabulary.organisations
        count = self.per_district["organisations"]
        rows, hours = [], []
        for number in range(count):
            data = templates[number % len(templates)]
            name = f"{data['name']}{rng.choice(ORG_SUFFIXES)} {number // len(templates) + 1}"
            latitude = Decimal(str(data["latitude"])) + Decimal(rng.randint(-90, 90)) / 10000
            longitude = Decimal(str(data["longitude"])) + Decimal(rng.randint(-90, 90)) / 10000
            rows.append(
                Organisation(
                    external_id=f"{EXTERNAL_PREFIX}{district.slug}-o{number}",
                    name=name,
                    slug=slug_for(name, f"{district.pk}-{number}"),
                    sort_name=sort_key(name),
                    description=data["description"],
                    street=data["street"],
                    postcode=data["postcode"],
                    veedel=data["veedel"],
                    latitude=latitude.quantize(Decimal("0.000001")),
                    longitude=longitude.quantize(Decimal("0.000001")),
                    opening_note=data["opening_note"],
                    phone=data["phone"],
                    email=data["email"],
                    website=data["website"],
                    languages=", ".join(data["languages"]),
                    step_free=rng.random() < 0.5,
                    carrier=data["carrier"],
                    image=rng.choice(images) if rng.random() < 0.3 else None,
                    **published(),
                )
            )
        rows = bulk_entries(Organisation, rows, district, "o")
        self._link_terms(Organisation, rows, rng)
        for organisation in rows:
            for weekday in sorted(rng.sample(range(5), 2)):
                opens = rng.choice([8, 9, 10, 14])
                hours.append(
                    OpeningHours(
                        organisation=organisation,
                        weekday=weekday,
                        opens=time(opens),
                        closes=time(opens + rng.choice([2, 3, 4])),
                        sort_order=len(hours),
                    )
                )
        OpeningHours.objects.bulk_create(hours, batch_size=BATCH)
        return rows

    def people(self, district, organisations):
        rng = self.rng(district.slug, "people")
        roles = [p["role"] for p in self.vocabulary.people if p.get("role")] or ["Beratung"]
        rows = []
        for number in range(self.per_district["people"]):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            organisation = rng.choice(organisations) if organisations else None
            rows.append(
                Person(
                    external_id=f"{EXTERNAL_PREFIX}{district.slug}-p{number}",
                    name=name,
                    role=rng.choice(roles),
                    organisation=organisation,
                    phone=f"0221 4710-{rng.randint(0, 999):03d}",
                    email=f"{slugify(name)}@beispiel.example",
                    **published(),
                )
            )
        return bulk_entries(Person, rows, district, "p")

    def _link_terms(self, model, objects, rng):
        """Two categories and two target groups per object, in one insert each."""
        owner = f"{model._meta.model_name}_id"
        for name, terms, column in (
            ("categories", self.categories, "category_id"),
            ("target_groups", self.target_groups, "targetgroup_id"),
        ):
            through = getattr(model, name).through
            links = [
                through(**{owner: obj.pk, column: term.pk})
                for obj in objects
                for term in rng.sample(terms, min(2, len(terms)))
            ]
            through.objects.bulk_create(links, batch_size=BATCH)

    # Pages -------------------------------------------------------------------------------

    def _index(self, district, slug):
        home = district.home_page
        return Page.objects.get(url_path=f"{home.url_path}{slug}/", locale_id=home.locale_id)

    def _bulk_pages(self, parent, pages):
        """Insert pages below parent: tree columns first, then the specific table."""
        model = type(pages[0])
        parent.refresh_from_db()
        last = parent.get_last_child()
        start = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
        now = timezone.now()
        for offset, page in enumerate(pages):
            page.path = Page._get_path(parent.path, parent.depth + 1, start + offset)
            page.depth = parent.depth + 1
            page.numchild = 0
            page.url_path = f"{parent.url_path}{page.slug}/"
            page.locale_id = parent.locale_id
            page.translation_key = uuid.uuid4()
            page.draft_title = page.title
            page.live = True
            page.has_unpublished_changes = False
            page.first_published_at = page.last_published_at = now
        base_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
        base_rows = [Page(**{f.attname: getattr(p, f.attname) for f in base_fields}) for p in pages]
        Page.objects.bulk_create(base_rows, batch_size=BATCH)
        for page, base in zip(pages, base_rows, strict=True):
            page.pk = page.page_ptr_id = base.pk
        specific_fields = model._meta.local_concrete_fields
        # Django refuses bulk_create for multi-table inheritance; the parent rows exist,
        # so insert only the child table.
        model._base_manager.all()._batched_insert(pages, specific_fields, BATCH)
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
        return pages

    def events(self, district, organisations, images):
        rng = self.rng(district.slug, "events")
        templates = [e for e in self.vocabulary.events if e["district"] == district.slug]
        templates = templates or self.vocabulary.events
        count = self.per_district["events"]
        pages, dates = [], []
        for number in range(count):
            data = templates[number % len(templates)]
            title = f"{data['title']} {rng.choice(EVENT_SUFFIXES)}"
            venue = rng.choice(organisations) if organisations and rng.random() < 0.6 else None
            pages.append(
                EventPage(
                    title=title,
                    slug=slug_for(title, number),
                    teaser=data["teaser"][:400],
                    body=paragraph_stream(data.get("description", "")),
                    venue=venue,
                    venue_name="" if venue else data.get("venue_name", ""),
                    venue_address="" if venue else data.get("venue_address", ""),
                    organiser=rng.choice(organisations) if organisations else None,
                    image=rng.choice(images) if rng.random() < 0.3 else None,
                    is_free=not data.get("cost"),
                    cost=data.get("cost", ""),
                    registration_contact=data.get("registration_contact", "")[:255],
                )
            )
            # Spread single dates over a year back and a year ahead; series start soon.
            recurring = number % round(1 / RECURRING_SHARE) == 0
            start_hour = rng.choice([9, 10, 14, 15, 17, 18])
            event_date = EventDate(
                start_date=self.today + timedelta(days=rng.randint(-365, 365)),
                start_time=time(start_hour),
                end_time=time(start_hour + 2),
                sort_order=0,
            )
            if recurring:
                event_date.start_date = self.today + timedelta(days=rng.randint(-60, 30))
                weekday = event_date.start_date.weekday()
                if rng.random() < 0.7:
                    event_date.repeat, event_date.weekdays = WEEKLY, [weekday]
                    event_date.interval = rng.choice([1, 1, 2])
                else:
                    event_date.repeat, event_date.weekdays = MONTHLY, [weekday]
                    event_date.monthly_position = min((event_date.start_date.day - 1) // 7 + 1, 4)
                    event_date.interval = 1
                event_date.repeat_until = event_date.start_date + timedelta(days=330)
            dates.append(event_date)
        self._bulk_pages(self._index(district, "termine"), pages)
        for page, event_date in zip(pages, dates, strict=True):
            event_date.event_id = page.pk
        EventDate.objects.bulk_create(dates, batch_size=BATCH)
        self._link_terms(EventPage, pages, rng)
        horizon = horizon_date(self.today)
        occurrences = []
        for page, event_date in zip(pages, dates, strict=True):
            occurrences.extend(occurrence_rows(page, district, horizon, dates=[event_date]))
        Occurrence.objects.bulk_create(occurrences, batch_size=BATCH)
        return pages

    def news(self, district, images, people):
        rng = self.rng(district.slug, "news")
        templates = [n for n in self.vocabulary.news if n["district"] == district.slug]
        templates = templates or self.vocabulary.news
        pages = []
        for number in range(self.per_district["news"]):
            data = templates[number % len(templates)]
            title = f"{rng.choice(NEWS_PREFIXES)}{data['title']}"
            pages.append(
                NewsPage(
                    title=title[:255],
                    slug=slug_for(title, number),
                    date=self.today - timedelta(days=rng.randint(0, 1500)),
                    author=data["author"],
                    kind=data["kind"],
                    teaser=data["teaser"][:500],
                    body=paragraph_stream(data["body"]),
                    image=rng.choice(images) if rng.random() < 0.6 else None,
                    press_contact=rng.choice(people)
                    if data["kind"] == "pressemitteilung"
                    else None,
                )
            )
        self._bulk_pages(self._index(district, "aktuelles"), pages)
        self._topics(NewsPage, pages, rng)
        return pages

    def _topics(self, model, pages, rng):
        if not self.topics:
            return
        through = model.topics.through
        owner = f"{model._meta.model_name}_id"
        through.objects.bulk_create(
            [through(**{owner: p.pk, "topic_id": rng.choice(self.topics).pk}) for p in pages],
            batch_size=BATCH,
        )

    def projects(self, district, images, organisations, people):
        rng = self.rng(district.slug, "projects")
        templates = [p for p in self.vocabulary.projects if p["district"] == district.slug]
        templates = templates or self.vocabulary.projects
        pages = []
        for number in range(self.per_district["projects"]):
            data = templates[number % len(templates)]
            title = f"{data['title']} ({number // len(templates) + 1}. Runde)"
            start = date(2020 + rng.randint(0, 5), rng.randint(1, 12), 1)
            pages.append(
                ProjectPage(
                    title=title[:255],
                    slug=slug_for(title, number),
                    teaser=data["teaser"][:500],
                    body=paragraph_stream(data.get("body", "")),
                    outcomes="\n".join(data.get("outcomes", [])),
                    period_start=start,
                    period_end=start + timedelta(days=rng.randint(90, 700)),
                    status=rng.choice(["geplant", "laufend", "abgeschlossen"]),
                    image=rng.choice(images) if rng.random() < 0.7 else None,
                    contact=rng.choice(people) if people else None,
                )
            )
        self._bulk_pages(self._index(district, "projekte"), pages)
        self._topics(ProjectPage, pages, rng)
        through = ProjectPage.partners.through
        through.objects.bulk_create(
            [
                through(projectpage_id=p.pk, organisation_id=o.pk)
                for p in pages
                for o in rng.sample(organisations, min(2, len(organisations)))
            ],
            batch_size=BATCH,
        )
        return pages


def published():
    """The columns of a published snippet with DraftStateMixin."""
    now = timezone.now()
    return {
        "live": True,
        "has_unpublished_changes": False,
        "first_published_at": now,
        "last_published_at": now,
    }


def bulk_entries(model, rows, district, marker):
    """Insert directory entries, read them back with their keys, link the district."""
    model.objects.bulk_create(rows, batch_size=BATCH)
    prefix = f"{EXTERNAL_PREFIX}{district.slug}-{marker}"
    rows = list(model.objects.filter(external_id__startswith=prefix).order_by("pk"))
    through = model.districts.through
    owner = f"{model._meta.model_name}_id"
    through.objects.bulk_create(
        [through(**{owner: row.pk, "district_id": district.pk}) for row in rows],
        batch_size=BATCH,
    )
    return rows


def existing_load_data():
    return Organisation.objects.filter(external_id__startswith=EXTERNAL_PREFIX).exists()


def rebuild_search_index(progress):
    """Index every page and directory entry in batches through the search backend."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    total = 0
    for model in (EventPage, NewsPage, ProjectPage, Organisation, Person):
        queryset = model.objects.order_by("pk")
        if model in (Organisation, Person):
            queryset = queryset.filter(live=True)
        else:
            queryset = queryset.live()
        queryset = queryset.select_related(*(["venue"] if model is EventPage else []))
        if model is Organisation:
            queryset = queryset.prefetch_related("categories")
        count = queryset.count()
        for start in range(0, count, 1000):
            batch = list(queryset[start : start + 1000])
            backend.add_bulk(model, batch)
            total += len(batch)
            progress(f"  Suchindex {model._meta.verbose_name_plural}: {start + len(batch)}/{count}")
    if connection.vendor == "postgresql":
        # Bulk indexing rewrites every entry (title norms), leaving a dead copy of each
        # that full-text scans would read until autovacuum comes by. VACUUM cannot run
        # inside a transaction (as in tests), ANALYZE can.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    return total
