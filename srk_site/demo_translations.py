"""A few demo pages in English, Turkish and Arabic (srk_site/data/demo_translations.toml),
so the demo shows translated pages beside German pages shown with a note.

They are plain Wagtail translations (copy_for_translation), which editors change in the
normal page editor; translations made in the admin go through wagtail-localize instead.
"""

import tomllib

from django.conf import settings
from wagtail.models import Locale, Site

from srk_site.fixed_content import markup_stream
from srk_site.portal_setup import publish, site_hostname


def load_demo_translations(path=None):
    with open(path or settings.SRK_DEMO_TRANSLATIONS_FILE, "rb") as fh:
        return tomllib.load(fh)["page"]


def source_page(entry):
    site = Site.objects.get(hostname=site_hostname(entry["site"] or None))
    home = site.root_page.specific
    if not entry["slug"]:
        return home
    return home.get_children().get(slug=entry["slug"]).specific


def add_demo_translations(progress=None):
    """Translate the pages in the data file where no translation exists; returns the count."""
    added = 0
    for entry in load_demo_translations():
        source = source_page(entry)
        keep = entry.get("keep", [])
        kept = [
            {"type": block["type"], "value": block["value"]}
            for block in source.body.get_prep_value()
            if block["type"] in keep
        ]
        for code, text in entry.items():
            if code not in {c for c, _name in settings.LANGUAGES}:
                continue
            locale = Locale.objects.get(language_code=code)
            if source.get_translation_or_none(locale) is not None:
                continue
            translated = source.copy_for_translation(locale, copy_parents=True)
            translated.title = text.get("title", source.title)
            translated.intro = text["intro"]
            body = markup_stream(text["body"]) if "body" in text else []
            translated.body = body + kept
            translated.save()
            publish(translated)
            added += 1
    if progress:
        progress(f"  demo translations: {added} pages")
    return added
