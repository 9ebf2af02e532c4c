"""The capped paginator of long lists (the calendar): counts up to a limit, says "more"."""

import pytest

from district.models import District
from srk_site.pagination import CappedPaginator

pytestmark = pytest.mark.django_db


def test_a_list_longer_than_the_cap_counts_to_the_cap_and_says_so():
    assert District.objects.count() == 15
    paginator = CappedPaginator(District.objects.order_by("name"), per_page=2, max_pages=3)
    assert (paginator.count, paginator.num_pages, paginator.is_capped) == (6, 3, True)
    last = paginator.get_page(99)
    assert last.number == 3 and not last.has_next()
    # The pages themselves keep the list's order.
    names = list(District.objects.order_by("name").values_list("name", flat=True))
    assert [district.name for district in last] == names[4:6]


@pytest.mark.parametrize(("per_page", "max_pages"), [(2, 8), (5, 3), (15, 1)])
def test_a_list_within_the_cap_is_counted_exactly(per_page, max_pages):
    paginator = CappedPaginator(District.objects.order_by("name"), per_page, max_pages)
    assert paginator.count == 15 and not paginator.is_capped
