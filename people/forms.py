from django import forms
from django.utils.translation import gettext_lazy as _

from district.models import District
from people.models.entries import Category, TargetGroup

MAX_TEXT_FILTER = 200


class DirectoryFilterForm(forms.Form):
    """The directory's filters as GET parameters: shareable URLs, no JavaScript needed.

    An unknown value (a category that does not exist, say) makes only that field invalid;
    the other filters still apply and the page says which one was ignored.
    """

    q = forms.CharField(label=_("Suchbegriff"), required=False)
    kategorie = forms.ModelChoiceField(
        label=_("Kategorie"),
        queryset=Category.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle Kategorien"),
    )
    zielgruppe = forms.ModelChoiceField(
        label=_("Zielgruppe"),
        queryset=TargetGroup.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle Zielgruppen"),
    )
    gebiet = forms.ModelChoiceField(
        label=_("Sozialraumgebiet"),
        queryset=District.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle Gebiete"),
    )
    offen = forms.BooleanField(label=_("Jetzt geöffnet"), required=False)

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


def apply_filters(queryset, filters, now):
    if "q" in filters:
        queryset = queryset.matching(filters["q"])
    if "kategorie" in filters:
        queryset = queryset.filter(categories=filters["kategorie"])
    if "zielgruppe" in filters:
        queryset = queryset.filter(target_groups=filters["zielgruppe"])
    if "gebiet" in filters:
        queryset = queryset.filter(districts=filters["gebiet"])
    if filters.get("offen"):
        queryset = queryset.open_at(now)
    return queryset.distinct()
