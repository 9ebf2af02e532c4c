"""Security headers on every response and no inline code in public pages: the public
Content-Security-Policy forbids inline scripts and styles, so a page that used them
would break in the browser."""

from html.parser import HTMLParser

import pytest

from tests.conftest import host
from tests.security.pages import public_urls  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


class InlineCodeFinder(HTMLParser):
    """Collects every inline script, style block, style attribute and event handler."""

    def __init__(self):
        super().__init__()
        self.found = []
        self._open_script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "style":
            self.found.append("<style>")
        if tag == "script" and "src" not in attrs:
            self._open_script = attrs.get("type", "")
        for name, value in attrs.items():
            if name == "style":
                self.found.append(f'<{tag} style="{value}">')
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"<{tag} {name}=javascript:…>")

    def handle_data(self, data):
        # JSON-LD is data, not code: the browser does not execute it, CSP allows it.
        code = self._open_script is not None and self._open_script != "application/ld+json"
        if code and data.strip():
            self.found.append(f"<script>{data.strip()[:40]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._open_script = None


def inline_code(html):
    finder = InlineCodeFinder()
    finder.feed(html)
    return finder.found


def test_every_public_page_type_has_the_headers_and_no_inline_code(client, public_urls):  # noqa: F811
    checked = 0
    for host_header, path in public_urls:
        response = client.get(path, headers={"host": host_header})
        assert response.status_code in (200, 404), (host_header, path, response.status_code)
        policy = directives(response)
        assert policy["default-src"] == ["'self'"], path
        assert policy["script-src"] == ["'self'"], path
        assert policy["style-src"] == ["'self'"], path
        assert policy["frame-ancestors"] == ["'none'"], path
        assert policy["object-src"] == ["'none'"], path
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in response["Permissions-Policy"]
        assert response["X-Frame-Options"] == "DENY"
        if response["Content-Type"].startswith("text/html"):
            assert inline_code(response.content.decode()) == [], (host_header, path)
            checked += 1
    assert checked >= 20


def test_the_inline_code_finder_finds_what_csp_would_block():
    html = (
        '<style>a{}</style><p style="color:red" onclick="x()">'
        '<a href="javascript:alert(1)">x</a></p><script>alert(1)</script>'
        '<script type="application/ld+json">{"@type": "Event"}</script>'
        '<script src="/static/js/portal.js"></script>'
    )
    assert len(inline_code(html)) == 5


def test_the_district_colours_come_from_a_cacheable_stylesheet(client, kalk):
    page = client.get("/", headers={"host": host("kalk")}).content.decode()
    assert "/farben.css?v=" in page
    response = client.get("/farben.css", headers={"host": host("kalk")})
    assert response["Content-Type"].startswith("text/css")
    assert f"--accent: {kalk.accent_colour};" in response.content.decode()
    assert "max-age=86400" in response["Cache-Control"]
    again = client.get(
        "/farben.css", headers={"host": host("kalk"), "If-None-Match": response["ETag"]}
    )
    assert again.status_code == 304


def test_the_admin_has_its_own_policy_that_lets_the_preview_frame_it(admin_client):
    response = admin_client.get("/admin/", headers={"host": host()})
    assert response.status_code == 200
    policy = directives(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_preview_of_a_page_may_be_framed_by_the_admin_only(admin_client, kalk_home):
    response = admin_client.get(
        f"/admin/pages/{kalk_home.pk}/edit/preview/", headers={"host": host()}
    )
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert directives(response)["frame-ancestors"] == ["'self'"]
