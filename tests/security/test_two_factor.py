"""Optional two-factor login (TOTP) for the admin."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import host

pytestmark = pytest.mark.django_db
PASSWORD = "ein-gutes-langes-Passwort-42"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("redakteur", password=PASSWORD, is_staff=True)


def login(client, token=None, address="203.0.113.9"):
    data = {"username": "redakteur", "password": PASSWORD}
    if token is not None:
        data["otp_token"] = token
    return client.post("/admin/login/", data, headers={"host": host()}, REMOTE_ADDR=address)


def current_code(user):
    device = TOTPDevice.objects.get(user=user)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_without_the_setting_the_login_has_no_code_field(client, editor):
    assert "otp_token" not in client.get("/admin/login/", headers={"host": host()}).content.decode()
    assert login(client).status_code == 302


@override_settings(SRK_ADMIN_TWO_FACTOR="optional")
def test_an_enrolled_editor_needs_the_current_code(client, editor, capsys):
    call_command("enroll_totp", "redakteur")
    assert "otpauth://totp/" in capsys.readouterr().out
    page = client.get("/admin/login/", headers={"host": host()}).content.decode()
    assert 'name="otp_token"' in page
    missing = login(client)
    assert missing.status_code == 200
    assert "Code aus der Authenticator-App fehlt oder stimmt nicht" in missing.content.decode()
    assert login(client, token=current_code(editor)).status_code == 302
    assert client.session.get("otp_device_id")
    client.logout()
    wrong = "123456" if current_code(editor) != "123456" else "654321"
    assert login(client, token=wrong).status_code == 200
    # django-otp then slows down further tries (throttling), even with the right code.
    assert login(client, token=current_code(editor)).status_code == 200


@override_settings(SRK_ADMIN_TWO_FACTOR="optional")
def test_optional_mode_lets_editors_without_a_device_in(client, editor):
    assert login(client).status_code == 302


@override_settings(SRK_ADMIN_TWO_FACTOR="required")
def test_required_mode_refuses_staff_without_a_device(client, editor):
    response = login(client)
    assert response.status_code == 200
    assert "noch nicht eingerichtet" in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(SRK_ADMIN_TWO_FACTOR="optional")
def test_guessing_codes_counts_towards_the_lockout(client, editor):
    call_command("enroll_totp", "redakteur")
    wrong = "123456" if current_code(editor) != "123456" else "654321"
    for _ in range(5):
        login(client, token=wrong)
    assert login(client, token=current_code(editor)).status_code == 429


@override_settings(SRK_ADMIN_TWO_FACTOR="optional")
def test_a_lost_phone_is_handled_by_removing_the_device(client, editor):
    call_command("enroll_totp", "redakteur")
    call_command("enroll_totp", "redakteur", remove=True)
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert login(client).status_code == 302
