"""Open data and address cards: CSV, GeoJSON and vCard for directory entries."""

import csv
import io
import json

from django.conf import settings

from people.csv_format import COLUMNS, EXPORT_ONLY_COLUMNS, format_list, organisation_row


def organisations_csv(organisations, absolute_url):
    """UTF-8 CSV with a header row; `absolute_url(org)` gives each entry's page."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS + EXPORT_ONLY_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for organisation in organisations:
        row = organisation_row(organisation)
        row["districts"] = format_list(d.slug for d in organisation.districts.all())
        row["url"] = absolute_url(organisation)
        row["licence"] = settings.SRK_OPEN_DATA_LICENCE
        writer.writerow(row)
    return out.getvalue()


def organisations_geojson(organisations, absolute_url):
    """A GeoJSON FeatureCollection (RFC 7946) of the entries that have coordinates."""
    features = []
    for organisation in organisations:
        if not organisation.has_coordinates:
            continue
        properties = organisation_row(organisation)
        properties.pop("latitude")
        properties.pop("longitude")
        properties["districts"] = [d.slug for d in organisation.districts.all()]
        properties["url"] = absolute_url(organisation)
        features.append(
            {
                "type": "Feature",
                "id": properties["external_id"],
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(organisation.longitude), float(organisation.latitude)],
                },
                "properties": properties,
            }
        )
    collection = {
        "type": "FeatureCollection",
        "license": settings.SRK_OPEN_DATA_LICENCE,
        "features": features,
    }
    return json.dumps(collection, ensure_ascii=False, indent=1)


def _escape(value):
    return (
        str(value)
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\\", "\\\\")
        .replace("\n", "\\n")
        .replace(",", "\\,")
        .replace(";", "\\;")
    )


def organisation_vcard(organisation, url):
    """A vCard 3.0 (RFC 2426) for an organisation, readable by phones and mail clients."""
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{_escape(organisation.name)};;;;",
        f"FN:{_escape(organisation.name)}",
        f"ORG:{_escape(organisation.name)}",
    ]
    if organisation.street or organisation.postcode:
        lines.append(
            "ADR;TYPE=WORK:;;"
            + ";".join(
                _escape(part)
                for part in (organisation.street, organisation.city, "", organisation.postcode, "")
            )
        )
    if organisation.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{_escape(organisation.phone)}")
    # No EMAIL: the card is a plain link, and addresses are only shown on request.
    if organisation.website:
        lines.append(f"URL:{organisation.website}")  # a URI value, not escaped text
    if organisation.has_coordinates:
        lines.append(f"GEO:{organisation.latitude};{organisation.longitude}")
    if organisation.description:
        lines.append(f"NOTE:{_escape(organisation.description)}")
    lines += [f"SOURCE:{url}", "END:VCARD"]
    return "".join(_fold(line) for line in lines)


def _fold(line, limit=75):
    """Lines longer than 75 octets continue on the next line after a space (RFC 2426)."""
    encoded, parts = line.encode(), []
    while len(encoded) > limit:
        cut = limit
        while cut > 0 and (encoded[cut] & 0xC0) == 0x80:  # don't split a UTF-8 character
            cut -= 1
        parts.append(encoded[:cut])
        encoded = b" " + encoded[cut:]
    parts.append(encoded)
    return "\r\n".join(part.decode() for part in parts) + "\r\n"
