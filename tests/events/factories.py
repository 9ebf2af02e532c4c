import datetime

from events.models import EventDate, EventIndexPage, EventPage


def calendar_of(slug):
    return EventIndexPage.objects.get(url_path=f"/{slug}/termine/")


def make_event(
    district_slug="kalk", title="Nachbarschaftscafé", publish=True, dates=None, **fields
):
    """An event under a district's calendar; `dates` is a list of EventDate kwargs."""
    fields.setdefault("teaser", "Kaffee, Kuchen und Gespräche für alle Nachbar*innen.")
    slug = fields.pop("slug", None) or title.lower().replace(" ", "-").replace("é", "e")
    event = EventPage(title=title, slug=slug, **fields)
    event.dates = [
        EventDate(**values)
        for values in (
            dates
            or [
                {
                    "start_date": datetime.date.today() + datetime.timedelta(days=3),
                    "start_time": datetime.time(15),
                    "end_time": datetime.time(17),
                }
            ]
        )
    ]
    event.live = False
    calendar_of(district_slug).add_child(instance=event)
    revision = event.save_revision()
    if publish:
        revision.publish()
        event.refresh_from_db()
    return event
