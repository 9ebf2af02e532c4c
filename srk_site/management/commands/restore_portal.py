from django.core.management.base import BaseCommand, CommandError

from srk_site.backup import BackupError, restore_database, restore_media, verify


class Command(BaseCommand):
    help = (
        "Restore the database and the uploaded media from a backup folder written by "
        "backup_portal. Replaces the current content: run it on an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--database", default="default")
        parser.add_argument("--no-input", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, folder, database, no_input, **options):
        if not no_input:
            answer = input("This replaces the database and all media. Type 'yes' to go on: ")
            if answer != "yes":
                raise CommandError("Restore cancelled.")
        try:
            restore_database(folder, alias=database)
            restore_media(folder)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        differences = verify(folder, alias=database)
        if differences:
            for table, (expected, found) in sorted(differences.items()):
                self.stderr.write(f"  {table}: {expected} in the backup, {found} restored")
            raise CommandError("The restore does not match the backup's manifest.")
        self.stdout.write(self.style.SUCCESS("Restored; every table matches the backup."))
