from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

FEED_LENGTH = 30


class NewsFeed(Feed):
    """RSS 2.0 of a news index: a district's news, or every district's on the landing site."""

    feed_type = Rss201rev2Feed

    def __init__(self, index_page, press_only=False):
        super().__init__()
        self.index_page = index_page
        self.press_only = press_only

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, index):
        scope = index.district.name if index.district else _("alle Veedel")
        kind = _("Pressemitteilungen") if self.press_only else _("Aktuelles")
        return _("%(kind)s – Lebenswerte Veedel %(scope)s") % {"kind": kind, "scope": scope}

    def link(self, index):
        return index.get_url(request=self.request)

    def description(self, index):
        return index.intro or self.title(index)

    def items(self, index):
        return index.news(press_only=self.press_only).select_related("image")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.teaser

    def item_link(self, item):
        return item.get_url(request=self.request)

    def item_pubdate(self, item):
        # The date editors set, not when the page happened to be published or imported.
        return datetime.combine(item.date, time(12), tzinfo=timezone.get_default_timezone())

    def item_author_name(self, item):
        return item.author or None

    def item_guid(self, item):
        return f"news-{item.translation_key}"

    item_guid_is_permalink = False
