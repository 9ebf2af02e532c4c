import datetime
from decimal import Decimal

import factory

from people.models import OpeningHours, Organisation, Person


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A published directory entry; pass districts=[...], categories=[...], hours=[...]."""

    name = factory.Sequence(lambda n: f"Familienzentrum Nummer {n}")
    description = "Beratung, Elterncafé und Kurse für Familien im Veedel."
    street = "Kalker Hauptstraße 100"
    postcode = "51103"
    veedel = "Kalk"
    latitude = Decimal("50.937100")
    longitude = Decimal("6.998500")
    phone = "0221 4710-500"
    email = factory.Sequence(lambda n: f"info{n}@familienzentrum.example")
    website = "https://familienzentrum.example/"
    languages = "Deutsch, Türkisch"
    cost = "kostenlos"
    verified_on = datetime.date(2026, 10, 1)

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    @factory.post_generation
    def districts(self, create, districts, **kwargs):
        if create and districts:
            self.districts.set(districts)
            self.save()  # parental many-to-many values are written on save

    @factory.post_generation
    def categories(self, create, categories, **kwargs):
        if create and categories:
            self.categories.set(categories)
            self.save()  # parental many-to-many values are written on save

    @factory.post_generation
    def target_groups(self, create, target_groups, **kwargs):
        if create and target_groups:
            self.target_groups.set(target_groups)
            self.save()  # parental many-to-many values are written on save

    @factory.post_generation
    def hours(self, create, hours, **kwargs):
        """hours=[(weekday, "09:00", "12:00"), …]"""
        for weekday, opens, closes in hours or []:
            OpeningHours.objects.create(
                organisation=self,
                weekday=weekday,
                opens=datetime.time.fromisoformat(opens),
                closes=datetime.time.fromisoformat(closes),
            )


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Erika Beispiel {n}")
    role = "Leitung"
    phone = "0221 4710-501"
    email = factory.Sequence(lambda n: f"person{n}@beispiel.example")
    office = "Kalker Hauptstraße 100, 51103 Köln"
    consultation_hours = "Di 10–12 Uhr"

    class Meta:
        model = Person
        skip_postgeneration_save = True

    @factory.post_generation
    def districts(self, create, districts, **kwargs):
        if create and districts:
            self.districts.set(districts)
            self.save()  # parental many-to-many values are written on save
