"""German text helpers shared by slugs, sorting and search."""

import re
import unicodedata

from django.utils.html import escape

GERMAN_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)


def fold_german(text):
    """'Höhenberg Straße' -> 'hoehenberg strasse': the spelling people type without
    umlaut keys. Other accents are dropped (é -> e); Turkish dotless ı stays searchable."""
    transliterated = (text or "").translate(GERMAN_TRANSLITERATION)
    decomposed = unicodedata.normalize("NFKD", transliterated)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def paragraphs_html(text):
    """Plain text with blank lines between paragraphs -> escaped <p> elements."""
    parts = re.split(r"\n\s*\n", text or "")
    return "".join(f"<p>{escape(part.strip())}</p>" for part in parts if part.strip())


def paragraph_stream(text):
    """The same text as a StreamField value of one paragraph block (empty if no text)."""
    html = paragraphs_html(text)
    return [{"type": "paragraph", "value": html}] if html else []
