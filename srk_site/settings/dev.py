"""Settings for a developer's machine: debug on, embedded SQLite unless DATABASE_URL."""

from .base import *  # noqa: F403
from .base import SRK_BASE_DOMAIN

DEBUG = True
# Only for local development; production refuses to start without its own key.
SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
ALLOWED_HOSTS = [SRK_BASE_DOMAIN, f".{SRK_BASE_DOMAIN}", "127.0.0.1", "localhost", ".localhost"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
