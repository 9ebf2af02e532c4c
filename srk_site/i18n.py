"""Gettext catalogs of the interface, compiled with polib so that a fresh machine needs no
GNU gettext (msgfmt). Extraction (`makemessages`) stays a developer task."""

import os
from pathlib import Path

import polib
from django.conf import settings


def catalog_paths():
    """Every django.po below the project's LOCALE_PATHS, sorted by path."""
    return sorted(
        po for folder in settings.LOCALE_PATHS for po in Path(folder).glob("*/LC_MESSAGES/*.po")
    )


def compile_catalog(po_path, force=False):
    """Write the .mo beside a .po; returns False when the .mo is already newer."""
    mo_path = po_path.with_suffix(".mo")
    if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return False
    catalog = polib.pofile(str(po_path))
    # Write beside and rename, so a running server never reads a half-written file.
    partial = mo_path.with_suffix(".mo.partial")
    catalog.save_as_mofile(str(partial))
    os.replace(partial, mo_path)
    return True
