"""Optional two-factor login for the Wagtail admin: a time-based one-time code (TOTP,
django-otp) after the password.

SRK_ADMIN_TWO_FACTOR = "off" (default) shows no code field; "optional" asks for a code
from users who have enrolled an authenticator app; "required" also refuses staff who have
not. Enrolment: `manage.py enroll_totp <username>` (docs/deployment.md)."""

import django_otp
from django import forms
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


def mode():
    return getattr(settings, "SRK_ADMIN_TWO_FACTOR", "off")


class TwoFactorLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if mode() != "off":
            self.fields["otp_token"] = forms.CharField(
                label=_("Code aus der Authenticator-App"),
                help_text=_("Nur wenn für Ihr Konto die Zwei-Faktor-Anmeldung eingerichtet ist."),
                required=False,
                max_length=10,
                widget=forms.TextInput(
                    attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
                ),
            )

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if mode() == "off":
            return
        token = (self.data.get("otp_token") or "").strip()
        if not django_otp.user_has_device(user):
            if mode() == "required" and user.is_staff:
                raise forms.ValidationError(
                    _(
                        "Für Ihr Konto ist die Zwei-Faktor-Anmeldung noch nicht eingerichtet. "
                        "Bitte wenden Sie sich an die Administration."
                    ),
                    code="otp_not_enrolled",
                )
            return
        device = django_otp.match_token(user, token) if token else None
        if device is None:
            # Count it like a wrong password, so the login lockout covers guessing codes.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
            raise forms.ValidationError(
                _("Der Code aus der Authenticator-App fehlt oder stimmt nicht."),
                code="otp_invalid",
            )
        # django-otp's user_logged_in handler keeps the verified device in the session.
        user.otp_device = device
