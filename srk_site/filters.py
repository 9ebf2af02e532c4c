from django import forms
from django.utils.translation import gettext_lazy as _

from district.models import District

MAX_TEXT_FILTER = 200


class ListingFilterForm(forms.Form):
    """Base for the public listings' filters, sent as GET parameters so URLs can be
    shared and nothing needs JavaScript.

    An invalid value (a category that does not exist, say) disables only that filter; the
    others still apply and the page names the one it ignored. The district filter is only
    offered on the citywide landing site.
    """

    q = forms.CharField(label=_("Suchbegriff"), required=False)
    gebiet = forms.ModelChoiceField(
        label=_("Sozialraumgebiet"),
        queryset=District.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle Gebiete"),
    )

    def __init__(self, *args, citywide=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not citywide:
            del self.fields["gebiet"]

    def clean_q(self):
        # Long input is cut, not refused: the visitor still gets a result page.
        return " ".join(self.cleaned_data["q"].replace("\x00", "").split())[:MAX_TEXT_FILTER]

    def valid_filters(self):
        """The filters that passed validation, whatever happened to the others."""
        self.is_valid()
        return {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if name not in self.errors and value not in (None, "", False)
        }
