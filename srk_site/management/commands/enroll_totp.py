from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Set up two-factor login for an admin user: creates an authenticator-app (TOTP) "
        "device and shows, once, the otpauth:// address to enter or turn into a QR code. "
        "--remove deletes the user's devices (lost phone)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--remove", action="store_true")

    def handle(self, *args, username, remove, **options):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"No user called {username!r}.") from exc
        TOTPDevice.objects.filter(user=user).delete()
        if remove:
            self.stdout.write(self.style.SUCCESS(f"Two-factor login removed for {username}."))
            return
        device = TOTPDevice.objects.create(user=user, name="Authenticator-App", confirmed=True)
        # Shown once on purpose: the person enrolling must type it into the app. It is
        # never logged; run this in a terminal only the user and the admin can see.
        self.stdout.write(f"Authenticator address for {username}:")
        self.stdout.write(device.config_url)
        self.stdout.write(self.style.SUCCESS("Enrolled; the next login asks for a code."))
