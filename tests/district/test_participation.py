"""Public proposals without an account: draft, sender data kept private, approval, e-mails."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from PIL import Image

from district.models import District, NewsPage, Proposal
from district.proposal_forms import new_token
from events.models import EventPage
from people.models import Organisation
from tests.conftest import host

pytestmark = pytest.mark.django_db
KALK = {"host": host("kalk")}


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def coordinator(django_user_model):
    user = django_user_model.objects.create_user(
        "koordination-kalk", email="koordination@kalk.example", password="x"
    )
    user.groups.add(Group.objects.get(name="Koordination Kalk"))
    return user


def sender(**extra):
    return {
        "sender_name": "Ayşe Demir",
        "sender_organisation": "Bürgerverein Kalk",
        "sender_email": "ayse@buergerverein.example",
        "consent": "on",
        "website": "",
        "token": new_token(),
        **extra,
    }


def event_data(**extra):
    data = sender(
        title="Nachbarschaftsfest am Ottmar-Pohl-Platz",
        teaser="Musik, Essen und Spiele.",
        description="Alle sind eingeladen.",
        date=(dt.date.today() + dt.timedelta(days=14)).isoformat(),
        start_time="14:00",
        end_time="18:00",
        place_name="Ottmar-Pohl-Platz",
        place_address="Ottmar-Pohl-Platz, 51103 Köln",
        cost="",
        registration="",
        image_credit="",
    )
    return data | extra


def post(client, kind, data, **headers):
    return client.post(f"/mitmachen/{kind}/", data, headers={**KALK, **headers})


def test_the_form_needs_no_cookie_and_hides_its_honeypot(client):
    response = client.get("/mitmachen/termin/", headers=KALK)
    assert response.status_code == 200 and not response.cookies
    html = response.content.decode()
    assert 'name="token"' in html and 'class="hp" aria-hidden="true"' in html


def test_an_event_proposal_becomes_a_draft_awaiting_approval(client, coordinator):
    response = post(client, "termin", event_data())
    assert response.status_code == 302 and response["Location"] == "/mitmachen/danke/"
    event = EventPage.objects.get(title="Nachbarschaftsfest am Ottmar-Pohl-Platz")
    assert not event.live and event.workflow_in_progress
    assert event.get_parent().get_parent().specific.district.slug == "kalk"
    proposal = Proposal.objects.get()
    assert proposal.sender_email == "ayse@buergerverein.example" and proposal.draft == event
    recipients = [address for message in mail.outbox for address in message.to]
    assert "ayse@buergerverein.example" in recipients  # confirmation
    assert "koordination@kalk.example" in recipients  # Wagtail's workflow notification
    listing = client.get("/termine/", headers=KALK).content.decode()
    assert "Nachbarschaftsfest" not in listing
    found = client.get("/suche/", {"q": "Nachbarschaftsfest"}, headers=KALK).context["results"]
    assert not list(found)


def test_approval_publishes_and_tells_the_sender(client, coordinator):
    post(client, "termin", event_data())
    event = EventPage.objects.get(title__startswith="Nachbarschaftsfest")
    mail.outbox.clear()
    task_state = event.current_workflow_task_state
    task_state.task.specific.on_action(task_state, coordinator, "approve")
    event.refresh_from_db()
    assert event.live
    assert any(
        "freigegeben" in m.body and m.to == ["ayse@buergerverein.example"] for m in mail.outbox
    )
    assert "Nachbarschaftsfest" in client.get("/termine/", headers=KALK).content.decode()


def test_sender_data_never_shows_publicly(client, coordinator):
    post(
        client,
        "neuigkeit",
        sender(
            title="Neuer Mittagstisch",
            teaser="Jeden Freitag.",
            text="Gesund und günstig.",
            image_credit="",
        ),
    )
    news = NewsPage.objects.get(title="Neuer Mittagstisch")
    task_state = news.current_workflow_task_state
    task_state.task.specific.on_action(task_state, coordinator, "approve")
    html = client.get("/aktuelles/neuer-mittagstisch/", headers=KALK).content.decode()
    assert "ayse@buergerverein.example" not in html


def test_a_double_submit_creates_one_draft(client):
    data = event_data()
    post(client, "termin", data)
    post(client, "termin", data)
    assert EventPage.objects.filter(title__startswith="Nachbarschaftsfest").count() == 1
    assert Proposal.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"end_time": "13:00"}, "end_time"),
        ({"all_day": "on"}, "all_day"),
        ({"website": "http://spam.example"}, "website"),
        ({"consent": ""}, "consent"),
        ({"sender_email": "keine-adresse"}, "sender_email"),
        ({"token": "gefälscht"}, "token"),
    ],
)
def test_bad_proposals_get_form_errors_and_write_nothing(client, changes, field):
    response = post(client, "termin", event_data(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not EventPage.objects.filter(live=False).exists() and not Proposal.objects.exists()


def test_a_five_megabyte_text_is_refused_and_writes_nothing(client):
    response = post(client, "termin", event_data(description="x" * (5 * 1024 * 1024)))
    # Django refuses oversized bodies (400) before the form (which allows 5,000 characters).
    assert response.status_code in (200, 400)
    assert not Proposal.objects.exists()


def test_script_in_a_proposal_is_stored_as_text_and_shown_escaped(
    client, admin_client, coordinator
):
    post(client, "termin", event_data(title="<script>alert(1)</script>Fest"))
    event = EventPage.objects.get(title="<script>alert(1)</script>Fest")
    admin_html = admin_client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert "<script>alert(1)</script>Fest" not in admin_html
    task_state = event.current_workflow_task_state
    task_state.task.specific.on_action(task_state, coordinator, "approve")
    public = client.get(EventPage.objects.get(pk=event.pk).url, headers=KALK).content.decode()
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;Fest" in public and "<script>alert(1)" not in public
    )


def image_upload(name="foto.png", size=(40, 30), fmt="PNG", raw=None):
    if raw is None:
        out = io.BytesIO()
        Image.new("RGB", size, "red").save(out, fmt)
        raw = out.getvalue()
    return SimpleUploadedFile(name, raw, content_type="image/png")


def test_an_uploaded_photo_is_stored_with_its_credit(client):
    data = event_data(image=image_upload(), image_credit="Ayşe Demir / Bürgerverein")
    post(client, "termin", data)
    assert (
        EventPage.objects.get(title__startswith="Nachbarschaftsfest").image.credit
        == "Ayşe Demir / Bürgerverein"
    )


@pytest.mark.parametrize(
    "upload",
    [
        lambda: image_upload(raw=b"kein Bild, nur Text"),
        lambda: image_upload(raw=b"GIF89a" + b"\x00" * 40, name="bild.gif"),
        lambda: image_upload(size=(6000, 5000)),
    ],
)
def test_bad_images_are_refused(client, upload):
    response = post(client, "termin", event_data(image=upload(), image_credit="X / Y"))
    assert response.status_code == 200 and "image" in response.context["form"].errors
    assert not Proposal.objects.exists()


def test_a_forged_or_missing_district_is_not_found(client):
    assert (
        client.post("/mitmachen/termin/", event_data(), headers={"host": host()}).status_code == 404
    )
    assert post(client, "gibt-es-nicht", event_data()).status_code == 404
    assert not Proposal.objects.exists()


def test_a_database_failure_writes_nothing_and_apologises(client, monkeypatch):
    from district import proposals

    def broken(district, data):
        proposals.create_event.__wrapped__(district, data) if hasattr(
            proposals.create_event, "__wrapped__"
        ) else None
        raise DatabaseError("connection lost")

    monkeypatch.setitem(proposals.CREATORS, "termin", broken)
    response = post(client, "termin", event_data())
    assert response.status_code == 503
    assert "nichts gespeichert" in response.content.decode()
    assert not Proposal.objects.exists() and not EventPage.objects.filter(live=False).exists()


def test_the_rate_limit_stops_a_flood(client):
    statuses = [post(client, "termin", event_data(title=f"Fest {n}")).status_code for n in range(6)]
    assert statuses == [302] * 5 + [429]


def test_an_organisation_proposal_waits_for_the_directory_approval(client, coordinator):
    post(
        client,
        "einrichtung",
        sender(
            name="Nähcafé Kalk",
            description="Gemeinsam nähen.",
            street="Kalker Hauptstraße 1",
            postcode="51103",
            opening_note="Mi 15–18 Uhr",
            phone="0221 4710-777",
            email="",
            organisation_website="",
        ),
    )
    entry = Organisation.objects.get(name="Nähcafé Kalk")
    assert not entry.live and list(entry.districts.all()) == [District.objects.get(slug="kalk")]
    state = entry.current_workflow_state
    assert state is not None
    assert state.current_task_state.task.specific.get_actions(entry, coordinator)
    assert "Nähcafé" not in client.get("/adressen/", headers=KALK).content.decode()


def test_invite_actor_creates_an_account_in_the_actor_group_and_mails_a_link():
    from django.core.management import CommandError, call_command

    call_command("invite_actor", "Leitung@Familienzentrum.example", district="kalk", verbosity=0)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="leitung@familienzentrum.example")
    assert user.groups.filter(name="Akteure Kalk").exists() and not user.has_usable_password()
    assert mail.outbox[-1].to == ["leitung@familienzentrum.example"]
    assert "/admin/password_reset/confirm/" in mail.outbox[-1].body
    with pytest.raises(CommandError):
        call_command("invite_actor", "keine-adresse", district="kalk")
    with pytest.raises(CommandError):
        call_command("invite_actor", "a@b.example", district="atlantis")


def test_coordinators_see_waiting_proposals_with_sender_on_the_dashboard(
    client, coordinator, django_user_model
):
    post(client, "termin", event_data())
    client.force_login(coordinator)
    html = client.get("/admin/").content.decode()
    assert "Vorschläge aus dem Mitmachen-Formular" in html
    assert (
        "Nachbarschaftsfest am Ottmar-Pohl-Platz" in html and "ayse@buergerverein.example" in html
    )
    other = django_user_model.objects.create_user("andere", password="x")
    other.groups.add(Group.objects.get(name="Koordination Blumenberg/Chorweiler/Seeberg-Nord"))
    client.force_login(other)
    assert "ayse@buergerverein.example" not in client.get("/admin/").content.decode()


def test_district_sites_link_to_the_proposal_forms(client):
    html = client.get("/", headers=KALK).content.decode()
    assert 'href="/mitmachen/">Mitmachen</a>' in html


def test_sender_data_is_deleted_after_the_retention_period(client):
    from django.core.management import call_command
    from django.utils import timezone

    post(client, "termin", event_data())
    post(client, "termin", event_data(title="Zweites Fest"))
    old, recent = Proposal.objects.order_by("pk").values_list("pk", flat=True)
    Proposal.objects.filter(pk=old).update(created_at=timezone.now() - dt.timedelta(days=200))
    call_command("purge_proposal_senders", verbosity=0)
    assert list(Proposal.objects.values_list("pk", flat=True)) == [recent]
    assert EventPage.objects.filter(title__startswith="Nachbarschaftsfest").exists()
