import wagtail_factories

from district.models import ContentPage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = "Seniorennetzwerk Kalk"
    intro = "Treffen, Beratung und Ausflüge für ältere Menschen im Veedel."

    class Meta:
        model = ContentPage


def make_news(district_slug="kalk", title="Neue Sprechstunde", publish=True, **fields):
    """A news item under a district's (or, with None, the landing site's) news index."""
    import datetime

    from district.models import NewsIndexPage, NewsPage

    prefix = f"/{district_slug}/" if district_slug else "/startseite/"
    index = NewsIndexPage.objects.get(url_path=f"{prefix}aktuelles/")
    fields.setdefault("teaser", "Die Sozialraumkoordination bietet eine neue Sprechstunde an.")
    fields.setdefault("date", datetime.date.today())
    slug = fields.pop("slug", None) or title.lower().replace(" ", "-")
    news = NewsPage(title=title, slug=slug, live=False, **fields)
    index.add_child(instance=news)
    revision = news.save_revision()
    if publish:
        revision.publish()
        news.refresh_from_db()
    return news
