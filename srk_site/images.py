from django.db.models import Prefetch
from wagtail.images import get_image_model

# The renditions listing cards use; keep in step with templates/includes/card_picture.html.
LISTING_RENDITIONS = tuple(
    f"fill-{size}|format-{fmt}" for size in ("480x270", "960x540") for fmt in ("avif", "webp")
)
# Contact photos; keep in step with templates/includes/person_card.html.
PERSON_PHOTO_RENDITION = "fill-160x160|format-webp"


def with_listing_images(queryset, field="image", *filter_specs):
    """Fetch each item's image and its listing rendition in two queries, not two per item."""
    specs = filter_specs or LISTING_RENDITIONS
    images = get_image_model().objects.prefetch_renditions(*specs)
    return queryset.prefetch_related(Prefetch(field, queryset=images))
