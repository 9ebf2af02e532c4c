"""Per-district permissions for models that belong to one or more districts.

A user works on a district's entries when they belong to one of the district's groups
(`District.groups`). What they may do there (add, change, publish, delete) still comes
from their groups' model permissions. Superusers and holders of
`district.access_all_districts` (the citywide editors) work on every district.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from district.models import District

ALL_DISTRICTS_PERMISSION = "district.access_all_districts"


def works_citywide(user):
    return user.is_active and (user.is_superuser or user.has_perm(ALL_DISTRICTS_PERMISSION))


def district_ids_for_user(user):
    """IDs of the districts a user works in; cached on the user for the request."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_srk_district_ids"):
        ids = District.objects.filter(groups__user=user).values_list("pk", flat=True)
        user._srk_district_ids = frozenset(ids)
    return user._srk_district_ids


def districts_for_user(user):
    if works_citywide(user):
        return District.objects.all()
    return District.objects.filter(pk__in=district_ids_for_user(user))


class DistrictPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to the instances of the user's districts.

    `district_field` names the model's many-to-many (or foreign key) to District.
    """

    def __init__(self, model, district_field="districts", auth_model=None):
        super().__init__(model, auth_model=auth_model)
        self.district_field = district_field

    def instance_district_ids(self, instance):
        if instance.pk is None:
            return set()
        related = getattr(instance, self.district_field)
        if hasattr(related, "values_list"):  # many-to-many manager
            return set(related.values_list("pk", flat=True))
        return {related.pk} if related is not None else set()

    def actor_only(self, user):
        """Actors may not publish; where the model says so, they keep to their own entries."""
        lookup = getattr(self.model, "actor_editor_lookup", None)
        return bool(lookup) and not self.user_has_permission(user, "publish")

    def user_covers_instance(self, user, instance):
        if works_citywide(user):
            return True
        if not self.instance_district_ids(instance) & district_ids_for_user(user):
            return False
        if self.actor_only(user) and instance.pk is not None:
            lookup = self.model.actor_editor_lookup
            return self.model._default_manager.filter(pk=instance.pk, **{lookup: user}).exists()
        return True

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self.user_covers_instance(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self.user_covers_instance(
            user, instance
        )

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return queryset.none()
        if works_citywide(user):
            return queryset
        lookup = f"{self.district_field}__in"
        queryset = queryset.filter(**{lookup: district_ids_for_user(user)})
        if self.actor_only(user):
            queryset = queryset.filter(**{self.model.actor_editor_lookup: user})
        return queryset.distinct()

    def users_with_any_permission_for_instance(self, actions, instance):
        users = self.users_with_any_permission(actions)
        district_ids = self.instance_district_ids(instance)
        all_districts = Q(is_superuser=True) | Q(
            groups__permissions__codename="access_all_districts",
            groups__permissions__content_type__app_label="district",
        )
        return (
            get_user_model()
            .objects.filter(pk__in=users.values("pk"))
            .filter(all_districts | Q(groups__districts__in=district_ids))
            .distinct()
        )
