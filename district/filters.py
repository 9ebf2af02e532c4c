from django import forms
from django.utils.translation import gettext_lazy as _

from district.models import KIND_CHOICES, Topic
from district.models.projects import STATUS_CHOICES
from srk_site.filters import ListingFilterForm


def topic_field():
    return forms.ModelChoiceField(
        label=_("Thema"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle Themen"),
    )


class NewsFilterForm(ListingFilterForm):
    thema = topic_field()
    art = forms.ChoiceField(
        label=_("Art"), required=False, choices=[("", _("Alle Meldungen")), *KIND_CHOICES]
    )


class ProjectFilterForm(ListingFilterForm):
    thema = topic_field()
    stand = forms.ChoiceField(
        label=_("Stand"), required=False, choices=[("", _("Alle")), *STATUS_CHOICES]
    )
