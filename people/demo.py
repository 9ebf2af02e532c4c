"""Demo address directory from srk_site/data/demo_directory.toml, plus each district's
(invented) coordinator from demo_content.toml. Adds only what is missing, by external id."""

import tomllib
from datetime import date, time
from decimal import Decimal

from django.conf import settings

from district.models import District
from people.models import Category, OpeningHours, Organisation, Person, TargetGroup
from srk_site.portal_setup import publish

WEEKDAY_CODES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def load_demo_directory(path=None):
    with open(path or settings.SRK_DEMO_DIRECTORY_FILE, "rb") as fh:
        return tomllib.load(fh)


def _districts(slugs, districts_by_slug):
    return [districts_by_slug[slug] for slug in slugs if slug in districts_by_slug]


def add_organisation(data, districts_by_slug, categories, target_groups):
    if Organisation.objects.filter(external_id=data["external_id"]).exists():
        return None
    organisation = Organisation(
        external_id=data["external_id"],
        name=data["name"],
        description=data["description"],
        street=data["street"],
        postcode=data["postcode"],
        veedel=data["veedel"],
        # TOML gives floats; go through str so 50.9576 stays 50.9576, not 50.95760000001.
        latitude=Decimal(str(data["latitude"])),
        longitude=Decimal(str(data["longitude"])),
        opening_note=data["opening_note"],
        phone=data["phone"],
        email=data["email"],
        website=data["website"],
        languages=", ".join(data["languages"]),
        step_free=data["step_free"],
        accessible_toilet=data["accessible_toilet"],
        hearing_loop=data["hearing_loop"],
        cost=data["cost"],
        carrier=data["carrier"],
        verified_on=date.fromisoformat(data["verified_on"]) if data["verified_on"] else None,
    )
    organisation.districts = _districts(data["districts"], districts_by_slug)
    organisation.categories = [categories[s] for s in data["categories"] if s in categories]
    organisation.target_groups = [
        target_groups[s] for s in data["target_groups"] if s in target_groups
    ]
    organisation.opening_hours = [
        OpeningHours(
            weekday=WEEKDAY_CODES.index(row["weekday"]),
            opens=time.fromisoformat(row["opens"]),
            closes=time.fromisoformat(row["closes"]),
        )
        for row in data["opening_hours"]
    ]
    organisation.full_clean()
    organisation.save()
    publish(organisation)
    return organisation


def add_person(data, districts_by_slug):
    if Person.objects.filter(external_id=data["external_id"]).exists():
        return None
    person = Person(
        external_id=data["external_id"],
        name=data["name"],
        role=data["role"],
        organisation=Organisation.objects.filter(external_id=data["organisation"]).first()
        if data.get("organisation")
        else None,
        phone=data["phone"],
        email=data["email"],
        office=data["office"],
        consultation_hours=data["consultation_hours"],
    )
    person.districts = _districts(data["districts"], districts_by_slug)
    person.full_clean()
    person.save()
    publish(person)
    return person


def coordinator_data(slug, coordinator):
    return {
        "external_id": f"{slug}-koordination",
        "districts": [slug],
        "name": coordinator["name"],
        "role": coordinator["role"],
        "organisation": "",
        "phone": coordinator["phone"],
        "email": coordinator["email"],
        "office": coordinator["office"],
        "consultation_hours": coordinator["hours"],
    }


def add_demo_directory(district_texts, progress=None):
    """Create demo organisations and people; return {district slug: coordinator Person}."""
    data = load_demo_directory()
    districts_by_slug = {d.slug: d for d in District.objects.all()}
    categories = {c.slug: c for c in Category.objects.all()}
    target_groups = {t.slug: t for t in TargetGroup.objects.all()}
    added = 0
    for entry in data.get("organisation", []):
        added += add_organisation(entry, districts_by_slug, categories, target_groups) is not None
    for entry in data.get("person", []):
        added += add_person(entry, districts_by_slug) is not None
    coordinators = {}
    for slug, text in district_texts.items():
        if slug in districts_by_slug and "coordinator" in text:
            add_person(coordinator_data(slug, text["coordinator"]), districts_by_slug)
            coordinators[slug] = Person.objects.get(external_id=f"{slug}-koordination")
    if progress:
        progress(f"  demo directory: {added} organisations and people added")
    return coordinators
