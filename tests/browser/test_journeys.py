"""The four journeys of the issue, each at a phone's and a desktop's width, with a
full-page screenshot of every step under test-artifacts/<journey>/<width>/."""

import io
import re
from datetime import date, timedelta

import pytest
from icalendar import Calendar
from PIL import Image

from .conftest import COORDINATOR, Screenshots, open_context

WIDTHS = [360, 1280]


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def width(request):
    return request.param


@pytest.fixture
def tab(chromium, portal, width):
    context = open_context(chromium, width)
    yield context.new_page()
    context.close()


def test_resident_finds_an_event_by_category_and_downloads_it(tab, portal, width):
    shots = Screenshots("resident", width)
    page = tab
    page.goto(portal.origin())
    shots.take(page, "landing")
    page.locator("main").get_by_role("link", name="Kalk", exact=True).first.click()
    page.wait_for_url(portal.origin("kalk") + "/")
    shots.take(page, "district")
    page.locator("nav.main-menu a[href$='/termine/']").click()
    page.wait_for_url(re.compile(r"/termine/$"))
    shots.take(page, "events")

    slug, name = portal.facts["event_category"]
    page.locator("#id_kategorie").select_option(slug)
    page.locator("form.filters [type=submit]").click()
    page.wait_for_url(re.compile(f"kategorie={slug}"))
    shots.take(page, "filtered")
    first_event = page.locator("main .event-item__title a").first
    first_event.click()
    page.wait_for_load_state()
    title = page.locator("h1").inner_text().strip()
    shots.take(page, "event")

    with page.expect_download() as download_info:
        page.locator("a[href$='kalender.ics']").click()
    calendar = Calendar.from_ical(download_info.value.path().read_bytes())
    assert calendar.name == "VCALENDAR"
    summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    assert summaries == {title}, (name, summaries)


def propose_event(page, portal, shots, title):
    """The actor's part: propose a date through /mitmachen/ without an account."""
    page.goto(portal.origin("kalk") + "/mitmachen/")
    shots.take(page, "participation")
    page.locator("main a[href$='/mitmachen/termin/']").click()
    page.wait_for_url(re.compile(r"/mitmachen/termin/$"))
    page.fill("#id_title", title)
    page.fill("#id_teaser", "Brettspiele für Jung und Alt, Kaffee und Kuchen.")
    page.fill("#id_date", (date.today() + timedelta(days=10)).isoformat())
    page.fill("#id_start_time", "15:00")
    page.fill("#id_end_time", "18:00")
    page.fill("#id_place_name", "Stadtteilladen Kalk")
    page.fill("#id_sender_name", "Ayşe Demir")
    page.fill("#id_sender_email", "ayse.demir@verein.example")
    page.check("#id_consent")
    shots.take(page, "form-filled")
    page.locator("form.proposal-form [type=submit]").click()
    page.wait_for_url(re.compile(r"/mitmachen/danke/$"))
    assert page.context.cookies() == []  # no account, no session, no CSRF cookie
    shots.take(page, "thanks")


def approve_in_admin(page, portal, shots, title):
    """The coordinator's part: log in, find the proposal, approve it."""
    username, password = COORDINATOR
    page.goto(portal.origin("kalk") + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("form [type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    shots.take(page, "dashboard")
    page.get_by_role("link", name=title).first.click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    shots.take(page, "proposal")
    # "Approve and publish", not the variant that asks for a comment first.
    approve = page.locator(
        "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    )
    if not approve.is_visible():
        # Workflow actions sit in the menu beside the main button of the editor's footer.
        page.locator("footer [aria-expanded='false']").last.click()
    approve.click()
    page.wait_for_load_state()
    shots.take(page, "approved")


def test_actor_proposes_an_event_and_the_coordinator_approves_it(tab, portal, width):
    title = f"Spielenachmittag im Veedel ({width} px)"
    shots = Screenshots("actor-coordinator", width)
    propose_event(tab, portal, shots, title)

    # Not public before the approval.
    tab.goto(portal.origin("kalk") + "/termine/")
    assert tab.get_by_role("link", name=title).count() == 0

    approve_in_admin(tab, portal, shots, title)
    tab.context.clear_cookies()
    tab.goto(portal.origin("kalk") + "/termine/")
    shots.take(tab, "public-list")
    tab.get_by_role("link", name=title).first.click()
    tab.wait_for_load_state()
    assert tab.locator("h1").inner_text().strip() == title
    shots.take(tab, "public-event")


def test_press_finds_a_release_and_downloads_the_original_photo(tab, portal, width):
    shots = Screenshots("press", width)
    page = tab
    page.goto(portal.origin("kalk") + "/")
    shots.take(page, "district")
    page.locator("nav.main-menu a[href$='/aktuelles/']").click()
    page.wait_for_url(re.compile(r"/aktuelles/$"))
    page.locator("main a[href$='/aktuelles/presse/']").first.click()
    page.wait_for_url(re.compile(r"/aktuelles/presse/$"))
    shots.take(page, "press-area")
    page.locator("#releases-heading ~ ul a").first.click()
    page.wait_for_load_state()
    shots.take(page, "press-release")

    link = page.locator("main a[download][href*='/media/']").first
    expected = tuple(int(n) for n in re.search(r"(\d+) × (\d+)", link.inner_text()).groups())
    with page.expect_download() as download_info:
        link.click()
    data = download_info.value.path().read_bytes()
    image = Image.open(io.BytesIO(data))
    image.verify()
    assert image.size == expected
    shots.take(page, "downloaded")
