"""Every district × role × action, for pages and directory entries, checked in-process."""

import pytest
from django.contrib.auth.models import Group
from wagtail.permissions import policy_registry

from district.models import District, NewsIndexPage
from people.models import Organisation
from tests.people.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_user_model):
    """A coordinator and an actor in every district, one entry per district."""
    users, entries, indexes = {}, {}, {}
    for district in District.objects.all():
        for role in ("Koordination", "Akteure"):
            user = django_user_model.objects.create_user(f"{role}-{district.slug}", password="x")
            user.groups.add(Group.objects.get(name=f"{role} {district.name}"))
            users[(role, district.slug)] = user
        entry = OrganisationFactory(name=f"Treff {district.slug}", districts=[district])
        entry.editors.add(users[("Akteure", district.slug)])
        entries[district.slug] = entry
        indexes[district.slug] = NewsIndexPage.objects.get(url_path=f"/{district.slug}/aktuelles/")
    return users, entries, indexes


def test_the_permission_matrix_holds_for_every_district_role_and_action(world):
    users, entries, indexes = world
    policy = policy_registry.get_by_type(Organisation)
    slugs = list(entries)
    for (role, own), user in users.items():
        coordinator = role == "Koordination"
        for target in slugs:
            mine = target == own
            page_rights = indexes[target].permissions_for_user(user)
            assert page_rights.can_add_subpage() is mine, (role, own, target, "add page")
            assert page_rights.can_publish_subpage() is (mine and coordinator), (role, own, target)
            entry = entries[target]
            assert policy.user_has_permission_for_instance(user, "change", entry) is mine
            assert policy.user_has_permission_for_instance(user, "publish", entry) is (
                mine and coordinator
            ), (role, own, target, "publish entry")
            assert policy.user_has_permission_for_instance(user, "delete", entry) is (
                mine and coordinator
            )


def test_page_choosers_offer_only_the_own_district_and_the_landing_site(client, world):
    users, _entries, _indexes = world
    client.force_login(users[("Koordination", "kalk")])
    html = client.get("/admin/choose-page/", {"q": "Aktuelles"}).content.decode()
    root = client.get("/admin/choose-page/").content.decode()
    assert "Blumenberg/Chorweiler/Seeberg-Nord" not in root and "Kalk" in root
    assert html.count("Aktuelles") >= 1


def test_actors_work_only_on_the_entries_they_maintain(world):
    users, entries, _indexes = world
    actor = users[("Akteure", "kalk")]
    other_entry = OrganisationFactory(
        name="Fremder Treff", districts=[entries["kalk"].districts.get()]
    )
    policy = policy_registry.get_by_type(Organisation)
    assert policy.user_has_permission_for_instance(actor, "change", entries["kalk"])
    assert not policy.user_has_permission_for_instance(actor, "change", other_entry)
    listed = set(policy.instances_user_has_any_permission_for(actor, ["change"]))
    assert listed == {entries["kalk"]}
