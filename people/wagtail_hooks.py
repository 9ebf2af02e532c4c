from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from district.permissions import DistrictPermissionPolicy
from district.viewsets import DistrictScopedSnippetViewSet
from people.models import Category, Organisation, Person, TargetGroup

# Registered before any viewset asks for a policy, as Wagtail 8 requires.
register_permission_policy(Organisation, DistrictPermissionPolicy(Organisation))
register_permission_policy(Person, DistrictPermissionPolicy(Person))


class OrganisationFilterSet(WagtailFilterSet):
    class Meta:
        model = Organisation
        fields = ["districts", "categories", "target_groups", "live"]


class OrganisationViewSet(DistrictScopedSnippetViewSet):
    model = Organisation
    icon = "home"
    menu_label = _("Einrichtungen")
    list_display = ["name", "veedel", "verified_on", "live"]
    list_per_page = 50
    filterset_class = OrganisationFilterSet
    search_fields = ["name", "description", "street", "veedel", "carrier"]
    ordering = ["sort_name"]
    inspect_view_fields = [
        "name",
        "description",
        "street",
        "postcode",
        "veedel",
        "latitude",
        "longitude",
        "phone",
        "email",
        "website",
        "languages",
        "cost",
        "carrier",
        "verified_on",
    ]


class PersonFilterSet(WagtailFilterSet):
    class Meta:
        model = Person
        fields = ["districts", "live"]


class PersonViewSet(DistrictScopedSnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Kontaktpersonen")
    list_display = ["name", "role", "organisation", "live"]
    filterset_class = PersonFilterSet
    search_fields = ["name", "role"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Kategorien")
    list_display = ["name", "slug", "sort_order"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "group"
    menu_label = _("Zielgruppen")
    list_display = ["name", "slug", "sort_order"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, PersonViewSet, CategoryViewSet, TargetGroupViewSet)
    menu_icon = "site"
    menu_label = _("Adressen")
    menu_name = "adressen"


register_snippet(DirectoryViewSetGroup)
