"""Demo accounts: one coordinator and one actor per district, plus a few proposals
waiting for approval. Passwords are generated and printed once, never stored in code."""

import secrets
from datetime import date, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from district.models import District, Proposal
from district.proposal_forms import new_token
from district.proposals import submit_proposal
from district.roles import ACTORS, COORDINATION

WAITING_PROPOSALS = {
    "kalk": {
        "title": "Repair-Café im Stadtteilladen",
        "teaser": "Kaputte Toaster, Lampen und Fahrräder gemeinsam reparieren.",
        "description": "Ehrenamtliche Tüftler*innen helfen beim Reparieren. "
        "Bitte Ersatzteile mitbringen, wenn vorhanden.",
        "place_name": "Stadtteilladen Kalk",
        "place_address": "Kalker Hauptstraße 190, 51103 Köln",
    },
    "chorweiler": {
        "title": "Lesecafé für Kinder am Pariser Platz",
        "teaser": "Vorlesen, Bücher tauschen und Kakao für Kinder von 5 bis 10 Jahren.",
        "description": "Lesepat*innen lesen auf Deutsch, Türkisch und Arabisch vor.",
        "place_name": "Bürgerzentrum Chorweiler",
        "place_address": "Pariser Platz 1, 50765 Köln",
    },
    "muelheim": {
        "title": "Pflanzaktion an der Keupstraße",
        "teaser": "Wir bepflanzen die Baumscheiben vor den Geschäften.",
        "description": "Schaufeln und Handschuhe sind da. "
        "Für Kinder gibt es eine eigene Blumenecke.",
        "place_name": "Keupstraße, Höhe Hausnummer 50",
        "place_address": "Keupstraße 50, 51063 Köln",
    },
}


def ensure_account(username, group, email):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": email, "is_staff": False}
    )
    user.groups.add(group)
    if not created:
        return None
    password = secrets.token_urlsafe(10)
    user.set_password(password)
    user.save()
    return password


def add_demo_accounts(progress=None):
    lines = []
    for district in District.objects.order_by("sort_order"):
        for role, template, prefix in (
            ("Koordination", COORDINATION, "koordination"),
            ("Akteur", ACTORS, "akteur"),
        ):
            group = Group.objects.filter(name=template.format(name=district.name)).first()
            if group is None:
                continue
            username = f"{prefix}-{district.slug}"
            password = ensure_account(username, group, f"{username}@lebenswerte-veedel.example")
            if password:
                lines.append(f"  {role} {district.name}: {username} / {password}")
    if progress and lines:
        progress("Demo accounts (passwords shown only now):")
        for line in lines:
            progress(line)
    return len(lines)


def add_waiting_proposals(progress=None):
    added = 0
    start = date.today() + timedelta(days=21)
    for slug, text in WAITING_PROPOSALS.items():
        district = District.objects.filter(slug=slug).first()
        if district is None or Proposal.objects.filter(district=district).exists():
            continue
        data = {
            **text,
            "token": new_token(),
            "sender_name": "Demo-Absender*in",
            "sender_organisation": "Nachbarschaftsverein (Demo)",
            "sender_email": f"vorschlag-{slug}@nachbarschaftsverein.example",
            "date": start,
            "start_time": time(15),
            "end_time": time(18),
            "all_day": False,
            "cost": "",
            "registration": "",
            "image": None,
            "image_credit": "",
        }
        submit_proposal("termin", district, data)
        added += 1
    if progress:
        progress(f"  proposals waiting for approval: {added} added")
    return added
