from django.core.management.base import BaseCommand, CommandError

from srk_site.portal_setup import SetupError, load_districts, setup_portal


class Command(BaseCommand):
    help = (
        "Create or complete the sites, district home pages and fixed pages from "
        "srk_site/data/districts.toml. Safe to run again; --demo adds demo content."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo", action="store_true", help="Add realistic demo content to every site."
        )
        parser.add_argument(
            "--districts-file", help="Read the districts from this file instead of the default."
        )

    def handle(self, *args, demo=False, districts_file=None, **options):
        try:
            districts = load_districts(districts_file)
            report = setup_portal(districts)
        except SetupError as exc:
            raise CommandError(str(exc)) from exc
        for label in report.created:
            self.stdout.write(f"  created {label}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Portal structure ready: {len(districts)} districts, "
                f"{len(report.created)} things created, {len(report.updated)} already there."
            )
        )
        if demo:
            from srk_site.demo import add_demo_content

            added = add_demo_content(progress=self.stdout.write)
            self.stdout.write(self.style.SUCCESS(f"Demo content ready ({added} pages filled)."))
