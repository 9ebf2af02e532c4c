import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe

# Characters that could end the script element or start HTML inside it.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    """A schema.org JSON-LD script element, safe to put in a page."""
    text = json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 - escaped above
