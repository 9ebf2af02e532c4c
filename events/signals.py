"""Keep the occurrence table in step with publishing."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from events.models import EventPage, Occurrence, sync_occurrences


def resync(sender, instance, **kwargs):
    sync_occurrences(instance.specific)


def remove(sender, instance, **kwargs):
    Occurrence.objects.filter(event_id=instance.pk).delete()


def moved(sender, instance, **kwargs):
    if isinstance(instance.specific, EventPage):
        sync_occurrences(instance.specific)


def connect():
    page_published.connect(resync, sender=EventPage, dispatch_uid="events-published")
    page_unpublished.connect(remove, sender=EventPage, dispatch_uid="events-unpublished")
    post_delete.connect(remove, sender=EventPage, dispatch_uid="events-deleted")
    post_page_move.connect(moved, dispatch_uid="events-moved")
