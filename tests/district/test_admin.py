"""Coordinators build pages from StreamField blocks in the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from district.models import ContentPage
from tests.conftest import host

pytestmark = pytest.mark.django_db


def add_page_url(parent):
    return reverse("wagtailadmin_pages:add", args=("district", "contentpage", parent.pk))


def test_admin_creates_and_publishes_a_content_page_with_streamfield(admin_client, kalk_home):
    data = nested_form_data(
        {
            "title": "Sozialraumkonferenz Kalk 2026",
            "slug": "sozialraumkonferenz-2026",
            "intro": "Rückblick auf die Konferenz im Bürgeramt Kalk.",
            "body": streamfield(
                [
                    ("heading", {"text": "Ergebnisse", "level": "h2"}),
                    ("paragraph", rich_text("<p>Über 60 Akteure diskutierten.</p>")),
                    (
                        "key_figures",
                        {
                            "title": "In Zahlen",
                            "figures": streamfield([("item", {"value": "62", "label": "Gäste"})]),
                            "source": "",
                        },
                    ),
                ]
            ),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(add_page_url(kalk_home), data)
    assert response.status_code == 302, response.content.decode()[:2000]

    page = ContentPage.objects.get(slug="sozialraumkonferenz-2026")
    assert page.live
    assert page.get_parent().pk == kalk_home.pk
    assert [b.block_type for b in page.body] == ["heading", "paragraph", "key_figures"]

    public = admin_client.get("/sozialraumkonferenz-2026/", headers={"host": host("kalk")})
    assert public.status_code == 200
    assert "<h2>Ergebnisse</h2>" in public.content.decode()
    assert "Über 60 Akteure diskutierten." in public.content.decode()


def test_admin_form_reports_an_invalid_block_instead_of_saving(admin_client, kalk_home):
    data = nested_form_data(
        {
            "title": "Aktion",
            "slug": "aktion",
            "intro": "",
            "body": streamfield(
                [
                    (
                        "call_to_action",
                        {
                            "title": "Mitmachen",
                            "text": "",
                            "link_text": "Los",
                            "page": "",
                            "url": "",
                        },
                    )
                ]
            ),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(add_page_url(kalk_home), data)
    assert response.status_code == 200
    assert "genau ein Ziel" in response.content.decode()
    assert not ContentPage.objects.filter(slug="aktion").exists()


def test_admin_page_editor_loads_for_every_page_type(admin_client, landing_page, kalk_home):
    content_page = kalk_home.get_children().get(slug="ueber-uns")
    for page in (landing_page, kalk_home, content_page):
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        assert response.status_code == 200
