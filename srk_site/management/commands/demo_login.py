import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from district.models import District

DEMO_USERNAME = "admin"


class Command(BaseCommand):
    help = (
        "Development only: give the demo administrator a fresh random password and print "
        "it with the addresses of the landing site, one district and the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=settings.SRK_SITE_PORT)

    def handle(self, *args, port, **options):
        if not settings.DEBUG:
            raise CommandError("demo_login only runs with DEBUG on (development settings).")
        password = secrets.token_urlsafe(12)
        user, _created = get_user_model().objects.get_or_create(
            username=DEMO_USERNAME,
            defaults={"email": "admin@lebenswerte-veedel.example", "first_name": "Demo"},
        )
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()

        base = settings.SRK_BASE_DOMAIN
        district = District.objects.filter(slug="kalk").first() or District.objects.first()
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Lebenswerte Veedel läuft gleich unter:"))
        self.stdout.write(f"  Landing page:  http://{base}:{port}/")
        if district:
            self.stdout.write(f"  {district.name}:  http://{district.slug}.{base}:{port}/")
        self.stdout.write(f"  Admin:         http://{base}:{port}/admin/")
        self.stdout.write(f"  Demo login:    {DEMO_USERNAME} / {password}  (new on every start)")
        self.stdout.write("")
