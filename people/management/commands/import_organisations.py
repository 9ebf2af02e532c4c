from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from district.models import District
from people.importer import import_organisations


class ProgressBar:
    """A textual bar on the command's output, redrawn about every 5 % of the rows."""

    width = 30
    steps = 20

    def __init__(self, out):
        self.out = out
        self.phase = None
        self.shown = None

    def __call__(self, phase, done, total):
        step = done * self.steps // total
        if (phase, step) == (self.phase, self.shown):
            return
        self.phase, self.shown = phase, step
        label = _("Prüfen") if phase == "validate" else _("Speichern")
        filled = self.width * done // total
        bar = "#" * filled + "-" * (self.width - filled)
        self.out.write(
            f"\r{label:<10} [{bar}] {done}/{total}", ending="\n" if done == total else ""
        )
        self.out.flush()


class Command(BaseCommand):
    @property
    def help(self):
        # A property, not gettext_lazy: argparse needs a real string for the description.
        return _(
            "Einrichtungen aus einer CSV-Datei (docs/csv-import.md) in ein Gebiet importieren. "
            "Prüft zuerst alle Zeilen und speichert nur, wenn keine fehlerhaft ist; erneuter "
            "Import derselben Datei aktualisiert die Einträge (über external_id)."
        )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("Die CSV-Datei (UTF-8)."))
        parser.add_argument(
            "--district",
            required=True,
            help=_("Kürzel des Gebiets, in dem die Einträge erscheinen, z. B. kalk."),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Nur prüfen und berichten, nichts speichern."),
        )

    def handle(self, *args, file, district, dry_run, **options):
        # Coordinators read the report in German whatever the server's locale.
        with translation.override(settings.LANGUAGE_CODE):
            self.run_import(file, district, dry_run)

    def run_import(self, path, district_slug, dry_run):
        district = District.objects.filter(slug=district_slug).first()
        if district is None:
            slugs = ", ".join(District.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(
                _("Unbekanntes Gebiet „%(slug)s“. Möglich sind: %(slugs)s.")
                % {"slug": district_slug, "slugs": slugs}
            )
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            raise CommandError(
                _("Die Datei %(path)s lässt sich nicht lesen: %(error)s")
                % {"path": path, "error": exc.strerror}
            ) from exc

        result = import_organisations(
            data, district, dry_run=dry_run, progress=ProgressBar(self.stdout)
        )
        for note in result.notes:
            self.stdout.write(self.style.WARNING(_("Hinweis: %(note)s") % {"note": note}))
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _(
                    "%(count)d Fehler gefunden – nichts gespeichert. Bitte die Datei "
                    "korrigieren und erneut importieren."
                )
                % {"count": len(result.problems)}
            )

        counts = _("%(created)d neu, %(updated)d aktualisiert, %(unchanged)d unverändert") % {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
        }
        if dry_run:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Probelauf: nichts gespeichert. Die Datei ist in Ordnung (%(counts)s).")
                    % {"counts": counts}
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Import nach %(district)s abgeschlossen: %(counts)s.")
                    % {"district": district.name, "counts": counts}
                )
            )
