"""Text helpers shared by slugs, sorting and search: German first, Turkish-aware."""

import re
import unicodedata

from django.utils.html import escape

GERMAN_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)


# Turkish has two i's. Residents type either on German keyboards, and str.lower() turns
# "İ" into "i" + U+0307 and leaves "ı" alone, so both fold to a plain "i".
TURKISH_I_FOLDING = str.maketrans({"ı": "i", "İ": "i"})


def fold_german(text):
    """'Höhenberg Straße' -> 'hoehenberg strasse': the spelling people type without
    umlaut keys. Other accents are dropped (é -> e, ş -> s); Turkish İ/I/ı/i all fold to
    'i', so "İstanbul", "ISTANBUL" and "istanbul", or "ılık" and "ILIK", find each other."""
    transliterated = (text or "").translate(GERMAN_TRANSLITERATION).translate(TURKISH_I_FOLDING)
    decomposed = unicodedata.normalize("NFKD", transliterated)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def german_sort_key(text):
    """Alphabetical order as Germans expect it (DIN 5007-1): Ä with A, ß as ss, case and
    accents ignored."""
    folded = (text or "").casefold().replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))


# The Turkish alphabet puts ç after c, ğ after g, ı before i, ö after o, ş after s and
# ü after u. Each letter becomes its base letter plus a rank digit, so the key is plain
# ASCII that sorts the same in Python, SQLite and any PostgreSQL collation (no ICU needed).
TURKISH_LETTERS = {"ç": "c1", "ğ": "g1", "ı": "i0", "i": "i1", "ö": "o1", "ş": "s1", "ü": "u1"}
TURKISH_LOWER = str.maketrans({"I": "ı", "İ": "i"})


def turkish_sort_key(text):
    """Alphabetical order by the Turkish alphabet (a b c ç d e f g ğ h ı i j … ş t u ü v
    y z), case ignored with Turkish case rules (I ↔ ı, İ ↔ i); other accents ignored."""
    lowered = unicodedata.normalize("NFC", (text or "").translate(TURKISH_LOWER).lower())
    units = []
    for char in lowered.replace("ß", "ss"):
        if char in TURKISH_LETTERS:
            units.append(TURKISH_LETTERS[char])
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        units.extend(c + "0" if c.isascii() and c.isalnum() else c for c in base)
    return "".join(units)


def sort_key(text, language="de"):
    """The alphabetical sort key for the interface language: Turkish rules for 'tr',
    German rules otherwise (the names in the directory are mostly German)."""
    return turkish_sort_key(text) if language == "tr" else german_sort_key(text)


def paragraphs_html(text):
    """Plain text with blank lines between paragraphs -> escaped <p> elements."""
    parts = re.split(r"\n\s*\n", text or "")
    return "".join(f"<p>{escape(part.strip())}</p>" for part in parts if part.strip())


def paragraph_stream(text):
    """The same text as a StreamField value of one paragraph block (empty if no text)."""
    html = paragraphs_html(text)
    return [{"type": "paragraph", "value": html}] if html else []
