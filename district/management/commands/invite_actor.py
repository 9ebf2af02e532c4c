from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from district.models import District
from district.roles import ACTORS


class Command(BaseCommand):
    help = (
        "Create an actor account (Akteure <Gebiet>) for an e-mail address and send it a link "
        "to set a password. Safe to re-run: an existing account is added to the group."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--district", required=True, help="The district's slug, e.g. kalk")
        parser.add_argument("--name", default="", help="First and last name, optional")

    def handle(self, *args, email, district, name, **options):
        email = email.strip().lower()
        try:
            validate_email(email)
        except ValidationError as exc:
            raise CommandError(f"'{email}' is not an e-mail address.") from exc
        area = District.objects.filter(slug=district).first()
        if area is None:
            slugs = ", ".join(District.objects.values_list("slug", flat=True))
            raise CommandError(f"Unknown district '{district}'. Known: {slugs}")
        group = Group.objects.filter(name=ACTORS.format(name=area.name)).first()
        if group is None:
            raise CommandError("The district has no actor group yet; run setup_portal first.")

        first, _sep, last = name.partition(" ")
        with transaction.atomic():
            user, created = get_user_model().objects.get_or_create(
                username=email, defaults={"email": email, "first_name": first, "last_name": last}
            )
            if created:
                user.set_unusable_password()
                user.save()
            user.groups.add(group)

        # Django's reset form skips accounts without a usable password, so the link is
        # built here with the same token generator.
        base = settings.WAGTAILADMIN_BASE_URL
        context = {
            "district": area,
            "user": user,
            "protocol": "https" if base.startswith("https") else "http",
            "domain": base.split("://", 1)[-1].rstrip("/"),
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        }
        send_mail(
            subject=render_to_string("district/invite_subject.txt", context).strip(),
            message=render_to_string("district/invite_email.txt", context),
            from_email=None,
            recipient_list=[email],
        )
        state = "created" if created else "already existed, added to the group"
        self.stdout.write(self.style.SUCCESS(f"Account {email} {state}; invitation sent."))
