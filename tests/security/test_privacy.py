"""Privacy: anonymous visitors get no cookie, and the Datenschutz page says what the
portal stores, why and for how long."""

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.contrib.forms.models import FormMixin

from district.models import ContentPage
from people.views import REVEALS_PER_HOUR
from tests.conftest import host
from tests.security.pages import public_urls  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_get_no_cookie_on_any_public_page_type(client, public_urls):  # noqa: F811
    checked = 0
    for host_header, path in public_urls:
        response = client.get(path, headers={"host": host_header})
        page = response.context.get("page") if response.context else None
        is_form_page = isinstance(page, FormMixin)
        if is_form_page:
            # Editor-built forms (a registration, "Barriere melden") carry Django's CSRF
            # token (docs/decisions.md, 14).
            assert set(response.cookies) <= {"csrftoken"}, path
        else:
            assert not response.cookies, (path, list(response.cookies))
            checked += 1
        client.cookies.clear()
    assert checked >= 25


def test_the_privacy_page_says_what_is_stored_why_and_how_long(client):
    html = client.get("/datenschutz/", headers={"host": host("kalk")}).content.decode()
    for promise in [
        "keine Cookies",
        "keine Analyse-, Tracking- oder Werbedienste",
        f"nach {settings.SRK_PROPOSAL_RETENTION_DAYS} Tagen automatisch",
        "nach 14 Tagen gelöscht",  # server logs
        f"höchstens {REVEALS_PER_HOUR} pro Stunde",
        "csrftoken",
        "sessionid",
        "für 15 Minuten",
        "OpenStreetMap",
        "youtube-nocookie.com",
        "Vimeo",
        "Art. 6 Abs. 1 lit. a DSGVO",
        "Aufsichtsbehörde",
    ]:
        assert promise in html, promise


def test_setup_fills_an_empty_privacy_page_but_keeps_an_edited_one(kalk_home, landing_page):
    kalk_page = ContentPage.objects.child_of(kalk_home).get(slug="datenschutz")
    kalk_page.body = []
    kalk_page.save_revision().publish()
    landing = ContentPage.objects.child_of(landing_page).get(slug="datenschutz")
    landing.body = [{"type": "paragraph", "value": "<p>Eigener Text der Redaktion.</p>"}]
    landing.save_revision().publish()

    call_command("setup_portal", verbosity=0)

    kalk_page.refresh_from_db()
    landing.refresh_from_db()
    assert "Vorschläge über „Mitmachen“" in str(kalk_page.body)
    landing_html = str(landing.body.render_as_block())
    assert "Eigener Text der Redaktion" in landing_html and "Mitmachen" not in landing_html
