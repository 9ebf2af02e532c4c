"""Groups, permissions and the approval workflow for each district, made by setup_portal.

- "Koordination <Gebiet>": edits and publishes the district's pages and directory
  entries, approves proposals.
- "Akteure <Gebiet>": local actors; create and edit drafts of news, events and projects
  and directory entries in their district, submit them for approval, never publish.
- "Redaktion (stadtweit)": the landing site, the shared taxonomies, every district's
  entries to read and correct.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

COORDINATION = "Koordination {name}"
ACTORS = "Akteure {name}"
EDITORIAL = "Redaktion (stadtweit)"
WORKFLOW = "Freigabe durch die Sozialraumkoordination {name}"
DIRECTORY_WORKFLOW = "Freigabe von Adressen durch die Sozialraumkoordination"
TASK = "Freigabe: Koordination {name}"

ADMIN = [("wagtailadmin", "access_admin")]
# Translating a page the group may edit (wagtail-localize checks this model permission).
TRANSLATE = [("wagtail_localize", "submit_translation")]
ENTRY_MODELS = ("organisation", "person")
COORDINATION_PERMISSIONS = (
    ADMIN
    + TRANSLATE
    + [
        ("people", f"{action}_{model}")
        for model in ENTRY_MODELS
        for action in ("add", "change", "delete", "publish", "view", "lock", "unlock")
    ]
)
ACTOR_PERMISSIONS = ADMIN + [
    ("people", f"{action}_{model}")
    for model in ENTRY_MODELS
    for action in ("add", "change", "view")
]
EDITORIAL_PERMISSIONS = (
    ADMIN
    + TRANSLATE
    + [("district", "access_all_districts")]
    + [
        (app, f"{action}_{model}")
        for app, model in (("people", "category"), ("people", "targetgroup"), ("district", "topic"))
        for action in ("add", "change", "delete", "view")
    ]
    + [("wagtailsearchpromotions", f"{a}_searchpromotion") for a in ("add", "change", "delete")]
    + [("people", f"{action}_{model}") for model in ENTRY_MODELS for action in ("change", "view")]
)
COORDINATION_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]
# Actors may add pages below these sections; Wagtail lets them edit what they created.
ACTOR_SECTIONS = ("aktuelles", "termine", "projekte")
COLLECTION_PERMISSIONS = [
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
]


def _permissions(pairs):
    return [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in pairs
    ]


def _ensure_group(name, permission_pairs):
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(*_permissions(permission_pairs))
    return group


def _grant_pages(group, page, codenames):
    for codename in codenames:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _grant_collection(groups, collection):
    for codename in COLLECTION_PERMISSIONS:
        app = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
        permission = Permission.objects.get(content_type__app_label=app, codename=codename)
        for group in groups:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )


def district_collection(district):
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=district.name).first()
    return existing or root.add_child(name=district.name)


def ensure_district_roles(district, home):
    """Groups, page and collection permissions and the workflow of one district."""
    coordination = _ensure_group(COORDINATION.format(name=district.name), COORDINATION_PERMISSIONS)
    actors = _ensure_group(ACTORS.format(name=district.name), ACTOR_PERMISSIONS)
    district.groups.add(coordination, actors)
    _grant_pages(coordination, home, COORDINATION_PAGE_PERMISSIONS)
    for section in home.get_children().filter(slug__in=ACTOR_SECTIONS):
        _grant_pages(actors, section, ["add_page"])
    _grant_collection([coordination, actors], district_collection(district))

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW.format(name=district.name))
    from district.models import CoordinationApprovalTask

    task, _created = CoordinationApprovalTask.objects.get_or_create(
        name=TASK.format(name=district.name)
    )
    task.groups.set([coordination])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return coordination, actors


def ensure_directory_workflow():
    """One workflow for organisations and people, approved per entry's district."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import WorkflowContentType

    from district.models import DistrictApprovalTask
    from people.models import Organisation, Person

    workflow, _created = Workflow.objects.get_or_create(name=DIRECTORY_WORKFLOW)
    task, _created = DistrictApprovalTask.objects.get_or_create(name=DIRECTORY_WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for model in (Organisation, Person):
        WorkflowContentType.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(model), defaults={"workflow": workflow}
        )
    return workflow


def ensure_editorial_role(landing):
    editorial = _ensure_group(EDITORIAL, EDITORIAL_PERMISSIONS)
    _grant_pages(editorial, landing, COORDINATION_PAGE_PERMISSIONS)
    return editorial
