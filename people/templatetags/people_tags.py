import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from people.models.entries import SCHEMA_DAYS

register = template.Library()

# Characters that could end the script element or start HTML inside it.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    text = json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 - escaped above


@register.simple_tag
def organisation_json_ld(organisation, url):
    """schema.org data for search engines and assistants, with opening hours."""
    data = {
        "@context": "https://schema.org",
        "@type": ["Organization", "Place"],
        "name": organisation.name,
        "url": url,
        "description": organisation.description,
    }
    if organisation.address_line:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": organisation.street,
            "postalCode": organisation.postcode,
            "addressLocality": organisation.city,
            "addressCountry": "DE",
        }
    if organisation.has_coordinates:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(organisation.latitude),
            "longitude": float(organisation.longitude),
        }
    if organisation.phone:
        data["telephone"] = organisation.phone
    hours = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[row.weekday]}",
            "opens": f"{row.opens:%H:%M}",
            "closes": f"{row.closes:%H:%M}",
        }
        for row in organisation.opening_hours.all()
    ]
    if hours:
        data["openingHoursSpecification"] = hours
    return json_ld(data)
