from datetime import timedelta

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from people.forms import TaxonomyFilterFields
from srk_site.filters import ListingFilterForm

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]
TODAY, WEEKEND = "heute", "wochenende"


class EventFilterForm(TaxonomyFilterFields, ListingFilterForm):
    """Calendar filters: text, period, dates, category, target group, district, free."""

    zeitraum = forms.ChoiceField(
        label=_("Zeitraum"),
        required=False,
        choices=[("", _("alle kommenden")), (TODAY, _("heute")), (WEEKEND, _("dieses Wochenende"))],
    )
    von = forms.DateField(
        label=_("ab"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    bis = forms.DateField(
        label=_("bis"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    kostenlos = forms.BooleanField(label=_("nur kostenlose"), required=False)

    def valid_filters(self):
        filters = super().valid_filters()
        if "von" in filters and "bis" in filters and filters["bis"] < filters["von"]:
            self.add_error("bis", _("Das Ende des Zeitraums liegt vor dem Anfang."))
            del filters["bis"]
        return filters


def date_range(filters, today):
    """(first, last) local days the filters ask for; None where open."""
    if filters.get("zeitraum") == TODAY:
        return today, today
    if filters.get("zeitraum") == WEEKEND:
        saturday = today + timedelta(days=(5 - today.weekday()) % 7)
        if today.weekday() == 6:  # Sunday: this weekend is today
            saturday = today - timedelta(days=1)
        return max(saturday, today), saturday + timedelta(days=1)
    return filters.get("von"), filters.get("bis")


def apply_filters(occurrences, filters):
    if "kategorie" in filters:
        occurrences = occurrences.filter(event__categories=filters["kategorie"])
    if "zielgruppe" in filters:
        occurrences = occurrences.filter(event__target_groups=filters["zielgruppe"])
    if "gebiet" in filters:
        occurrences = occurrences.filter(district=filters["gebiet"])
    if filters.get("kostenlos"):
        occurrences = occurrences.filter(event__is_free=True)
    for word in filters.get("q", "").split():
        occurrences = occurrences.filter(
            Q(event__title__icontains=word) | Q(event__teaser__icontains=word)
        )
    # No DISTINCT: a many-to-many filter by one category or target group cannot repeat a
    # date, as the link table holds each pair once (see people.models.entries).
    return occurrences
