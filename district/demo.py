"""Demo networks, news, press releases and projects for every district.

Networks come from the working groups in demo_content.toml, news and projects from
demo_news.toml. Only what is missing is added (matched by slug), so re-runs change nothing.
"""

import io
import tomllib
from datetime import date, timedelta

from django.conf import settings
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.images import get_image_model

from district.models import (
    NetworkPage,
    NewsIndexPage,
    NewsPage,
    PressPhoto,
    ProjectIndexPage,
    ProjectPage,
    Topic,
)
from events.models import EventPage
from people.models import Organisation, Person
from srk_site.demo_media import veedel_illustration
from srk_site.text import paragraph_stream


def publish_new(parent, page):
    # add_child saves with full validation, as a live page must pass.
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def add_networks(index, working_groups):
    """One NetworkPage per working group, linked to its next meeting where one exists."""
    for group in working_groups:
        slug = slugify(group["name"].replace("ß", "ss"))[:80]
        if index.get_children().filter(slug=slug).exists():
            continue
        meeting = (
            EventPage.objects.live()
            .descendant_of(index.get_parent())
            .filter(title__icontains=group["name"])
            .first()
        )
        publish_new(
            index,
            NetworkPage(
                title=group["name"],
                slug=slug,
                purpose=group["purpose"],
                members_note=group["members"],
                rhythm=group["rhythm"],
                contact_note=group["contact"],
                next_meeting=meeting,
            ),
        )


def load_demo_news(path=None):
    try:
        with open(path or settings.SRK_DEMO_NEWS_FILE, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        return {}


def press_photo_image(data, seed, accent):
    Image = get_image_model()
    title = data["caption"][:200]
    image = Image.objects.filter(title=title).first()
    if image is None:
        png = io.BytesIO(veedel_illustration(accent, seed, size=(2400, 1600)))
        image = Image(title=title, credit=data["credit"], file=ImageFile(png, name=f"{seed}.png"))
        image.save()
    return image


def month(value):
    return date.fromisoformat(f"{value}-01") if value else None


def add_news(data, index, lookups, today):
    topics, people = lookups
    if NewsPage.objects.filter(slug=data["external_id"]).exists():
        return False
    news = NewsPage(
        title=data["title"],
        slug=data["external_id"],
        date=today - timedelta(days=data["days_ago"]),
        author=data["author"],
        kind=data["kind"],
        teaser=data["teaser"],
        body=paragraph_stream(data["body"]),
        press_contact=people.get(data["press_contact"]),
        propose_for_landing=data["featured"],
    )
    accent = index.district.accent_colour if index.district else "#1f4e79"
    photos = [
        PressPhoto(
            image=press_photo_image(photo, f"{data['external_id']}-{n}", accent),
            caption=photo["caption"],
        )
        for n, photo in enumerate(data["photos"])
    ]
    if photos:
        news.image = photos[0].image
    if news.kind == "pressemitteilung":
        news.press_photos = photos
    news.topics = [topics[s] for s in data["topics"] if s in topics]
    publish_new(index, news)
    return True


def add_project(data, index, lookups):
    topics, people = lookups
    if ProjectPage.objects.filter(slug=data["external_id"]).exists():
        return False
    project = ProjectPage(
        title=data["title"],
        slug=data["external_id"],
        teaser=data["teaser"],
        body=paragraph_stream(data["body"]),
        period_start=month(data["period_start"]),
        period_end=month(data["period_end"]),
        status=data["status"],
        outcomes=data["outcomes"],
        contact=people.get(data["contact"]),
        propose_for_landing=data["featured"],
    )
    project.topics = [topics[s] for s in data["topics"] if s in topics]
    project.partners = list(Organisation.objects.filter(external_id__in=data["partners"]))
    publish_new(index, project)
    return True


def add_demo_news(progress=None):
    data = load_demo_news()
    today = timezone.localdate()
    lookups = (
        {t.slug: t for t in Topic.objects.all()},
        {p.external_id: p for p in Person.objects.exclude(external_id=None)},
    )
    news_indexes = {i.district.slug: i for i in NewsIndexPage.objects.filter(depth=3) if i.district}
    project_indexes = {
        i.district.slug: i for i in ProjectIndexPage.objects.filter(depth=3) if i.district
    }
    added = 0
    for item in data.get("news", []):
        if item["district"] in news_indexes:
            added += add_news(item, news_indexes[item["district"]], lookups, today)
    for item in data.get("project", []):
        if item["district"] in project_indexes:
            added += add_project(item, project_indexes[item["district"]], lookups)
    if progress:
        progress(f"  demo news and projects: {added} added")
    return added
