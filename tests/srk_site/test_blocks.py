"""Every block of the shared library renders, accessibly, with its content."""

import json

import pytest
from django.core.exceptions import ValidationError

from srk_site.blocks import BodyStreamBlock, video_player
from tests.conftest import host
from tests.district.factories import ContentPageFactory
from tests.srk_site.factories import DocumentFactory, ImageFactory

pytestmark = pytest.mark.django_db


def body_of(*blocks):
    return json.dumps([{"type": t, "value": v} for t, v in blocks])


@pytest.fixture
def page_with_every_block(kalk_home, landing_page):
    image = ImageFactory(title="Nachbarschaftsfest", credit="Ayşe Demir / Bürgerverein Kalk")
    document = DocumentFactory(title="Veranstaltungsplakat")
    programme = landing_page.get_children().get(slug="das-programm")
    page = ContentPageFactory(parent=kalk_home, title="Alle Bausteine", slug="alle-bausteine")
    page.body = body_of(
        ("heading", {"text": "Worum es geht", "level": "h2"}),
        ("heading", {"text": "Im Detail", "level": "h3"}),
        ("paragraph", "<p>Das Nachbarschaftscafé öffnet <b>sonntags</b>.</p>"),
        (
            "image",
            {
                "image": image.pk,
                "alt_text": "Menschen an langen Tischen",
                "decorative": False,
                "caption": "Fest 2026",
            },
        ),
        ("quote", {"quote": "Hier kennt man sich.", "attribution": "Eine Nachbarin"}),
        (
            "call_to_action",
            {
                "title": "Mitmachen",
                "text": "Kommen Sie vorbei.",
                "link_text": "Zum Programm",
                "page": programme.pk,
                "url": "",
            },
        ),
        (
            "video",
            {
                "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                "title": "Rundgang durch Kalk",
                "poster": None,
                "transcript": "Ein Rundgang.",
            },
        ),
        (
            "downloads",
            {"title": "Downloads", "documents": [{"document": document.pk, "title": ""}]},
        ),
        (
            "accordion",
            {
                "title": "Häufige Fragen",
                "items": [{"heading": "Kostet das etwas?", "content": "<p>Nein, kostenlos.</p>"}],
            },
        ),
        (
            "key_figures",
            {
                "title": "In Zahlen",
                "figures": [{"value": "ca. 23.500", "label": "Einwohner*innen"}],
                "source": "Demo",
            },
        ),
        ("page_teasers", {"title": "Mehr", "pages": [programme.pk]}),
    )
    page.save_revision().publish()
    return page


def test_every_block_renders_with_its_content(client, page_with_every_block):
    response = client.get("/alle-bausteine/", headers={"host": host("kalk")})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h2>Worum es geht</h2>" in html and "<h3>Im Detail</h3>" in html
    assert "<b>sonntags</b>" in html
    assert 'alt="Menschen an langen Tischen"' in html
    assert "© Ayşe Demir / Bürgerverein Kalk" in html
    assert "Fest 2026" in html
    assert "<blockquote><p>Hier kennt man sich.</p></blockquote>" in html
    assert 'href="http://localhost:8000/das-programm/">Zum Programm</a>' in html
    assert "Rundgang durch Kalk" in html
    assert "Veranstaltungsplakat (PDF, 2,4\xa0KB)" in html
    assert "<summary>Kostet das etwas?</summary>" in html
    assert "<dt>Einwohner*innen</dt><dd>ca. 23.500</dd>" in html
    assert 'href="http://localhost:8000/das-programm/">Das Programm</a>' in html


def test_video_makes_no_request_to_the_platform_before_consent(client, page_with_every_block):
    html = client.get("/alle-bausteine/", headers={"host": host("kalk")}).content.decode()
    assert "<iframe" not in html
    assert 'data-video-load="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html  # works without JS


def test_image_without_credit_is_rejected(db):
    image = ImageFactory(credit="")
    block = BodyStreamBlock()
    value = block.to_python(
        [
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "", "decorative": True, "caption": ""},
            }
        ]
    )
    with pytest.raises(ValidationError):
        block.clean(value)


def test_image_with_credit_is_accepted(db):
    image = ImageFactory(credit="Stadtteilbüro")
    block = BodyStreamBlock()
    value = block.to_python(
        [
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "", "decorative": True, "caption": ""},
            }
        ]
    )
    block.clean(value)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://example.org/video.mp4", None),
        ("javascript:alert(1)", None),
    ],
)
def test_video_player_urls(url, expected):
    assert video_player(url)[0] == expected


def test_video_block_rejects_unknown_platforms():
    block = BodyStreamBlock()
    value = block.to_python(
        [
            {
                "type": "video",
                "value": {
                    "url": "https://example.org/v.mp4",
                    "title": "Film",
                    "poster": None,
                    "transcript": "",
                },
            }
        ]
    )
    with pytest.raises(ValidationError):
        block.clean(value)
