from django import forms
from django.utils.translation import gettext_lazy as _

from people.models.entries import Category, TargetGroup
from srk_site.filters import ListingFilterForm


class TaxonomyFilterFields(forms.Form):
    """Category and target group filters, shared by the directory and the calendar."""

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


class DirectoryFilterForm(TaxonomyFilterFields, ListingFilterForm):
    """The directory's filters: text, category, target group, district, open now."""

    offen = forms.BooleanField(label=_("Jetzt geöffnet"), required=False)


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
    return queryset
