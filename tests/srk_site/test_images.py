"""Listing cards serve responsive AVIF/WebP pictures from prefetched renditions."""

from tests.conftest import host
from tests.district.factories import make_news
from tests.srk_site.factories import ImageFactory


def test_news_cards_offer_avif_with_a_webp_fallback_in_two_sizes(client, kalk):
    image = ImageFactory(credit="A / B", file__width=1600, file__height=900)
    make_news(title="Mit Bild", image=image)
    html = client.get("/aktuelles/", headers={"host": host("kalk")}).content.decode()
    picture = html[html.index("<picture>") : html.index("</picture>")]
    assert 'type="image/avif"' in picture
    assert "fill-480x270.format-avif.avif 480w" in picture
    assert "fill-960x540.format-avif.avif 960w" in picture
    assert 'src="/media/images/' in picture and "format-webp.webp 960w" in picture
    assert 'sizes="(min-width: 40rem) 30rem, 100vw"' in picture
