"""The admin login: lockout after repeated failures, strong passwords."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings

from tests.conftest import host

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "redakteurin", password="ein-gutes-langes-Passwort-42", is_staff=True
    )


def attempt(client, password, username="redakteurin", address="203.0.113.7"):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        headers={"host": host()},
        REMOTE_ADDR=address,
    )


def test_five_wrong_passwords_lock_the_account_from_that_address_even_for_the_right_one(
    client, editor
):
    for _ in range(4):
        response = attempt(client, "falsch")
        assert response.status_code == 200  # the login form again, with an error
    locked = attempt(client, "falsch")
    assert locked.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in locked.content.decode()
    assert "15 Minuten" in locked.content.decode()
    right = attempt(client, "ein-gutes-langes-Passwort-42")
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_per_username_and_address(client, editor, django_user_model):
    for _ in range(5):
        attempt(client, "falsch")
    # The same account from another address still gets in.
    other = attempt(client, "ein-gutes-langes-Passwort-42", address="198.51.100.20")
    assert other.status_code == 302
    assert other["Location"] == "/admin/"


def test_a_successful_login_resets_the_count(client, editor):
    for _ in range(4):
        attempt(client, "falsch")
    assert attempt(client, "ein-gutes-langes-Passwort-42").status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, "falsch").status_code == 200
    assert attempt(client, "ein-gutes-langes-Passwort-42").status_code == 302


@override_settings(AXES_COOLOFF_TIME=None)
def test_the_lockout_page_is_shown_without_a_cool_off_too(client, editor):
    for _ in range(5):
        attempt(client, "falsch")
    assert attempt(client, "falsch").status_code == 429


@pytest.mark.parametrize("password", ["kalk1234", "12345678901", "passwort", "redakteurin1"])
def test_weak_passwords_are_refused(editor, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=editor)


def test_a_long_passphrase_is_accepted(editor):
    validate_password("Veedel-Kaffee-im-Bürgerhaus-2026", user=editor)
