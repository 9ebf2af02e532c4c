from django.core import signing
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from people.models import Organisation, Person
from srk_site.ratelimit import over_limit

REVEALABLE = {"organisation": Organisation, "person": Person}
SIGNING_SALT = "people.reveal_email"
# More reveals than a person needs; a harvester walking the directory hits the limit.
REVEALS_PER_HOUR = 60


def reveal_url(kind, entry):
    """The signed address of an entry's reveal button: ids cannot simply be counted up."""
    token = signing.dumps([kind, entry.pk], salt=SIGNING_SALT, compress=True)
    return reverse("people:reveal_email", args=[token])


# No CSRF token: revealing a public address changes nothing, and a token would give
# every visitor a cookie and keep pages out of the cache.
@csrf_exempt
@require_POST
def reveal_email(request, token):
    """Show a published entry's e-mail address after a button press.

    Harvesters read pages and follow links; they do not press buttons. People do, with
    or without JavaScript and with screen readers.
    """
    try:
        kind, pk = signing.loads(token, salt=SIGNING_SALT)
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise Http404 from exc
    model = REVEALABLE.get(kind)
    if model is None:
        raise Http404
    entry = get_object_or_404(model.objects.published().exclude(email=""), pk=pk)
    if over_limit(request, "email-reveal", REVEALS_PER_HOUR):
        return render(request, "people/email_limit.html", status=429)
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"email": entry.email})
    referer = request.headers.get("Referer", "")
    back_url = referer if url_has_allowed_host_and_scheme(referer, {request.get_host()}) else ""
    response = render(request, "people/email_reveal.html", {"entry": entry, "back_url": back_url})
    response["X-Robots-Tag"] = "noindex"
    return response
