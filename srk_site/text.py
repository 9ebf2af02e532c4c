"""German text helpers shared by slugs, sorting and search."""

import unicodedata

GERMAN_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)


def fold_german(text):
    """'Höhenberg Straße' -> 'hoehenberg strasse': the spelling people type without
    umlaut keys. Other accents are dropped (é -> e); Turkish dotless ı stays searchable."""
    transliterated = (text or "").translate(GERMAN_TRANSLITERATION)
    decomposed = unicodedata.normalize("NFKD", transliterated)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
