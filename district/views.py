import logging

from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Site

from district.models import District
from district.models.participation import EVENT, KIND_CHOICES, NEWS, ORGANISATION
from district.proposal_forms import (
    EventProposalForm,
    NewsProposalForm,
    OrganisationProposalForm,
    new_token,
)
from district.proposals import submit_proposal
from srk_site.ratelimit import over_limit

logger = logging.getLogger(__name__)

FORMS = {EVENT: EventProposalForm, NEWS: NewsProposalForm, ORGANISATION: OrganisationProposalForm}
TITLES = dict(KIND_CHOICES)
# Enough for an active association; a script sending proposals stops here.
PROPOSALS_PER_HOUR = 5


def district_for(request):
    site = Site.find_for_request(request)
    return District.objects.filter(site=site).first() if site else None


def overview(request):
    """/mitmachen/: what local actors can send; on the landing site, a list of districts."""
    district = district_for(request)
    districts = [] if district else District.objects.with_sites()
    return render(
        request,
        "district/participation/overview.html",
        {"district": district, "districts": districts, "kinds": KIND_CHOICES},
    )


# No CSRF cookie for visitors: the form carries its own signed, one-time token instead,
# and a forged submission could do no more than a real one (a draft awaiting approval).
@csrf_exempt
def propose(request, kind):
    district = district_for(request)
    if district is None or kind not in FORMS:
        raise Http404
    form_class = FORMS[kind]
    if request.method == "POST":
        form = form_class(request.POST, request.FILES)
        if form.is_valid():
            if over_limit(request, "proposal", PROPOSALS_PER_HOUR):
                return render(request, "district/participation/limit.html", status=429)
            try:
                submit_proposal(kind, district, form.cleaned_data)
            except DatabaseError:
                logger.exception("A proposal could not be saved")
                return render(request, "district/participation/failed.html", status=503)
            return redirect("participation_thanks")
    else:
        form = form_class(initial={"token": new_token()})
    return render(
        request,
        "district/participation/form.html",
        {"form": form, "district": district, "kind": kind, "title": TITLES[kind]},
    )


def thanks(request):
    return render(
        request, "district/participation/thanks.html", {"district": district_for(request)}
    )
