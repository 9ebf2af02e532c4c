import time

from django.core.management.base import BaseCommand, CommandError

from caching.generation import bump_generation
from district.models import District
from srk_site.load_data import (
    PER_DISTRICT,
    LoadDataBuilder,
    existing_load_data,
    rebuild_search_index,
)


class Command(BaseCommand):
    help = (
        "Fill the portal with load data for benchmarks: per unit of scale and district "
        "1,000 events (10 % recurring), 500 news, 300 organisations, 100 people, 50 projects."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--districts", type=int, default=0, help="Only the first N districts (0: all)."
        )
        parser.add_argument(
            "--no-index", action="store_true", help="Skip rebuilding the search index."
        )

    def handle(self, *args, scale, seed, districts, no_index, **options):
        if scale <= 0:
            raise CommandError("--scale muss größer als 0 sein.")
        if existing_load_data():
            raise CommandError(
                "Es gibt schon Lastdaten (Einträge mit external_id 'load-…'). "
                "Für neue Lastdaten eine leere Datenbank verwenden."
            )
        chosen = list(District.objects.order_by("sort_order", "pk"))
        if not chosen:
            raise CommandError(
                "Keine Sozialraumgebiete: zuerst `manage.py setup_portal` ausführen."
            )
        if districts:
            chosen = chosen[:districts]
        per_district = {key: max(1, round(value * scale)) for key, value in PER_DISTRICT.items()}
        self.stdout.write(
            f"Lastdaten für {len(chosen)} Gebiete, je "
            + ", ".join(f"{v} {k}" for k, v in per_district.items())
        )
        started = time.monotonic()
        progress = self.stdout.write
        totals = LoadDataBuilder(per_district, seed=seed, progress=progress).build(chosen)
        indexed = 0 if no_index else rebuild_search_index(progress)
        bump_generation()  # bulk inserts send no signals; purge the page cache once
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                ", ".join(f"{v} {k}" for k, v in totals.items())
                + f"; {indexed} Objekte im Suchindex; {seconds:.0f} s"
            )
        )
