from django.db.models import Prefetch
from wagtail.images import get_image_model

# The rendition listings use; keep in step with templates/district/includes/news_item.html.
LISTING_RENDITION = "fill-480x270|format-webp"
# Contact photos; keep in step with templates/includes/person_card.html.
PERSON_PHOTO_RENDITION = "fill-160x160|format-webp"


def with_listing_images(queryset, field="image", *filter_specs):
    """Fetch each item's image and its listing rendition in two queries, not two per item."""
    specs = filter_specs or (LISTING_RENDITION,)
    images = get_image_model().objects.prefetch_renditions(*specs)
    return queryset.prefetch_related(Prefetch(field, queryset=images))
