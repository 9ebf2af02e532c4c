"""Backup and restore bring back every page, snippet, revision and image.

Backups must run outside a transaction, so these tests build a portal in a database of
their own (a SQLite file; a PostgreSQL database of ours when one is reachable), back it
up with `backup_portal`, restore it into a fresh, empty database with `restore_portal`
and compare every table row for row and every media file byte for byte.
"""

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.security.conftest import PG_ADMIN_URL

REPO = Path(__file__).resolve().parents[2]

# A migrated portal with content of every kind, made through the project's own factories.
MAKE_CONTENT = """
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
call_command("setup_portal", verbosity=0)
from tests.district.factories import make_news
from tests.events.factories import make_event
from tests.people.factories import OrganisationFactory, PersonFactory
from tests.srk_site.factories import DocumentFactory, ImageFactory
from district.models import District
kalk = District.objects.get(slug="kalk")
image = ImageFactory(title="Veedelsfest Foto")
event = make_event("kalk", title="Backup-Cafe", image=image)
event.save_revision()  # a second, unpublished revision
make_news("kalk", title="Backup Nachricht")
organisation = OrganisationFactory(districts=[kalk], name="Backup-Treff")
PersonFactory(organisation=organisation)
DocumentFactory(title="Backup-Plakat")
"""


def manage(env, *args, stdin=None):
    return subprocess.run(  # noqa: S603 - our interpreter, fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        # Development settings: the test settings ignore MEDIA_ROOT.
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "srk_site.settings.dev", **env},
        check=True,
        capture_output=True,
        text=True,
        input=stdin,
    )


def media_files(root):
    root = Path(root)
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def sqlite_tables(path):
    """Every table's rows, hashed: equal hashes mean equal content."""
    with sqlite3.connect(path) as db:
        names = [
            row[0]
            for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not row[0].startswith("sqlite_")
        ]
        tables = {}
        for name in names:
            rows = sorted(map(repr, db.execute(f'SELECT * FROM "{name}"')))  # noqa: S608 - our table names
            tables[name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    db.close()
    return tables


def test_backup_and_restore_into_a_fresh_sqlite_database_brings_everything_back(tmp_path):
    source = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    manage(source, "shell", "-c", MAKE_CONTENT)
    out = manage(source, "backup_portal", str(tmp_path / "backup")).stdout
    assert "Backup written" in out

    restored = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "restored-media"),
    }
    out = manage(restored, "restore_portal", str(tmp_path / "backup"), "--no-input").stdout
    assert "every table matches" in out

    before, after = (
        sqlite_tables(tmp_path / "portal.sqlite3"),
        sqlite_tables(tmp_path / "fresh.sqlite3"),
    )
    assert after == before
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())["tables"]
    for table in (
        "wagtailcore_page",
        "wagtailcore_revision",
        "srk_site_portalimage",
        "wagtaildocs_document",
        "people_organisation",
        "people_person",
        "events_eventpage",
        "district_newspage",
    ):
        assert after[table][0] == manifest[table] > 0, table
    with sqlite3.connect(tmp_path / "fresh.sqlite3") as db:
        titles = {row[0] for row in db.execute("SELECT title FROM wagtailcore_page")}
        image_file = db.execute(
            "SELECT file FROM srk_site_portalimage WHERE title = 'Veedelsfest Foto'"
        ).fetchone()[0]
    db.close()
    assert {"Backup-Cafe", "Backup Nachricht", "Kalk"} <= titles
    # The image and document files come back byte for byte.
    original, copy = media_files(source["MEDIA_ROOT"]), media_files(restored["MEDIA_ROOT"])
    assert copy == original and image_file in copy


def test_restore_refuses_a_backup_that_does_not_match(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    (tmp_path / "empty").mkdir()
    with pytest.raises(subprocess.CalledProcessError) as failure:
        manage(env, "restore_portal", str(tmp_path / "empty"), "--no-input")
    assert "is missing" in failure.value.stderr


@pytest.fixture
def postgres_databases(migrated_postgres):
    import psycopg

    prefix = migrated_postgres.path[1:]
    names = [f"{prefix}_backup_src", f"{prefix}_backup_fresh"]
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        for name in names:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        # A copy of the migrated database is much faster than migrating again.
        conn.execute(f"CREATE DATABASE {names[0]} TEMPLATE {prefix}")
        conn.execute(f"CREATE DATABASE {names[1]}")
    url = urlsplit(PG_ADMIN_URL)
    yield [url._replace(path=f"/{name}").geturl() for name in names]
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        for name in names:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def pg_tables(url):
    import psycopg

    with psycopg.connect(url) as conn:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        return {
            name: sorted(map(repr, conn.execute(f'SELECT * FROM "{name}"')))  # noqa: S608
            for name in names
        }


def test_backup_and_restore_with_postgresql(tmp_path, postgres_databases):
    source_url, fresh_url = postgres_databases
    source = {"DATABASE_URL": source_url, "MEDIA_ROOT": str(tmp_path / "media")}
    make_image = "from tests.srk_site.factories import ImageFactory; ImageFactory()"
    manage(source, "shell", "-c", make_image)
    manage(source, "backup_portal", str(tmp_path / "backup"))
    restored = {"DATABASE_URL": fresh_url, "MEDIA_ROOT": str(tmp_path / "restored")}
    out = manage(restored, "restore_portal", str(tmp_path / "backup"), "--no-input").stdout
    assert "every table matches" in out
    before, after = pg_tables(source_url), pg_tables(fresh_url)
    assert after == before
    assert len(after["wagtailcore_page"]) >= 2 and len(after["srk_site_portalimage"]) == 1
    assert media_files(tmp_path / "restored") == media_files(tmp_path / "media")
