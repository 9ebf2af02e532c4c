from django.core.management.base import BaseCommand

from events.models import EventPage, sync_occurrences
from events.models.occurrences import horizon_date


class Command(BaseCommand):
    help = (
        "Rewrite the occurrence table for every live event, expanding open-ended series up "
        "to the horizon (SRK_EVENT_HORIZON_DAYS). Run daily, e.g. from cron."
    )

    def handle(self, *args, **options):
        events = EventPage.objects.live().prefetch_related("dates")
        total, written = events.count(), 0
        horizon = horizon_date()
        for number, event in enumerate(events.iterator(chunk_size=200), start=1):
            written += sync_occurrences(event, horizon)
            if number % 100 == 0 or number == total:
                self.stdout.write(f"  {number}/{total} events")
        self.stdout.write(
            self.style.SUCCESS(f"{written} dates of {total} events, up to {horizon:%d.%m.%Y}.")
        )
