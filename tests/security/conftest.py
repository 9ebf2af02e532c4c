"""A migrated PostgreSQL database of our own for the tests that run the portal in other
processes (outage, backup). Created once and kept; skipped when PostgreSQL is away."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
PG_ADMIN_URL = os.environ.get("SRK_FAULT_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_DATABASE = os.environ.get("SRK_FAULT_PG_DATABASE", "srk_sec_fault")


@pytest.fixture(scope="session")
def migrated_postgres():
    """The URL (split) of a migrated, otherwise empty PostgreSQL database."""
    psycopg = pytest.importorskip("psycopg")
    try:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [PG_DATABASE]
            ).fetchone()
            if not exists:
                conn.execute(f"CREATE DATABASE {PG_DATABASE}")
    except psycopg.OperationalError:
        pytest.skip("PostgreSQL is not reachable")
    url = urlsplit(PG_ADMIN_URL)._replace(path=f"/{PG_DATABASE}")
    subprocess.run(  # noqa: S603 - our interpreter, fixed arguments
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=REPO,
        env={
            **os.environ,
            "DATABASE_URL": url.geturl(),
            "DJANGO_SETTINGS_MODULE": "srk_site.settings.test",
        },
        check=True,
    )
    return url
