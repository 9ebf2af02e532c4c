"""Coordinators see and change only their own district's directory entries."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from district.models import District
from district.permissions import DistrictPermissionPolicy
from people.models import Organisation, Person
from tests.people.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

ENTRY_PERMISSIONS = [
    f"{action}_{model}"
    for model in ("organisation", "person")
    for action in ("add", "change", "delete", "publish", "view")
]


def coordinator_group(name, districts=(), citywide=False):
    group = Group.objects.create(name=name)
    codenames = [*ENTRY_PERMISSIONS, "access_admin"] + (
        ["access_all_districts"] if citywide else []
    )
    group.permissions.set(Permission.objects.filter(codename__in=codenames))
    for district in districts:
        district.groups.add(group)
    return group


@pytest.fixture
def districts(db):
    return {slug: District.objects.get(slug=slug) for slug in ("kalk", "chorweiler")}


@pytest.fixture
def users(districts, django_user_model):
    def user(name, group):
        account = django_user_model.objects.create_user(name, password="x")
        account.groups.add(group)
        return account

    return {
        "kalk": user("kalk", coordinator_group("Test: Koordination Kalk", [districts["kalk"]])),
        "chorweiler": user(
            "chorweiler",
            coordinator_group("Test: Koordination Chorweiler", [districts["chorweiler"]]),
        ),
        "citywide": user("redaktion", coordinator_group("Test: Redaktion", citywide=True)),
    }


@pytest.fixture
def orgs(districts):
    return {
        "kalk": OrganisationFactory(name="Bürgerzentrum Kalk", districts=[districts["kalk"]]),
        "chorweiler": OrganisationFactory(
            name="Mieterkontaktstelle", districts=[districts["chorweiler"]]
        ),
        "both": OrganisationFactory(
            name="Beratung für beide", districts=[districts["kalk"], districts["chorweiler"]]
        ),
    }


def url(action, obj=None):
    name = f"wagtailsnippets_people_organisation:{action}"
    return reverse(name, args=[obj.pk] if obj else [])


def listed(client):
    return {obj.name for obj in client.get(url("list")).context["object_list"]}


def test_coordinator_lists_only_own_district_entries(client, users, orgs):
    client.force_login(users["kalk"])
    assert listed(client) == {"Bürgerzentrum Kalk", "Beratung für beide"}
    client.force_login(users["chorweiler"])
    assert listed(client) == {"Mieterkontaktstelle", "Beratung für beide"}


def test_citywide_editor_lists_every_entry(client, users, orgs):
    client.force_login(users["citywide"])
    assert {"Bürgerzentrum Kalk", "Mieterkontaktstelle", "Beratung für beide"} <= listed(client)


@pytest.mark.parametrize("action", ["edit", "delete", "inspect", "history", "usage"])
@pytest.mark.parametrize(
    ("user", "org", "allowed"),
    [
        ("kalk", "kalk", True),
        ("kalk", "chorweiler", False),
        ("kalk", "both", True),
        ("chorweiler", "kalk", False),
        ("chorweiler", "chorweiler", True),
        ("citywide", "chorweiler", True),
    ],
)
def test_permission_matrix_for_typed_urls(client, users, orgs, action, user, org, allowed):
    client.force_login(users[user])
    response = client.get(url(action, orgs[org]))
    assert (response.status_code == 200) is allowed
    if not allowed:
        assert response.status_code in (302, 403)


def test_coordinator_cannot_change_another_districts_entry_by_posting(client, users, orgs):
    client.force_login(users["kalk"])
    target = orgs["chorweiler"]
    response = client.post(url("edit", target), {"name": "Übernommen"})
    assert response.status_code in (302, 403) and response.status_code != 200
    target.refresh_from_db()
    assert target.name == "Mieterkontaktstelle"
    response = client.post(url("delete", target))
    assert Organisation.objects.filter(pk=target.pk).exists()


def test_add_form_offers_only_the_coordinators_districts(client, users, districts):
    client.force_login(users["kalk"])
    form = client.get(url("add")).context["form"]
    assert list(form.fields["districts"].queryset) == [districts["kalk"]]


def test_coordinator_cannot_file_an_entry_under_another_district(client, users, districts):
    client.force_login(users["kalk"])
    response = client.post(
        url("add"),
        {
            "name": "Untergeschoben",
            "districts": [districts["chorweiler"].pk],
            "city": "Köln",
            "opening_hours-TOTAL_FORMS": "0",
            "opening_hours-INITIAL_FORMS": "0",
            "opening_hours-MIN_NUM_FORMS": "0",
            "opening_hours-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert "districts" in response.context["form"].errors
    assert not Organisation.objects.filter(name="Untergeschoben").exists()


def test_editing_a_shared_entry_keeps_the_district_the_editor_cannot_see(users, orgs, districts):
    from wagtail.admin.panels import get_edit_handler

    from district.forms import DistrictScopedForm

    form_class = get_edit_handler(Organisation).get_form_class()
    assert issubclass(form_class, DistrictScopedForm)
    shared = orgs["both"]
    data = {
        "name": shared.name,
        "city": "Köln",
        "districts": [districts["kalk"].pk],
        "opening_hours-TOTAL_FORMS": "0",
        "opening_hours-INITIAL_FORMS": "0",
        "opening_hours-MIN_NUM_FORMS": "0",
        "opening_hours-MAX_NUM_FORMS": "1000",
    }
    form = form_class(data, instance=shared, for_user=users["kalk"])
    assert form.is_valid(), form.errors
    saved = form.save()
    assert set(saved.districts.values_list("slug", flat=True)) == {"kalk", "chorweiler"}


def test_policy_names_the_users_who_may_change_an_entry(users, orgs):
    policy = DistrictPermissionPolicy(Organisation)
    may_change = set(policy.users_with_permission_for_instance("change", orgs["kalk"]))
    assert users["kalk"] in may_change and users["citywide"] in may_change
    assert users["chorweiler"] not in may_change


def test_people_follow_the_same_rule(client, users, districts):
    theirs = PersonFactory(name="Fremde Person", districts=[districts["chorweiler"]])
    client.force_login(users["kalk"])
    response = client.get(reverse("wagtailsnippets_people_person:edit", args=[theirs.pk]))
    assert response.status_code in (302, 403)
    names = {
        p.name
        for p in client.get(reverse("wagtailsnippets_people_person:list")).context["object_list"]
    }
    assert "Fremde Person" not in names
    assert Person.objects.filter(name="Fremde Person").exists()


def test_every_object_url_of_the_viewsets_is_district_checked(client, users, orgs):
    """All admin URLs that take an entry's pk, so a new view cannot slip through."""
    from django.urls import NoReverseMatch

    client.force_login(users["kalk"])
    foreign = orgs["chorweiler"]
    views = [
        "edit",
        "delete",
        "inspect",
        "history",
        "history_results",
        "usage",
        "unpublish",
        "lock",
        "unlock",
        "copy",
        "workflow_history",
        "confirm_workflow_cancellation",
    ]
    checked = 0
    for view in views:
        try:
            url = reverse(f"wagtailsnippets_people_organisation:{view}", args=[foreign.pk])
        except NoReverseMatch:
            continue
        assert client.get(url).status_code in (302, 403, 405), url
        checked += 1
    compare = (
        f"/admin/snippets/people/organisation/history/{foreign.pk}/revisions/compare/live...latest/"
    )
    assert client.get(compare).status_code in (302, 403)
    assert checked == len(views)


def test_choosers_offer_only_the_own_district(client, users, orgs):
    client.force_login(users["kalk"])
    response = client.get("/admin/snippets/choose/people/organisation/results/")
    html = response.content.decode()
    assert "Bürgerzentrum Kalk" in html and "Mieterkontaktstelle" not in html
    chosen = client.get(
        f"/admin/snippets/choose/people/organisation/chosen/{orgs['chorweiler'].pk}/"
    )
    assert chosen.status_code in (302, 403)
