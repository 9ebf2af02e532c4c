"""Editors can only build sensible trees."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from district.models import (
    ContentPage,
    DistrictHomePage,
    FormPage,
    NetworkIndexPage,
    NetworkPage,
    NewsIndexPage,
    NewsPage,
    ProjectIndexPage,
    ProjectPage,
)
from events.models import EventIndexPage, EventPage
from home.models import LandingPage
from people.models import DirectoryPage


class PageTypeRulesTest(WagtailPageTestCase):
    def test_landing_and_district_home_pages_only_sit_at_the_top_of_the_tree(self):
        self.assertAllowedParentPageTypes(LandingPage, {Page})
        self.assertAllowedParentPageTypes(DistrictHomePage, {Page})

    def test_content_pages_sit_under_landing_district_home_or_other_content_pages(self):
        self.assertAllowedParentPageTypes(ContentPage, {LandingPage, DistrictHomePage, ContentPage})

    def test_section_pages_are_what_editors_add_below_the_home_pages(self):
        sections = {
            FormPage,
            ContentPage,
            NewsIndexPage,
            ProjectIndexPage,
            NetworkIndexPage,
            EventIndexPage,
            DirectoryPage,
        }
        self.assertAllowedSubpageTypes(LandingPage, sections)
        self.assertAllowedSubpageTypes(DistrictHomePage, sections)
        self.assertAllowedSubpageTypes(ContentPage, {ContentPage, FormPage})

    def test_items_sit_only_under_their_index(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedParentPageTypes(ProjectPage, {ProjectIndexPage})
        self.assertAllowedParentPageTypes(NetworkPage, {NetworkIndexPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        for item in (NewsPage, ProjectPage, NetworkPage, EventPage):
            self.assertAllowedSubpageTypes(item, set())

    def test_each_section_exists_once_per_site(self):
        home = DistrictHomePage.objects.get(district__slug="kalk")
        for section in (NewsIndexPage, ProjectIndexPage, NetworkIndexPage, EventIndexPage):
            self.assertFalse(section.can_create_at(home), section)

    def test_directory_pages_sit_once_under_a_home_page_and_have_no_children(self):
        self.assertAllowedParentPageTypes(DirectoryPage, {LandingPage, DistrictHomePage})
        self.assertAllowedSubpageTypes(DirectoryPage, set())
        home = DistrictHomePage.objects.get(district__slug="kalk")
        self.assertFalse(DirectoryPage.can_create_at(home))  # setup_portal made one already

    def test_content_page_cannot_be_created_at_the_root(self):
        self.assertCanNotCreateAt(Page, ContentPage)

    def test_home_pages_cannot_be_nested(self):
        self.assertCanNotCreateAt(DistrictHomePage, DistrictHomePage)
        self.assertCanNotCreateAt(LandingPage, DistrictHomePage)
        self.assertCanNotCreateAt(ContentPage, LandingPage)
