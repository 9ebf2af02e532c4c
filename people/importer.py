"""Import organisations from the directory's CSV format (people/csv_format.py).

Every row is read and checked before anything is written; a file with a single bad row
writes nothing. Rows are matched to existing entries by their external id, so importing
the same file again updates entries instead of duplicating them. Coordinators' guide:
docs/csv-import.md; the command is `manage.py import_organisations`.
"""

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from people.csv_format import (
    COLUMNS,
    EXPORT_ONLY_COLUMNS,
    REQUIRED_COLUMNS,
    parse_bool,
    parse_list,
    parse_opening_hours,
)
from people.models import Category, OpeningHours, Organisation, TargetGroup

# The export leaves e-mail addresses out (privacy), but coordinators may send them along.
OPTIONAL_COLUMNS = ["email"]
IMPORT_COLUMNS = COLUMNS + OPTIONAL_COLUMNS
RELATION_COLUMNS = ["categories", "target_groups", "opening_hours"]
# Every other import column is a model field of the same name.
FIELD_COLUMNS = [column for column in IMPORT_COLUMNS if column not in RELATION_COLUMNS]

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"

POSTCODE = re.compile(r"^\d{5}$")
# Decimal point or (German Excel) decimal comma; no exponents, NaN or thousands separators.
COORDINATE = re.compile(r"^[+-]?\d{1,3}(?:[.,]\d+)?$")
COORDINATE_PLACES = Decimal("0.000001")  # the model keeps six decimal places
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")


@dataclass(frozen=True)
class Problem:
    """Why the file cannot be imported; line is None for problems of the whole file."""

    line: int | None
    column: str
    message: str

    def __str__(self):
        if self.line is None:
            return self.message
        if self.column:
            return _("Zeile %(line)d, %(column)s: %(message)s") % {
                "line": self.line,
                "column": self.column,
                "message": self.message,
            }
        return _("Zeile %(line)d: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class ImportResult:
    """What an import did or, in a dry run or with problems, would have done."""

    dry_run: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    written: bool = False
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems


def import_organisations(data, district, *, dry_run=False, progress=None):
    """Check the CSV file `data` (bytes) and, when every row is fine and this is no dry
    run, create or update its organisations in `district` in one transaction.

    `progress(phase, done, total)` is called per row with phase "validate" or "write".
    """
    result = ImportResult(dry_run=dry_run)
    table = read_table(data, result)
    if table is None:
        return result
    columns, rows = table
    result.rows = len(rows)
    if not rows:
        result.notes.append(_("Die Datei enthält nur die Kopfzeile, keine Einträge."))
    plan = RowChecker(columns, district, result).check(rows, progress)
    if result.problems or dry_run:
        return result
    write(plan, progress)
    result.written = True
    return result


def decode(data):
    """Strict UTF-8 (with or without the BOM Excel writes); raises ValueError in German."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ValueError(
            _(
                "Die Datei ist nicht UTF-8-kodiert (erstes fremdes Zeichen in Zeile %(line)d). "
                "Bitte in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“ oder in "
                "LibreOffice mit dem Zeichensatz „Unicode (UTF-8)“ speichern."
            )
            % {"line": line}
        ) from exc


def sniff_delimiter(text):
    # Excel in Germany separates with ";", everything else with ","; column names
    # contain neither, so the header line decides.
    header = text.partition("\n")[0]
    return ";" if header.count(";") > header.count(",") else ","


def read_table(data, result):
    """(columns, [(line number, {column: text})]) or None after adding the problem."""
    try:
        text = decode(data)
    except ValueError as exc:
        result.problems.append(Problem(None, "", str(exc)))
        return None
    if not text.strip():
        result.problems.append(Problem(None, "", _("Die Datei ist leer.")))
        return None

    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        header = [name.strip().lower() for name in next(reader)]
        columns = check_header(header, result)
        if columns is None:
            return None
        rows, last_line = [], reader.line_num
        for cells in reader:
            # A quoted value may span several lines; report the line the row starts on.
            line, last_line = last_line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue  # Excel adds rows of empty cells
            if len(cells) > len(header):
                result.problems.append(
                    Problem(
                        line,
                        "",
                        _(
                            "Die Zeile hat mehr Spalten als die Kopfzeile. Enthält ein Wert "
                            "das Trennzeichen, muss er in Anführungszeichen stehen."
                        ),
                    )
                )
                continue
            rows.append((line, dict(zip(header, cells, strict=False))))
    except csv.Error as exc:
        result.problems.append(
            Problem(
                reader.line_num,
                "",
                _("Die Datei ist keine lesbare CSV-Datei (%(error)s).") % {"error": exc},
            )
        )
        return None
    return columns, rows


def check_header(header, result):
    """The import columns present in the file, or None if the header is unusable."""
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        result.problems.append(
            Problem(
                1,
                "",
                _(
                    "Es fehlen Pflichtspalten: %(missing)s. Die erste Zeile muss die "
                    "Spaltennamen enthalten, mindestens %(required)s."
                )
                % {"missing": ", ".join(missing), "required": ", ".join(REQUIRED_COLUMNS)},
            )
        )
        return None
    duplicates = sorted({name for name in header if name and header.count(name) > 1})
    if duplicates:
        result.problems.append(
            Problem(
                1,
                "",
                _("Spalten kommen doppelt vor: %(columns)s.") % {"columns": ", ".join(duplicates)},
            )
        )
        return None
    known = IMPORT_COLUMNS + EXPORT_ONLY_COLUMNS
    # Empty names come from trailing separators spreadsheets add to the header.
    unknown = [name for name in header if name and name not in known]
    if unknown:
        result.notes.append(
            _("Unbekannte Spalten werden ignoriert: %(columns)s.")
            % {"columns": ", ".join(f"„{name}“" for name in unknown)}
        )
    absent = [column for column in COLUMNS if column not in header]
    if absent:
        result.notes.append(
            _("Nicht in der Datei, daher bei bestehenden Einträgen unverändert: %(columns)s.")
            % {"columns": ", ".join(absent)}
        )
    return [column for column in IMPORT_COLUMNS if column in header]


def parse_text(text):
    return text.strip()


def parse_postcode(text):
    text = text.strip()
    if text and not POSTCODE.match(text):
        raise ValueError(_("„%(value)s“ ist keine Postleitzahl (fünf Ziffern).") % {"value": text})
    return text


def coordinate_parser(limit):
    def parse(text):
        text = text.strip()
        if not text:
            return None
        if not COORDINATE.match(text):
            raise ValueError(
                _("„%(value)s“ ist keine Dezimalzahl wie 50.9375 oder 6.9603.") % {"value": text}
            )
        value = Decimal(text.replace(",", ".")).quantize(COORDINATE_PLACES, ROUND_HALF_UP)
        if not -limit <= value <= limit:
            raise ValueError(
                _("%(value)s liegt nicht zwischen -%(limit)d und %(limit)d.")
                % {"value": text, "limit": limit}
            )
        return value

    return parse


def parse_date(text):
    text = text.strip()
    if not text:
        return None
    for date_format in DATE_FORMATS:
        try:
            return datetime.strptime(text, date_format).date()
        except ValueError:
            continue
    raise ValueError(
        _("„%(value)s“ ist kein Datum; bitte als 2026-03-31 oder 31.03.2026 angeben.")
        % {"value": text}
    )


def parse_website(text):
    text = text.strip()
    # What people copy from a letterhead; the admin form adds the scheme the same way.
    if text.lower().startswith("www."):
        return f"https://{text}"
    return text


def parse_hours(text):
    return [
        OpeningHours(weekday=weekday, opens=opens, closes=closes)
        for weekday, opens, closes in parse_opening_hours(text)
    ]


PARSERS = {
    "postcode": parse_postcode,
    "latitude": coordinate_parser(90),
    "longitude": coordinate_parser(180),
    "verified_on": parse_date,
    "website": parse_website,
    "step_free": parse_bool,
    "accessible_toilet": parse_bool,
    "hearing_loop": parse_bool,
    "opening_hours": parse_hours,
}


class TermLookup:
    """Categories or target groups by slug or by name, ignoring case."""

    def __init__(self, model, unknown_message):
        self.terms = list(model.objects.all())
        self.by_key = {}
        for term in self.terms:
            self.by_key[term.name.casefold()] = term
            self.by_key[term.slug.casefold()] = term  # a slug wins over another term's name
        self.unknown_message = unknown_message
        self.missed = False

    def __call__(self, text):
        values = parse_list(text)
        unknown = [value for value in values if value.casefold() not in self.by_key]
        if unknown:
            self.missed = True
            raise ValueError(
                self.unknown_message % {"values": ", ".join(f"„{value}“" for value in unknown)}
            )
        return list({self.by_key[value.casefold()]: None for value in values})

    def valid_slugs(self):
        return ", ".join(term.slug for term in self.terms)


def snapshot(organisation):
    """Everything the import can change, to tell an unchanged entry from an updated one."""
    return (
        [getattr(organisation, column) for column in FIELD_COLUMNS],
        sorted(term.pk for term in organisation.categories.all()),
        sorted(term.pk for term in organisation.target_groups.all()),
        sorted((row.weekday, row.opens, row.closes) for row in organisation.opening_hours.all()),
        sorted(district.pk for district in organisation.districts.all()),
    )


class RowChecker:
    """Turns rows into unsaved organisations and collects every problem on the way."""

    def __init__(self, columns, district, result):
        self.columns = columns
        self.district = district
        self.result = result
        self.categories = TermLookup(Category, _("Unbekannte Kategorie: %(values)s."))
        self.target_groups = TermLookup(TargetGroup, _("Unbekannte Zielgruppe: %(values)s."))
        self.parsers = PARSERS | {
            "categories": self.categories,
            "target_groups": self.target_groups,
        }
        # full_clean checks only what the file can set; the rest is not the import's business.
        self.not_imported = [
            model_field.name
            for model_field in Organisation._meta.concrete_fields
            if model_field.name not in FIELD_COLUMNS
        ]

    def check(self, rows, progress=None):
        """[(organisation, action)] for the rows; problems go to the result."""
        existing = self.existing_organisations(rows)
        first_line_of = {}
        plan = []
        for done, (line, cells) in enumerate(rows, start=1):
            external_id = cells["external_id"].strip()
            if external_id in first_line_of:
                self.problem(
                    line,
                    "external_id",
                    _("„%(value)s“ steht schon in Zeile %(line)d.")
                    % {"value": external_id, "line": first_line_of[external_id]},
                )
            else:
                if external_id:
                    first_line_of[external_id] = line
                step = self.check_row(line, cells, existing.get(external_id))
                if step:
                    plan.append(step)
            if progress:
                progress("validate", done, len(rows))
        for lookup, label in (
            (self.categories, _("Gültige Kategorien")),
            (self.target_groups, _("Gültige Zielgruppen")),
        ):
            if lookup.missed:
                self.result.notes.append(f"{label}: {lookup.valid_slugs()}.")
        return plan

    def existing_organisations(self, rows):
        ids = {cells["external_id"].strip() for _line, cells in rows} - {""}
        queryset = Organisation.objects.prefetch_related(
            "categories", "target_groups", "opening_hours", "districts"
        )
        # Entries made by hand have no external id; the export writes their slug instead,
        # so a re-imported export must find them by slug rather than duplicate them.
        by_slug = {o.slug: o for o in queryset.filter(external_id__isnull=True, slug__in=ids)}
        by_id = {o.external_id: o for o in queryset.filter(external_id__in=ids)}
        return by_slug | by_id

    def problem(self, line, column, message):
        self.result.problems.append(Problem(line, column, message))

    def check_row(self, line, cells, organisation):
        """(organisation, action) with the row applied in memory, or None if it is bad."""
        values, bad_columns = {}, set()
        for column in self.columns:
            try:
                values[column] = self.parsers.get(column, parse_text)(cells.get(column) or "")
            except ValueError as exc:
                self.problem(line, column, str(exc))
                bad_columns.add(column)
        for column in REQUIRED_COLUMNS:
            if column not in bad_columns and not values[column]:
                self.problem(line, column, _("Darf nicht leer sein."))
                bad_columns.add(column)

        action = UPDATED if organisation else CREATED
        organisation = organisation or Organisation()
        before = snapshot(organisation) if action == UPDATED else None
        for column, value in values.items():
            # Relations too: modelcluster holds them in memory until the entry is saved.
            setattr(organisation, column, value)
        districts = list(organisation.districts.all())
        if self.district not in districts:
            organisation.districts = [*districts, self.district]

        half_a_position = (organisation.latitude is None) != (organisation.longitude is None)
        if half_a_position and not bad_columns & {"latitude", "longitude"}:
            missing = "latitude" if organisation.latitude is None else "longitude"
            self.problem(line, missing, _("Breiten- und Längengrad nur zusammen angeben."))
            bad_columns.add(missing)
        try:
            organisation.full_clean(
                exclude=self.not_imported, validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            for column, messages in exc.message_dict.items():
                column = "" if column == NON_FIELD_ERRORS else column
                if column not in bad_columns:  # one message per cell is enough
                    self.problem(line, column, " ".join(messages))
                    bad_columns.add(column)
        if bad_columns:
            return None

        unchanged = (
            action == UPDATED
            and snapshot(organisation) == before
            and organisation.live
            and not organisation.has_unpublished_changes
        )
        action = UNCHANGED if unchanged else action
        setattr(self.result, action, getattr(self.result, action) + 1)
        return organisation, action


def write(plan, progress=None):
    """Save and publish the checked organisations; all or nothing."""
    with transaction.atomic():
        for done, (organisation, action) in enumerate(plan, start=1):
            if action != UNCHANGED:
                organisation.save()  # also saves the relations held in memory
                # A published revision puts the entry live and into its history in the admin.
                log_action = "wagtail.create" if action == CREATED else "wagtail.edit"
                organisation.save_revision(log_action=log_action).publish()
            if progress:
                progress("write", done, len(plan))
