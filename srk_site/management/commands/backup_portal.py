from django.core.management.base import BaseCommand, CommandError

from srk_site.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded media into a folder (see docs/deployment.md)."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="where to write the backup; created if missing")
        parser.add_argument("--database", default="default")

    def handle(self, *args, folder, database, **options):
        try:
            manifest = backup(folder, alias=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        tables = manifest["tables"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {folder}: {len(tables)} tables, "
                f"{tables.get('wagtailcore_page', 0)} pages, "
                f"{tables.get('wagtailcore_revision', 0)} revisions, "
                f"{tables.get('srk_site_portalimage', 0)} images."
            )
        )
