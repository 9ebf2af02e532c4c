from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from district.models import Proposal


class Command(BaseCommand):
    help = (
        "Delete the sender data of public proposals older than the retention period "
        "(SRK_PROPOSAL_RETENTION_DAYS, default 180). The proposed content stays. Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.SRK_PROPOSAL_RETENTION_DAYS)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, days, dry_run=False, **options):
        cutoff = timezone.now() - timedelta(days=days)
        old = Proposal.objects.filter(created_at__lt=cutoff)
        count = old.count()
        if not dry_run:
            old.delete()
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(f"{verb} the sender data of {count} proposals older than {days} days")
