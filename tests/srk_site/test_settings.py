"""Production settings refuse to start half-configured."""

import os
import subprocess
import sys

import pytest

PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-test-secret-key-of-fifty-characters-x1",
    "ALLOWED_HOSTS": ".lebenswerte-veedel.example",
    "SRK_BASE_DOMAIN": "lebenswerte-veedel.example",
}


def import_production_settings(env):
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    return subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, "-c", "import srk_site.settings.production"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_production_settings_refuse_to_start_without(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = import_production_settings(env)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_production_settings_load_with_everything_set():
    result = import_production_settings(PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr


def test_production_settings_pass_the_deploy_checks():
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={**clean, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "srk_site.settings.production"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
