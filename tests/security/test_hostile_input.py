"""Hostile input: every public URL, filter and form gets random and malicious values.

No response may be a server error, and no payload may come back unescaped. Hypothesis
runs derandomised (the same examples on every run) so CI is reproducible; the example
counts keep the whole module around a minute.
"""

import datetime

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from district.proposal_forms import new_token
from district.views import FORMS
from tests.conftest import host
from tests.security.pages import public_urls  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

# Markup that would run if it reached the page unescaped.
XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</textarea><script>alert(2)</script>",
]
MALICIOUS = [
    *XSS,
    "javascript:alert(1)",
    "' OR '1'='1",
    "1; DROP TABLE wagtailcore_page; --",
    "%' UNION SELECT password FROM auth_user --",
    "\x00",
    "a\x00b",
    "../../../../etc/passwd",
    "-1",
    "0",
    "-999999999999999999999",
    "99999999999999999999999999",
    "1e308",
    "NaN",
    "2026-02-30",
    "2026-13-01",
    "0000-00-00",
    "9999-12-31",
    "31.12.2026",
    "ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ",
    "İstanbul ığdır",
    "مرحبا",
    "\u202e\u0647",
    "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
    "%00",
    "%",
    ":*",
    '"',
    "",
    " ",
]
hostile_text = st.one_of(
    st.sampled_from(MALICIOUS),
    st.text(max_size=30),
    st.integers().map(str),
    st.just("A" * 20_000),
    st.just("<b>" * 2_000),
)
FILTER_KEYS = [
    "q",
    "page",
    "gebiet",
    "thema",
    "art",
    "stand",
    "kategorie",
    "zielgruppe",
    "offen",
    "zeitraum",
    "von",
    "bis",
    "kostenlos",
    "monat",
    "typ",
    "alle",
]
HYPOTHESIS = settings(
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


def assert_safe(response, *payloads):
    assert response.status_code < 500, response.status_code
    if response.get("Content-Type", "").startswith("text/html"):
        html = response.content.decode(errors="replace")
        for payload in payloads:
            if payload in XSS:
                assert payload not in html, payload


@pytest.fixture
def anonymous(client):
    """Rate limits count per address; every example may send again."""
    cache.clear()
    return client


@settings(HYPOTHESIS, max_examples=150)
@given(data=st.data())
def test_filters_and_queries_on_every_public_url_never_fail(anonymous, public_urls, data):  # noqa: F811
    host_header, path = data.draw(st.sampled_from(public_urls), label="url")
    query = data.draw(
        st.dictionaries(st.sampled_from(FILTER_KEYS), hostile_text, max_size=4), label="query"
    )
    base_path = path.split("?", 1)[0]
    response = anonymous.get(base_path, query, headers={"host": host_header})
    assert_safe(response, *query.values())


@settings(HYPOTHESIS, max_examples=80)
@given(
    pattern=st.sampled_from(
        [
            "/{}/",
            "/termine/{}/",
            "/termine/monat/?monat={}",
            "/adressen/{}/",
            "/adressen/{}/vcard/",
            "/aktuelles/{}/",
            "/projekte/{}/",
            "/kontakt/e-mail/{}/",
            "/mitmachen/{}/",
            "/{}.ics",
            "/termine/{}.ics",
            "/adressen/{}.csv",
            "/suche/?q={}",
            "/en/{}/",
            "/documents/{}/x.pdf",
        ]
    ),
    value=hostile_text,
)
def test_hostile_path_segments_give_a_page_or_a_404_never_an_error(anonymous, pattern, value):
    from urllib.parse import quote

    response = anonymous.get(pattern.format(quote(value, safe="")), headers={"host": host("kalk")})
    assert_safe(response, value)


def proposal_data(form_class, draw):
    """A proposal whose fields are each either plausible or hostile."""
    plausible = {
        "sender_name": "Aylin Demir",
        "sender_email": "aylin@example.org",
        "consent": "on",
        "title": "Nachbarschaftsfest",
        "teaser": "Musik und Essen für alle.",
        "description": "Alle sind eingeladen.",
        "date": (datetime.date.today() + datetime.timedelta(days=10)).isoformat(),
        "place_name": "Bürgerhaus",
        "start_time": "15:00",
        "name": "Nachbarschaftstreff",
        "image_credit": "Foto: privat",
    }
    data = {"token": new_token(), "website": ""}
    for name in form_class.base_fields:
        if name in ("token", "website", "image"):
            continue
        if draw(st.booleans(), label=f"hostile {name}"):
            data[name] = draw(hostile_text, label=name)
        elif name in plausible:
            data[name] = plausible[name]
    return data


@settings(HYPOTHESIS, max_examples=60)
@given(data=st.data())
def test_hostile_proposals_are_refused_or_stored_never_a_server_error(anonymous, kalk, data):
    cache.clear()  # the proposal rate limit would otherwise stop the examples after five
    kind = data.draw(st.sampled_from(sorted(FORMS)), label="kind")
    fields = proposal_data(FORMS[kind], data.draw)
    response = anonymous.post(f"/mitmachen/{kind}/", fields, headers={"host": host("kalk")})
    assert_safe(response, *fields.values())
    assert response.status_code in (200, 302, 400, 429)


@settings(HYPOTHESIS, max_examples=40)
@given(values=st.lists(hostile_text, min_size=4, max_size=4))
def test_hostile_entries_in_an_editor_built_form_never_fail(anonymous, kalk_home, values):
    from district.models import FormPage

    form = FormPage.objects.filter(slug="anmeldung-hostile").first()
    if form is None:
        from tests.district.test_forms import make_form_page

        form = make_form_page(kalk_home, slug="anmeldung-hostile")
    fields = dict(zip(["name", "e_mail", "welche_tage", "essen"], values, strict=True))
    path = form.url_path.removeprefix("/kalk")
    response = anonymous.post(path, fields, headers={"host": host("kalk")})
    assert_safe(response, *values)


@settings(HYPOTHESIS, max_examples=30)
@given(token=hostile_text, accept=st.sampled_from(["application/json", "text/html", "*/*"]))
def test_hostile_e_mail_reveal_tokens_give_404_never_an_error(anonymous, token, accept):
    from urllib.parse import quote

    response = anonymous.post(
        f"/kontakt/e-mail/{quote(token, safe='')}/",
        headers={"host": host("kalk"), "Accept": accept},
    )
    assert_safe(response, token)


XSS_TITLE = '<script>alert("veedel")</script><img src=x onerror=alert(2)>Fest'


def test_a_proposal_with_markup_is_escaped_in_every_admin_view_that_lists_it(
    anonymous, admin_client, kalk
):
    from district.proposal_forms import new_token
    from events.models import EventPage
    from people.models import Organisation

    common = {
        "sender_name": XSS_TITLE,
        "sender_email": "a@example.org",
        "consent": "on",
        "website": "",
    }
    event = {
        **common,
        "token": new_token(),
        "title": XSS_TITLE,
        "teaser": XSS_TITLE,
        "description": XSS_TITLE,
        "date": (datetime.date.today() + datetime.timedelta(days=9)).isoformat(),
        "place_name": XSS_TITLE,
        "start_time": "15:00",
    }
    entry = {**common, "token": new_token(), "name": XSS_TITLE, "description": XSS_TITLE}
    kalk_host = {"host": host("kalk")}
    assert anonymous.post("/mitmachen/termin/", event, headers=kalk_host).status_code == 302
    assert anonymous.post("/mitmachen/einrichtung/", entry, headers=kalk_host).status_code == 302
    page = EventPage.objects.get(title=XSS_TITLE)
    organisation = Organisation.objects.get(name=XSS_TITLE)
    admin_urls = [
        "/admin/",
        f"/admin/pages/{page.get_parent().pk}/",
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/pages/{page.pk}/history/",
        f"/admin/pages/{page.pk}/workflow_history/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/pages/search/?q=Fest",
        "/admin/snippets/people/organisation/",
        f"/admin/snippets/people/organisation/edit/{organisation.pk}/",
        "/admin/snippets/district/proposal/",
    ]
    shown = 0
    for url in admin_urls:
        response = admin_client.get(url, headers={"host": host()})
        assert response.status_code in (200, 404), (url, response.status_code)
        html = response.content.decode()
        assert "<script>alert(" not in html, url
        assert "<img src=x onerror" not in html, url
        shown += "&lt;script&gt;alert(" in html or "\\u003Cscript\\u003E" in html
    assert shown >= 6
