"""The directory's CSV format, shared by the open-data export and the import so a file
exported from the portal can be imported again unchanged (see docs/csv-import.md)."""

import re
from datetime import time

from django.utils.translation import gettext as _

# Columns the import reads, in export order. Only external_id and name are required;
# a column missing from an import file leaves that field as it is.
COLUMNS = [
    "external_id",
    "name",
    "categories",
    "target_groups",
    "description",
    "street",
    "postcode",
    "veedel",
    "latitude",
    "longitude",
    "opening_hours",
    "opening_note",
    "phone",
    "website",
    "languages",
    "step_free",
    "accessible_toilet",
    "hearing_loop",
    "cost",
    "carrier",
    "verified_on",
]
REQUIRED_COLUMNS = ["external_id", "name"]
# Written by the export for readers of open data; the import ignores them.
EXPORT_ONLY_COLUMNS = ["districts", "url", "licence"]
LIST_SEPARATOR = "|"

DAY_CODES = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]
TIME_RANGE = re.compile(r"^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$")


def format_list(values):
    return LIST_SEPARATOR.join(values)


def parse_list(text):
    return [part.strip() for part in (text or "").split(LIST_SEPARATOR) if part.strip()]


def format_bool(value):
    return "ja" if value else "nein"


def parse_bool(text):
    normalised = (text or "").strip().lower()
    if normalised in ("ja", "yes", "true", "1", "x"):
        return True
    if normalised in ("", "nein", "no", "false", "0"):
        return False
    raise ValueError(_("„%(value)s“ ist weder „ja“ noch „nein“.") % {"value": text})


def format_opening_hours(rows):
    """Rows with weekday/opens/closes -> "Mo 09:00-12:00, 14:00-17:00; Mi 15:00-16:00"."""
    by_day = {}
    for row in sorted(rows, key=lambda r: (r.weekday, r.opens)):
        by_day.setdefault(row.weekday, []).append(f"{row.opens:%H:%M}-{row.closes:%H:%M}")
    return "; ".join(f"{DAY_CODES[day]} {', '.join(ranges)}" for day, ranges in by_day.items())


def _time(hours, minutes, text):
    hours, minutes = int(hours), int(minutes)
    if hours == 24 and minutes == 0:
        return time(23, 59)
    if hours > 23 or minutes > 59:
        raise ValueError(_("„%(value)s“ ist keine Uhrzeit.") % {"value": text})
    return time(hours, minutes)


def parse_opening_hours(text):
    """The inverse of format_opening_hours: a list of (weekday, opens, closes)."""
    result = []
    for day_part in (text or "").split(";"):
        day_part = day_part.strip()
        if not day_part:
            continue
        code, _sep, ranges = day_part.partition(" ")
        if code not in DAY_CODES:
            raise ValueError(
                _("„%(value)s“: Wochentag als Mo, Di, Mi, Do, Fr, Sa oder So angeben.")
                % {"value": day_part}
            )
        for time_range in ranges.split(","):
            match = TIME_RANGE.match(time_range.strip())
            if not match:
                raise ValueError(
                    _("„%(value)s“: Zeiten als 09:00-12:00 angeben.") % {"value": day_part}
                )
            opens = _time(match[1], match[2], time_range)
            closes = _time(match[3], match[4], time_range)
            if opens >= closes:
                raise ValueError(
                    _("„%(value)s“: Das Ende muss nach dem Beginn liegen.") % {"value": day_part}
                )
            result.append((DAY_CODES.index(code), opens, closes))
    return result


def organisation_row(organisation):
    """One organisation as a dict of COLUMNS (without export-only columns)."""
    return {
        "external_id": organisation.external_id or organisation.slug,
        "name": organisation.name,
        "categories": format_list(c.slug for c in organisation.categories.all()),
        "target_groups": format_list(t.slug for t in organisation.target_groups.all()),
        "description": organisation.description,
        "street": organisation.street,
        "postcode": organisation.postcode,
        "veedel": organisation.veedel,
        "latitude": "" if organisation.latitude is None else str(organisation.latitude),
        "longitude": "" if organisation.longitude is None else str(organisation.longitude),
        "opening_hours": format_opening_hours(organisation.opening_hours.all()),
        "opening_note": organisation.opening_note,
        "phone": organisation.phone,
        "website": organisation.website,
        "languages": organisation.languages,
        "step_free": format_bool(organisation.step_free),
        "accessible_toilet": format_bool(organisation.accessible_toilet),
        "hearing_loop": format_bool(organisation.hearing_loop),
        "cost": organisation.cost,
        "carrier": organisation.carrier,
        "verified_on": organisation.verified_on.isoformat() if organisation.verified_on else "",
    }
