from district.models.areas import District


def teaser_items(request, pages):
    """Pages as teaser dicts with their URL and district, in one query for the districts."""
    prefixes = District.objects.by_url_path_prefix()
    return [
        {
            "page": page,
            "url": page.get_url(request=request),
            "district": District.lookup_by_url_path(prefixes, page.url_path),
        }
        for page in pages
    ]
