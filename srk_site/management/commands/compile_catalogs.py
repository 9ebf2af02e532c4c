from django.core.management.base import BaseCommand, CommandError

from srk_site.i18n import catalog_paths, compile_catalog


class Command(BaseCommand):
    help = (
        "Compile the interface translations (locale/*/LC_MESSAGES/*.po) to .mo files with "
        "polib, without GNU gettext. Skips catalogs whose .mo is newer than the .po."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Compile every catalog.")

    def handle(self, *args, force=False, **options):
        paths = catalog_paths()
        if not paths:
            raise CommandError("No catalogs found below LOCALE_PATHS.")
        compiled = 0
        for po_path in paths:
            try:
                changed = compile_catalog(po_path, force=force)
            except (OSError, ValueError) as error:
                raise CommandError(f"{po_path}: {error}") from error
            if changed:
                compiled += 1
                if options["verbosity"] > 1:
                    self.stdout.write(f"  compiled {po_path}")
        self.stdout.write(f"Catalogs: {compiled} compiled, {len(paths) - compiled} unchanged.")
