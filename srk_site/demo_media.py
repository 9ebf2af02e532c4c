"""Small original media for the demo: illustrations drawn with Pillow and a one-page PDF.

Nothing is downloaded; every file is made here, so the demo works offline.
"""

import io
import random

from PIL import Image, ImageDraw


def _hex_to_rgb(hex_colour):
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def _mix(colour, other, share):
    return tuple(round(c * (1 - share) + o * share) for c, o in zip(colour, other, strict=True))


def veedel_illustration(accent_colour, seed, size=(1600, 700)):
    """A skyline of houses, a church tower and trees over a sky in the district's colour.

    Returns PNG bytes. The seed makes each district's picture different but stable.
    """
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    width, height = size
    accent = _hex_to_rgb(accent_colour)
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    sky_top, sky_bottom = _mix(accent, (255, 255, 255), 0.55), _mix(accent, (255, 255, 255), 0.9)
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=_mix(sky_top, sky_bottom, y / height))
    sun_x = rng.randint(width // 5, width * 4 // 5)
    draw.ellipse([sun_x - 70, 90, sun_x + 70, 230], fill=(255, 244, 214))

    ground = height - 110
    for layer, share in ((0, 0.35), (1, 0.0)):
        colour = _mix(accent, (255, 255, 255), share)
        x = -rng.randint(0, 80)
        while x < width:
            house_w = rng.randint(90, 190)
            house_h = rng.randint(140, 330) - layer * 60
            top = ground - house_h + layer * 40
            draw.rectangle([x, top, x + house_w, ground + 20], fill=colour)
            if rng.random() < 0.55:  # gabled roof
                draw.polygon(
                    [(x, top), (x + house_w // 2, top - 60), (x + house_w, top)], fill=colour
                )
            if layer == 1:
                window = _mix(accent, (255, 230, 160), 0.75)
                for wy in range(top + 25, ground - 10, 55):
                    for wx in range(x + 18, x + house_w - 30, 42):
                        if rng.random() < 0.7:
                            draw.rectangle([wx, wy, wx + 18, wy + 26], fill=window)
            x += house_w + rng.randint(6, 30)
        if layer == 0:  # a church tower behind the front row
            tower_x = rng.randint(width // 4, width * 3 // 4)
            draw.rectangle([tower_x, ground - 430, tower_x + 60, ground], fill=colour)
            draw.polygon(
                [
                    (tower_x - 6, ground - 430),
                    (tower_x + 30, ground - 560),
                    (tower_x + 66, ground - 430),
                ],
                fill=colour,
            )
    green = (62, 120, 70)
    for _ in range(7):
        tx = rng.randint(0, width)
        draw.rectangle([tx - 6, ground - 10, tx + 6, ground + 40], fill=(92, 64, 40))
        draw.ellipse([tx - 45, ground - 100, tx + 45, ground], fill=green)
    draw.rectangle([0, ground + 20, width, height], fill=_mix(accent, (40, 40, 40), 0.6))

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _pdf_text(text):
    # PDF strings: escape the delimiters; Latin-1 covers German umlauts and ß.
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return escaped.encode("latin-1", errors="replace")


def simple_pdf(title, paragraphs):
    """A valid one-page PDF (A4) with a title and wrapped paragraphs."""
    lines = [(18, title), (11, "")]
    for paragraph in paragraphs:
        words, line = paragraph.split(), ""
        for word in words:
            if len(line) + len(word) + 1 > 90:
                lines.append((11, line))
                line = word
            else:
                line = f"{line} {word}".strip()
        lines += [(11, line), (11, "")]
    content = b"BT /F1 11 Tf 56 790 Td 15 TL\n"
    for size, text in lines[:48]:
        content += b"/F1 %d Tf (" % size + _pdf_text(text) + b") Tj T*\n"
    content += b"ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
