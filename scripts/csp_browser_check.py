"""Open public pages (and the admin) in headless Chromium and report every
Content-Security-Policy violation and every request to another host than the portal's.

Run against a server with the demo content, e.g. `make csp-check` (which starts one):

    .venv/bin/python scripts/csp_browser_check.py --port 8200

Exits 1 when a page shows a violation, so CI can run it.
"""

import argparse
import os
import sys

from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Records violations from the moment the document starts, before any page script runs.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(
    `${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
});
"""


def public_checks(base, port):
    kalk = f"http://kalk.{base}:{port}"
    return [
        ("landing page", f"http://{base}:{port}/", None),
        ("district home", f"{kalk}/", None),
        ("directory with map opened", f"{kalk}/adressen/", "[data-map-load]"),
        ("organisation with map", f"{kalk}/adressen/{{organisation}}/", "[data-map-load]"),
        ("event list", f"{kalk}/termine/", None),
        ("event detail (JSON-LD)", f"{kalk}/termine/{{event}}/", None),
        ("month view", f"{kalk}/termine/monat/", None),
        ("news list", f"{kalk}/aktuelles/", None),
        ("proposal form", f"{kalk}/mitmachen/termin/", None),
        ("form page", f"{kalk}/anmeldung/", None),
        ("search", f"{kalk}/suche/?q=Caf%C3%A9", None),
        ("404", f"{kalk}/gibt-es-nicht/", None),
        ("English landing", f"http://{base}:{port}/en/", None),
    ]


def check(page, label, url, click):
    foreign = []
    page.on(
        "request",
        lambda r: (
            foreign.append(r.url)
            if "localhost" not in r.url.split("/")[2] and not r.url.startswith("data:")
            else None
        ),
    )
    response = page.goto(url, wait_until="networkidle")
    if click:
        page.click(click)
        page.wait_for_selector(".leaflet-container", timeout=10_000)
        page.wait_for_timeout(1500)
    violations = page.evaluate("window.__cspViolations")
    status = response.status if response else "no response"
    return status, violations, foreign


def check_admin(context, args):
    """Log in to the Wagtail admin and open the dashboard, a page editor with its preview
    and the image upload: the admin's own policy must not break it."""
    admin = f"http://{args.base}:{args.port}/admin/"
    page = context.new_page()
    page.goto(f"{admin}login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", args.admin_password)
    page.click("button[type=submit]")
    page.wait_for_url(admin)
    failures = 0
    editor = page.evaluate(
        'document.querySelector(\'a[href*="/admin/pages/"][href$="/edit/"]\')?.href'
    )
    for label, url in [
        ("admin dashboard", admin),
        ("admin page editor", editor or admin),
        ("admin image upload", f"{admin}images/multiple/add/"),
    ]:
        page.goto(url, wait_until="networkidle")
        if "editor" in label:
            preview = page.locator("[data-side-panel-toggle='preview']")
            if preview.count():
                preview.first.click()
                page.wait_for_selector("#w-preview-iframe", timeout=10_000)
                page.wait_for_timeout(3000)
                framed = page.frame_locator("#w-preview-iframe").locator("main").count()
                failures += not framed
                sys.stdout.write(f"    preview panel shows the page: {bool(framed)}\n")
        violations = page.evaluate("window.__cspViolations")
        failures += bool(violations)
        sys.stdout.write(f"{'ok ' if not violations else 'BAD'} {label}: {len(violations)}\n")
        for violation in violations:
            sys.stdout.write(f"      {violation}\n")
    page.close()
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8200)
    parser.add_argument("--base", default="localhost")
    parser.add_argument("--event", default="", help="slug path of an event in Kalk")
    parser.add_argument("--organisation", default="", help="slug of a Kalk directory entry")
    parser.add_argument("--admin-password", default="", help="also check the admin as 'admin'")
    args = parser.parse_args()
    failures = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                f"--host-resolver-rules=MAP *.{args.base} 127.0.0.1, MAP {args.base} 127.0.0.1",
            ],
        )
        context = browser.new_context()
        context.add_init_script(LISTEN)
        # Tiles would come from OpenStreetMap: answer them locally, count them as allowed.
        context.route(
            "https://tile.openstreetmap.org/**",
            lambda route: route.fulfill(status=200, content_type="image/png", body=b""),
        )
        for label, url, click in public_checks(args.base, args.port):
            url = url.format(event=args.event, organisation=args.organisation)
            page = context.new_page()
            status, violations, foreign = check(page, label, url, click)
            foreign = [u for u in foreign if not u.startswith("https://tile.openstreetmap.org/")]
            ok = not violations and not foreign
            failures += not ok
            sys.stdout.write(
                f"{'ok ' if ok else 'BAD'} {status} {label}: {len(violations)} CSP violations"
                f"{', foreign requests: ' + ', '.join(foreign) if foreign else ''}\n"
            )
            for violation in violations:
                sys.stdout.write(f"      {violation}\n")
            page.close()
        if args.admin_password:
            failures += check_admin(context, args)
        browser.close()
    sys.stdout.write(f"{failures} page(s) with problems\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
