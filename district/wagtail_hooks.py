from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
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


class ProposalsPanel(Component):
    """Dashboard: public proposals from the user's districts still waiting for a decision,
    with the sender's contact data (shown only here, never publicly)."""

    name = "district_proposals"
    order = 90
    template_name = "district/admin/proposals_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        from district.models import Proposal
        from district.permissions import districts_for_user

        proposals = (
            Proposal.objects.filter(district__in=districts_for_user(self.request.user))
            .select_related("district", "content_type")
            .order_by("-created_at")[:30]
        )
        waiting = []
        for proposal in proposals:
            draft = proposal.draft
            if draft is None or draft.live:
                continue
            waiting.append({"proposal": proposal, "draft": draft, "edit_url": _edit_url(draft)})
        return {"proposals": waiting[:10]}


def _edit_url(obj):
    from django.urls import reverse
    from wagtail.models import Page

    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    return reverse(obj.snippet_viewset.get_url_name("edit"), args=[obj.pk])


@hooks.register("construct_homepage_panels")
def add_proposals_panel(request, panels):
    panels.append(ProposalsPanel(request))


@hooks.register("construct_page_chooser_queryset")
def scope_page_chooser(pages, request):
    """Page choosers offer the user's own districts and the landing site, not other
    districts' pages; citywide editors see everything."""
    from django.db.models import Q

    from district.models import DistrictHomePage
    from district.permissions import district_ids_for_user, works_citywide
    from home.models import LandingPage

    if works_citywide(request.user):
        return pages
    roots = list(
        DistrictHomePage.objects.filter(
            district_id__in=district_ids_for_user(request.user)
        ).values_list("path", flat=True)
    ) + list(LandingPage.objects.values_list("path", flat=True))
    allowed = Q(depth__lte=1)
    for path in roots:
        allowed |= Q(path__startswith=path)
    return pages.filter(allowed)
