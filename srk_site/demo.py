"""Demo content for every site, from srk_site/data/demo_content.toml.

Fills pages only where nobody has written content yet, so running it again changes
nothing and never overwrites an editor's work. All people in the demo are invented.
"""

import io
import json
import tomllib
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale

from district.demo import add_demo_news, add_networks
from district.demo_accounts import add_demo_accounts, add_waiting_proposals
from district.models import District, DistrictHomeContact, DistrictHomePage, NewsPage
from events.demo import add_demo_events
from home.models import LandingPage
from people.demo import add_demo_directory
from people.models import Person
from srk_site.demo_media import simple_pdf, veedel_illustration
from srk_site.demo_translations import add_demo_translations
from srk_site.portal_setup import publish
from srk_site.text import paragraphs_html

DEMO_CREDIT = "Lebenswerte Veedel / Demo-Illustration"
# Districts whose pages the landing page features in the demo.
FEATURED_DISTRICTS = [
    "kalk",
    "chorweiler",
    "muelheim",
    "hoehenberg-vingst",
    "porz-mitte",
    "bilderstoeckchen",
]


def load_demo_content(path=None):
    with open(path or settings.SRK_DEMO_CONTENT_FILE, "rb") as fh:
        return tomllib.load(fh)


# Raw StreamField values -------------------------------------------------------------


def block(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def list_items(values):
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def heading(text, level="h2"):
    return block("heading", {"text": text, "level": level})


def rich_text(text):
    return block("paragraph", paragraphs_html(text))


def accordion(title, items):
    entries = [{"heading": q, "content": paragraphs_html(a)} for q, a in items]
    return block("accordion", {"title": title, "items": list_items(entries)})


def teasers(title, pages):
    return block("page_teasers", {"title": title, "pages": list_items([p.pk for p in pages])})


def quote(data):
    return block("quote", {"quote": data["text"], "attribution": data["attribution"]})


def call_to_action(title, text, link_text, page):
    return block(
        "call_to_action",
        {"title": title, "text": text, "link_text": link_text, "page": page.pk, "url": ""},
    )


def image_block(image, caption=""):
    return block(
        "image",
        {"image": image.pk, "alt_text": "", "decorative": True, "caption": caption},
    )


def fill(page, body, **fields):
    """Give an untouched page its demo content; leave a page with content alone."""
    if len(page.body):
        return False
    for name, value in fields.items():
        setattr(page, name, value)
    page.body = json.dumps(body)
    publish(page)
    return True


# Media ----------------------------------------------------------------------------------


def demo_image(title, accent_colour, seed, description=""):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        png = io.BytesIO(veedel_illustration(accent_colour, seed))
        image = Image(
            title=title,
            credit=DEMO_CREDIT,
            description=description,
            file=ImageFile(png, name=f"demo-{seed}.png"),
        )
        image.save()
    return image


def demo_document(title, paragraphs, filename):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title, file=ContentFile(simple_pdf(title, paragraphs), filename))
        document.save()
    return document


# Sites ------------------------------------------------------------------------------------


def child(page, slug):
    return page.get_children().get(slug=slug).specific


def contact(title, person):
    return block("contact", {"title": title, "person": person.pk})


def add_home_contacts(home, people):
    """List the district's contacts on its home page, once."""
    if home.contacts.exists() or not people:
        return
    for person in people:
        home.contacts.add(DistrictHomeContact(person=person))
    publish(home)


def fill_district(district, home, text, coordinator):
    filled = 0
    short_name = district.veedel_list[0] if len(district.veedel_list) == 1 else district.name
    about, area, groups = (
        child(home, s) for s in ("ueber-uns", "das-sozialraumgebiet", "arbeitskreise")
    )
    hero = demo_image(
        f"{district.name}: Illustration Veedel", district.accent_colour, district.slug
    )
    filled += fill(
        about,
        [
            heading("Ihre Sozialraumkoordination"),
            rich_text(text["about_text"]),
            contact("So erreichen Sie uns", coordinator),
            accordion("Häufige Fragen", [(f["question"], f["answer"]) for f in text["faq"]]),
        ],
    )
    filled += fill(
        area,
        [
            rich_text(text["area_text"]),
            block(
                "key_figures",
                {
                    "title": f"{short_name} in Zahlen",
                    "figures": list_items(text["key_figures"]),
                    "source": "Demo-Angaben, gerundet",
                },
            ),
            image_block(hero, f"Das Gebiet {district.name}, gezeichnet"),
        ],
    )
    conference = text["conference"]
    protocol = demo_document(
        f"Protokoll {conference['title']}",
        conference["text"].split("\n\n"),
        f"protokoll-{district.slug}.pdf",
    )
    filled += fill(
        groups,
        [
            rich_text(
                "Die Arbeitskreise sind offen für alle, die im Veedel arbeiten oder sich "
                "engagieren. Schreiben Sie der Ansprechperson, wenn Sie mitmachen möchten."
            ),
            heading(conference["title"]),
            rich_text(conference["text"]),
            block(
                "downloads",
                {
                    "title": "Dokumente zur Konferenz",
                    "documents": list_items([{"document": protocol.pk, "title": ""}]),
                },
            ),
        ],
    )
    add_networks(groups, text["working_groups"])
    filled += fill(
        home,
        [
            rich_text(text["home_text"]),
            call_to_action(text["teaser_title"], text["teaser_text"], "Mehr erfahren", about),
            teasers("Entdecken Sie das Veedel", [about, area, groups]),
            quote(text["quote"]),
        ],
        intro=text["welcome"],
        hero_image=hero,
    )
    return filled


def fill_landing(landing, text, german):
    homes = DistrictHomePage.objects.filter(
        locale=german, district__slug__in=FEATURED_DISTRICTS
    ).order_by("district__sort_order")
    featured = list(homes)
    programme = child(landing, "das-programm")
    filled = fill(
        programme,
        [
            rich_text(text["programme_text"]),
            heading("Die fünf Ziele"),
            *[
                block_item
                for aim in text["aims"]
                for block_item in (heading(aim["title"], "h3"), rich_text(aim["text"]))
            ],
        ],
    )
    proposed = list(NewsPage.objects.live().filter(propose_for_landing=True).order_by("-date")[:6])
    filled += fill(
        landing,
        [
            *([teasers("Ausgewählt aus den Veedeln", proposed)] if proposed else []),
            teasers("Die Veedel stellen sich vor", featured),
            call_to_action(
                "Das Programm Lebenswerte Veedel",
                "Wie die Sozialraumkoordination arbeitet und welche Ziele sie verfolgt.",
                "Zum Programm",
                programme,
            ),
            quote(text["quote"]),
            accordion("Häufige Fragen", [(f["question"], f["answer"]) for f in text["faq"]]),
        ],
        intro=text["intro"],
        hero_image=demo_image("Köln: Illustration Veedel", "#1f4e79", "koeln"),
    )
    return filled


@transaction.atomic
def add_demo_content(progress=None):
    """Fill every site with demo content; returns how many pages were filled."""
    content = load_demo_content()
    german = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    filled = 0
    district_texts = {slug: text for slug, text in content.items() if slug != "landing"}
    coordinators = add_demo_directory(district_texts, progress)
    add_demo_events(progress)
    for district in District.objects.order_by("sort_order"):
        text = content.get(district.slug)
        home = DistrictHomePage.objects.filter(district=district, locale=german).first()
        if text is None or home is None:
            if progress:
                progress(f"  no demo content for {district.slug}, skipped")
            continue
        coordinator = coordinators[district.slug]
        filled += fill_district(district, home, text, coordinator)
        others = Person.objects.published().in_district(district).exclude(pk=coordinator.pk)
        add_home_contacts(home, [coordinator, *others.order_by("external_id")[:2]])
        if progress:
            progress(f"  demo content: {district.name}")
    add_demo_news(progress)
    add_demo_accounts(progress)
    add_waiting_proposals(progress)
    landing = LandingPage.objects.get(locale=german, depth=2)
    filled += fill_landing(landing, content["landing"], german)
    add_demo_translations(progress)
    return filled
