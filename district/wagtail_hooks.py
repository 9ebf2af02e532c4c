from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from district.models import Topic


class LandingProposalsIndexView(IndexView):
    """News and projects that district coordinators propose for the landing page."""

    def get_base_queryset(self):
        proposed = Q(newspage__propose_for_landing=True) | Q(projectpage__propose_for_landing=True)
        return super().get_base_queryset().filter(proposed)


class LandingProposalsViewSet(PageListingViewSet):
    model = Page
    index_view_class = LandingProposalsIndexView
    icon = "pick"
    menu_label = _("Vorschläge für die Startseite")
    name = "landing_proposals"
    add_to_admin_menu = True
    menu_order = 250


@hooks.register("register_admin_viewset")
def register_landing_proposals():
    return LandingProposalsViewSet()


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Themen")
    list_display = ["name", "slug", "sort_order"]


register_snippet(TopicViewSet)
