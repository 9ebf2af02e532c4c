from django import template

from events.models import CANCELLED, POSTPONED
from people.models import DirectoryPage
from srk_site.jsonld import json_ld

register = template.Library()

SCHEMA_STATUS = {
    CANCELLED: "https://schema.org/EventCancelled",
    POSTPONED: "https://schema.org/EventPostponed",
}


@register.simple_tag
def event_json_ld(event, url, occurrence):
    """schema.org Event for search engines: status, place, price and organiser."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.teaser,
        "url": url,
        "eventStatus": SCHEMA_STATUS.get(event.status, "https://schema.org/EventScheduled"),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "isAccessibleForFree": event.is_free,
        "offers": {
            "@type": "Offer",
            "price": "0" if event.is_free else event.cost,
            "priceCurrency": "EUR",
            "url": url,
        },
    }
    if occurrence is not None:
        if occurrence.all_day:
            data["startDate"] = occurrence.local_date.isoformat()
            data["endDate"] = occurrence.local_end_date.isoformat()
        else:
            data["startDate"] = occurrence.start.isoformat()
            data["endDate"] = occurrence.end.isoformat()
    if event.place_name or event.place_address:
        place = {"@type": "Place", "name": event.place_name, "address": event.place_address}
        if event.coordinates:
            latitude, longitude = event.coordinates
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(latitude),
                "longitude": float(longitude),
            }
        data["location"] = place
    if event.organiser_id and event.organiser.live:
        data["organizer"] = {"@type": "Organization", "name": event.organiser.name}
    return json_ld(data)


@register.simple_tag(takes_context=True)
def directory_url(context, organisation):
    """The organisation's page in this site's directory, or in the citywide one."""
    request = context["request"]
    return DirectoryPage.url_for_organisation(organisation, request)
