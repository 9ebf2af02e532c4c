"""Hostile uploads in the admin (images, documents) and in the public proposal form:
each gets a clear error and nothing is stored, neither a database row nor a file."""

import io
import os
import struct
import zlib

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import UploadedFile

from district.models import Proposal
from tests.conftest import host
from tests.district.test_participation import event_data
from tests.srk_site.factories import DocumentFactory

pytestmark = pytest.mark.django_db

SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)


def png(size=(40, 30), mode="RGB"):
    out = io.BytesIO()
    Image.new(mode, size).save(out, "PNG")
    return out.getvalue()


def png_bomb(width=30_000, height=30_000):
    """A PNG whose header claims a huge canvas: a few hundred bytes on disk, gigabytes
    once decoded. Hand-built, because Pillow itself would refuse to allocate it."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    rows = zlib.compress(b"\x00" * (width + 1) * 16, 9)  # the first rows only
    signature = b"\x89PNG\r\n\x1a\n"
    return signature + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def oversized(limit):
    # A valid PNG padded beyond the limit: only the size check can refuse it.
    return png() + b"\x00" * (limit + 1024)


def stored_files():
    return {
        os.path.join(folder, name)
        for folder, _dirs, names in os.walk(settings.MEDIA_ROOT)
        for name in names
    }


def stored_images():
    """Images, and uploads waiting for their required fields (the credit) in the admin."""
    return get_image_model().objects.count() + UploadedFile.objects.count()


HOSTILE_IMAGES = {
    "over the size limit": ("gross.png", lambda: oversized(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)),
    "over the pixel limit": ("riesig.png", lambda: png((8000, 6000), mode="1")),
    "a decompression bomb": ("bombe.png", png_bomb),
    "a text file named .jpg": ("foto.jpg", lambda: b"Das ist kein Bild, nur Text.\n" * 20),
    "an SVG with a script": ("logo.svg", lambda: SVG_WITH_SCRIPT),
    "an SVG with a script named .png": ("logo.png", lambda: SVG_WITH_SCRIPT),
    "an HTML page named .gif": ("bild.gif", lambda: b"<html><script>alert(1)</script></html>"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_IMAGES))
def test_the_admin_refuses_hostile_images_with_a_message_and_stores_nothing(admin_client, case):
    name, content = HOSTILE_IMAGES[case]
    before, files_before = stored_images(), stored_files()
    response = admin_client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile(name, content())},
        headers={"host": host()},
    )
    assert response.status_code == 200
    result = response.json()
    assert result["success"] is False, case
    assert result["error_message"].strip(), case
    assert stored_images() == before
    assert stored_files() == files_before


def test_the_admin_still_accepts_a_good_image(admin_client):
    before = stored_images()
    response = admin_client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("gut.png", png())},
        headers={"host": host()},
    )
    assert response.json()["success"] is True
    assert stored_images() == before + 1


HOSTILE_DOCUMENTS = {
    "an HTML page": ("seite.html", b"<script>alert(1)</script>"),
    "an SVG with a script": ("grafik.svg", SVG_WITH_SCRIPT),
    "a script": ("tool.js", b"alert(1)"),
    "a program": ("setup.exe", b"MZ\x90\x00"),
    "over the size limit": ("gross.pdf", b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024 + 10)),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_DOCUMENTS))
def test_the_admin_refuses_dangerous_documents_and_stores_nothing(admin_client, case):
    name, content = HOSTILE_DOCUMENTS[case]
    before, files_before = get_document_model().objects.count(), stored_files()
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile(name, content)},
        headers={"host": host()},
    )
    result = response.json()
    assert result["success"] is False, case
    assert result["error_message"].strip(), case
    assert get_document_model().objects.count() == before
    assert stored_files() == files_before


def test_documents_are_downloaded_not_rendered_and_cannot_run_scripts(client):
    document = DocumentFactory(file=ContentFile(b"a,b\n<script>alert(1)</script>,2\n", "liste.csv"))
    served = client.get(document.url, headers={"host": host()})
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment")
    assert served["Content-Security-Policy"] == "default-src 'none'"
    assert served["X-Content-Type-Options"] == "nosniff"


HOSTILE_PROPOSAL_IMAGES = {
    "over the size limit": ("gross.png", lambda: oversized(5 * 1024 * 1024)),
    "a decompression bomb": ("bombe.png", png_bomb),
    "an SVG with a script": ("logo.svg", lambda: SVG_WITH_SCRIPT),
    "an SVG with a script named .png": ("logo.png", lambda: SVG_WITH_SCRIPT),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_PROPOSAL_IMAGES))
def test_the_proposal_form_refuses_hostile_images_and_stores_nothing(client, case):
    cache.clear()
    name, content = HOSTILE_PROPOSAL_IMAGES[case]
    images_before, files_before = stored_images(), stored_files()
    data = event_data(image=SimpleUploadedFile(name, content()), image_credit="A / B")
    response = client.post("/mitmachen/termin/", data, headers={"host": host("kalk")})
    assert response.status_code == 200
    assert response.context["form"].errors["image"], case
    assert "image" in response.content.decode()  # the form again, with its message
    assert not Proposal.objects.exists()
    assert stored_images() == images_before
    assert stored_files() == files_before
