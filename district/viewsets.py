"""Admin viewsets for snippets that belong to districts: each user sees, edits and
chooses only the entries of their own districts (see district.permissions)."""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.urls import URLPattern
from wagtail.permissions import policy_registry
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet


def _takes_pk(pattern):
    """Whether a URL pattern carries an object's pk, as a path converter or a regex group."""
    route = pattern.pattern
    regex_groups = getattr(getattr(route, "regex", None), "groupindex", {})
    return "pk" in getattr(route, "converters", {}) or "pk" in regex_groups


class ScopedObjectListMixin:
    def get_object_list(self):
        policy = policy_registry.get_by_type(self.model_class)
        return policy.instances_user_has_any_permission_for(
            self.request.user, ["add", "change", "view", "publish"]
        )


class DistrictChooseView(ScopedObjectListMixin, ChooseView):
    pass


class DistrictChooseResultsView(ScopedObjectListMixin, ChooseResultsView):
    pass


class DistrictChosenView(SnippetChosenView):
    def get_object(self, pk):
        obj = super().get_object(pk)
        if not policy_registry.get_by_type(self.model_class).user_covers_instance(
            self.request.user, obj
        ):
            raise PermissionDenied
        return obj


class DistrictSnippetChooserViewSet(SnippetChooserViewSet):
    """Choosers offer only the entries of the user's own districts."""

    choose_view_class = DistrictChooseView
    choose_results_view_class = DistrictChooseResultsView
    chosen_view_class = DistrictChosenView


class DistrictScopedSnippetViewSet(SnippetViewSet):
    """A SnippetViewSet whose listing, chooser and every object URL respect the
    model's DistrictPermissionPolicy (registered with register_permission_policy)."""

    inspect_view_enabled = True
    chooser_viewset_class = DistrictSnippetChooserViewSet

    @property
    def district_policy(self):
        return policy_registry.get_by_type(self.model)

    def get_queryset(self, request):
        return self.district_policy.instances_user_has_any_permission_for(
            request.user, ["add", "change", "delete", "view", "publish"]
        )

    def get_urlpatterns(self):
        return [self._scoped(pattern) for pattern in super().get_urlpatterns()]

    def _scoped(self, pattern):
        """Wrap views that take an object's pk: another district's object gives 403."""
        if not isinstance(pattern, URLPattern) or not _takes_pk(pattern):
            return pattern
        view, model, policy = pattern.callback, self.model, self.district_policy

        @wraps(view)
        def scoped_view(request, *args, **kwargs):
            obj = model._default_manager.filter(pk=unquote(str(kwargs["pk"]))).first()
            if obj is not None and not policy.user_covers_instance(request.user, obj):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return URLPattern(pattern.pattern, scoped_view, pattern.default_args, pattern.name)
