"""Content every site needs from the start: the page in Leichte Sprache, the
accessibility statement and its feedback form. The texts live in
srk_site/data/fixed_pages.toml; they are written only into new or empty pages, so an
editor's changes survive every re-run of setup_portal."""

import re
import tomllib
from functools import cache

from django.conf import settings
from django.utils.html import escape

from district.models import ContentPage, FormField, FormPage


@cache
def fixed_texts():
    with open(settings.SRK_FIXED_PAGES_FILE, "rb") as fh:
        return tomllib.load(fh)


def markup_stream(text, **values):
    """The data file's simple markup as StreamField data (see the file's header)."""
    stream = []
    for part in re.split(r"\n\s*\n", text.format(**values)):
        lines = [line.strip() for line in part.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("## "):
            stream.append({"type": "heading", "value": {"text": lines[0][3:], "level": "h2"}})
        elif all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{escape(line[2:])}</li>" for line in lines)
            stream.append({"type": "paragraph", "value": f"<ul>{items}</ul>"})
        else:
            stream.append({"type": "paragraph", "value": "<br/>".join(map(escape, lines))})
    return stream


def teasers(title, pages):
    return {"type": "page_teasers", "value": {"title": title, "pages": [p.pk for p in pages]}}


def _fill_if_empty(page, body, **fields):
    if page.body:
        return False
    page.body = body
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return True


def ensure_easy_language_page(home, district=None):
    """The site's page in Leichte Sprache (linked from every header). Returns (page, created)."""
    from srk_site.portal_setup import ensure_child

    texts = fixed_texts()["leichte_sprache"]
    page, created = ensure_child(
        home, ContentPage, texts["slug"], title=texts["title"], intro=texts["intro"]
    )
    if district is not None:
        carrier = f"{district.carrier} leitet das Büro." if district.carrier else ""
        body = markup_stream(
            texts["district_body"], gebiet=district.name, veedel=district.veedel, traeger=carrier
        )
        linked = ["ueber-uns", "adressen", "termine"]
    else:
        body = markup_stream(texts["landing_body"])
        linked = ["das-programm", "adressen", "termine"]
    by_slug = {p.slug: p for p in home.get_children().filter(slug__in=linked)}
    links = [by_slug[slug] for slug in linked if slug in by_slug]
    if links:
        body.append(teasers(texts["teaser_title"], links))
    _fill_if_empty(page, body)
    return page, created


def ensure_accessibility_statement(home):
    """The BITV statement and its "Barriere melden" form below it. Returns the form page."""
    from srk_site.portal_setup import ensure_child

    texts = fixed_texts()
    statement = home.get_children().filter(slug=texts["barrierefreiheit"]["slug"]).first()
    if statement is None:
        return None
    statement = statement.specific
    form_texts = texts["barriere_melden"]
    form_page, created = ensure_child(
        statement,
        FormPage,
        form_texts["slug"],
        title=form_texts["title"],
        intro=form_texts["intro"],
        privacy_note=form_texts["privacy_note"],
        thank_you_text=f"<p>{escape(form_texts['thank_you'])}</p>",
        form_fields=[
            FormField(
                label=field["label"],
                field_type=field["field_type"],
                required=field["required"],
                help_text=field.get("help_text", ""),
                sort_order=position,
            )
            for position, field in enumerate(form_texts["field"])
        ],
    )
    call_to_action = {
        "type": "call_to_action",
        "value": {
            "title": form_texts["cta_title"],
            "text": form_texts["cta_text"],
            "link_text": form_texts["cta_link"],
            "page": form_page.pk,
            "url": "",
        },
    }
    _fill_if_empty(statement, [*markup_stream(texts["barrierefreiheit"]["body"]), call_to_action])
    return form_page
