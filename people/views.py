from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from people.models import Organisation, Person

REVEALABLE = {"organisation": Organisation, "person": Person}


# No CSRF token: revealing a public address changes nothing, and a token would give
# every visitor a cookie and keep pages out of the cache.
@csrf_exempt
@require_POST
def reveal_email(request, kind, pk):
    """Show a published entry's e-mail address after a button press.

    Harvesters read pages and follow links; they do not press buttons. People do, with
    or without JavaScript and with screen readers.
    """
    model = REVEALABLE.get(kind)
    if model is None:
        return render(request, "404.html", status=404)
    entry = get_object_or_404(model.objects.published().exclude(email=""), pk=pk)
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"email": entry.email})
    referer = request.headers.get("Referer", "")
    back_url = referer if url_has_allowed_host_and_scheme(referer, {request.get_host()}) else ""
    response = render(request, "people/email_reveal.html", {"entry": entry, "back_url": back_url})
    response["X-Robots-Tag"] = "noindex"
    return response
