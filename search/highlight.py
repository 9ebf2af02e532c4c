import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from srk_site.text import fold_german

EXCERPT_LENGTH = 240


def _folded_with_positions(text):
    """The folded text and, for each folded character, its position in the original."""
    chars, positions = [], []
    for position, char in enumerate(text):
        # Most characters are ASCII, whose folding is lower case; the rest fold slowly.
        for folded in char.lower() if char.isascii() else fold_german(char):
            chars.append(folded)
            positions.append(position)
    return "".join(chars), positions


def excerpt(text, terms, length=EXCERPT_LENGTH):
    """A piece of `text` around the first matching term, with every term in <mark>.

    Matching ignores case and umlaut spelling, so "hoehenberg" marks "Höhenberg".
    """
    text = " ".join((text or "").split())
    folded, positions = _folded_with_positions(text)
    spans = []
    for term in {fold_german(t) for t in terms if len(t) >= 2}:
        for match in re.finditer(re.escape(term), folded):
            spans.append((positions[match.start()], positions[match.end() - 1] + 1))
    spans.sort()
    start = 0
    if spans and len(text) > length:
        start = max(0, min(spans[0][0] - length // 3, len(text) - length))
        start = text.rfind(" ", 0, start) + 1 if start else 0
    end = min(len(text), start + length)
    if end < len(text):
        end = max(text.rfind(" ", start, end), start + length // 2)
    pieces, cursor = [], start
    for span_start, span_end in spans:
        if span_start < cursor or span_start >= end:
            continue
        pieces.append(escape(text[cursor:span_start]))
        pieces.append(f"<mark>{escape(text[span_start : min(span_end, end)])}</mark>")
        cursor = min(span_end, end)
    pieces.append(escape(text[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - every piece is escaped
