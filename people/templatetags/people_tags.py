import re

from django import template

from people.models.entries import SCHEMA_DAYS
from srk_site.jsonld import json_ld

register = template.Library()


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


@register.simple_tag
def email_reveal_url(kind, entry):
    from people.views import reveal_url

    return reveal_url(kind, entry)


EMAIL_IN_TEXT = re.compile(r"([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)")


@register.filter
def obscure_emails(text):
    """Free text may contain addresses; write them as 'name (at) domain' so people can
    still read them but address-harvesting patterns find nothing."""
    return EMAIL_IN_TEXT.sub(r"\1 (at) \2", str(text or ""))
