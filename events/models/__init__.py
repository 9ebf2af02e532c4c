from events.models.index import EventIndexPage
from events.models.occurrences import Occurrence, sync_occurrences
from events.models.pages import CANCELLED, POSTPONED, SCHEDULED, EventDate, EventPage

__all__ = [
    "CANCELLED",
    "POSTPONED",
    "SCHEDULED",
    "EventDate",
    "EventIndexPage",
    "EventPage",
    "Occurrence",
    "sync_occurrences",
]
