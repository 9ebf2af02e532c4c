from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts no further than `max_pages` pages.

    The citywide calendar holds tens of thousands of dates, and its archive grows every
    day: counting them all cost more than the rest of the page, for a "page 1 of 2,870"
    nobody pages through. Beyond the cap the list says "more than", and the filters
    narrow it, as search does with its hits. `object_list` must be a queryset.
    """

    def __init__(self, object_list, per_page, max_pages, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.max_pages = max_pages

    @property
    def _limit(self):
        return self.max_pages * self.per_page

    @cached_property
    def _counted(self):
        # Without ORDER BY the database may stop at the first `limit + 1` rows it finds.
        return self.object_list.order_by()[: self._limit + 1].count()

    @cached_property
    def count(self):
        return min(self._counted, self._limit)

    @cached_property
    def is_capped(self):
        return self._counted > self._limit
