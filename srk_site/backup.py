"""Backup and restore of the database and the uploaded media, used by the
`backup_portal` and `restore_portal` commands (docs/deployment.md, "Backup and restore").

A backup is a folder: `database.dump` (PostgreSQL, pg_dump's custom format) or
`database.sqlite3` (SQLite, a consistent copy through SQLite's backup API), `media.tar.gz`
(everything under MEDIA_ROOT) and `manifest.json` (row counts per table, for checking a
restore)."""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connections

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"


class BackupError(Exception):
    pass


def table_counts(connection):
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - names from introspection
            counts[table] = cursor.fetchone()[0]
    return counts


def _pg_env(db):
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db, name=None):
    args = ["--dbname", name or db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return args


def _run(command, env=None):
    try:
        subprocess.run(command, check=True, capture_output=True, text=True, env=env)  # noqa: S603 - fixed tools, our arguments
    except FileNotFoundError as exc:
        raise BackupError(f"{command[0]} is not installed (PostgreSQL client tools).") from exc
    except subprocess.CalledProcessError as exc:
        raise BackupError(f"{command[0]} failed: {exc.stderr.strip()}") from exc


def backup(target, alias="default", media_root=None):
    """Write a backup of the database `alias` and of MEDIA_ROOT into the folder `target`."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    connection = connections[alias]
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(target / "database.dump")]
            + _pg_args(db),
            env=_pg_env(db),
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target / "database.sqlite3") as copy:
            # The backup API copies a consistent snapshot even while the site writes.
            connection.connection.backup(copy)
        copy.close()
    else:
        raise BackupError(f"No backup method for the {connection.vendor} database.")
    media_root = Path(media_root or settings.MEDIA_ROOT)
    with tarfile.open(target / MEDIA_ARCHIVE, "w:gz") as archive:
        if media_root.exists():
            archive.add(media_root, arcname=".")
    manifest = {"vendor": connection.vendor, "tables": table_counts(connection)}
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def restore_database(source, alias="default"):
    """Replace the database `alias` with the backup in `source`. The database must exist
    (create it empty first); existing tables are dropped and recreated."""
    source = Path(source)
    connection = connections[alias]
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        dump = source / "database.dump"
        if not dump.exists():
            raise BackupError(f"{dump} is missing (is this a PostgreSQL backup?).")
        connection.close()
        _run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--exit-on-error", str(dump)]
            + _pg_args(db),
            env=_pg_env(db),
        )
    elif connection.vendor == "sqlite":
        copy = source / "database.sqlite3"
        if not copy.exists():
            raise BackupError(f"{copy} is missing (is this a SQLite backup?).")
        connection.ensure_connection()
        with sqlite3.connect(copy) as backup_db:
            backup_db.backup(connection.connection)
        backup_db.close()
    else:
        raise BackupError(f"No restore method for the {connection.vendor} database.")


def restore_media(source, media_root=None):
    """Unpack the media archive into MEDIA_ROOT, replacing what is there."""
    media_root = Path(media_root or settings.MEDIA_ROOT)
    if media_root.exists():
        shutil.rmtree(media_root)
    media_root.mkdir(parents=True)
    with tarfile.open(Path(source) / MEDIA_ARCHIVE, "r:gz") as archive:
        # The "data" filter refuses absolute paths, links out of the folder and devices.
        archive.extractall(media_root, filter="data")


def verify(source, alias="default"):
    """Tables whose row count differs from the backup's manifest: {table: (backup, now)}."""
    expected = json.loads((Path(source) / MANIFEST).read_text())["tables"]
    actual = table_counts(connections[alias])
    return {
        table: (count, actual.get(table))
        for table, count in expected.items()
        if actual.get(table) != count
    }
