"""Forms built by editors: visitors fill them in on the district's site, and only that
district's coordination reads, exports and deletes the entries."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission

from district.models import DistrictHomePage, FormField, FormPage
from tests.conftest import host

pytestmark = pytest.mark.django_db

CHORWEILER = "Blumenberg/Chorweiler/Seeberg-Nord"


def make_form_page(parent, title="Anmeldung Veedelsfest", slug="anmeldung", **fields):
    page = FormPage(
        title=title,
        slug=slug,
        intro="Melden Sie sich bis Freitag an.",
        thank_you_text="<p>Danke, wir melden uns vor dem Fest.</p>",
        **fields,
    )
    page.form_fields = [
        FormField(label="Name", field_type="singleline", help_text="Vor- und Nachname"),
        FormField(label="E-Mail", field_type="email"),
        FormField(label="Welche Tage?", field_type="checkboxes", choices="Samstag\nSonntag"),
        FormField(
            label="Essen", field_type="dropdown", choices="Vegetarisch, Vegan", required=False
        ),
    ]
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def kalk_form(kalk_home):
    return make_form_page(kalk_home)


@pytest.fixture
def chorweiler_home(german):
    return DistrictHomePage.objects.get(district__slug="chorweiler", locale=german)


def valid_entry(**changes):
    data = {
        "name": "Aylin Demir",
        "e_mail": "aylin@example.org",
        "welche_tage": ["Samstag", "Sonntag"],
        "essen": "Vegan",
    }
    return {**data, **changes}


def post_entry(client, data):
    return client.post("/anmeldung/", data, headers={"host": host("kalk")})


def member_client(client, django_user_model, group_name):
    user = django_user_model.objects.create_user(username=group_name, password="x")
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return client


def submissions_url(page, **query):
    url = reverse("wagtailforms:list_submissions", args=[page.pk])
    return url + "".join(f"?{key}={value}" for key, value in query.items())


def test_form_page_renders_on_the_district_site_with_labels_groups_and_privacy_note(
    client, kalk_form
):
    response = client.get("/anmeldung/", headers={"host": host("kalk")})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="id_name">Name (Pflichtfeld)</label>' in html
    assert '<p class="field__help" id="id_name_helptext">Vor- und Nachname</p>' in html
    assert 'aria-describedby="id_name_helptext"' in html
    assert "<legend>Welche Tage? (Pflichtfeld)</legend>" in html
    assert '<label for="id_essen">Essen</label>' in html  # optional: no marker
    assert "löschen wir die Einträge" in html  # the default privacy note
    assert 'type="submit"' in html
    assert 'role="alert"' not in html


def test_a_valid_entry_is_stored_and_the_thank_you_text_is_shown(client, kalk_form):
    response = post_entry(client, valid_entry())

    assert response.status_code == 200
    assert "Danke, wir melden uns vor dem Fest." in response.content.decode()
    submission = FormSubmission.objects.get(page=kalk_form)
    assert submission.form_data["name"] == "Aylin Demir"
    assert submission.form_data["welche_tage"] == ["Samstag", "Sonntag"]


def test_an_entry_is_mailed_to_the_office_when_an_address_is_set(client, kalk_home):
    make_form_page(kalk_home, to_address="kalk@example.org", subject="Neue Anmeldung")
    post_entry(client, valid_entry())
    assert [m.subject for m in mail.outbox] == ["Neue Anmeldung"]
    assert "Name: Aylin Demir" in mail.outbox[0].body


def test_an_invalid_entry_lists_linked_errors_at_the_top_and_stores_nothing(client, kalk_form):
    response = post_entry(client, valid_entry(name="", e_mail="kein-at", welche_tage=[]))

    assert response.status_code == 200
    html = response.content.decode()
    summary = html[html.index('role="alert"') : html.index('class="form-page__form"')]
    assert summary.index('href="#id_name"') < summary.index('href="#id_e_mail"')
    assert 'href="#id_welche_tage_0"' in summary  # a group links to its first box
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert not FormSubmission.objects.filter(page=kalk_form).exists()


def test_markup_in_an_entry_is_stored_as_typed_and_escaped_in_the_admin_list(
    client, django_user_model, kalk_form
):
    post_entry(client, valid_entry(name="<script>alert(1)</script>"))
    assert FormSubmission.objects.get().form_data["name"] == "<script>alert(1)</script>"

    coordinator = member_client(client, django_user_model, "Koordination Kalk")
    html = coordinator.get(submissions_url(kalk_form)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_kalk_coordination_lists_and_exports_its_entries_as_csv_and_xlsx(
    client, django_user_model, kalk_form
):
    post_entry(client, valid_entry())
    coordinator = member_client(client, django_user_model, "Koordination Kalk")

    listing = coordinator.get(submissions_url(kalk_form))
    assert listing.status_code == 200
    assert "Aylin Demir" in listing.content.decode()

    csv = coordinator.get(submissions_url(kalk_form, export="csv"))
    assert csv.status_code == 200
    assert csv["Content-Type"].startswith("text/csv")
    assert "Aylin Demir" in b"".join(csv.streaming_content).decode()

    xlsx = coordinator.get(submissions_url(kalk_form, export="xlsx"))
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert b"".join(xlsx.streaming_content)[:2] == b"PK"  # a zip file, as XLSX is


@pytest.mark.parametrize(
    "group_name",
    [f"Koordination {CHORWEILER}", f"Akteure {CHORWEILER}", "Akteure Kalk"],
)
@pytest.mark.parametrize(
    ("method", "url_name", "query"),
    [
        ("get", "wagtailforms:list_submissions", ""),
        ("get", "wagtailforms:list_submissions_results", ""),
        ("get", "wagtailforms:list_submissions", "?export=csv"),
        ("get", "wagtailforms:list_submissions", "?export=xlsx"),
        ("get", "wagtailforms:delete_submissions", "?selected-submissions={id}"),
        ("post", "wagtailforms:delete_submissions", "?selected-submissions={id}"),
    ],
)
def test_only_the_districts_coordination_reaches_its_entries_by_typed_url(
    client, django_user_model, kalk_form, group_name, method, url_name, query
):
    post_entry(client, valid_entry())
    submission = FormSubmission.objects.get()
    other = member_client(client, django_user_model, group_name)
    url = reverse(url_name, args=[kalk_form.pk]) + query.format(id=submission.pk)

    response = getattr(other, method)(url)

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert reverse("wagtailadmin_home") == response["Location"]  # refused, not "done"
    assert b"Aylin" not in response.content
    assert FormSubmission.objects.filter(pk=submission.pk).exists()


def test_kalk_coordination_deletes_its_entries(client, django_user_model, kalk_form):
    post_entry(client, valid_entry())
    submission = FormSubmission.objects.get()
    coordinator = member_client(client, django_user_model, "Koordination Kalk")
    url = reverse("wagtailforms:delete_submissions", args=[kalk_form.pk])

    response = coordinator.post(f"{url}?selected-submissions={submission.pk}")

    assert response.status_code == 302
    assert not FormSubmission.objects.exists()


def test_the_forms_index_lists_only_forms_of_the_users_district(
    client, django_user_model, kalk_form, chorweiler_home
):
    make_form_page(chorweiler_home, title="Preisrätsel Chorweiler", slug="preisraetsel")
    coordinator = member_client(client, django_user_model, f"Koordination {CHORWEILER}")

    html = coordinator.get(reverse("wagtailforms:index")).content.decode()

    assert "Preisrätsel Chorweiler" in html
    assert "Anmeldung Veedelsfest" not in html


def test_anonymous_visitors_get_only_the_csrf_cookie_and_only_on_form_pages(client, kalk_form):
    # A form needs a CSRF token, and Django keeps it in a cookie; the rest of the
    # portal sets none (tests/srk_site/test_sites.py).
    form = client.get("/anmeldung/", headers={"host": host("kalk")})
    assert set(form.cookies) == {settings.CSRF_COOKIE_NAME}
    assert form.cookies[settings.CSRF_COOKIE_NAME]["samesite"] == "Lax"

    client.cookies.clear()
    other = client.get("/ueber-uns/", headers={"host": host("kalk")})
    assert not other.cookies


def test_editors_can_add_a_form_page_below_a_district_home_and_a_content_page(kalk_home):
    content_page = kalk_home.get_children().get(slug="ueber-uns").specific
    assert FormPage.can_create_at(kalk_home)
    assert FormPage.can_create_at(content_page)
