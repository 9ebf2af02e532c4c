from wagtail.admin.forms import WagtailAdminModelForm

from district.permissions import districts_for_user, works_citywide


class DistrictScopedForm(WagtailAdminModelForm):
    """Offers only the user's own districts, and insists on at least one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("districts")
        if field is not None and self.for_user is not None:
            field.queryset = districts_for_user(self.for_user)
            field.required = True
            if not self.instance.pk and field.queryset.count() == 1:
                self.initial.setdefault("districts", list(field.queryset))

    def clean_districts(self):
        chosen = self.cleaned_data["districts"]
        if self.instance.pk and self.for_user is not None and not works_citywide(self.for_user):
            # Keep the districts the user cannot see: they are not theirs to remove.
            allowed = set(districts_for_user(self.for_user).values_list("pk", flat=True))
            hidden = self.instance.districts.exclude(pk__in=allowed)
            chosen = list(chosen) + list(hidden)
        return chosen
