"""setup_portal builds the structure from the districts file and is safe to re-run."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from district.models import ContentPage, District, DistrictHomePage
from srk_site.portal_setup import DISTRICT_PAGES, LANDING_PAGES
from tests.conftest import DISTRICT_SLUGS, host

pytestmark = pytest.mark.django_db


def counts():
    return {
        "pages": Page.objects.count(),
        "sites": Site.objects.count(),
        "districts": District.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
    }


def test_districts_file_has_the_fifteen_current_areas():
    assert len(DISTRICT_SLUGS) == 15
    assert {"kalk", "chorweiler", "muelheim", "porz-ost"} <= set(DISTRICT_SLUGS)


def test_setup_creates_a_site_home_page_and_fixed_pages_per_district():
    assert District.objects.count() == 15
    assert Site.objects.count() == 16
    assert Site.objects.get(is_default_site=True).hostname == "localhost"
    for district in District.objects.select_related("site"):
        assert district.site.hostname == f"{district.slug}.localhost"
        assert district.site.port == 8000
        home = DistrictHomePage.objects.get(district=district)
        assert district.site.root_page_id == home.pk
        slugs = set(home.get_children().values_list("slug", flat=True))
        assert slugs == {fixed.slug for fixed in DISTRICT_PAGES} | {"leichte-sprache"}


def test_setup_removes_wagtails_placeholder_page():
    assert not Page.objects.filter(depth=2, slug="home").exists()
    assert Page.objects.filter(depth=2).count() == 16


def test_running_setup_twice_changes_nothing():
    before = counts()
    call_command("setup_portal", verbosity=0)
    assert counts() == before


def test_setup_keeps_what_editors_changed():
    page = ContentPage.objects.get(slug="impressum", url_path__startswith="/kalk/")
    page.intro = "Von der Koordination überarbeitet."
    page.save_revision().publish()
    call_command("setup_portal", verbosity=0)
    page.refresh_from_db()
    assert page.intro == "Von der Koordination überarbeitet."


def test_a_sixteenth_district_is_one_entry_and_a_rerun(tmp_path, client, settings):
    source = settings.SRK_DISTRICTS_FILE.read_text(encoding="utf-8")
    extra = tmp_path / "districts.toml"
    extra.write_text(
        source + '\n[[district]]\nslug = "neue-stadt"\nname = "Neue Stadt"\nveedel = ["Neustadt"]\n'
        'carrier = ""\naccent_colour = "#22577a"\nsort_order = 160\n',
        encoding="utf-8",
    )
    call_command("setup_portal", districts_file=str(extra), verbosity=0)
    assert District.objects.count() == 16
    response = client.get("/", headers={"host": host("neue-stadt")})
    assert response.status_code == 200
    assert "<h1>Neue Stadt</h1>" in response.content.decode()
    assert client.get("/datenschutz/", headers={"host": host("neue-stadt")}).status_code == 200


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('slug = "x"\nname = "X"\n', "missing"),
        (
            'slug = "Hell Grün"\nname = "X"\nveedel = ["X"]\ncarrier = ""\n'
            'accent_colour = "#22577a"\nsort_order = 1\n',
            "slug must be lowercase",
        ),
        (
            'slug = "hell"\nname = "X"\nveedel = ["X"]\ncarrier = ""\n'
            'accent_colour = "#ffff66"\nsort_order = 1\n',
            "zu hell",
        ),
        (
            'slug = "kalk"\nname = "X"\nveedel = ["X"]\ncarrier = ""\n'
            'accent_colour = "#22577a"\nsort_order = 1\n',
            "appears twice",
        ),
    ],
)
def test_a_bad_districts_file_is_reported_and_nothing_is_written(
    tmp_path, settings, entry, message
):
    source = settings.SRK_DISTRICTS_FILE.read_text(encoding="utf-8")
    bad = tmp_path / "districts.toml"
    bad.write_text(source + "\n[[district]]\n" + entry, encoding="utf-8")
    before = counts()
    with pytest.raises(CommandError, match=message):
        call_command("setup_portal", districts_file=str(bad), verbosity=0)
    assert counts() == before


def test_an_unreadable_districts_file_is_reported(tmp_path):
    broken = tmp_path / "districts.toml"
    broken.write_text("[[district]\nslug = ", encoding="utf-8")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("setup_portal", districts_file=str(broken), verbosity=0)


def test_landing_site_has_its_fixed_pages():
    landing = Site.objects.get(is_default_site=True).root_page
    slugs = set(landing.get_children().values_list("slug", flat=True))
    assert slugs == {fixed.slug for fixed in LANDING_PAGES} | {"leichte-sprache"}
