"""Roles per district and the approval workflow: actors propose, their own coordination
approves, nobody touches another district."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from district.models import District, NewsIndexPage, NewsPage
from people.models import Organisation
from tests.conftest import host
from tests.district.factories import make_news
from tests.people.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

ROLES = {"coordination": "Koordination {name}", "actors": "Akteure {name}"}


@pytest.fixture
def user_in(django_user_model):
    def make(role, slug):
        district = District.objects.get(slug=slug)
        user = django_user_model.objects.create_user(
            f"{role}-{slug}", email=f"{role}-{slug}@example.org", password="x"
        )
        user.groups.add(Group.objects.get(name=ROLES[role].format(name=district.name)))
        return user

    return make


def news_form(action, title="Neues Sprachcafé"):
    return nested_form_data(
        {
            "title": title,
            "slug": "sprachcafe",
            "kind": "nachricht",
            "date": "2026-11-20",
            "teaser": "Ab Januar jeden Mittwoch.",
            "body": streamfield([]),
            "attachments": inline_formset([]),
            "press_photos": inline_formset([]),
            action: action.removeprefix("action-"),
        }
    )


def add_news_url(slug):
    index = NewsIndexPage.objects.get(url_path=f"/{slug}/aktuelles/")
    return reverse("wagtailadmin_pages:add", args=("district", "newspage", index.pk))


def approve_url(page, action="approve"):
    state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
    return reverse(
        "wagtailadmin_pages:workflow_action",
        args=(page.pk, action, state.current_task_state.pk),
    )


def test_setup_gives_every_district_its_groups_and_workflow():
    for district in District.objects.all():
        names = set(district.groups.values_list("name", flat=True))
        assert names == {f"Koordination {district.name}", f"Akteure {district.name}"}
        home = district.home_pages.get()
        assert (
            home.get_workflow().name == f"Freigabe durch die Sozialraumkoordination {district.name}"
        )
    assert Group.objects.filter(name="Redaktion (stadtweit)").exists()


def test_the_whole_journey_from_actor_to_published(client, user_in):
    actor, own, other = (
        user_in("actors", "kalk"),
        user_in("coordination", "kalk"),
        user_in("coordination", "chorweiler"),
    )
    client.force_login(actor)
    response = client.post(add_news_url("kalk"), news_form("action-submit"))
    assert response.status_code == 302
    news = NewsPage.objects.get(slug="sprachcafe")
    assert not news.live and news.workflow_in_progress

    public = {"host": host("kalk")}
    assert "Neues Sprachcafé" not in client.get("/aktuelles/", headers=public).content.decode()
    assert "Neues Sprachcafé" not in client.get("/aktuelles/feed/", headers=public).content.decode()
    assert (
        "Neues Sprachcafé"
        not in client.get("/suche/", {"q": "Sprachcafé"}, headers=public).content.decode()
    )

    client.force_login(other)
    assert client.post(approve_url(news)).status_code in (302, 403)
    news.refresh_from_db()
    assert not news.live

    client.force_login(own)
    assert client.post(approve_url(news)).status_code == 302
    news.refresh_from_db()
    assert news.live
    client.logout()
    assert "Neues Sprachcafé" in client.get("/aktuelles/", headers=public).content.decode()


def test_actor_cannot_publish(client, user_in):
    client.force_login(user_in("actors", "kalk"))
    client.post(add_news_url("kalk"), news_form("action-publish"))
    news = NewsPage.objects.filter(slug="sprachcafe").first()
    assert news is None or not news.live


@pytest.mark.parametrize(
    ("role", "slug", "target", "allowed"),
    [
        ("coordination", "kalk", "kalk", True),
        ("coordination", "kalk", "chorweiler", False),
        ("actors", "kalk", "kalk", True),
        ("actors", "kalk", "chorweiler", False),
        ("coordination", "chorweiler", "kalk", False),
    ],
)
def test_adding_pages_only_in_the_own_district(client, user_in, role, slug, target, allowed):
    client.force_login(user_in(role, slug))
    response = client.get(add_news_url(target))
    assert (response.status_code == 200) is allowed


@pytest.mark.parametrize(
    ("role", "slug", "allowed"),
    [
        ("coordination", "kalk", True),
        ("coordination", "chorweiler", False),
        ("actors", "chorweiler", False),
    ],
)
def test_editing_a_published_page_only_in_the_own_district(client, user_in, role, slug, allowed):
    news = make_news(title="Meldung Kalk")
    client.force_login(user_in(role, slug))
    response = client.get(reverse("wagtailadmin_pages:edit", args=(news.pk,)))
    assert (response.status_code == 200) is allowed


def test_directory_entries_go_through_their_districts_approval(client, user_in, kalk):
    actor, own, other = (
        user_in("actors", "kalk"),
        user_in("coordination", "kalk"),
        user_in("coordination", "chorweiler"),
    )
    entry = OrganisationFactory(name="Neuer Treffpunkt", districts=[kalk], live=False)
    revision = entry.save_revision(user=actor)
    workflow = entry.get_workflow()
    state = workflow.start(entry, actor)
    assert state.status == "in_progress" and revision

    task = state.current_task_state.task.specific
    assert task.get_actions(entry, own) and not task.get_actions(entry, other)
    assert not task.get_actions(entry, actor)  # actors never approve

    url = reverse(
        "wagtailsnippets_people_organisation:workflow_action",
        args=(entry.pk, "approve", state.current_task_state.pk),
    )
    client.force_login(other)
    assert client.post(url).status_code in (302, 403)
    assert not Organisation.objects.get(pk=entry.pk).live
    client.force_login(own)
    assert client.post(url).status_code == 302
    assert Organisation.objects.get(pk=entry.pk).live


def test_coordination_can_decline_a_proposal_for_good(client, user_in):
    actor, own = user_in("actors", "kalk"), user_in("coordination", "kalk")
    client.force_login(actor)
    client.post(add_news_url("kalk"), news_form("action-submit"))
    news = NewsPage.objects.get(slug="sprachcafe")
    state = WorkflowState.objects.get(object_id=str(news.pk), status="in_progress")
    task = state.current_task_state.task.specific
    assert ("decline", "Ablehnen", True) in [
        tuple(map(str, a[:2])) + (a[2],) for a in task.get_actions(news, own)
    ]
    task.on_action(state.current_task_state, own, "decline")
    state.refresh_from_db()
    news.refresh_from_db()
    assert state.status == "cancelled" and not news.live
